"""Stage 2, validate: loaded documents -> one `Content` graph, or the problems that stop it.

`graph` builds the graph and checks every cross-file rule (unique keys, references, code
shapes, dates); `pii` is the personal-data guard; `accountability_rules` checks the ledger
and scorecard files. Nothing here computes figures for pages: that is `generator.derive`.
"""
