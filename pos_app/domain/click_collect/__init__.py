"""Click-and-collect: the order state machine and the bag label (see docs/architecture.md)."""
