"""Shared by the reliability tests: a store fingerprint, the CLI as a subprocess, a server that never answers."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def fingerprint(store: Any) -> str:
    """A digest of everything in the store (ids, documents, metadata of every collection), raw: no filtering."""
    digest = hashlib.sha256()
    for name in ("posts", "guide_sections", "catalog"):
        got = store._collection(name).get(include=["documents", "metadatas"])
        rows = sorted(zip(got["ids"], got["documents"], [json.dumps(m, sort_keys=True) for m in got["metadatas"]]))
        digest.update(json.dumps([name, rows]).encode())
    return digest.hexdigest()


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    env.update({"ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_CONFIG_FILE": str(data_dir / "none.toml"),
                "PYTHONPATH": str(REPO), "COLUMNS": "200"})
    env.update(extra)
    return env


def assistant_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "assistant", *args]


def run_cli(data_dir: Path, *args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(assistant_cmd(*args), env=cli_env(data_dir, **extra), capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def write_feed(path: Path, n: int, *, prefix: str = "post") -> Path:
    """A CSV feed of n distinct dated posts with metrics."""
    lines = ["caption,likes,comments,date"]
    lines += [f"{prefix} {i}: trail notes and a rain shell review,{i % 500},{i % 40},2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
              for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@contextmanager
def silent_server(reply_heartbeat: bool = False) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that accepts connections and never answers (or answers only the heartbeat).

    Yields its URL. Loopback only; closed on exit.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)
            if reply_heartbeat:
                threading.Thread(target=_answer_heartbeat_only, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        listener.close()


def _answer_heartbeat_only(conn: socket.socket) -> None:
    """Answer GET /api/v2/heartbeat like Chroma does; read and ignore anything else (never reply)."""
    conn.settimeout(30)
    buffer = b""
    try:
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                return
            buffer += chunk
            while b"\r\n\r\n" in buffer:
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                if head.startswith(b"GET /api/v2/heartbeat"):
                    body = b'{"nanosecond heartbeat": 1}'
                    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
                                 + str(len(body)).encode() + b"\r\n\r\n" + body)
    except OSError:
        return


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
