"""netjournal: an offline, encrypted journal of professional relationships."""

__version__ = "0.1.0"
