"""The translated FAQ in the database: store, translation workflow, public pages, suggestions.

The rules and formats are pure functions in :mod:`faq_i18n`; this package applies them to the
ORM rows and exposes them over HTTP, the CLI and the background workers.
"""
