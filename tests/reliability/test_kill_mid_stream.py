"""`kill -9` during a streamed reply, for real: `assistant ask` in a subprocess, killed with SIGKILL while the fake
server is still streaming its answer, ten times over in one conversation.

After each kill the history database is intact and holds every earlier turn unchanged; the question in flight is
kept (and marked 'interrupted' by the next turn). The next turn's request to the model never carries two user
messages in a row: the unanswered questions are folded into it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from assistant.brain import Brain
from assistant.history import HistoryDB
from assistant.services import Services
from tests.fakes.fixtures import settings_for
from tests.fakes.openai_server import FakeOpenAIServer

KILLS = 10
SLOW_ANSWER = " ".join(f"word{i}" for i in range(400))  # ~40 chunks at 0.1 s each: far longer than a kill takes


def wait_for(condition, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def rows(path: Path, cid: str) -> list[tuple[str, str, str]]:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [tuple(r) for r in db.execute(
            "SELECT role, content, status FROM turns WHERE conversation_id = ? ORDER BY id", (cid,))]
    finally:
        db.close()


def test_kill_9_mid_stream_keeps_history_and_never_sends_two_user_messages(fake_openai: FakeOpenAIServer,
                                                                          tmp_path: Path) -> None:
    settings = settings_for(fake_openai, tmp_path, llm_timeout=60)
    fake_openai.enqueue_text("First answer.")
    brain = Brain(Services(settings))
    assert list(brain.handle("first question"))[-1].status == "complete"
    cid = brain.conversation_id
    history_file = settings.db_path
    assert history_file.is_file()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path), "ASSISTANT_LLM_PROVIDER": "compatible",
           "ASSISTANT_LLM_BASE_URL": fake_openai.base_url, "ASSISTANT_LLM_MODEL": "fake-model",
           "OPENAI_API_KEY": "test-key", "ASSISTANT_LLM_MAX_RETRIES": "0", "ASSISTANT_LLM_TIMEOUT": "60"}

    before = rows(history_file, cid)
    for i in range(KILLS):
        fake_openai.enqueue_text(SLOW_ANSWER, pause=0.1)
        started_at = fake_openai.chunks_sent
        child = subprocess.Popen([sys.executable, "-m", "assistant", "ask", "-c", cid, f"question {i}"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert wait_for(lambda: fake_openai.chunks_sent >= started_at + 3), "the reply never started streaming"
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.kill()
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        after = rows(history_file, cid)
        # Everything that was there is still there, unchanged but for the status of the last unanswered question,
        # and the question in flight is kept.
        assert [(r, c) for r, c, _ in after[: len(before)]] == [(r, c) for r, c, _ in before]
        assert after[len(before):] == [("user", f"question {i}", "complete")]
        before = after

    fake_openai.reset()
    fake_openai.enqueue_text("Back again.")
    reopened = Brain(Services(settings), conversation_id=cid)
    finished = list(reopened.handle("are you still there?"))[-1]
    assert finished.status == "complete"

    turns = HistoryDB(history_file).turns(cid)
    assert [t.status for t in turns if t.content.startswith("question ")] == ["interrupted"] * KILLS
    assert [(t.role, t.content) for t in turns[-2:]] == [("user", "are you still there?"),
                                                          ("assistant", "Back again.")]
    sent = fake_openai.chat_requests[0].messages
    roles = [m["role"] for m in sent]
    assert roles[0] == "system" and roles[1] == "user"
    assert all(a != b for a, b in zip(roles[1:], roles[2:])), f"two messages in a row from one side: {roles}"
    last = sent[-1]["content"]
    assert last.endswith("are you still there?") and "got no answer" in last
    assert f"question {KILLS - 1}" in last
