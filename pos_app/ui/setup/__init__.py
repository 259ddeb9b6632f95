"""First run: connect to a hub or set up a standalone shop, then the devices."""
