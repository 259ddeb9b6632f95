"""The sale screen: its controller, basket, search, totals, tenders, receipt, parked baskets,
drawer.
"""
