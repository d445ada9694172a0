"""What every benchmark shares: result rows, the run's scale, timing helpers, child processes, the table.

A figure with a raw counterpart is reported as a ratio measured in the same run (``ours / raw`` for costs, so
1.0 is parity and 1.2 is 20% slower), which holds on a noisy machine where absolute numbers don't.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

OK, MISS, NOT_YET, NOT_OFFLINE, NA, ERROR = "ok", "MISS", "not available yet", "not available offline", "n/a", "error"


@dataclass
class Row:
    """One line of the table. ``ours``/``raw`` are numbers in ``unit`` (or text); ``ratio`` is ours/raw cost."""

    bench: str
    case: str
    metric: str
    ours: float | int | str | None = None
    unit: str = ""
    raw: float | int | None = None
    ratio: float | None = None
    target: str = ""
    status: str = ""
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def higher_is_better(self) -> bool:
        """Rates (posts/s, docs/s) are better high; times and sizes are better low."""
        return self.unit.endswith("/s")


def cost_ratio(ours: float, raw: float, *, higher_is_better: bool = False) -> float:
    """How many times more ours costs than raw: 1.2 means 20% slower (or bigger), whatever the unit's direction."""
    return raw / ours if higher_is_better else ours / raw


@dataclass
class Scale:
    """How big a run is. ``full`` is the issue's sizes; ``quick`` a few minutes; ``smoke`` seconds (for the test)."""

    name: str
    sizes: list[int]
    repeats: int
    queries: int
    fit_sizes: list[int]
    rank_creators: int
    rank_posts: int
    draft_sizes: list[int]
    startup_runs: int
    cli_size: int | None
    embed_docs: int
    seed: int = 20261122
    workdir: Path = field(default_factory=lambda: Path("."))

    @classmethod
    def named(cls, name: str, *, sizes: list[int] | None = None, seed: int | None = None) -> Scale:
        presets: dict[str, dict[str, Any]] = {
            "full": dict(sizes=[1_000, 10_000, 100_000], repeats=3, queries=200, fit_sizes=[100, 1_000, 10_000],
                         rank_creators=100, rank_posts=200, draft_sizes=[100, 1_000, 10_000], startup_runs=5,
                         cli_size=10_000, embed_docs=20_000),
            "quick": dict(sizes=[1_000, 10_000], repeats=2, queries=100, fit_sizes=[100, 1_000],
                          rank_creators=20, rank_posts=200, draft_sizes=[100, 1_000], startup_runs=3,
                          cli_size=None, embed_docs=5_000),
            "smoke": dict(sizes=[60], repeats=1, queries=4, fit_sizes=[30], rank_creators=3, rank_posts=20,
                          draft_sizes=[30], startup_runs=1, cli_size=30, embed_docs=200),
        }
        values = presets[name]
        if sizes:
            values["sizes"] = sizes
        scale = cls(name=name, **values)
        if seed is not None:
            scale.seed = seed
        return scale


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds of the same work. CPU time (all threads of this process) is what the code
    costs; other processes on the machine inflate wall time, not CPU time, so targets are judged on CPU time."""

    wall: float
    cpu: float


def timed(fn: Callable[[], Any]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def best_of(fn: Callable[[], Any], repeats: int) -> Timing:
    """The fastest of ``repeats`` calls (the least disturbed by other work), for wall and CPU time separately."""
    runs = [timed(fn) for _ in range(max(1, repeats))]
    return Timing(min(r.wall for r in runs), min(r.cpu for r in runs))


def time_row(bench: str, case: str, timing: Timing, *, target_s: float | None = None, note: str = "") -> Row:
    """A row for work timed in this process: CPU seconds (judged against ``target_s``), wall seconds in the note."""
    status = "" if target_s is None else OK if timing.cpu < target_s else MISS
    wall = f"wall {fmt_seconds(timing.wall)}"
    return Row(bench, case, "CPU time", timing.cpu, "s", target=f"< {target_s:g} s" if target_s is not None else "",
               status=status, note=f"{wall}; {note}" if note else wall)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; what p50/p95 mean in the table."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class ChildResult:
    """What a child process reported (its last stdout line, as JSON), its peak RSS and its wall time."""

    data: dict[str, Any]
    max_rss_mb: float
    wall_s: float
    stdout: str
    stderr: str


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    # Children never reach a real provider or the user's data.
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_LLM_PROVIDER", "ASSISTANT_LLM_BASE_URL",
                "ASSISTANT_CHROMA_URL", "ASSISTANT_EMBEDDING", "ASSISTANT_OPENAI_API_KEY"):
        env.pop(var, None)
    env.update(extra)
    return env


def run_child(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 900,
              parse_json: bool = True) -> ChildResult:
    """Run a command, reap it with ``os.wait4`` so its own peak RSS is known, and parse its last JSON line.

    ``ru_maxrss`` of one child is the honest peak for Rust-backed Chroma, whose memory tracemalloc can't see.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env or child_env())
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        chunks[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s), daemon=True)
               for n, s in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    wall = time.perf_counter() - start
    stdout = chunks.get("out", b"").decode("utf-8", "replace")
    stderr = chunks.get("err", b"").decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])}... exited {proc.returncode}: {stderr.strip()[-2000:]}")
    data = _json_result(stdout, stderr) if parse_json else {}
    rss_kb = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return ChildResult(data=data, max_rss_mb=rss_kb / 1024, wall_s=wall, stdout=stdout, stderr=stderr)


def _json_result(stdout: str, stderr: str) -> dict[str, Any]:
    """The JSON object a child printed: its last one-line object, else everything from the first '{' (the
    CLI's ``--json`` is indented over several lines)."""
    for line in reversed(stdout.splitlines()):
        if line.strip().startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                break
    if "{" in stdout:
        try:
            return json.loads(stdout[stdout.index("{"):])
        except json.JSONDecodeError:
            pass
    raise RuntimeError(f"child printed no JSON result: {stdout.strip()[-500:]!r}; stderr: {stderr.strip()[-1500:]}")


def self_max_rss_kb() -> int:
    """This process's peak resident set (Linux reports kilobytes)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak / 1024) if sys.platform == "darwin" else int(peak)


def python() -> str:
    return sys.executable


# Formatting -------------------------------------------------------------------------------------------------
def fmt_number(value: float | int | str | None, unit: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):  # counts: no decimals
        return f"{value:,} {unit}".strip()
    if value != value:  # NaN
        return "n/a"
    if unit == "s":
        return fmt_seconds(value)
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def fmt_seconds(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_ratio(ratio: float | None) -> str:
    return "" if ratio is None or ratio != ratio else f"{ratio:.2f}x"


def markdown_table(rows: list[Row]) -> str:
    header = ["Benchmark", "Case", "Metric", "Ours", "Raw", "Ratio", "Target", "Status"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        status = f"{r.status} ({r.note})" if r.status and r.note else r.status or r.note
        cells = [r.bench, r.case, r.metric, fmt_number(r.ours, r.unit), fmt_number(r.raw, r.unit),
                 fmt_ratio(r.ratio), r.target, status]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def not_available(bench: str, what: str, exc: BaseException) -> Row:
    """The row a benchmark returns when the module it measures hasn't landed yet."""
    return Row(bench, what, "-", status=NOT_YET, note=f"{type(exc).__name__}: {exc}")
