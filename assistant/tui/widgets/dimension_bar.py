"""A labelled horizontal bar for one fit dimension: 0-100 with the score, or a hatched 'unknown'."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

LABEL_WIDTH = 13
SCORE_WIDTH = 4
PARTIAL_BLOCKS = " ▏▎▍▌▋▊▉"


def score_band(score: int | None) -> str:
    """'high' (70+), 'mid' (40-69), 'low' (under 40) or 'unknown' (no data to judge)."""
    if score is None:
        return "unknown"
    if score >= 70:
        return "high"
    if score >= 40:
        return "mid"
    return "low"


def bar_cells(score: int, width: int) -> tuple[str, int]:
    """The filled part of a bar of ``width`` cells for ``score`` (eighth blocks), and how many cells it uses."""
    eighths = round(max(0, min(100, score)) / 100 * width * 8)
    full, partial = divmod(eighths, 8)
    filled = "█" * full + (PARTIAL_BLOCKS[partial] if partial else "")
    return filled, len(filled)


class DimensionBar(Widget):
    """One row of the scorecard. Colours come from the component classes, styled in app.tcss."""

    COMPONENT_CLASSES = {
        "dimension-bar--label",
        "dimension-bar--high",
        "dimension-bar--mid",
        "dimension-bar--low",
        "dimension-bar--unknown",
        "dimension-bar--track",
    }

    score: reactive[int | None] = reactive(None)

    def __init__(self, name: str, score: int | None = None, *, reason: str = "", id: str | None = None) -> None:
        super().__init__(id=id, classes="dimension-bar")
        self.dimension = name
        self.set_reactive(DimensionBar.score, score)
        self.reason = reason
        if reason:
            self.tooltip = reason

    def update(self, score: int | None, reason: str = "") -> None:
        self.reason = reason
        self.tooltip = reason or None
        self.score = score

    def render(self) -> Text:
        width = max(4, self.size.width - LABEL_WIDTH - SCORE_WIDTH)
        band = score_band(self.score)
        label_style = self.get_component_rich_style("dimension-bar--label")
        track_style = self.get_component_rich_style("dimension-bar--track")
        band_style = self.get_component_rich_style(f"dimension-bar--{band}")
        text = Text(no_wrap=True, overflow="crop")
        text.append(self.dimension.replace("_", " ")[: LABEL_WIDTH - 1].ljust(LABEL_WIDTH), label_style)
        if self.score is None:
            word = " unknown "
            side = max(0, width - len(word))
            text.append(("╌" * (side // 2) + word + "╌" * (side - side // 2))[:width], band_style)
            text.append("?".rjust(SCORE_WIDTH), band_style)
        else:
            filled, used = bar_cells(self.score, width)
            text.append(filled, band_style)
            text.append("─" * (width - used), track_style)
            text.append(str(self.score).rjust(SCORE_WIDTH), band_style)
        return text
