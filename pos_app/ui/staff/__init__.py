"""Sign-in and auto-lock."""
