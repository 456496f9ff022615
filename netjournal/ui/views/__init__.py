"""Pages of the workspace's centre beside the timeline: over time, on this day, overdue, introductions, tags."""
