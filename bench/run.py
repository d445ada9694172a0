"""Run the benchmarks and print one table: ``python bench/run.py [--quick] [--only NAME] [--sizes 1000,10000]``.

Full run (the issue's sizes, ~10-15 minutes on 2 cores): ``python bench/run.py --write BENCHMARKS.md``.
``--quick`` is a few minutes, ``--smoke`` a few seconds (every benchmark at a tiny size; numbers meaningless).
Data is generated with a fixed seed (``--seed``), in a temporary directory removed afterwards (``--keep``).
Exit status: 0, or 1 when a benchmark raised (its row says ``error``). A missed target is not an error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py`: make `bench` and the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ERROR, MISS, OK, Row, Scale, fmt_number, fmt_ratio, markdown_table  # noqa: E402
from bench.machine import describe, load_average  # noqa: E402

# Name -> module with run(scale) -> list[Row]; in the order they run and print.
BENCHMARKS: dict[str, str] = {
    "ingestion": "bench.ingestion",
    "embedding": "bench.embedding",
    "retrieval": "bench.retrieval",
    "quality": "bench.quality",
    "fit": "bench.fit",
    "drafting": "bench.drafting",
    "chat": "bench.chat",
    "startup": "bench.startup",
    "campaigns": "bench.campaigns",
}


def _run_one(name: str, scale: Scale) -> list[Row]:
    try:
        module = importlib.import_module(BENCHMARKS[name])
        got = module.run(scale)
    except Exception as exc:  # one broken benchmark must not hide the others' numbers
        detail = traceback.format_exc(limit=-3).strip().splitlines()
        got = [Row(name, "-", "-", status=ERROR, note=f"{type(exc).__name__}: {exc} [{' / '.join(detail[-3:])}]")]
    if scale.name == "smoke":  # tiny sizes prove the code runs; their numbers judge nothing
        for row in got:
            if row.status in (OK, MISS):
                row.status = "smoke"
    return got


def run_benchmarks(scale: Scale, only: list[str] | None = None,
                   on_rows: Callable[[str, list[Row], float], None] | None = None) -> list[Row]:
    """Run the chosen benchmarks (all by default) at ``scale``, one at a time so none disturbs another's figures.

    A benchmark that raises gives one ``error`` row and the others still run.
    """
    rows: list[Row] = []
    for name in only or list(BENCHMARKS):
        start = time.perf_counter()
        got = _run_one(name, scale)
        rows += got
        if on_rows:
            on_rows(name, got, time.perf_counter() - start)
    return rows


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=f"Benchmarks: {', '.join(BENCHMARKS)}.")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats (a few minutes)")
    size.add_argument("--smoke", action="store_true", help="tiny sizes: checks every benchmark still runs (seconds)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this benchmark (repeat, or comma-separate, for several)")
    parser.add_argument("--sizes", help="post counts for ingestion and retrieval, e.g. 1000,10000,100000")
    parser.add_argument("--seed", type=int, help="seed for the generated data")
    parser.add_argument("--write", type=Path, metavar="PATH", help="also write the table and the machine to PATH (BENCHMARKS.md)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the rows as JSON")
    parser.add_argument("--workdir", type=Path, help="where generated data and stores go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory afterwards")
    parser.add_argument("--note", help="a line for the report's machine section (e.g. which checkout was measured)")
    args = parser.parse_args(argv)
    args.only = [n.strip() for item in args.only for n in item.split(",") if n.strip()]
    unknown = [n for n in args.only if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    if args.sizes:
        try:
            args.sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.replace(" ", "").split(",") if s]
        except ValueError:
            parser.error("--sizes takes whole numbers separated by commas, e.g. 1000,10000")
        if not args.sizes or min(args.sizes) < 20:
            parser.error("--sizes: each size must be at least 20 posts")
    return args


def reproduce_command(args: argparse.Namespace) -> str:
    """The command that measures the same things again (output and work-dir options left out)."""
    parts = ["python bench/run.py"]
    if args.quick or args.smoke:
        parts.append("--quick" if args.quick else "--smoke")
    parts += [f"--only {name}" for name in args.only]
    if args.sizes:
        parts.append("--sizes " + ",".join(str(n) for n in args.sizes))
    if args.seed is not None:
        parts.append(f"--seed {args.seed}")
    return " ".join(parts)


def write_report(path: Path, rows: list[Row], machine: dict[str, str], scale: Scale, seconds: float, command: str) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"The latest run of `{command}` ({scale.name} scale, seed {scale.seed}, {seconds / 60:.1f} minutes). "
        "How to run them, what each figure measures and how to read the ratios: [bench/README.md](bench/README.md).",
        "",
        "Ratios are ours / raw, measured in the same run (1.00x = parity; above 1 = slower or bigger), so they hold "
        "on a noisy machine where the absolute numbers move.",
        "",
        "## Machine",
        "",
        *[f"- **{key}**: {value}" for key, value in machine.items()],
        "",
        "## Results",
        "",
        markdown_table(rows),
        "",
    ]
    missed = [r for r in rows if r.status == MISS]
    if missed:
        lines += ["## Missed targets", "",
                  "Causes and proposed fixes: [bench/proposed/README.md](bench/proposed/README.md).", ""]
        lines += [f"- {r.bench}, {r.case}: {r.metric} {fmt_number(r.ours, r.unit)}"
                  + (f" ({fmt_ratio(r.ratio)} raw)" if r.ratio is not None and r.raw is not None else "")
                  + f", target {r.target}" for r in missed]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scale = Scale.named("smoke" if args.smoke else "quick" if args.quick else "full", sizes=args.sizes, seed=args.seed)
    machine = describe()
    if args.note:
        machine["note"] = args.note
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    scale.workdir = workdir
    print(f"# {scale.name} run, seed {scale.seed}, sizes {', '.join(f'{s:,}' for s in scale.sizes)}; data in {workdir}",
          flush=True)

    def show(name: str, rows: list[Row], seconds: float) -> None:
        print(f"\n## {name} ({seconds:.1f} s)\n{markdown_table(rows)}", flush=True)

    start = time.perf_counter()
    try:
        rows = run_benchmarks(scale, args.only or None, on_rows=show)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    seconds = time.perf_counter() - start
    machine["load average at end (1/5/15 min)"] = load_average()
    print(f"\n# All results ({seconds:.0f} s)\n\n{markdown_table(rows)}")
    command = reproduce_command(args)
    if args.write:
        write_report(args.write, rows, machine, scale, seconds, command)
        print(f"\nWrote {args.write}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "scale": scale.name, "seconds": seconds,
                                         "rows": [r.as_dict() for r in rows]}, indent=2), encoding="utf-8")
    return 1 if any(r.status == ERROR for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
