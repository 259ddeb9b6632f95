"""OmniTill's performance suite (docs/architecture.md §9): plain scripts, run with ``python
bench/run.py``."""
