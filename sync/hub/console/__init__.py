"""The head-office console: server-rendered pages inside the hub.

README, "The head-office console", says what it offers and to whom.
"""
