"""The sale screen's stock panel: a SKU's stock in every store and the warehouse."""
