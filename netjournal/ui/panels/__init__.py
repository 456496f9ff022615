"""The workspace panes: contacts, timeline, search results, relationship, network overview, prompts."""
