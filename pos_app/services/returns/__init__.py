"""Returns and exchanges: originals, pricing, tax, policy, refunds, web orders and other tills'
receipts.
"""
