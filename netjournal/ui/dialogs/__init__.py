"""Modal dialogs: create a journal, change the passphrase, and the entry and person forms."""
