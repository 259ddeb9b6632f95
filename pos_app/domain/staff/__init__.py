"""Staff: the roles a store's people have and their PIN hashes, shared by the till and the hub
(see docs/architecture.md §1.1)."""
