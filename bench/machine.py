"""The machine a run happened on: cores, memory, CPU, Python and the versions of the engines we compare with."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from importlib import metadata

from bench.common import REPO

PACKAGES = ("chromadb", "textual", "langchain", "langchain-core", "langchain-openai", "numpy", "pydantic")


def _cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        out = subprocess.run(["free", "-h"], capture_output=True, text=True, check=True).stdout
        mem = next(line for line in out.splitlines() if line.startswith("Mem:")).split()
        return f"{mem[1]} total, {mem[6] if len(mem) > 6 else '?'} available"
    except (OSError, subprocess.CalledProcessError, StopIteration):
        return "unknown"


def _commit() -> str:
    """The commit measured, and whether tracked files had changes on top of it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=REPO, check=True).stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        modified = [line for line in git("status", "--porcelain", "--untracked-files=no").splitlines() if line]
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout (see the note)"
    return f"{commit} (+{len(modified)} modified files)" if modified else f"{commit} (clean)"


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def describe() -> dict[str, str]:
    """Everything BENCHMARKS.md says about where its numbers came from."""
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "cores": str(os.cpu_count() or "?"),
        "cpu": _cpu_model(),
        "memory": _memory(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "packages": ", ".join(f"{k} {v}" for k, v in versions().items()),
        "load average at start (1/5/15 min)": load_average(),
    }
