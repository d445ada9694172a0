"""The scorecard's bar widget and the small helpers behind the chat (no store needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from assistant.errors import InputError
from assistant.models import SavedDraft
from assistant.tui.exporting import default_export_path, resolve_export_path
from assistant.tui.readable import readable_error
from assistant.tui.widgets.dimension_bar import DimensionBar, bar_cells, score_band
from assistant.tui.widgets.status_line import short_path


class BarApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DimensionBar("voice", 72, reason="Register matches", id="known")
        yield DimensionBar("engagement", None, reason="No follower count", id="unknown")


async def test_unknown_dimension_is_drawn_differently_from_a_low_score() -> None:
    app = BarApp()
    async with app.run_test(size=(40, 4)):
        known = str(app.query_one("#known", DimensionBar).render())
        unknown = str(app.query_one("#unknown", DimensionBar).render())
        assert known.startswith("voice") and known.rstrip().endswith("72") and "█" in known
        assert "unknown" in unknown and unknown.rstrip().endswith("?") and "█" not in unknown
        width = app.query_one("#known", DimensionBar).size.width
        assert len(known) == len(unknown) == width  # label, bar and score fill the row either way
        app.query_one("#known", DimensionBar).update(None)
        assert "unknown" in str(app.query_one("#known", DimensionBar).render())


@pytest.mark.parametrize(("score", "band"), [(None, "unknown"), (0, "low"), (39, "low"), (40, "mid"), (69, "mid"), (70, "high"), (100, "high")])
def test_score_bands(score: int | None, band: str) -> None:
    assert score_band(score) == band


@pytest.mark.parametrize(("score", "width"), [(0, 10), (50, 10), (55, 10), (100, 10), (33, 7)])
def test_bar_length_is_proportional_to_the_score(score: int, width: int) -> None:
    filled, used = bar_cells(score, width)
    eighths = sum(8 if c == "█" else " ▏▎▍▌▋▊▉".index(c) for c in filled)
    assert abs(eighths - score / 100 * width * 8) <= 0.5
    assert used <= width


def test_errors_read_as_one_line_without_a_traceback() -> None:
    assert readable_error(InputError("posts.csv", "row 3: no text", line=3)) == "posts.csv:3: row 3: no text"
    assert readable_error(FileNotFoundError(2, "No such file", "/x/y.md")) == "/x/y.md: no such file"
    assert readable_error(ValueError("bad\nsecond line")) == "ValueError: bad"
    assert readable_error(RuntimeError()) == "RuntimeError"


def test_export_path_is_a_slug_of_the_title_in_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.models import Outreach

    monkeypatch.chdir(tmp_path)
    data = Outreach.model_construct(brand="lumen", influencer="dr.dewy")
    draft = SavedDraft.model_construct(id="abc123def0", kind="outreach", brand="lumen", influencer="dr.dewy",
                                       title="DM to @dr.dewy for Lumen Skin", markdown="hello", data=data)
    path = default_export_path(draft)
    assert path == tmp_path.resolve() / "dm-to-dr-dewy-for-lumen-skin.md" and path.is_absolute()
    path.write_text("another draft with the same title", encoding="utf-8")
    assert default_export_path(draft) == tmp_path.resolve() / "dm-to-dr-dewy-for-lumen-skin-abc123.md"
    # What a typed path means: relative to the working directory, a folder gets the file name, a bare name .md.
    (tmp_path / "out").mkdir()
    assert resolve_export_path("out", draft) == tmp_path.resolve() / "out" / "dm-to-dr-dewy-for-lumen-skin.md"
    assert resolve_export_path("new-folder/", draft) == tmp_path.resolve() / "new-folder" / "dm-to-dr-dewy-for-lumen-skin.md"
    assert resolve_export_path("notes/dm", draft) == tmp_path.resolve() / "notes" / "dm.md"
    assert resolve_export_path(str(tmp_path / "x.txt"), draft) == tmp_path.resolve() / "x.txt"


def test_status_line_paths_use_tilde_for_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert short_path(str(tmp_path / "data" / "chroma")) == "~/data/chroma"
    assert short_path("/elsewhere/chroma") == "/elsewhere/chroma"
    assert short_path("http://10.0.0.5:8000") == "http://10.0.0.5:8000"


class LogApp(App[None]):
    CSS = "ChatLog { height: 1fr; } .message { height: auto; }"

    def compose(self) -> ComposeResult:
        from assistant.tui.widgets.chat_log import ChatLog

        yield ChatLog()


async def test_chat_log_follows_the_stream_until_the_user_scrolls_up() -> None:
    from assistant.tui.widgets.chat_log import ChatLog

    app = LogApp()
    async with app.run_test(size=(60, 12)) as pilot:
        log = app.query_one(ChatLog)
        reply = await log.add("assistant")
        for n in range(16):
            await reply.write(f"line {n}\n\n")
            await pilot.pause()
        await pilot.pause(0.2)
        assert log.max_scroll_y > 0 and log.scroll_y == log.max_scroll_y  # followed the stream

        log.action_page_up()  # the user scrolls up to read
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.2)
        reading_at = round(log.scroll_y)
        assert reading_at < log.max_scroll_y
        for n in range(16, 20):
            await reply.write(f"line {n}\n\n")
            await pilot.pause()
        await pilot.pause(0.2)
        assert round(log.scroll_y) == reading_at  # new text doesn't yank the view away

        log.action_scroll_end()  # back to the bottom: following again
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.2)
        for n in range(20, 23):
            await reply.write(f"line {n}\n\n")
            await pilot.pause()
        await reply.finish("complete")
        await pilot.pause(0.2)
        assert log.scroll_y == log.max_scroll_y
        assert reply.text.count("line") == 23
