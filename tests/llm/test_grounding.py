"""Citations must point at posts we actually gave the model."""

from __future__ import annotations

from assistant.ids import post_id
from assistant.llm import POST_ID_PATTERN, drop_unknown_citations, extract_post_ids, validate_cited_ids

REAL = post_id("maya.makes", "Sunrise on the ridge", None)
OTHER_REAL = post_id("trail_tom", "New boots day", None)
FAKE = "maya.makes-ffffffffffff"


def test_real_ids_match_the_pattern() -> None:
    assert POST_ID_PATTERN.fullmatch(REAL) and POST_ID_PATTERN.fullmatch(OTHER_REAL)
    assert not POST_ID_PATTERN.fullmatch("maya.makes-12345")  # too short
    assert not POST_ID_PATTERN.fullmatch("northwind#voice")


def test_extract_finds_bare_and_bracketed_ids_in_order() -> None:
    text = f"Great fit [post:{REAL}], see {OTHER_REAL}. Again: [{REAL}] and [posts: {FAKE}, {OTHER_REAL}]."
    assert extract_post_ids(text) == [REAL, OTHER_REAL, FAKE]
    assert extract_post_ids("no citations here, just a-b-c and 2024-05-01") == []


def test_validate_cited_ids() -> None:
    kept, dropped = validate_cited_ids([REAL, FAKE, REAL, " " + OTHER_REAL.upper()], {REAL, OTHER_REAL})
    assert kept == [REAL, OTHER_REAL]
    assert dropped == [FAKE]


def test_drop_unknown_citations() -> None:
    text = (
        f"Maya hikes at dawn [post:{REAL}] and says she loves Northwind [post:{FAKE}]. "
        f"Her engagement is steady ({FAKE}). Both posts: [posts: {REAL}, {FAKE}]."
    )
    cleaned, dropped = drop_unknown_citations(text, {REAL})

    assert dropped == [FAKE]
    assert FAKE not in cleaned
    assert cleaned == (
        f"Maya hikes at dawn [post:{REAL}] and says she loves Northwind. "
        f"Her engagement is steady ([unverified source]). Both posts: [posts: {REAL}]."
    )
    assert extract_post_ids(cleaned) == [REAL]


def test_nothing_to_drop_leaves_text_untouched() -> None:
    text = f"Solid evidence [post:{REAL}] and [post:{OTHER_REAL}]."
    assert drop_unknown_citations(text, {REAL, OTHER_REAL}) == (text, [])
