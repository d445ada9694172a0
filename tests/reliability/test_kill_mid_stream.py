"""`kill -9` during a streamed reply, for real: a process handling a turn is killed with SIGKILL while the fake
server is still streaming its answer, ten times over in one conversation. The first is `assistant ask` itself; the
other nine are forked from one process that has already imported everything, so each costs a fork, not a start-up.

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
from collections.abc import Callable
from pathlib import Path

from assistant.brain import Brain
from assistant.history import HistoryDB
from assistant.services import Services
from tests.fakes.fixtures import settings_for
from tests.fakes.openai_server import FakeOpenAIServer

KILLS = 10
# Imports once, then forks a child per question read from stdin; prints the child's pid, then its wait status.
FORK_SERVER = """
import os, sys
import langchain.agents, langchain_openai, openai  # the heavy imports, done once before forking
from assistant.brain import Brain
from assistant.config import Settings
from assistant.services import Services

data_dir, base_url, cid = sys.argv[1:4]
print("ready", flush=True)
for line in sys.stdin:
    question = line.strip()
    if not question:
        break
    pid = os.fork()
    if pid == 0:
        try:
            settings = Settings(data_dir=data_dir, llm_provider="compatible", llm_base_url=base_url,
                                llm_model="fake-model", OPENAI_API_KEY="test-key", llm_max_retries=0, llm_timeout=60)
            for _ in Brain(Services(settings), conversation_id=cid).handle(question):
                pass
        finally:
            os._exit(0)
    print(pid, flush=True)
    print(os.waitpid(pid, 0)[1], flush=True)
"""
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

    def killed_mid_stream(start: Callable[[], int], reap: Callable[[], bool]) -> None:
        """Start a turn (``start`` returns its pid), SIGKILL it mid-stream; ``reap`` says it died of SIGKILL."""
        fake_openai.enqueue_text(SLOW_ANSWER, pause=0.1)
        started_at = fake_openai.chunks_sent
        pid = start()
        assert wait_for(lambda: fake_openai.chunks_sent >= started_at + 3), "the reply never started streaming"
        os.kill(pid, signal.SIGKILL)
        assert reap(), "the process didn't die of SIGKILL"

    def check_history(question: str) -> None:
        nonlocal before
        after = rows(history_file, cid)
        # Everything that was there is still there, unchanged but for the status of the last unanswered question,
        # and the question in flight is kept.
        assert [(r, c) for r, c, _ in after[: len(before)]] == [(r, c) for r, c, _ in before]
        assert after[len(before):] == [("user", question, "complete")]
        before = after

    before = rows(history_file, cid)
    # 1: the CLI itself.
    child = subprocess.Popen([sys.executable, "-m", "assistant", "ask", "-c", cid, "question 0"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        killed_mid_stream(lambda: child.pid, lambda: child.wait(timeout=30) == -signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    check_history("question 0")
    # 2-10: forked turns.
    server = subprocess.Popen([sys.executable, "-c", FORK_SERVER, str(tmp_path), fake_openai.base_url, cid],
                              env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "ready"
        for i in range(1, KILLS):
            def start(question: str = f"question {i}") -> int:
                server.stdin.write(question + "\n")
                server.stdin.flush()
                return int(server.stdout.readline())

            def reap() -> bool:
                status = int(server.stdout.readline())
                return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL

            killed_mid_stream(start, reap)
            check_history(f"question {i}")
    finally:
        server.kill()
        server.wait(timeout=30)

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
