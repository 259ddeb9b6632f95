"""Promotions and coupons at the till: the store's live promotions, coupon uses."""
