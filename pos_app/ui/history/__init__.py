"""The sale history at the till: past sales and returns, their detail, reprints (issue 17)."""
