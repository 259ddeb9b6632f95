"""The store and this till: its context, first-run set-up, the receipt journal, stock as shown."""
