"""Chat: time to first paint of ``assistant`` vs a bare Textual app, and cold import time of the core.

First paint comes from the TUI's own probe, ``assistant.tui.measure_startup.measure`` (fresh interpreters,
headless 80x24, Textual's ``Ready`` event; the chat's store seeded by one warm-up run): medians of
``scale.startup_runs`` starts of each app, alternated. "Ready" is when the boot worker has built the services
and the brain, so a message can be answered.

Cold import is the wall time of a fresh ``python -c "import assistant.services, assistant.cli"`` minus that
of ``python -c "pass"``, best of N; ``-X importtime`` names the slowest modules.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

from bench.common import NOT_YET, REPO, Row, Scale, child_env

NAME = "chat"
CORE_IMPORT = "import assistant.services, assistant.cli"


def run(scale: Scale) -> list[Row]:
    rows = _first_paint_rows(scale)
    rows += _import_rows(scale)
    return rows


def _first_paint_rows(scale: Scale) -> list[Row]:
    try:
        from assistant.tui.measure_startup import measure
    except ImportError as exc:
        return [Row(NAME, "first paint", "time", status=NOT_YET, note=str(exc))]
    result = measure(runs=scale.startup_runs, data_dir=scale.workdir / f"{NAME}-data")
    ours, bare = result["assistant"], result["bare"]
    runs = f"median of {result['runs']} fresh starts"
    heavy = ", ".join(ours.get("heavy_at_first_paint") or []) or "none"
    rows = [
        Row(NAME, "first paint, headless 80x24", "time since launch", ours["first_paint"], "s", bare["first_paint"],
            ours["first_paint"] / bare["first_paint"], note=f"{runs}; heavy modules loaded by then: {heavy}"),
        Row(NAME, "app module imported", "time since launch", ours["imported"], "s", bare["imported"],
            ours["imported"] / bare["imported"], note="assistant.tui.app vs textual.app"),
    ]
    if "ready" in ours:
        rows.append(Row(NAME, "ready to answer (store + brain built)", "time since launch", ours["ready"], "s",
                        note=f"{runs}; demo store already seeded"))
    return rows


def _fresh_interpreter(code: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env=child_env(), capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def slowest_imports(code: str, top: int = 5) -> list[tuple[str, float]]:
    """The ``top`` modules with the largest cumulative import time (seconds) under ``-X importtime``."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], check=True, cwd=REPO, env=child_env(),
                         capture_output=True, text=True).stderr
    rows = []
    for line in out.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            depth = len(match.group(3)) // 2
            rows.append((depth, match.group(4), int(match.group(2)) / 1e6))
    # Top-level packages only (depth of the shallowest entries), so children don't repeat their parents.
    shallow = min((d for d, _, _ in rows), default=0)
    ranked = sorted(((name, t) for d, name, t in rows if d <= shallow + 1), key=lambda x: -x[1])
    return ranked[:top]


def _import_rows(scale: Scale) -> list[Row]:
    try:
        import assistant.cli  # noqa: F401
        import assistant.services  # noqa: F401
    except ImportError as exc:
        return [Row(NAME, "cold import of the core", "time", status=NOT_YET, note=str(exc))]
    repeats = scale.startup_runs
    interpreter = _fresh_interpreter("pass", repeats)
    core = _fresh_interpreter(CORE_IMPORT, repeats)
    slowest = ", ".join(f"{name} {t * 1000:.0f} ms" for name, t in slowest_imports(CORE_IMPORT))
    return [
        Row(NAME, f"cold import: {CORE_IMPORT}", "time", core - interpreter, "s",
            note=f"best of {repeats}, interpreter start-up ({interpreter * 1000:.0f} ms) subtracted; slowest (cumulative, -X importtime): {slowest}"),
    ]
