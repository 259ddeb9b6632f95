"""Devices in the till window: receipts, drawer, display, scanner, the demo's simulated devices
panel.
"""
