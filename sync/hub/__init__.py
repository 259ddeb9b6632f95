"""The central hub (docs/architecture.md §6): FastAPI + SQLAlchemy over SQLite (one store) or
PostgreSQL.

Getting started::

    omnitill hub init --db sqlite:///hub.sqlite3          # migrate; prints an admin token once
    omnitill hub add-store --db … --store paris-11 --name "Paris 11" --rounding 0.05
    omnitill hub set-tax-class --db … --class standard --rate 0.20 --label "VAT 20%"
    omnitill hub import-catalog --db … catalog.csv
    omnitill hub enroll-code --db … --store paris-11     # a one-time code for a till
    omnitill hub serve --db … --host 127.0.0.1 --port 8600 [--workers N, PostgreSQL only]

Tokens: head office uses admin tokens (``ota_…``, made by ``init`` / ``admin-token``); a till
trades a one-time enrollment code for a device token (``otd_…``) at ``POST /v1/enroll``. Both
are sent as ``Authorization: Bearer …`` and stored only as SHA-256 digests; ``omnitill hub
revoke --till ID`` (or ``POST /v1/admin/tills/{id}/revoke``) shuts a till out at once.

Modules: ``app`` (create_app), ``routes_till`` / ``routes_admin`` (HTTP), ``tenancy`` (stores,
tills, tokens), ``ingest`` (events), ``feed`` + ``notify`` (ordered change log, long-poll),
``web_orders`` + ``shopify``, ``lookups``, ``headoffice``, ``catalog_import``, ``simulate``,
``models`` + ``migrations`` (own Alembic history, separate from the till's), ``cli``.
"""
