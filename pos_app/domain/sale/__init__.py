"""The sale at the till: the basket being rung and settling its total with tenders."""
