"""One creator's bad data never stops `rank`: that creator is reported, the others are ranked.

Bad data can reach a store written before counts were capped at ingest, or edited by hand; the rows here write it
straight into Chroma, as such a store would hold it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.analysis.engagement import tier_of
from assistant.config import Settings
from assistant.errors import StoredDataError
from assistant.services import Services
from tests.reliability.helpers import run_cli, write_feed

GUIDE = "# Acme voice\n\n## Our voice\n\nWarm and plain. We talk about trails, rain shells and long walks.\n"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    services = Services(Settings(data_dir=tmp_path / "data"))
    guide = tmp_path / "acme.md"
    guide.write_text(GUIDE, encoding="utf-8")
    services.ingest_guide(guide)
    for handle in ("ann", "bob", "cat"):
        services.ingest_posts(write_feed(tmp_path / f"{handle}.csv", 12, prefix=handle), handle, followers=5000)
    return tmp_path / "data"


def _corrupt(store_dir: Path) -> None:
    """bob: a post with likes=1e29 (as Chroma stored an oversize int); cat: followers=1e23 in its profile."""
    store = Services(Settings(data_dir=store_dir)).store
    posts = store._collection("posts")
    got = posts.get(where={"influencer": "bob"}, include=["metadatas"], limit=1)
    meta = dict(got["metadatas"][0], likes=1e29)
    posts.update(ids=got["ids"], metadatas=[meta])
    catalog = store._collection("catalog")
    profile = json.loads(catalog.get(ids=["influencer:cat"], include=["documents"])["documents"][0])
    profile["followers"] = 10**23
    catalog.update(ids=["influencer:cat"], documents=[json.dumps(profile)])


@pytest.mark.parametrize("followers", [0, 9_999, 10**12 - 1, 10**12, 10**23])
def test_tier_of_never_runs_off_the_end(followers: int) -> None:
    assert tier_of(followers) in ("nano", "micro", "mid", "macro", "mega")
    assert tier_of(10**23) == "mega"


def test_rank_reports_the_bad_creators_and_ranks_the_others(store_dir: Path) -> None:
    _corrupt(store_dir)
    rows = Services(Settings(data_dir=store_dir)).rank("acme")
    ranked = [r for r in rows if r.error is None]
    failed = {r.influencer: r.error for r in rows if r.error is not None}
    assert [r.influencer for r in ranked] == ["ann"]
    assert ranked[0].rank == 1
    assert set(failed) == {"bob", "cat"}
    assert "likes" in failed["bob"] and "re-ingest" in failed["bob"]
    assert "followers" in failed["cat"]
    assert all(r.rank == 0 for r in rows if r.error)


def test_fit_on_bad_stored_data_is_a_clean_error(store_dir: Path) -> None:
    _corrupt(store_dir)
    services = Services(Settings(data_dir=store_dir))
    with pytest.raises(StoredDataError, match="@bob's posts in the store can't be read"):
        services.fit("acme", "bob")
    with pytest.raises(StoredDataError, match="@cat's profile"):
        services.fit("acme", "cat")


def test_an_assessment_that_raises_is_reported_not_fatal(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.analysis.rank as rank_module

    real = rank_module.assess_with_rules

    def flaky(rules, profile, posts, **kwargs):
        if profile.handle == "bob":
            raise StopIteration  # what tier_of raised on 1e23 followers
        return real(rules, profile, posts, **kwargs)

    monkeypatch.setattr(rank_module, "assess_with_rules", flaky)
    rows = Services(Settings(data_dir=store_dir)).rank("acme")
    assert sorted(r.influencer for r in rows if r.error is None) == ["ann", "cat"]
    assert [r.influencer for r in rows if r.error] == ["bob"]
    assert "StopIteration" in (rows[-1].error or "")


def test_rank_through_the_cli_lists_the_unassessed(store_dir: Path) -> None:
    _corrupt(store_dir)
    result = run_cli(store_dir, "rank", "acme")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "@ann" in result.stdout and "Not assessed" in result.stdout
    assert "@bob" in result.stdout and "@cat" in result.stdout
