"""Customers at the till: look-up, the offline cache, creation and emailed receipts."""
