"""Returns: what may come back, for how much, to which tender, and who approves."""
