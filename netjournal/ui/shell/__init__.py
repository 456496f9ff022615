"""The window frame and its wiring: pages, actions and menus, commands, locking, settings, failsafe."""
