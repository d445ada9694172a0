"""A scripted chat session in a real terminal (tmux), as a marketer would drive it (issue #15).

Starts ``python -m assistant`` in a detached tmux session of the given size, then types a fit request, a brief
request, scrolls back through the brief with PageUp and returns with End, exports the draft with Ctrl+S (the
dialog's default: a file in the working directory), and quits with Ctrl+Q. It checks what a user would see at
each step, that no traceback ever appears, that the app exits with status 0, and that the export is on disk.

    python bench/tmux_session.py                      # 120x35, a fresh data dir (the demo loads on first run)
    python bench/tmux_session.py --size 80x24 --keep  # keep the work dir and the screen of every step
    python bench/tmux_session.py --data-dir DIR       # a data dir already holding the demo (faster)

Prints one JSON object (steps with their wall times, the export's path) and exits 0 when every check passed,
1 when one failed, 2 when tmux is missing. tests/tui/test_tmux_session.py runs it when tmux is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FIT = "is @trailtom a fit for northwind?"
BRIEF = "/brief lumen @dr.dewy barrier serum launch --goal conversions"
WAIT = 90.0  # seconds for any one step, on a loaded 2-core machine


class SessionFailed(Exception):
    pass


class Tmux:
    """One detached tmux server (its own socket) holding one pane that runs the chat."""

    def __init__(self, socket: str, size: tuple[int, int]) -> None:
        self.socket = socket
        self.size = size

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            raise SessionFailed(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        width, height = self.size
        env_args = [arg for name, value in env.items() for arg in ("-e", f"{name}={value}")]
        self.run("new-session", "-d", "-s", "chat", "-x", str(width), "-y", str(height), "-c", str(cwd),
                 *env_args, " ".join(_quote(part) for part in command))
        # Keep the pane after the app exits, so its last screen (a traceback, if any) and status can be read.
        self.run("set-option", "-t", "chat", "remain-on-exit", "on")

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "chat", check=False)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "chat", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "chat", "-l", text)

    def dead(self) -> tuple[bool, int | None]:
        out = self.run("display-message", "-p", "-t", "chat", "#{pane_dead} #{pane_dead_status}", check=False).split()
        if not out:
            return True, None
        return out[0] == "1", int(out[1]) if len(out) > 1 and out[1].lstrip("-").isdigit() else None

    def kill(self) -> None:
        self.run("kill-server", check=False)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def chat_text(screen: str) -> str:
    """The chat log's column of the screen as one string without line breaks or margins, so a path the log
    wrapped over several lines can be found whole."""
    lines = []
    for line in screen.splitlines():
        column = line.rsplit("▏", 1)[0] if "▏" in line else line  # left of the panel's border
        lines.append(column.strip().lstrip("▌").strip())
    return "".join(lines)


def wait_until(tmux: Tmux, what: str, condition: Callable[[str], bool], timeout: float = WAIT) -> str:
    """Poll the screen until ``condition`` holds; fail on a traceback or a timeout."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux.screen()
        if "Traceback (most recent call last)" in screen:
            raise SessionFailed(f"a traceback on screen while waiting for {what}:\n{screen}")
        if condition(screen):
            return screen
        time.sleep(0.2)
    raise SessionFailed(f"timed out waiting for {what}; the screen was:\n{screen}")


def session(workdir: Path, data_dir: Path, size: tuple[int, int], shots: dict[str, str]) -> dict[str, object]:
    env = {
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_CONFIG_FILE": str(workdir / "no-config.toml"),
        "ASSISTANT_LLM_PROVIDER": "offline",
        "TERM": "xterm-256color",
        "HOME": str(workdir),
    }
    tmux = Tmux(f"assistant-bench-{os.getpid()}", size)
    steps: dict[str, float] = {}

    def step(name: str, started: float, screen: str) -> None:
        steps[name] = round(time.monotonic() - started, 2)
        shots[name] = screen

    try:
        started = time.monotonic()
        tmux.start([sys.executable, "-m", "assistant"], workdir, env)
        # Ready: the status line names the embedding once the store is open and the brain built.
        step("ready", started, wait_until(tmux, "the chat to be ready", lambda s: "embedding " in s))

        started = time.monotonic()
        tmux.type(FIT)
        tmux.keys("Enter")
        step("fit", started, wait_until(tmux, "the fit reply and scorecard",
                                        lambda s: "/100" in s and "@trailtom × northwind" in s))

        started = time.monotonic()
        tmux.type(BRIEF)
        tmux.keys("Enter")
        bottom = wait_until(tmux, "the brief and its draft", lambda s: "Saved as draft" in s and "📄" in s)
        step("brief", started, bottom)

        started = time.monotonic()
        tmux.keys("PageUp", "PageUp", "PageUp")
        back = wait_until(tmux, "PageUp to scroll back", lambda s: "Saved as draft" not in s)
        if "📄" not in back or "/100" not in back:
            raise SessionFailed(f"scrolling back lost the panel (scorecard or drafts):\n{back}")
        tmux.keys("End")  # the input is empty, so End goes to the latest message
        step("scroll", started, wait_until(tmux, "End to come back", lambda s: "Saved as draft" in s))

        started = time.monotonic()
        tmux.keys("C-s")
        dialog = wait_until(tmux, "the export dialog", lambda s: "Export “" in s)
        tmux.keys("Enter")
        exported = wait_until(tmux, "the export to be reported", lambda s: "Exported" in s)
        step("export", started, exported)
        files = sorted(workdir.glob("*.md"))
        if len(files) != 1 or not files[0].read_text(encoding="utf-8").strip():
            raise SessionFailed(f"expected one exported Markdown file in {workdir}, found {[f.name for f in files]}")
        if str(files[0].resolve()) not in chat_text(exported):
            raise SessionFailed(f"the chat didn't say where the export went ({files[0]}):\n{exported}")
        shots["export-dialog"] = dialog

        started = time.monotonic()
        tmux.keys("C-q")
        deadline = time.monotonic() + WAIT
        while not (status := tmux.dead())[0]:
            if time.monotonic() > deadline:
                raise SessionFailed(f"the app did not quit:\n{tmux.screen()}")
            time.sleep(0.1)
        last = tmux.screen()
        step("quit", started, last)
        if "Traceback" in last or status[1] not in (0, None):
            raise SessionFailed(f"the app exited with status {status[1]}:\n{last}")
        return {"ok": True, "size": f"{size[0]}x{size[1]}", "steps_s": steps, "export": str(files[0])}
    finally:
        tmux.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="120x35", help="terminal size, WIDTHxHEIGHT")
    parser.add_argument("--data-dir", type=Path, help="a data dir to use (copied into the work dir first)")
    parser.add_argument("--workdir", type=Path, help="where to start the chat (default: a temporary dir)")
    parser.add_argument("--keep", action="store_true", help="keep the work dir and write each step's screen")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print(json.dumps({"ok": False, "error": "tmux is not installed (apt-get install tmux)"}))
        return 2
    width, height = (int(n) for n in args.size.lower().split("x"))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="assistant-tmux-"))
    workdir.mkdir(parents=True, exist_ok=True)
    data_dir = workdir / "data"
    if args.data_dir is not None:
        shutil.copytree(args.data_dir, data_dir, dirs_exist_ok=True)
    shots: dict[str, str] = {}
    try:
        result = session(workdir, data_dir, (width, height), shots)
    except SessionFailed as exc:
        result = {"ok": False, "size": args.size, "error": str(exc)}
    if args.keep:
        for name, screen in shots.items():
            (workdir / f"screen-{name}.txt").write_text(screen, encoding="utf-8")
        result["workdir"] = str(workdir)
    elif args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
