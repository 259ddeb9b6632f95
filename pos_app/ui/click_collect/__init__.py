"""The click-and-collect screen and its controller."""
