"""Qt item models for the contact list and the timeline (the contact rows' delegate beside its model)."""
