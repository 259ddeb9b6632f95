"""The sale screen's promotion features: deals panel, hints, coupon entry, promotion prices."""
