"""Two ingests at once into a brand-new store: both succeed and both feeds are there (Chroma's first-run
migrations used to collide 1 time in 7 with "table collections already exists"). Ten rounds, a new store each.

The two writers are separate processes started by a fork server that has imported the assistant and chromadb
once (so a round doesn't pay for those imports twice, and no child inherits the test's open Chroma client);
one more round runs the real CLI twice at once.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import traceback
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.services import Services
from tests.reliability.helpers import assistant_cmd, cli_env, write_feed

pytestmark = pytest.mark.hardstop

ROUNDS = 10


def _ingest(data_dir: str, path: str, handle: str | None, start: object, results: object) -> None:
    try:
        services = Services(Settings(data_dir=Path(data_dir)))
        start.wait(10)  # type: ignore[attr-defined]
        services.store.is_empty()  # both open (and so create) the store at the same moment
        if handle is None:
            services.ingest_guide(Path(path))
        else:
            services.ingest_posts(Path(path), handle)
        results.put("ok")  # type: ignore[attr-defined]
    except BaseException:  # noqa: BLE001 - reported to the test
        results.put(traceback.format_exc()[-800:])  # type: ignore[attr-defined]


def test_two_ingests_into_a_new_store_both_land(tmp_path: Path) -> None:
    feeds = {h: write_feed(tmp_path / f"{h}.csv", 40, prefix=h) for h in ("ann", "bob")}
    guide = tmp_path / "acme.md"
    guide.write_text("# Acme\n\n## Voice\n\nWarm and plain.\n", encoding="utf-8")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["assistant.services", "assistant.store", "chromadb"])
    failures = []
    for n in range(ROUNDS):
        data_dir = tmp_path / f"store{n}"
        jobs = [(str(feeds["ann"]), "ann"), (str(guide), None) if n % 2 else (str(feeds["bob"]), "bob")]
        start, results = context.Event(), context.Queue()
        workers = [context.Process(target=_ingest, args=(str(data_dir), path, handle, start, results))
                   for path, handle in jobs]
        for worker in workers:
            worker.start()
        start.set()
        outcomes = [results.get(timeout=120) for _ in workers]
        for worker in workers:
            worker.join(30)
        failures += [(n, o) for o in outcomes if o != "ok"]
        store = Services(Settings(data_dir=data_dir)).store
        assert len(store.get_posts("ann")) == 40, n
        if n % 2:
            assert [b.slug for b in store.list_brands()] == ["acme"]
        else:
            assert len(store.get_posts("bob")) == 40, n
    assert failures == []


def test_two_cli_ingests_at_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    processes = [
        subprocess.Popen(assistant_cmd("ingest", "posts", str(write_feed(tmp_path / f"{h}.csv", 40, prefix=h)), "-i", h),
                         env=cli_env(data_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for h in ("ann", "bob")
    ]
    for process in processes:
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
    store = Services(Settings(data_dir=data_dir)).store
    assert {p.handle: p.posts for p in store.list_influencers()} == {"ann": 40, "bob": 40}


def test_readers_never_wait_for_a_long_ingest(tmp_path: Path) -> None:
    """An ingest holds the write lock for its whole write; the chat and other commands still read meanwhile."""
    import time

    from filelock import FileLock

    from assistant.store.locks import store_lock

    data_dir = tmp_path / "data"
    Services(Settings(data_dir=data_dir)).ingest_posts(write_feed(tmp_path / "a.csv", 5, prefix="a"), "ann")
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    settings = Settings(data_dir=data_dir)
    other_process_writing = FileLock(str(data_dir / "store-write.lock"))  # its own descriptor: as another process
    with other_process_writing:
        started = time.monotonic()
        store = Services(settings).store
        assert [p.handle for p in store.list_influencers()] == ["ann"]
        assert len(store.get_posts("ann")) == 5
        assert time.monotonic() - started < 10
        with pytest.raises(Exception, match="held the store"):
            with store_lock(settings, "write", wait=0.2):
                pass
