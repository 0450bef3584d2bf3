"""Stage 4, render: content graph -> every output file of the site, as values.

Each renderer is a pure function `Content -> Iterable[Output]`; `render_all` runs
them all and returns the docs tree as a dict (docs-relative path -> text or bytes).
Nothing here touches the disk: the MkDocs hook feeds the outputs to MkDocs as
generated files, and `site.build.write_docs_tree` writes them for engines without hooks.
Pages come from the modules here and `templates/`; `exports`, `feed` and `search/` give the
data files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.model.content import Content


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the docs tree: a Markdown page or an asset (export, index, feed)."""

    path: str  # docs-relative, POSIX, e.g. "items/100004/index.md"
    data: str | bytes


Renderer = Callable[[Content], Iterable[Output]]


def renderers() -> list[Renderer]:
    """Every renderer, in a fixed order (the tree is sorted, so the order only matters for
    duplicate detection and memory). The finder comes first: building its search index is
    the peak of a build's memory, lower while no other page is held yet (2.1 instead of
    2.4 GB at benchmark scale 40)."""
    from generator.render import accountability, analysis, bundles, entities, finder, overview

    return [*finder.RENDERERS, *overview.RENDERERS, *entities.RENDERERS,
            *bundles.RENDERERS, *analysis.RENDERERS, *accountability.RENDERERS]


def render_all(content: Content) -> dict[str, str | bytes]:
    """Run every renderer. Two renderers writing the same path is a bug, not an override."""
    tree: dict[str, str | bytes] = {}
    for renderer in renderers():
        for output in renderer(content):
            if output.path in tree:
                raise ValueError(f"two renderers wrote {output.path}")
            tree[output.path] = output.data
    return dict(sorted(tree.items()))
