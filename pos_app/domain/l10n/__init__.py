"""The store's language and formats: locales, CLDR currency facts, Babel formats, message catalogs.

Qt-free, so the till's screens, its receipts, the hub's mails and the command line all format a
price the same way (docs/architecture.md, "Locale and formats"). Import the modules directly
(``pos_app.domain.l10n.formats``...): this package re-exports nothing, which keeps
``domain.money`` free to import ``l10n.currencies`` without a cycle.
"""
