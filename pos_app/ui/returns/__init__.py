"""The returns screen: receipts, no receipt, exchanges, web orders, other tills' receipts."""
