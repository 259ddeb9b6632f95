"""Click-and-collect at the store: the queue (read side) and pick, ready, hand-over, cancel,
expire.
"""
