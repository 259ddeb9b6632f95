"""The head-office console: server-rendered pages inside the hub.

docs/architecture.md §10 and §10.1, and the README ("The head-office console") say what it offers.
"""
