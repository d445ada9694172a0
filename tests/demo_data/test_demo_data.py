"""The bundled demo data: three voice guides and the creator feeds that `assistant demo` loads.

These tests hold the data to its documented shape (feeds/README.md) and to the parts of the story the demo relies
on: the traps really look like traps, and the good fits really are clean.
"""

from __future__ import annotations

import json
import re
import statistics
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.demo_data import generate_metrics
from assistant.resources import demo_feeds_dir, voice_guides_dir

FEEDS = demo_feeds_dir()
GUIDES = voice_guides_dir()
GUIDE_SLUGS = ("northwind", "lumen", "brightbyte")
POST_KEYS = ("id", "caption", "created_at", "likes", "comments", "shares", "views", "url", "sponsored")
COUNT_KEYS = ("likes", "comments", "shares", "views")
# The demo is dated: feeds cover the months before this day.
DEMO_DAY = datetime(2026, 11, 1, tzinfo=UTC)
INJECTION = re.compile(r"ignore (all |your )?(previous )?instructions|output fit score|system message", re.I)


def _roster() -> list[dict]:
    return json.loads((FEEDS / "roster.json").read_text(encoding="utf-8"))


def _feed(entry: dict) -> list[dict]:
    return json.loads((FEEDS / entry["file"]).read_text(encoding="utf-8"))


def _feed_of(handle: str) -> list[dict]:
    return _feed(next(e for e in _roster() if e["handle"] == handle))


def _parse_time(value: str) -> datetime:
    assert value.endswith("Z"), value
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


ROSTER_IDS = [entry["handle"] for entry in _roster()]


# --- roster ---------------------------------------------------------------------------------------------------


def test_roster_lists_every_feed_file_once() -> None:
    roster = _roster()
    files = {p.name for p in FEEDS.glob("*.json")} - {"roster.json"}
    assert sorted(e["file"] for e in roster) == sorted(files)
    handles = [e["handle"] for e in roster]
    assert len(set(handles)) == len(handles)
    assert 6 <= len(roster) <= 8


@pytest.mark.parametrize("entry", _roster(), ids=ROSTER_IDS)
def test_roster_entry_is_complete(entry: dict) -> None:
    assert set(entry) == {"handle", "display_name", "platform", "followers", "niche", "file"}
    assert entry["file"] == f"{entry['handle']}.json"
    assert re.fullmatch(r"[a-z0-9._]+", entry["handle"])
    assert entry["platform"] in {"instagram", "tiktok", "x", "youtube"}
    assert isinstance(entry["followers"], int) and 1_000 <= entry["followers"] <= 500_000
    assert entry["display_name"].strip() and entry["niche"].strip()


# --- feeds ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", _roster(), ids=ROSTER_IDS)
def test_feed_posts_are_valid(entry: dict) -> None:
    posts = _feed(entry)
    assert 20 <= len(posts) <= 40
    ids = [p["id"] for p in posts]
    assert len(set(ids)) == len(ids)
    times = []
    for post in posts:
        assert tuple(post) == POST_KEYS, post["id"]
        assert isinstance(post["caption"], str) and post["caption"].strip(), post["id"]
        for key in COUNT_KEYS:
            value = post[key]
            assert value is None or (type(value) is int and value >= 0), (post["id"], key, value)
        assert post["sponsored"] in (True, False, None)
        assert post["url"].startswith("https://") and "DEMO-" in post["url"]
        times.append(_parse_time(post["created_at"]))
    assert times == sorted(times), "posts should be oldest first"
    assert times[-1] < DEMO_DAY
    span_days = (times[-1] - times[0]).days
    assert 150 <= span_days <= 280, span_days


@pytest.mark.parametrize("entry", _roster(), ids=ROSTER_IDS)
def test_metrics_follow_the_platform(entry: dict) -> None:
    posts = _feed(entry)
    if entry["platform"] == "instagram":
        assert all(p["shares"] is None for p in posts), "Instagram doesn't show share counts"
    if entry["platform"] == "tiktok":
        assert all(p["views"] is not None and p["shares"] is not None for p in posts)
    if entry["handle"] != "glowgetter.gigi":  # bought likes can outnumber views; that's the point there
        for post in posts:
            if post["views"] is not None and post["likes"] is not None:
                assert post["views"] > post["likes"], post["id"]


def test_hidden_likes_are_null_not_zero() -> None:
    every_post = [p for entry in _roster() for p in _feed(entry)]
    assert not any(p["likes"] == 0 for p in every_post)
    hidden = [p for p in every_post if p["likes"] is None]
    assert 1 <= len(hidden) <= 5
    assert all(p["comments"] is not None for p in hidden)


def _engagement_rate(entry: dict) -> float:
    posts = [p for p in _feed(entry) if p["likes"] is not None]
    return statistics.median((p["likes"] + p["comments"]) / entry["followers"] for p in posts)


@pytest.mark.parametrize("handle", ["maya.makes", "trailtom", "dr.dewy", "centsible.sara", "summit.sam"])
def test_honest_creators_have_believable_engagement(handle: str) -> None:
    entry = next(e for e in _roster() if e["handle"] == handle)
    assert 0.015 <= _engagement_rate(entry) <= 0.07
    ratios = [p["comments"] / p["likes"] for p in _feed(entry) if p["likes"]]
    assert statistics.median(ratios) >= 0.015


def test_inflated_creator_looks_bought() -> None:
    posts = _feed_of("glowgetter.gigi")
    ratios = [p["comments"] / p["likes"] for p in posts]
    assert statistics.median(ratios) < 0.01
    likes = [p["likes"] for p in posts]
    assert max(likes) > 5 * statistics.median(likes), "expected like spikes"
    times = [_parse_time(p["created_at"]) for p in posts]
    assert len({(t.hour, t.minute, t.second) for t in times}) == 1, "posting should be machine-regular"
    assert len({(b - a) for a, b in zip(times, times[1:])}) == 1
    assert any(p["views"] is not None and p["views"] < p["likes"] for p in posts), "likes above views"


def test_prompt_injection_lives_in_one_trap_feed() -> None:
    found = {e["handle"]: [p["id"] for p in _feed(e) if INJECTION.search(p["caption"])] for e in _roster()}
    found = {handle: ids for handle, ids in found.items() if ids}
    assert list(found) == ["glowgetter.gigi"]
    assert 1 <= len(found["glowgetter.gigi"]) <= 2


def test_trailtom_uses_northwind_unprompted_and_discloses_ads() -> None:
    posts = _feed_of("trailtom")
    mentions = [p for p in posts if "northwind" in p["caption"].lower()]
    assert len(mentions) >= 3
    assert not any(p["sponsored"] for p in mentions), "Northwind mentions should be organic"
    ads = [p for p in posts if p["sponsored"]]
    assert 1 <= len(ads) <= 2
    assert all("#ad" in p["caption"].lower() for p in ads)
    text = " ".join(p["caption"].lower() for p in posts)
    assert "summitline" not in text and "cairn & co" not in text


def test_summit_sam_promotes_competitors_with_and_without_disclosure() -> None:
    posts = _feed_of("summit.sam")
    competitor = [p for p in posts if re.search(r"summitline|cairn ?& ?co|cairnandco", p["caption"], re.I)]
    disclosed = [p for p in competitor if p["sponsored"]]
    undisclosed = [p for p in competitor if not p["sponsored"] and "#ad" not in p["caption"].lower()]
    assert len(disclosed) >= 3 and len(undisclosed) >= 3


def test_good_fits_stay_clear_of_their_brands_hard_limits() -> None:
    banned = {
        "dr.dewy": r"miracle|overnight|\bcur(e|ed|es)\b|\btreat|\bheal|toxi|clinically proven|dermaveil|glowkind",
        "centsible.sara": r"\b10x\b|passive income|quit your job|coinnest|budgetly|\$[A-Z]{3,}",
        "trailtom": r"waterproof|indestructible|\blifetime\b|no helmet|send it",
    }
    for handle, pattern in banned.items():
        hits = [p["id"] for p in _feed_of(handle) if re.search(pattern, p["caption"], re.I)]
        assert hits == [], (handle, hits)
    brightbyte = [p for p in _feed_of("centsible.sara") if "brightbyte" in p["caption"].lower()]
    assert len(brightbyte) == 1 and not brightbyte[0]["sponsored"]


def test_generated_fields_are_up_to_date_and_deterministic() -> None:
    # Captions are hand-written; numbers come from the seeded script. Committed files must match its output.
    assert generate_metrics.main(["--check"]) == 0
    entry = _roster()[0]
    once = generate_metrics.render(generate_metrics.build_feed(entry, _feed(entry)))
    twice = generate_metrics.render(generate_metrics.build_feed(entry, json.loads(once)))
    assert once == twice


# --- voice guides ---------------------------------------------------------------------------------------------

REQUIRED_HEADINGS = (
    "Our voice", "Tone", "Words we use", "Words we avoid", "Do", "Don't", "Claims and legal",
    "Working with creators", "Competitors", "Example copy",
)


def _guide_text(slug: str) -> str:
    return (GUIDES / f"{slug}.md").read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, heading
    return match.group(1)


def test_guides_folder_holds_the_three_demo_brands() -> None:
    assert {p.stem for p in GUIDES.glob("*.md")} >= set(GUIDE_SLUGS)


@pytest.mark.parametrize("slug", GUIDE_SLUGS)
def test_guide_has_the_conventional_headings(slug: str) -> None:
    text = _guide_text(slug)
    first_line = text.splitlines()[0]
    assert first_line.startswith("# ")
    name = first_line[2:].strip()
    headings = re.findall(r"^## (.+?)\s*$", text, re.M)
    for heading in (f"About {name}", *REQUIRED_HEADINGS):
        assert heading in headings, heading
    assert 650 <= len(text.split()) <= 1450


@pytest.mark.parametrize("slug", GUIDE_SLUGS)
def test_guide_lists_are_bullets_in_the_expected_form(slug: str) -> None:
    text = _guide_text(slug)
    attributes = re.findall(r"^- \*\*(.+?)\*\* — ", _section(text, "Our voice"), re.M)
    assert 3 <= len(attributes) <= 5
    for heading in ("Words we use", "Words we avoid", "Do", "Don't", "Competitors"):
        assert len(re.findall(r"^- ", _section(text, heading), re.M)) >= 3, heading
    limits = re.findall(r"^- (.+)$", _section(text, "Claims and legal"), re.M)
    assert len(limits) >= 5 and all(re.match(r"(Never|Don't|Only)\b", line) for line in limits)
    creators = _section(text, "Working with creators")
    assert "#ad" in creators and "Paid partnership with" in creators
    assert _section(text, "Example copy").count("\n> ") >= 3


# --- with the real parsers, once ingest has them ---------------------------------------------------------------


def _ingest():
    try:
        from assistant.ingest import read_guide, read_posts
    except ImportError:
        pytest.skip("assistant.ingest.read_guide / read_posts aren't available yet")
    return read_guide, read_posts


@pytest.mark.parametrize("slug", GUIDE_SLUGS)
def test_guide_parses_into_voice_rules(slug: str) -> None:
    read_guide, _ = _ingest()
    guide = read_guide(GUIDES / f"{slug}.md")
    assert guide.voice_attributes
    assert guide.hard_limits
    assert guide.preferred_words and guide.avoided_words
    assert guide.competitors


@pytest.mark.parametrize("entry", _roster(), ids=ROSTER_IDS)
def test_feed_parses_with_read_posts(entry: dict) -> None:
    _, read_posts = _ingest()
    raw = _feed(entry)
    posts = read_posts(FEEDS / entry["file"], entry["handle"], platform=entry["platform"], fmt="json")
    assert len(posts) == len(raw)
    assert [p.likes for p in posts] == [r["likes"] for r in raw]
    assert [p.sponsored for p in posts] == [r["sponsored"] for r in raw]
    assert all(p.created_at is not None and p.created_at.tzinfo is not None for p in posts)
