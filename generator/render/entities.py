"""Detail pages, one per entity: list items, departments, guides, model texts."""

RENDERERS: list = []
