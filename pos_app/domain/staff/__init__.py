"""Staff: the roles a store's people have (see docs/architecture.md §1.1)."""
