"""Ringing a sale: the register, checkout in one transaction, parked baskets, the drawer."""
