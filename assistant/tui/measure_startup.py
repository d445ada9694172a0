"""Time to first paint of the chat, against a bare Textual app (``python -m assistant.tui.measure_startup``).

Each run is a fresh interpreter (so imports are really paid) running the app headless at 80x24. A child reports,
in seconds since its first line ran: ``imported`` (app module imported), ``first_paint`` (Textual's ``Ready``
event: the first frame is on screen) and, for the chat, ``ready`` (services and brain built by the boot worker,
the input can be answered). The parent adds ``process`` (wall time of the whole child, interpreter start to
exit). The chat's store is a temp data dir, seeded by one warm-up run, unless ``--data-dir`` is given.

``measure(runs=5)`` returns the same figures as a dict, for the benchmarks.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # before any other import: the child's clock starts here

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

# pydantic_settings too: the settings are loaded by the boot worker, after the first frame.
HEAVY = ("chromadb", "langchain", "langchain_core", "langchain_openai", "openai", "onnxruntime", "pydantic_settings")
SIZE = (80, 24)
TIMEOUT = 120.0


def _heavy_loaded() -> list[str]:
    return sorted(name for name in HEAVY if name in sys.modules)


def _child(variant: str) -> None:
    """Run one app headless, print its timings as one JSON line, exit."""
    timings: dict[str, Any] = {}
    if variant == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Static

        class BareApp(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("hello")
                yield Footer()

        timings["imported"] = time.perf_counter() - _T0
        base: type[Any] = BareApp
    else:
        from assistant.tui.app import AssistantApp

        timings["imported"] = time.perf_counter() - _T0
        timings["heavy_at_import"] = _heavy_loaded()
        base = AssistantApp

    class Measured(base):  # type: ignore[misc, valid-type]
        def on_ready(self) -> None:
            timings["first_paint"] = time.perf_counter() - _T0
            timings["heavy_at_first_paint"] = _heavy_loaded()
            if variant == "bare":
                self.exit()
            else:
                self.set_interval(0.005, self._check_ready)

        def _check_ready(self) -> None:
            if self.chat.ready:
                timings["ready"] = time.perf_counter() - _T0
                self.exit()
            elif self.chat.boot_error:
                timings["boot_error"] = self.chat.boot_error
                self.exit()

    Measured().run(headless=True, size=SIZE)
    print(json.dumps(timings), flush=True)


def _run_child(variant: str, env: dict[str, str]) -> dict[str, Any]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "assistant.tui.measure_startup", "--child", variant],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,
        check=True,
    )
    timings = json.loads(out.stdout.strip().splitlines()[-1])
    timings["process"] = time.perf_counter() - start
    return timings


def measure(runs: int = 5, data_dir: Path | None = None, *, warm_up: bool = True) -> dict[str, Any]:
    """Median timings (seconds) of ``runs`` fresh starts of a bare Textual app and of the chat.

    ``warm_up`` first runs each app once, unmeasured (seeding the demo store when ``data_dir`` is empty).
    """
    with tempfile.TemporaryDirectory(prefix="assistant-startup-") as tmp:
        env = dict(os.environ)
        env["ASSISTANT_DATA_DIR"] = str(data_dir or Path(tmp) / "data")
        env.setdefault("ASSISTANT_CONFIG_FILE", str(Path(tmp) / "config.toml"))
        if warm_up:  # seeds the demo store and the OS file cache
            _run_child("assistant", env)
            _run_child("bare", env)
        samples: dict[str, list[dict[str, Any]]] = {"bare": [], "assistant": []}
        for _ in range(runs):
            for variant in samples:
                samples[variant].append(_run_child(variant, env))
    result: dict[str, Any] = {"runs": runs, "size": list(SIZE)}
    for variant, rows in samples.items():
        keys = [k for k in ("imported", "first_paint", "ready", "process") if k in rows[0]]
        result[variant] = {k: round(statistics.median(r[k] for r in rows), 3) for k in keys}
        result[variant]["heavy_at_first_paint"] = rows[-1].get("heavy_at_first_paint", [])
    result["first_paint_overhead"] = round(result["assistant"]["first_paint"] - result["bare"]["first_paint"], 3)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--child", choices=("bare", "assistant"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    result = measure(args.runs, args.data_dir)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"median of {result['runs']} fresh starts, headless {SIZE[0]}x{SIZE[1]} (seconds)")
    print(f"{'':12}{'imported':>10}{'first paint':>13}{'ready':>8}{'process':>9}")
    for variant in ("bare", "assistant"):
        row = result[variant]
        ready = f"{row['ready']:>8.3f}" if "ready" in row else f"{'-':>8}"
        print(f"{variant:12}{row['imported']:>10.3f}{row['first_paint']:>13.3f}{ready}{row['process']:>9.3f}")
    print(f"first-paint overhead of the chat over a bare app: {result['first_paint_overhead']:.3f} s")
    print(f"heavy modules loaded at the chat's first paint: {', '.join(result['assistant']['heavy_at_first_paint']) or 'none'}")


if __name__ == "__main__":
    main()
