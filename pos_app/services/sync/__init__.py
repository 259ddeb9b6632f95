"""The till's side of sync that needs the till database: feed apply, runtime, state, event
payloads, enrollment.
"""
