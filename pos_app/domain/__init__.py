"""OmniTill's pure domain core: money, barcodes, catalog items, tax, basket, tenders, receipts.

Nothing here does I/O or imports Qt, SQLAlchemy or any other OmniTill package, so every rule can
be unit-tested in isolation and reused by the till, the hub and the tests alike.
"""
