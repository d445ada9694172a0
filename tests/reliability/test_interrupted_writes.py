"""A write that dies at any step (as kill -9 would: no rollback runs) never shows a half feed, and the next
ingest of that creator completes it. Deterministic, in-process companion of test_kill_ingest.py.

The "death" is a BaseException raised from inside Chroma's add/upsert/delete at the n-th write call: the store's
rollback handles Exception only, so what is on disk is what a killed process would leave.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import NotFoundError
from assistant.ingest import read_posts
from assistant.models import InfluencerProfile
from assistant.services import Services
from assistant.store import Store
from tests.reliability.helpers import write_feed

POSTS = 25
BATCH = 10  # three post batches, so a death can fall between them


class Died(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


def _dying_store(data_dir: Path, die_at: int) -> Store:
    store = Store(Settings(data_dir=data_dir), batch_size=BATCH)
    calls = {"n": 0}
    for name in ("posts", "catalog", "guide_sections"):
        collection = store._collection(name)
        for method in ("add", "upsert", "delete"):
            real = getattr(collection, method)

            def wrapped(*args, _real=real, **kwargs):
                calls["n"] += 1
                if calls["n"] == die_at:
                    raise Died
                return _real(*args, **kwargs)

            setattr(collection, method, wrapped)
    return store


# Write calls of a first ingest: marker, 3 post batches, the commit, the tidy-up.
WRITE_STEPS = range(1, 7)


@pytest.mark.parametrize("die_at", WRITE_STEPS)
def test_a_write_that_dies_shows_all_or_nothing_and_the_rerun_completes(die_at: int, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    guide = tmp_path / "acme.md"
    guide.write_text("# Acme\n\n## Voice\n\nWarm. Trails and rain shells.\n", encoding="utf-8")
    Services(Settings(data_dir=data_dir)).ingest_guide(guide)
    posts = read_posts(write_feed(tmp_path / "feed.csv", POSTS), "ann")
    profile = InfluencerProfile(handle="ann", followers=900)

    with pytest.raises(Died):
        _dying_store(data_dir, die_at).add_posts(profile, posts)

    store = Store(Settings(data_dir=data_dir), batch_size=BATCH)
    services = Services(store.settings, store=store)
    visible = len(store.get_posts("ann"))
    assert visible in (0, POSTS)
    hits = services.search("rain shell", influencer="ann")
    if visible == 0:
        assert "ann" not in {p.handle for p in store.list_influencers()}
        assert hits == []
        assert ("ann" in store.incomplete_ingests()) == (die_at > 1)  # dying on the marker itself leaves nothing
        with pytest.raises(NotFoundError):
            services.fit("acme", "ann")
    else:  # died after the commit (only the tidy-up was left)
        assert die_at == max(WRITE_STEPS)
        assert {p.handle: p.posts for p in store.list_influencers()}["ann"] == POSTS and hits
        assert "ann" not in store.incomplete_ingests()

    result = store.add_posts(profile, posts)
    assert result.total == POSTS
    assert len(store.get_posts("ann")) == POSTS
    assert store.incomplete_ingests() == []
    assert len(store._collection("posts").get(where={"influencer": "ann"}, include=[])["ids"]) == POSTS
    assert store._collection("catalog").get(where={"kind": "ingest"}, include=[])["ids"] == []


def test_an_update_of_a_stored_feed_never_hides_the_posts_already_there(tmp_path: Path) -> None:
    """Re-importing with newer metrics rewrites posts in place; a death halfway leaves every post visible."""
    data_dir = tmp_path / "data"
    feed = write_feed(tmp_path / "feed.csv", POSTS)
    store = Store(Settings(data_dir=data_dir), batch_size=BATCH)
    profile = InfluencerProfile(handle="ann")
    store.add_posts(profile, read_posts(feed, "ann"))
    newer = feed.read_text(encoding="utf-8").replace(",1,", ",99,")
    feed.write_text(newer, encoding="utf-8")
    with pytest.raises(Died):
        _dying_store(data_dir, 2).add_posts(profile, read_posts(feed, "ann"))
    assert len(Store(Settings(data_dir=data_dir)).get_posts("ann")) == POSTS


def test_a_first_ingest_that_died_leaves_the_store_empty_for_the_demo(tmp_path: Path) -> None:
    """The chat loads the demo into an empty store; half a first ingest must not make it look non-empty."""
    data_dir = tmp_path / "data"
    posts = read_posts(write_feed(tmp_path / "feed.csv", POSTS), "ann")
    with pytest.raises(Died):
        _dying_store(data_dir, 3).add_posts(InfluencerProfile(handle="ann"), posts)
    assert Store(Settings(data_dir=data_dir)).is_empty()


@pytest.mark.server
def test_on_a_shared_server_a_running_ingest_is_left_alone_and_a_dead_one_cleared(chroma_server_process,
                                                                                  tmp_path: Path) -> None:
    """No file lock guards a `chroma run` server: an unfinished marker is cleared only when its ingest is dead."""
    import json
    import os
    import socket
    import subprocess

    from assistant.errors import StoreUnavailableError

    url, _ = chroma_server_process
    store = Store(Settings(data_dir=tmp_path, chroma_url=url))
    posts = read_posts(write_feed(tmp_path / "feed.csv", POSTS), "ann")
    catalog = store._collection("catalog")

    def pending(pid: int, host: str = socket.gethostname(), started: str = "2026-01-01T00:00:00+00:00") -> None:
        doc = json.dumps({"handle": "ann", "posts": 1, "started": started, "pid": pid, "host": host})
        catalog.upsert(ids=["ingest:other"], documents=[doc],
                       metadatas=[{"kind": "ingest", "state": "pending", "handle": "ann"}])

    pending(os.getpid())  # alive, on this machine
    with pytest.raises(StoreUnavailableError, match="still running"):
        store.add_posts(InfluencerProfile(handle="ann"), posts)
    gone = subprocess.Popen(["true"])
    gone.wait()
    pending(gone.pid)  # finished process: dead
    assert store.add_posts(InfluencerProfile(handle="ann"), posts).added == POSTS
    assert store.incomplete_ingests() == []


def test_a_first_guide_ingest_that_died_is_invisible(tmp_path: Path) -> None:
    """Sections are written before the brand's catalog entry: a death in between shows no half brand."""
    data_dir = tmp_path / "data"
    guide_path = tmp_path / "acme.md"
    guide_path.write_text("# Acme\n\n## Voice\n\nWarm rain shells.\n\n## Words\n\nUse: shells.\n", encoding="utf-8")
    from assistant.ingest import read_guide

    guide = read_guide(guide_path)
    with pytest.raises(Died):
        _dying_store(data_dir, 2).add_guide(guide)  # the sections upsert ran, the catalog upsert died
    store = Store(Settings(data_dir=data_dir))
    assert store._collection("guide_sections").count() > 0  # they are on disk...
    assert store.list_brands() == [] and store.search_guide("rain shells") == []  # ...and out of sight
    assert store.search_guide("rain shells", brand="acme") == []
    store.add_guide(guide)
    assert store.search_guide("rain shells") and store.search_guide("rain shells", brand="ACME")
