"""The till window (PySide6 only): a thin layer over the Qt-free services.

``app`` is the composition root (engines, services, lanes, widgets); each workflow has a
subpackage of screens and controllers (``sale``, ``returns``, ``click_collect`` …). Threads
(``DbLane``, ``SearchLane``, ``HubLane``, device workers), how a scan becomes a sale line, and
the layering rules are in docs/architecture.md (§1, §4, §11); each module's docstring says
what it decides. Errors are inline, never modal; every user-visible string goes through
``self.tr``.
"""
