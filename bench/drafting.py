"""Drafting: offline brief and outreach time, and with an LLM, prompt size and model calls per brief.

Offline: ``draft_brief`` / ``draft_outreach`` with the offline engine, the fit assessment computed beforehand
(``Services.brief`` adds one ``assess_fit``, measured under ``fit``). LLM: the same calls with
``LLMDraftingEngine`` against the fake OpenAI-compatible server (``tests/fakes/openai_server.py``, started here
on 127.0.0.1), which records each request and counts its prompt tokens (one per word or punctuation mark, not
BPE: good for comparing sizes, not for billing). The goal is a flat prompt however long the feed is, and one
model call per brief.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from bench.common import MISS, NOT_YET, OK, Row, Scale, best_of, time_row
from bench.datagen import as_records, generate_posts

NAME = "drafting"
NOW = datetime(2028, 2, 1, tzinfo=timezone.utc)  # a month after the generated feeds end
TODAY = date(2028, 2, 1)
FLAT_TOLERANCE = 1.1  # prompt tokens at any size within 10% of the smallest feed's
CALLS_PER_BRIEF = 1


def _fake_reply(body: dict[str, Any]) -> Any:
    """A schema-shaped answer for whichever structure the request asks for (forced tool or json_schema)."""
    from tests.fakes.openai_server import ToolCall, ToolCallsReply, json_reply

    tools = body.get("tools") or []
    name = tools[0]["function"]["name"] if tools else (body.get("response_format") or {}).get("json_schema", {}).get("name", "")
    if "Outreach" in name:
        answer: dict[str, Any] = {
            "subject": None,
            "body": "Hi! Your ridge posts are the most honest gear notes I have read this year. We make packs you can "
                    "repair, and we'd love to send you one for the autumn. No pressure either way.",
            "cited_post_ids": [],
        }
    else:
        answer = {
            "objective": "Show hikers how the kit holds up over a season of real use.",
            "about_brand": "Northwind makes repairable outdoor gear for people who are outside a lot.",
            "audience": "Hikers and backpackers who read long gear posts before they buy.",
            "key_messages": ["Kit that lasts and can be repaired", "Honest numbers: weight, distance, wear"],
            "deliverables": [
                {"channel": "Instagram", "format": "Reel", "quantity": 2, "due_week": 2, "notes": "Field tests."},
                {"channel": "Instagram", "format": "Story set", "quantity": 3, "due_week": 3, "notes": "Packing."},
            ],
            "creative_freedom": "You own the concept, the script and the voice.",
            "example_hooks": ["What held up after 900 km"],
            "cited_post_ids": [],
            "cited_section_ids": [],
        }
    return ToolCallsReply([ToolCall(name, answer)]) if tools else json_reply(answer)


def run(scale: Scale) -> list[Row]:
    try:
        from assistant.drafting import draft_brief, draft_outreach
        from assistant.ingest import read_guide
        from assistant.models import CampaignInputs, InfluencerProfile
        from assistant.resources import voice_guides_dir
    except ImportError as exc:
        return [Row(NAME, "-", "time", status=NOT_YET, note=str(exc))]
    try:
        from assistant.analysis import assess_fit
    except ImportError:
        assess_fit = None  # drafting works without an assessment; the figures say so
    guide = read_guide(voice_guides_dir() / "northwind.md")
    profile = InfluencerProfile(handle="bench.creator", followers=24_000, platform="instagram", niche="hiking and gear")
    inputs = CampaignInputs(campaign="autumn layering kit", goal="engagement", start=date(2028, 3, 1), weeks=12)
    feeds = {}
    for n in scale.draft_sizes:
        posts = as_records(generate_posts(n, seed=scale.seed, niche="outdoors"), profile.handle)
        assessment = assess_fit(guide, profile, posts, now=NOW) if assess_fit else None
        feeds[n] = (posts, assessment)

    rows: list[Row] = []
    for n, (posts, assessment) in feeds.items():
        repeats = scale.repeats if n <= 1_000 else 1
        brief = best_of(lambda: draft_brief(guide, profile, posts, assessment, inputs, today=TODAY), repeats)
        outreach = best_of(lambda: draft_outreach(guide, profile, posts, assessment, inputs, today=TODAY), repeats)
        note = "" if assessment else "no assessment (analysis not available yet)"
        rows.append(time_row(NAME, f"offline brief, {n:,} posts", brief, note=note))
        rows.append(time_row(NAME, f"offline outreach (DM), {n:,} posts", outreach, note=note))
    rows += _llm_rows(scale, guide, profile, inputs, feeds)
    return rows


def _llm_rows(scale: Scale, guide: Any, profile: Any, inputs: Any, feeds: dict[int, tuple[list, Any]]) -> list[Row]:
    import time

    from assistant.config import Settings
    from assistant.drafting import draft_brief

    try:
        from assistant.drafting import LLMDraftingEngine
    except ImportError as exc:
        return [Row(NAME, "LLM brief", "prompt tokens", status=NOT_YET, note=str(exc))]
    from tests.fakes.openai_server import FakeOpenAIServer

    rows: list[Row] = []
    with FakeOpenAIServer() as server:
        server.responder = _fake_reply
        settings = Settings(data_dir=scale.workdir / NAME, llm_provider="compatible", llm_base_url=server.base_url,
                            llm_model="fake-model", OPENAI_API_KEY="bench-key", llm_max_retries=0, llm_timeout=30.0)
        engine = LLMDraftingEngine(settings)
        # One untimed brief first: it imports langchain and openai, which only the first brief of a session pays.
        posts, assessment = feeds[min(feeds)]
        start = time.perf_counter()
        draft_brief(guide, profile, posts, assessment, inputs, engine=engine, today=TODAY)
        cold = time.perf_counter() - start
        first_tokens: int | None = None
        for n, (posts, assessment) in feeds.items():
            seen = len(server.chat_requests)
            start = time.perf_counter()
            brief = draft_brief(guide, profile, posts, assessment, inputs, engine=engine, today=TODAY)
            seconds = time.perf_counter() - start
            requests = server.chat_requests[seen:]
            tokens = sum(r.prompt_tokens for r in requests)
            if brief.engine != "llm" or not requests:
                raise RuntimeError(f"the LLM engine did not draft the brief (engine={brief.engine}, calls={len(requests)})")
            first_tokens = first_tokens or tokens
            growth = tokens / first_tokens
            smallest = min(feeds)
            rows.append(Row(NAME, f"LLM brief (fake server), {n:,} posts", "prompt tokens", tokens,
                            ratio=growth if n != smallest else None,
                            target=f"flat: <= {FLAT_TOLERANCE:g}x the {smallest:,}-post prompt" if n != smallest else "",
                            status=(OK if growth <= FLAT_TOLERANCE else MISS) if n != smallest else "",
                            note=f"ratio = tokens / tokens at {smallest:,} posts" if n != smallest else
                                 "fake server's count: words and marks"))
            rows.append(Row(NAME, f"LLM brief (fake server), {n:,} posts", "model calls", len(requests),
                            target=f"= {CALLS_PER_BRIEF}", status=OK if len(requests) == CALLS_PER_BRIEF else MISS))
            rows.append(Row(NAME, f"LLM brief (fake server), {n:,} posts", "time", seconds, "s",
                            note=f"zero-latency model: our side only; the session's first brief took {cold:.2f} s "
                                 "(imports langchain)"))
    return rows
