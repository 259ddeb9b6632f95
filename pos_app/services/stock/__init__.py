"""Stock across the chain at the till: other stores' and the warehouse's available-to-sell."""
