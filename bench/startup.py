"""Start-up of the command line: `assistant --help`, `assistant --version`, and `assistant brands` /
`assistant influencers` on a small store (the demo) against `python -c "import chromadb"`.

Each is a fresh process timed by wall clock (start-up is what a user waits for), ours and the raw counterpart
alternated so load falls on both; the figure is the median of ``scale.startup_runs`` (at least 5) runs.
`brands` reads the catalogue kept in the data dir (assistant/store/catalog_file.py), so it needn't import
Chroma at all; the raw side is only importing it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.common import MISS, OK, REPO, Row, Scale, child_env, median

NAME = "startup"
HELP_TARGET_S = 0.3  # issue #12
BRANDS_RATIO_TARGET = 1.3  # issue #12: <= 1.3x `python -c "import chromadb"`


def _assistant() -> list[str]:
    script = Path(sys.executable).with_name("assistant")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, list[float]] = {}


def _wall(args: list[str], env: dict[str, str], name: str = "") -> float:
    """Wall seconds of one fresh process (its CPU seconds are kept in CPU[name]: unlike wall time, not inflated
    by other load on the machine)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - start
    CPU.setdefault(name, []).append(_children_cpu() - cpu)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[-2:])} exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return elapsed


def run(scale: Scale) -> list[Row]:
    data_dir = scale.workdir / f"{NAME}-data"
    env = child_env(ASSISTANT_DATA_DIR=str(data_dir), ASSISTANT_CONFIG_FILE=str(data_dir / "config.toml"))
    cli = _assistant()
    if scale.name == "smoke":  # proves the benchmark runs: one guide (ingested here), one run of each
        from assistant.config import Settings
        from assistant.services import Services

        Services(Settings(data_dir=data_dir)).ingest_guide(REPO / "voice_guides" / "northwind.md")
        runs, store = 1, "one brand"
    else:
        subprocess.run([*cli, "demo"], cwd=REPO, env=env, capture_output=True, check=True, timeout=600)
        runs, store = max(5, scale.startup_runs), "demo store (3 brands, 7 creators)"
    raw_cmd = [sys.executable, "-c", "import chromadb"]
    cases = {"--help": [*cli, "--help"], "brands": [*cli, "brands"]}
    if scale.name != "smoke":
        cases["influencers"] = [*cli, "influencers"]
        version = subprocess.run([*cli, "--version"], cwd=REPO, env=env, capture_output=True, timeout=120)
        if version.returncode == 0:
            cases["--version"] = [*cli, "--version"]
    times: dict[str, list[float]] = {name: [] for name in [*cases, "import chromadb"]}
    for _ in range(runs):
        for name, args in cases.items():
            times[name].append(_wall(args, env, name))
        times["import chromadb"].append(_wall(raw_cmd, env, "import chromadb"))
    raw = median(times["import chromadb"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    note = f"median of {runs} fresh processes, alternated with the raw import; load average {load:.1f}"

    def cpu(name: str) -> str:
        return f"CPU {median(CPU[name]) * 1000:.0f} ms vs raw {median(CPU['import chromadb']) * 1000:.0f} ms"
    rows: list[Row] = []
    for name in ("--help", "--version"):
        if name not in times:
            if scale.name != "smoke":
                rows.append(Row(NAME, f"assistant {name}", "wall time", status="n/a",
                                note="this build has no --version option"))
            continue
        ours = median(times[name])
        rows.append(Row(NAME, f"assistant {name}", "wall time", ours, "s", raw, ours / raw,
                        target=f"<= {HELP_TARGET_S:g} s", status=OK if ours <= HELP_TARGET_S else MISS,
                        note=f"{cpu(name)}; {note}; raw = `python -c \"import chromadb\"`"))
    for name in ("brands", "influencers"):
        if name not in times:
            continue
        ours = median(times[name])
        ratio = ours / raw
        rows.append(Row(NAME, f"assistant {name}, {store}", "wall time", ours, "s", raw,
                        ratio, target=f"<= {BRANDS_RATIO_TARGET:g}x raw",
                        status=OK if ratio <= BRANDS_RATIO_TARGET else MISS,
                        note=f"{cpu(name)}; {note}; raw = `python -c \"import chromadb\"`; catalogue read from the data dir"))
    return rows
