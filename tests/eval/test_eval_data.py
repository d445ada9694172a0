"""Checks that the fit evaluation set is well-formed and that its README describes it truthfully.

These tests validate data only; they do not score anything.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import pytest

from assistant.models.records import Post

EVAL = Path(__file__).resolve().parent
FEEDS = EVAL / "feeds"
README = EVAL / "README.md"

POST_KEYS = {"id", "caption", "created_at", "likes", "comments", "shares", "views", "url", "sponsored"}
COUNT_KEYS = ("likes", "comments", "shares", "views")
ROSTER_KEYS = {"handle", "platform", "followers", "niche", "file"}
VERDICT_BANDS = {"strong": (75, 100), "possible": (40, 74), "poor": (0, 39)}
GUIDE_HEADINGS = [
    "About {name}",
    "Our voice",
    "Tone",
    "Words we use",
    "Words we avoid",
    "Do",
    "Don't",
    "Claims and legal",
    "Working with creators",
    "Competitors",
    "Example copy",
]
WINDOW = (datetime(2026, 3, 1, tzinfo=timezone.utc), datetime(2026, 12, 1, tzinfo=timezone.utc))


@lru_cache(maxsize=None)
def _roster() -> tuple[dict, ...]:
    return tuple(json.loads((FEEDS / "roster.json").read_text(encoding="utf-8")))


@lru_cache(maxsize=None)
def _labels_doc() -> dict:
    return json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))


def _feed(handle: str) -> list[dict]:
    entry = next(e for e in _roster() if e["handle"] == handle)
    return json.loads((FEEDS / entry["file"]).read_text(encoding="utf-8"))


def _handles() -> list[str]:
    return [e["handle"] for e in _roster()]


def _parse_time(value: str) -> datetime:
    assert value.endswith("Z"), f"created_at must be UTC with a Z: {value!r}"
    return datetime.fromisoformat(value[:-1] + "+00:00")


def _creators_with_trap(trap: str) -> set[str]:
    return {lab["influencer"] for lab in _labels_doc()["labels"] if trap in lab["traps"]}


def _readme_table(title: str) -> list[list[str]]:
    """Rows (cells stripped) of the first Markdown table under the '## <title>' heading."""
    text = README.read_text(encoding="utf-8")
    section = text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


# --- roster and feeds -------------------------------------------------------------------------------------------


def test_roster_entries_are_complete_and_unique():
    roster = _roster()
    assert 15 <= len(roster) <= 20
    for entry in roster:
        assert set(entry) == ROSTER_KEYS, entry
        assert entry["handle"] == entry["handle"].strip().lstrip("@").lower()
        assert entry["platform"] in {"instagram", "tiktok", "youtube"}
        assert isinstance(entry["followers"], int) and entry["followers"] > 0
        assert entry["niche"].strip()
    assert len(set(_handles())) == len(roster)


def test_every_roster_entry_has_a_feed_file_and_no_feed_is_orphaned():
    files = {e["file"] for e in _roster()}
    for name in files:
        assert (FEEDS / name).is_file(), f"missing feed file {name}"
    on_disk = {p.name for p in FEEDS.glob("*.json")} - {"roster.json"}
    assert on_disk == files


@pytest.mark.parametrize("handle", _handles())
def test_feed_posts_are_well_formed(handle: str):
    posts = _feed(handle)
    assert isinstance(posts, list) and posts
    ids = [p["id"] for p in posts]
    assert len(set(ids)) == len(ids), "post ids must be unique within a feed"
    for post in posts:
        assert set(post) == POST_KEYS, post
        assert isinstance(post["id"], str) and post["id"].strip()
        assert isinstance(post["caption"], str) and post["caption"].strip()
        created = _parse_time(post["created_at"])
        assert WINDOW[0] <= created < WINDOW[1], post["created_at"]
        for key in COUNT_KEYS:
            value = post[key]
            assert value is None or (type(value) is int and value >= 0), (key, value)
        assert post["url"].startswith("https://")
        assert post["sponsored"] in (True, False, None)


@pytest.mark.parametrize("handle", _handles())
def test_feed_posts_fit_the_post_contract(handle: str):
    platform = next(e["platform"] for e in _roster() if e["handle"] == handle)
    for post in _feed(handle):
        record = Post(
            id=post["id"],
            influencer=handle,
            text=post["caption"],
            created_at=_parse_time(post["created_at"]),
            likes=post["likes"],
            comments=post["comments"],
            shares=post["shares"],
            views=post["views"],
            platform=platform,
            url=post["url"],
            sponsored=post["sponsored"],
            source_id=post["id"],
        )
        assert record.text == post["caption"]


@pytest.mark.parametrize("handle", _handles())
def test_feed_sizes_are_realistic(handle: str):
    count = len(_feed(handle))
    if handle in _creators_with_trap("too_few_posts"):
        assert count < 10
    else:
        assert 20 <= count <= 35


@pytest.mark.parametrize("handle", _handles())
def test_feeds_are_in_date_order(handle: str):
    times = [_parse_time(p["created_at"]) for p in _feed(handle)]
    assert times == sorted(times)


# --- labels -----------------------------------------------------------------------------------------------------


def test_brands_point_at_existing_guides():
    brands = _labels_doc()["brands"]
    assert len(brands) == 3
    for slug, brand in brands.items():
        assert re.fullmatch(r"[a-z0-9-]+", slug)
        assert (EVAL / brand["guide"]).is_file()
        assert brand["name"].strip()
    assert (EVAL / _labels_doc()["roster"]).resolve() == (FEEDS / "roster.json").resolve()


def test_every_brand_creator_pair_is_labelled_exactly_once():
    doc = _labels_doc()
    pairs = [(lab["brand"], lab["influencer"]) for lab in doc["labels"]]
    expected = {(brand, handle) for brand in doc["brands"] for handle in _handles()}
    assert len(pairs) == len(set(pairs)), "a pair is labelled twice"
    assert set(pairs) == expected


def test_labels_are_well_formed():
    for lab in _labels_doc()["labels"]:
        assert set(lab) == {"brand", "influencer", "score", "verdict", "best_fit", "traps", "rationale"}, lab
        assert type(lab["score"]) is int
        assert lab["verdict"] in VERDICT_BANDS
        assert type(lab["best_fit"]) is bool
        assert all(isinstance(t, str) and re.fullmatch(r"[a-z_]+", t) for t in lab["traps"])
        assert len(set(lab["traps"])) == len(lab["traps"])
        assert len(lab["rationale"].split()) >= 8


def test_scores_sit_inside_their_verdict_bands():
    for lab in _labels_doc()["labels"]:
        low, high = VERDICT_BANDS[lab["verdict"]]
        assert low <= lab["score"] <= high, (lab["brand"], lab["influencer"], lab["score"], lab["verdict"])


def test_each_brand_has_one_best_fit_which_is_strong_and_top_scored():
    doc = _labels_doc()
    for brand in doc["brands"]:
        labels = [lab for lab in doc["labels"] if lab["brand"] == brand]
        best = [lab for lab in labels if lab["best_fit"]]
        assert len(best) == 1, brand
        assert best[0]["verdict"] == "strong"
        others = [lab["score"] for lab in labels if not lab["best_fit"]]
        assert best[0]["score"] > max(others)


def test_each_brand_has_partials_and_poor_fits():
    doc = _labels_doc()
    for brand in doc["brands"]:
        verdicts = [lab["verdict"] for lab in doc["labels"] if lab["brand"] == brand]
        assert verdicts.count("possible") >= 2, brand
        assert verdicts.count("poor") >= 5, brand


def test_prompt_injection_creators_stay_poor_everywhere():
    for lab in _labels_doc()["labels"]:
        if "prompt_injection" in lab["traps"]:
            assert lab["verdict"] == "poor"


# --- the traps are really in the data ---------------------------------------------------------------------------


def test_prompt_injection_feeds_contain_an_instruction_to_an_ai():
    handles = _creators_with_trap("prompt_injection")
    assert handles
    for handle in handles:
        captions = " ".join(p["caption"].lower() for p in _feed(handle))
        assert "ignore previous instructions" in captions


def test_missing_metrics_feeds_hide_likes_but_keep_other_data():
    handles = _creators_with_trap("missing_metrics")
    assert handles
    for handle in handles:
        posts = _feed(handle)
        assert all(p["likes"] is None for p in posts)
        assert any(p["comments"] is not None for p in posts)


def test_irregular_cadence_feeds_have_long_gaps():
    handles = _creators_with_trap("irregular_cadence")
    assert handles
    for handle in handles:
        times = [_parse_time(p["created_at"]) for p in _feed(handle)]
        gaps = [(b - a).days for a, b in zip(times, times[1:])]
        assert max(gaps) >= 45
        assert min(gaps) <= 2  # bursts as well as gaps


def test_inflated_engagement_feeds_show_bought_likes():
    handles = _creators_with_trap("inflated_engagement")
    assert handles
    followers = {e["handle"]: e["followers"] for e in _roster()}
    for handle in handles:
        posts = _feed(handle)
        likes = sum(p["likes"] for p in posts)
        comments = sum(p["comments"] for p in posts)
        assert comments / likes < 0.01
        assert max(p["likes"] for p in posts) > 0.3 * followers[handle]


def test_competitor_promoters_name_competitors_from_the_guide():
    doc = _labels_doc()
    for lab in doc["labels"]:
        if "competitor_promoter" not in lab["traps"]:
            continue
        guide = (EVAL / doc["brands"][lab["brand"]]["guide"]).read_text(encoding="utf-8")
        section = guide.split("## Competitors\n", 1)[1].split("\n## ", 1)[0]
        competitors = [line[2:].strip().rstrip(".").lower() for line in section.splitlines() if line.startswith("- ")]
        captions = " ".join(p["caption"].lower() for p in _feed(lab["influencer"]))
        named = [c for c in competitors if c.split()[0] in captions]
        assert len(named) >= 2, (lab["influencer"], lab["brand"])


def test_mocking_mentions_name_the_brand():
    doc = _labels_doc()
    for lab in doc["labels"]:
        if "mocking_mention" in lab["traps"]:
            first_word = doc["brands"][lab["brand"]]["name"].split()[0].lower()
            captions = [p["caption"].lower() for p in _feed(lab["influencer"])]
            assert sum(first_word in c for c in captions) >= 2, lab["influencer"]


# --- guides -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(_labels_doc()["brands"]))
def test_guides_use_the_agreed_structure(slug: str):
    brand = _labels_doc()["brands"][slug]
    text = (EVAL / brand["guide"]).read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# {brand['name']}"
    headings = [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]
    assert headings == [h.format(name=brand["name"]) for h in GUIDE_HEADINGS]
    sections = {h: body for h, body in zip(headings, re.split(r"^## .*$", text, flags=re.M)[1:])}
    limits = [line[2:] for line in sections["Claims and legal"].splitlines() if line.startswith("- ")]
    assert limits and all(re.match(r"(Never|Don't|Only)\b", line) for line in limits)
    voice = [line for line in sections["Our voice"].splitlines() if line.startswith("- ")]
    assert 3 <= len(voice) <= 5
    assert len([line for line in sections["Competitors"].splitlines() if line.startswith("- ")]) >= 3
    assert any(line.startswith("> ") for line in sections["Example copy"].splitlines())
    assert 500 <= len(text.split()) <= 1000


# --- README -----------------------------------------------------------------------------------------------------


def test_every_trap_in_the_readme_exists_with_the_creators_it_names():
    rows = _readme_table("Traps")
    assert rows
    documented = set()
    labels = {(lab["brand"], lab["influencer"]): lab for lab in _labels_doc()["labels"]}
    for trap_cell, _meaning, carried_by in rows:
        trap = trap_cell.strip("`")
        documented.add(trap)
        carriers = re.findall(r"`([a-z0-9._]+)` \(([a-z0-9, -]+)\)", carried_by)
        assert carriers, trap
        for handle, brands in carriers:
            for brand in (b.strip() for b in brands.split(",")):
                assert trap in labels[(brand, handle)]["traps"], (trap, handle, brand)
        named = {(b.strip(), h) for h, bs in carriers for b in bs.split(",")}
        actual = {key for key, lab in labels.items() if trap in lab["traps"]}
        assert named == actual, (trap, actual - named, named - actual)
    used = {t for lab in _labels_doc()["labels"] for t in lab["traps"]}
    assert used == documented


def test_readme_summary_table_matches_the_labels():
    rows = _readme_table("Summary of labels")
    brands = list(_labels_doc()["brands"])
    labels = {(lab["brand"], lab["influencer"]): lab for lab in _labels_doc()["labels"]}
    followers = {e["handle"]: e["followers"] for e in _roster()}
    assert sorted(row[0] for row in rows) == sorted(_handles())
    for handle, platform, follower_cell, *cells in rows:
        assert int(follower_cell.replace(",", "")) == followers[handle]
        for brand, cell in zip(brands, cells, strict=True):
            lab = labels[(brand, handle)]
            score, verdict = re.match(r"\**(\d+) (strong|possible|poor)", cell).groups()
            assert (int(score), verdict) == (lab["score"], lab["verdict"]), (brand, handle)
            assert ("best" in cell) == lab["best_fit"]
