"""Reserved for page renderers that fit neither the site-wide overview pages
(`overview.py`) nor the entity detail pages (`entities.py`). The home page moved
to `overview.py` with the other site-wide pages."""

RENDERERS: list = []
