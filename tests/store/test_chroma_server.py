"""A real `chroma run` server on 127.0.0.1, used through HttpClient, as a team would share one store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import StoreUnavailableError
from assistant.models import InfluencerProfile
from assistant.store import Store
from tests.store.test_store import make_guide, make_posts

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _chroma_cli() -> str:
    beside_python = Path(sys.executable).with_name("chroma")
    found = str(beside_python) if beside_python.exists() else shutil.which("chroma")
    if not found:
        pytest.fail("the `chroma` CLI (installed with chromadb) is missing")
    return found


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    for url, _ in start_chroma_server(tmp_path_factory):
        yield url


def start_chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run `chroma run` on a free loopback port until the generator is closed; yields (url, process)."""
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = open(path / "server.log", "wb")
    proc = subprocess.Popen(
        [_chroma_cli(), "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"chroma run did not start: {(path / 'server.log').read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)
    try:
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_ingest_and_query_through_http_client(chroma_server: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, chroma_url=chroma_server)
    store = Store(settings)
    assert type(store.client).__name__ != "PersistentClient"
    store.add_guide(make_guide())
    result = store.add_posts(InfluencerProfile(handle="trailtom", followers=52000), make_posts("trailtom", 12))
    assert result.added == 12
    # A teammate's process sees the same data through the server.
    teammate = Store(Settings(data_dir=tmp_path / "elsewhere", chroma_url=chroma_server))
    assert [i.handle for i in teammate.list_influencers()] == ["trailtom"]
    assert len(teammate.get_posts("trailtom")) == 12
    assert teammate.search_posts("tent by the lake", influencer="trailtom", k=3)[0].influencer == "trailtom"
    assert teammate.get_guide("northwind").name == "Northwind Outfitters"
    again = teammate.add_posts(InfluencerProfile(handle="trailtom"), make_posts("trailtom", 12))
    assert again.unchanged == 12


def test_unreachable_server_gives_a_clear_error(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreUnavailableError, match="chroma run"):
        Store(settings).list_brands()
