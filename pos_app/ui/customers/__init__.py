"""The customer panel and the email-receipt bar, and their controller."""
