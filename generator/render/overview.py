"""Site-wide pages: home, the list, mapping tables, cases, complaint channel, working group."""

RENDERERS: list = []
