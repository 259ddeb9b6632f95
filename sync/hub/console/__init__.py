"""The head-office console: server-rendered pages inside the hub (README, "The head-office console")."""
