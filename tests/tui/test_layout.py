"""The chat's layout at 80x24, 120x35 and 200x50 (issue #15): no blank gap in the panel, nothing cut off, the
scorecard and the drafts in view together, and nothing jumps when a draft arrives."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.tui.app import make_app
from assistant.tui.widgets.dimension_bar import DimensionBar
from tests.tui.helpers import send, wait_ready

SIZES = [(80, 24), (120, 35), (200, 50)]
FIT = "is @dr.dewy a fit for lumen?"
BRIEF = "/brief lumen @dr.dewy barrier serum launch --goal conversions --start 2027-03-02"


def _inside(inner, outer) -> bool:  # noqa: ANN001 - two Regions
    return outer.contains_region(inner)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_panel_keeps_the_scorecard_and_the_drafts_in_view_without_gaps(
    offline_settings: Settings, size: tuple[int, int]
) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=size) as pilot:
        screen = await wait_ready(pilot)
        # The welcome starts at the top of the log, not at the bottom of an empty window.
        log = screen.chat_log
        first = log.messages[0]
        assert first.region.y - log.content_region.y == first.styles.margin.top, "blank rows above the welcome"
        await send(pilot, FIT)
        panel = screen.panel
        card = panel.fit_card
        before = card.region
        await send(pilot, BRIEF)  # a draft arrives: the panel used to scroll and leave ~8 blank rows
        assert card.region == before, "the scorecard moved when the draft arrived"
        assert log.scroll_y == log.max_scroll_y > 0  # the log follows the latest message once it is full

        content = panel.content_region
        assert _inside(panel.region, screen.region)
        # Every part of the panel that is shown lies inside it: nothing cut off.
        shown = [w for w in panel.query("*") if w.display and w.region.height]
        for widget in shown:
            assert _inside(widget.region, content), f"{widget!r} is cut off at {size}"
        for bar in card.query(DimensionBar):
            assert bar.display and _inside(bar.region, content)
        assert _inside(card.query_one("#fit-verdict").region, content)
        drafts = panel.draft_list
        assert drafts.display and drafts.region.height >= 1 and drafts.option_count == 1
        # No gap: each part of the panel starts where the previous one ends (plus its own margin), and the drafts
        # list takes the panel down to its bottom.
        parts = [w for w in panel.children if w.display]
        for previous, part in zip(parts, parts[1:]):
            gap = part.region.y - previous.region.bottom
            assert gap == part.styles.margin.top, f"{gap} blank rows above {part!r} at {size}"
        assert parts[-1] is drafts and drafts.region.bottom == content.bottom
        # The chat keeps most of the width, and the footer's keys all fit on the line.
        assert screen.chat_log.size.width > panel.size.width
        for key in screen.query("FooterKey"):
            assert key.region.right <= size[0], f"{key!r} is cut off at {size}"
