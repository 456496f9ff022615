"""The operations the window and the command line call, one transaction each, and the change notification."""
