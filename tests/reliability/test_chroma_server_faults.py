"""A Chroma server that accepts connections but never answers, one that answers only its heartbeat, and one that
is stopped: `rank` (and every store call) fails in seconds with one readable message. Ten rounds each.

The servers are plain sockets on 127.0.0.1 (no real Chroma needed); tests/store/test_chroma_server.py runs a real
`chroma run` for the working case.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import StoreUnavailableError
from assistant.services import Services
from tests.reliability.helpers import free_port, run_cli, silent_server

ROUNDS = 10
TIMEOUT = 0.25


def _rank_error(url: str, tmp_path: Path) -> tuple[str, float]:
    services = Services(Settings(data_dir=tmp_path / "data", chroma_url=url, store_timeout=TIMEOUT))
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError) as caught:
        services.rank("acme")
    return str(caught.value), time.monotonic() - started


@pytest.mark.parametrize("reply_heartbeat", [False, True], ids=["never-answers", "answers-only-heartbeat"])
def test_a_server_that_never_answers_fails_rank_in_seconds(reply_heartbeat: bool, tmp_path: Path) -> None:
    with silent_server(reply_heartbeat=reply_heartbeat) as url:
        for _ in range(ROUNDS):
            message, took = _rank_error(url, tmp_path)
            assert took < 3 * TIMEOUT + 2, took
            assert "didn't answer within" in message and url.removeprefix("http://") in message
            assert "ASSISTANT_STORE_TIMEOUT" in message


def test_a_stopped_server_fails_cleanly_without_stray_punctuation(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    for _ in range(ROUNDS):
        message, took = _rank_error(url, tmp_path)
        assert took < 2, took
        assert message.startswith(f"Can't reach the Chroma server at {url} (")
        assert "chroma run" in message
        assert "?." not in message and ".." not in message.replace("...", "")


def test_the_cli_says_so_in_one_line(tmp_path: Path) -> None:
    with silent_server() as url:
        started = time.monotonic()
        result = run_cli(tmp_path, "rank", "acme", ASSISTANT_CHROMA_URL=url, ASSISTANT_STORE_TIMEOUT="1")
        took = time.monotonic() - started
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: The Chroma server at") and "didn't answer within 1 s" in result.stderr
    assert took < 15, took


@pytest.mark.server
def test_a_real_server_that_freezes_mid_session_times_out(chroma_server_process, tmp_path: Path) -> None:
    """A real `chroma run`, frozen with SIGSTOP after the client connected: the kernel still accepts connections,
    nothing answers. Each store call fails within the timeout, ten times; after SIGCONT it works again."""
    import os
    import signal

    from assistant.store import Store

    url, process = chroma_server_process
    store = Store(Settings(data_dir=tmp_path, chroma_url=url, store_timeout=TIMEOUT))
    assert store.list_brands() == []  # connected and answering
    os.kill(process.pid, signal.SIGSTOP)
    try:
        for _ in range(ROUNDS):
            started = time.monotonic()
            with pytest.raises(StoreUnavailableError, match="didn't answer within 0.25 s"):
                store.list_brands()
            assert time.monotonic() - started < TIMEOUT + 2
    finally:
        os.kill(process.pid, signal.SIGCONT)
    assert store.list_brands() == []
