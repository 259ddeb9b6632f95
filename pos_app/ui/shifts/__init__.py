"""The store day at the till: shift open/close, cash movements, X and Z reports."""
