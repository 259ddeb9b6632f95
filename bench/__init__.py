"""OmniTill's performance suite (DESIGN §9): plain scripts, run with ``python bench/run.py``."""
