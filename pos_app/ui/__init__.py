"""The till window (PySide6 only). A thin layer over the Qt-free services.

Modules: ``app`` (composition root: engines, services, lanes, widgets; ``build_till`` /
``run_till`` / ``run_demo_window``), ``controller`` (slots: one gesture → one service call,
DB work on the lane, outcome shown), ``runner`` (DbLane, SearchLane, GuiCatalog), ``scanner``
(app-wide wedge-scanner filter), ``idle`` (auto-lock), ``basket_model``, and one module per
view: ``signin_view``, ``sale_view`` (+ ``search_panel``, ``totals_panel``, ``prompt_panel``,
``parked_panel``), ``tender_panel``, ``receipt_view``, ``status_bar``, ``main_window``.

Decisions (see also each module's docstring):

- Threads: every database write runs on ``DbLane`` (one worker thread = the single writer),
  each op in its own transaction, results/exceptions delivered to GUI-thread callbacks via a
  queued signal. Ops return domain dataclasses only; sessions never leave the worker. The
  basket handed to the lane is a snapshot copy. Type-ahead runs on ``SearchLane`` (its own
  reader connection, 80 ms debounce, overtaken requests skipped, stale answers dropped).
- Scan look-up on the GUI thread: a barcode is one indexed query (bench/bench_ui.py at 1M
  SKUs: the look-up alone p99 < 1 ms, scan Enter → row in the model p99 ≈ 2 ms against the
  5 ms budget). A hop to a worker and back would cost more than the query and complicate the
  ordering of scans with the cashier's own edits, so it stays synchronous; each look-up is a
  short read transaction on a read-only connection (no snapshot pinned in WAL).
- Scanner vs. person: ``ScanFilter`` holds printable keys for at most ``flush_ms`` (100 ms)
  and replays them to their widget if no burst follows; keys at most ``max_gap_ms`` (50 ms)
  apart by their own time stamps, Shift included, are one burst; bursts of ≥ 4 characters
  ending in Enter (or the configured suffix, optional prefix) become ``barcode_scanned``. A
  person's keys reach the search box ≤ 100 ms late; a scan never lands in a text field.
- Sign-in is PIN-only (scrypt, checked against each active staff member on the lane) or a
  badge scan. Signing out or the idle lock with an open basket parks it (never lost).
- Permissions are enforced by ``services.register.Register`` and ``services.auth.require``;
  on ``PermissionDeniedError`` the UI asks for a manager PIN + reason inline and retries the
  action with the journaled ``Approval``.
- Errors are inline (``InlineMessage``: colour, bold, beep), never modal; the cashier keeps
  scanning and the next good scan clears the message.
- Devices (``device_controller``, over the Qt-free ``hardware.till_devices``/``hardware.config``):
  the sale and the drawer open it causes (cash tendered) are journaled in ONE transaction on
  the DB lane (``DrawerService.record_sale_open`` inside the checkout op), so a kick is never
  unjournaled and a sale never half-journaled; only after the commit are the kick (printer
  worker, before the receipt) and the print (``PrintQueue``) submitted. Nothing waits for a
  device on the GUI thread; results return as ``DeviceSignals``. A failed receipt waits in the
  queue, the status bar counts it, a status probe (15 s) or the queue's backoff prints it
  when the printer is back. No-sale opens (Ctrl+D) need ``Permission.NO_SALE`` (supervisor+)
  or a manager approval, then are journaled in their own transaction before the kick.
  Settings: ``devices.toml``/``.json`` in the data folder (none → "No printer").
- Every user-visible string goes through ``self.tr``; messages from the domain and services
  are English for now (they are built in Qt-free code; translating them needs message ids).
"""
