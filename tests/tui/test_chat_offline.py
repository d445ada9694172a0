"""The chat on the offline engine, driven with Pilot: real requests typed into the input, the real brain."""

from __future__ import annotations

from assistant.config import Settings
from assistant.services import Services
from assistant.tui.app import make_app
from assistant.tui.widgets.dimension_bar import DimensionBar
from assistant.tui.widgets.draft_list import DraftList
from assistant.tui.widgets.fit_card import engagement_values
from tests.tui.helpers import send, settle, wait_ready

SIZE = (120, 40)


async def test_fit_question_replies_with_the_score_and_draws_the_scorecard(offline_settings: Settings) -> None:
    expected = Services(offline_settings).fit("northwind", "trailtom")
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        reply = await send(pilot, "is @trailtom a fit for northwind?")

        assert f"{expected.score}/100" in reply.text
        assert not reply.has_class("-error") and not reply.has_class("-stopped")
        panel = screen.panel
        assert (panel.brand, panel.influencer) == ("northwind", "trailtom")
        card = panel.fit_card
        assert card.assessment is not None and card.assessment.score == expected.score
        verdict = str(card.query_one("#fit-verdict").render())
        assert f"{expected.score}/100" in verdict and expected.verdict in verdict
        assert card.query_one("#fit-verdict").has_class(f"-{expected.verdict}")
        for dimension in expected.dimensions:
            bar = card.query_one(f"#dim-{dimension.name}", DimensionBar)
            assert bar.display and bar.score == dimension.score
            assert (str(dimension.score) if dimension.score is not None else "unknown") in str(bar.render())
        spark = card.query_one("#engagement")
        assert list(spark.data) == engagement_values(expected)
        assert len(spark.data) >= 2


async def test_brief_request_lists_the_draft_and_opens_it(offline_settings: Settings, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        reply = await send(pilot, "/brief lumen @dr.dewy barrier serum launch --goal conversions")

        saved = screen.services.history.list_drafts(conversation_id=screen.brain.conversation_id)
        assert len(saved) == 1 and saved[0].kind == "brief"
        assert saved[0].id in reply.text
        drafts = screen.query_one(DraftList)
        assert drafts.option_count == 1
        assert drafts.get_option_at_index(0).id == saved[0].id
        assert saved[0].title in str(drafts.get_option_at_index(0).prompt)
        assert "barrier serum launch" in saved[0].title.lower()

        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        from assistant.tui.screens.draft_screen import DraftScreen

        assert isinstance(app.screen, DraftScreen)
        assert app.screen.query_one("#draft-markdown").source == saved[0].markdown
        await pilot.press("ctrl+g")  # copy from the draft screen
        await pilot.pause()
        assert app.clipboard == saved[0].markdown
        await pilot.click("#export")
        await settle(pilot)
        from assistant.tui.screens.export_screen import ExportScreen

        assert isinstance(app.screen, ExportScreen)  # asks where, offering a file in the working directory
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DraftScreen)  # still reading it; the chat behind says where it went
        written = list(tmp_path.resolve().glob("*.md"))
        assert [p.read_text(encoding="utf-8") for p in written] == [saved[0].markdown]
        assert str(written[0]) in screen.chat_log.messages[-1].text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_copy_and_export_the_latest_draft(offline_settings: Settings, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        await send(pilot, "Write @centsible.sara a DM for brightbyte")
        draft = screen.latest_draft()
        assert draft is not None and draft.kind == "outreach"

        await send(pilot, "/copy", wait=False)  # the chat's own slash command, not the brain's
        assert app.clipboard == draft.markdown
        assert "Copied" in screen.chat_log.messages[-1].text
        assert screen.brain.history()[-1].role == "assistant"  # /copy never reached the brain

        await pilot.press("ctrl+s")
        await settle(pilot)
        from assistant.tui.screens.export_screen import ExportScreen

        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path")
        assert path_input.value == str(tmp_path.resolve() / "dm-to-centsible-sara-for-brightbyte.md") or \
            path_input.value.startswith(str(tmp_path.resolve()))
        path_input.value = "exports/sara"  # a relative path: from the working directory, .md added
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        written = sorted((tmp_path / "exports").glob("*.md"))
        assert [p.name for p in written] == ["sara.md"]
        assert not list(offline_settings.drafts_dir.glob("*.md"))  # not into the hidden data folder
        assert written[0].read_text(encoding="utf-8") == draft.markdown
        exported = [m for m in screen.chat_log.messages if m.role == "notice" and "Exported" in m.text]
        assert exported and str(written[0]) in exported[-1].text


async def test_copy_without_a_draft_says_so(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.clipboard == ""
        assert "No draft yet" in screen.chat_log.messages[-1].text


async def test_enter_sends_and_ctrl_j_adds_a_line(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        screen.prompt.focus()
        await pilot.press(*"check this for lumen:", "ctrl+j", *"so gentle", "alt+enter", *"fragrance free")
        assert screen.prompt.text == "check this for lumen:\nso gentle\nfragrance free"
        await pilot.press("enter")
        await pilot.pause()
        user = [m for m in screen.chat_log.messages if m.role == "user"][-1]
        assert user.text.count("\n") == 2  # the user's line breaks are kept as Markdown hard breaks
        assert screen.prompt.text == ""

        await settle(pilot)
        turns = screen.brain.history()
        assert turns[0].role == "user" and turns[0].content == "check this for lumen:\nso gentle\nfragrance free"


async def test_picking_a_pair_in_the_panel_sets_the_context_and_draws_its_fit(offline_settings: Settings) -> None:
    expected = Services(offline_settings).fit("lumen", "dr.dewy")
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        screen.panel.brand_select.value = "lumen"
        await pilot.pause()
        screen.panel.creator_select.value = "dr.dewy"

        await settle(pilot)
        assert (screen.brain.brand, screen.brain.influencer) == ("lumen", "dr.dewy")
        assert screen.panel.fit_card.assessment is not None
        assert screen.panel.fit_card.assessment.score == expected.score
        # The pick is remembered with the conversation, so "is she a fit?" now means this pair.
        reply = await send(pilot, "/fit")
        assert f"{expected.score}/100" in reply.text


async def test_messages_sent_while_a_reply_runs_are_answered_in_order(offline_settings: Settings) -> None:
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        await send(pilot, "/brands", wait=False)
        await send(pilot, "/creators", wait=False)

        await settle(pilot)
        users = [m.text for m in screen.chat_log.messages if m.role == "user"]
        assert users == ["/brands", "/creators"]
        replies = [m for m in screen.chat_log.messages if m.role == "assistant"]
        assert len(replies) == 2
        assert "northwind" in replies[0].text.lower() and "@trailtom" in replies[1].text.lower()
        assert [t.role for t in screen.brain.history()] == ["user", "assistant", "user", "assistant"]


async def test_errors_are_readable_lines_in_the_chat_not_tracebacks(offline_settings: Settings, tmp_path) -> None:
    bad = tmp_path / "guide.md"
    bad.write_bytes(b"# Guide\n\x00\x01binary")
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        reply = await send(pilot, f"/ingest {bad}")
        assert str(bad) in reply.text
        assert "Traceback" not in reply.text
        reply = await send(pilot, "is @trailtom a fit for acme?")
        brands = [b.slug for b in Services(offline_settings).store.list_brands()]
        assert all(slug in reply.text for slug in brands)  # asks which brand, naming the ones it knows
        assert not reply.has_class("-error")


async def test_ingest_from_the_palette_adds_a_creator_or_says_what_is_wrong(offline_settings: Settings, tmp_path) -> None:
    posts = tmp_path / "posts.csv"
    posts.write_text("text,created_at,likes,comments\nMorning run by the canal.,2026-01-05T08:00:00,40,3\n", encoding="utf-8")
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        from assistant.tui.screens.ingest_screen import IngestScreen
        from tests.tui.helpers import notices

        await screen.run_action("ingest")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, IngestScreen)
        dialog.query_one("#ingest-path").value = str(tmp_path / "missing.csv")
        dialog.query_one("#ingest-handle").value = "newbie"
        await pilot.click("#ingest")
        await settle(pilot)
        # A bad path is said in the dialog, which stays open to fix it.
        assert app.screen is dialog
        error = str(dialog.query_one("#ingest-error").render())
        assert dialog.query_one("#ingest-error").display and "missing.csv" in error and "Traceback" not in error
        dialog.query_one("#ingest-path").value = str(posts)
        await pilot.click("#ingest")
        await settle(pilot)
        assert app.screen is screen
        # The brain's own /ingest adds to the panel's lists too.
        reply = await send(pilot, f"/ingest {posts} --influencer canal.runner")
        assert "canal.runner" in reply.text
        assert "canal.runner" in [value for _, value in screen.panel.choices("creator")]
        assert any("@newbie" in line for line in notices(pilot))
        assert "newbie" in [value for _, value in screen.panel.choices("creator")]


async def test_a_fit_request_scores_the_pair_once(offline_settings: Settings) -> None:
    # The panel draws the assessment the brain's reply made instead of computing it again (issue #13).
    app = make_app(offline_settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_ready(pilot)
        calls: list[tuple[str, str]] = []
        fit = screen.services.fit

        def counted(brand: str, influencer: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            calls.append((brand, influencer))
            return fit(brand, influencer, *args, **kwargs)

        screen.services.fit = counted
        await send(pilot, "is @trailtom a fit for northwind?")
        assert screen.panel.fit_card.pair == ("northwind", "trailtom")
        assert calls.count(("northwind", "trailtom")) <= 1, calls  # the reply's own, if it goes through services.fit
