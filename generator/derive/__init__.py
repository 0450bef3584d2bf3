"""Stage 3, derive: the validated `Content` -> facts computed from it for pages and checks.

The working calendar and deadlines (`calendar`), edition changes (`edition_changes`), stale
guides (`staleness`), the correspondence report, ledger figures, the scorecard, data quality
and the four reductions. Pure functions of the content and the "as of" date.
"""
