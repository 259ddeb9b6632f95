"""Staff credentials shared by the till and the hub (docs/architecture.md)."""
