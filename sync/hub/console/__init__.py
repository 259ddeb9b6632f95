"""The head-office console: server-rendered pages inside the hub (docs/architecture.md)."""
