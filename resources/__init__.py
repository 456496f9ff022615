"""Data files shipped with netjournal (prompt library, icons, stylesheet)."""
