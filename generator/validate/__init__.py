"""Stage 2, validate: loaded documents -> one `Content` graph, or the problems that stop it.

`graph` builds the graph; each kind of cross-file rule is a module reading `located`:
`uniqueness`, `code_shapes`, `references`, `time_limits`, `consistency`, `attachments`.
`pii` is the personal-data guard; `accountability_rules` checks the ledger and scorecard
files. Figures for pages are computed in `generator.derive`.
"""
