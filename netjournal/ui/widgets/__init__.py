"""Reusable widgets and helpers: balance chart, strength meter, colours, icons, message boxes."""
