"""Static SVG charts drawn at build time (no chart library, no CDN).

Each chart is an accessible <svg role="img"> with a <title>; pages always put a text
table with the same figures beside it, so the chart is never the only way to read them.
"""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 150
BAR_WIDTH = 300
VALUE_WIDTH = 70


def bar_chart(title: str, rows: list[tuple[str, float]], *, maximum: float | None = None,
              unit: str = "", percent: bool = False) -> Markup:
    """Horizontal bars, one per (label, value). Values formatted as % when `percent`."""
    top = max([v for _, v in rows] + [maximum or 0, 1e-9])
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg class="qd-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * (value / top), 1) if top else 0
        shown = f"{value * 100:.0f}%" if percent else f"{value:g}{unit}"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT * 0.7:.1f}" text-anchor="end" '
            f'class="qd-chart-label">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" class="qd-chart-bar"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR_HEIGHT * 0.7:.1f}" '
            f'class="qd-chart-value">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
