"""Evaluate the fit engine against labelled data and print a table per brand plus the headline metrics.

    python scripts/eval_fit.py            # the labelled set in tests/eval/ and the demo data
    python scripts/eval_fit.py --eval     # only tests/eval/
    python scripts/eval_fit.py --demo     # only the demo data (intended fits from its README)

Metrics: Spearman rank correlation between our scores and the expert scores (overall and per brand), verdict
accuracy, whether each brand's best fit ranks first, and whether each trap pair lands in the labelled band.
The demo data has no expert scores, only intended verdicts (assistant/demo_data/feeds/README.md), so it is
judged on verdict accuracy and best fit first.

`load_eval`, `load_demo` and `evaluate` are imported by tests/analysis/test_eval.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assistant.analysis import assess_many  # noqa: E402
from assistant.ingest import read_guide, read_posts  # noqa: E402
from assistant.models import FitAssessment, InfluencerProfile, Post, VoiceGuide  # noqa: E402

EVAL_DIR = REPO / "tests" / "eval"
DEMO_FEEDS = REPO / "assistant" / "demo_data" / "feeds"
DEMO_GUIDES = REPO / "voice_guides"

# Intended fits of the demo cast, from the table in assistant/demo_data/feeds/README.md: (brand, creator) ->
# verdict. Pairs not listed are other-niche creators, intended as poor fits.
DEMO_INTENDED: dict[tuple[str, str], str] = {
    ("northwind", "trailtom"): "strong",
    ("northwind", "summit.sam"): "poor",
    ("northwind", "maya.makes"): "possible",
    ("lumen", "dr.dewy"): "strong",
    ("lumen", "glowgetter.gigi"): "poor",
    ("brightbyte", "centsible.sara"): "strong",
    ("brightbyte", "hustle_hank"): "poor",
}
DEMO_BEST = {"northwind": "trailtom", "lumen": "dr.dewy", "brightbyte": "centsible.sara"}


@dataclass
class Label:
    brand: str
    influencer: str
    verdict: str
    score: int | None = None
    best_fit: bool = False
    traps: list[str] = field(default_factory=list)


@dataclass
class Dataset:
    name: str
    guides: dict[str, VoiceGuide]
    creators: list[tuple[InfluencerProfile, list[Post]]]
    labels: list[Label]


@dataclass
class BrandResult:
    brand: str
    rows: list[tuple[Label, FitAssessment]]
    spearman: float | None
    best_first: bool | None


@dataclass
class Result:
    dataset: str
    brands: list[BrandResult]
    spearman: float | None
    verdict_accuracy: float
    best_first: dict[str, bool]
    trap_pairs: list[tuple[Label, FitAssessment, bool]]
    seconds: float

    @property
    def pairs(self) -> list[tuple[Label, FitAssessment]]:
        return [row for b in self.brands for row in b.rows]


def _profile(entry: dict) -> InfluencerProfile:
    return InfluencerProfile(
        handle=entry["handle"],
        platform=entry.get("platform"),
        followers=entry.get("followers"),
        niche=entry.get("niche"),
        display_name=entry.get("display_name"),
    )


def _creators(feeds: Path, roster: list[dict]) -> list[tuple[InfluencerProfile, list[Post]]]:
    out = []
    for entry in roster:
        profile = _profile(entry)
        posts = read_posts(feeds / entry["file"], profile.handle, platform=entry.get("platform"), fmt="json")
        out.append((profile, posts))
    return out


def load_eval(root: Path = EVAL_DIR) -> Dataset:
    """The labelled set: guides under their brand slugs, feeds under their handles, expert labels."""
    meta = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    guides = {
        slug: read_guide(root / info["guide"], brand=slug, name=info.get("name")) for slug, info in meta["brands"].items()
    }
    roster_path = root / meta["roster"]
    roster = json.loads(roster_path.read_text(encoding="utf-8"))
    creators = _creators(roster_path.parent, roster)
    labels = [
        Label(
            brand=x["brand"],
            influencer=x["influencer"],
            verdict=x["verdict"],
            score=x.get("score"),
            best_fit=bool(x.get("best_fit")),
            traps=list(x.get("traps") or []),
        )
        for x in meta["labels"]
    ]
    return Dataset("eval", guides, creators, labels)


def load_demo(feeds: Path = DEMO_FEEDS, guides_dir: Path = DEMO_GUIDES) -> Dataset:
    """The demo data, labelled with its intended verdicts (other-niche pairs are intended as poor)."""
    roster = json.loads((feeds / "roster.json").read_text(encoding="utf-8"))
    creators = _creators(feeds, roster)
    guides = {p.stem: read_guide(p, brand=p.stem) for p in sorted(guides_dir.glob("*.md"))}
    labels = [
        Label(
            brand=brand,
            influencer=profile.handle,
            verdict=DEMO_INTENDED.get((brand, profile.handle), "poor"),
            best_fit=DEMO_BEST.get(brand) == profile.handle,
        )
        for brand in guides
        for profile, _ in creators
    ]
    return Dataset("demo", guides, creators, labels)


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rho with average ranks for ties; None when either side is constant or too short."""
    if len(xs) < 3:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return None
    return cov / (vx * vy) ** 0.5


def evaluate(data: Dataset) -> Result:
    """Assess every labelled pair (one shortlist per brand) and compare with the labels."""
    by_key = {(x.brand, x.influencer): x for x in data.labels}
    started = time.perf_counter()
    brands: list[BrandResult] = []
    best_first: dict[str, bool] = {}
    for slug, guide in data.guides.items():
        assessments = assess_many(guide, data.creators)
        rows = [(by_key[(slug, a.influencer)], a) for a in assessments if (slug, a.influencer) in by_key]
        scored = [(lab.score, a.score) for lab, a in rows if lab.score is not None]
        rho = spearman([float(s) for s, _ in scored], [float(o) for _, o in scored]) if scored else None
        best = [lab.influencer for lab, _ in rows if lab.best_fit]
        first = assessments[0].influencer if assessments else None
        ok = (first in best) if best else None
        if ok is not None:
            best_first[slug] = ok
        brands.append(BrandResult(slug, rows, rho, ok))
    seconds = time.perf_counter() - started
    pairs = [row for b in brands for row in b.rows]
    scored = [(lab.score, a.score) for lab, a in pairs if lab.score is not None]
    rho = spearman([float(s) for s, _ in scored], [float(o) for _, o in scored]) if scored else None
    accuracy = sum(lab.verdict == a.verdict for lab, a in pairs) / len(pairs) if pairs else 0.0
    traps = [(lab, a, lab.verdict == a.verdict) for lab, a in pairs if lab.traps]
    return Result(data.name, brands, rho, accuracy, best_first, traps, seconds)


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def report(result: Result) -> str:
    lines = [f"# {result.dataset}: {len(result.pairs)} pairs, {result.seconds:.2f} s", ""]
    for b in result.brands:
        lines.append(f"## {b.brand}  (Spearman {_fmt(b.spearman)}, best fit first: {b.best_first})")
        lines.append(f"{'creator':24} {'label':>14} {'ours':>14}  {'':2} traps / caps")
        for lab, a in b.rows:
            label = f"{lab.score if lab.score is not None else '-':>3} {lab.verdict:<8}"
            ours = f"{a.score:>3} {a.verdict:<8}"
            mark = "ok" if lab.verdict == a.verdict else "XX"
            best = "*" if lab.best_fit else " "
            notes = ", ".join(lab.traps)
            if a.caps:
                notes += (" | " if notes else "") + a.caps[0]
            lines.append(f"{best}{lab.influencer:23} {label:>14} {ours:>14}  {mark} {notes}")
        lines.append("")
    lines.append(f"Spearman (all pairs): {_fmt(result.spearman)}")
    lines.append(f"Verdict accuracy:     {result.verdict_accuracy:.3f}")
    firsts = ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in result.best_first.items())
    lines.append(f"Best fit ranks first: {firsts}")
    if result.trap_pairs:
        right = sum(ok for _, _, ok in result.trap_pairs)
        lines.append(f"Trap pairs in the labelled band: {right}/{len(result.trap_pairs)}")
        for lab, a, ok in result.trap_pairs:
            if not ok:
                lines.append(f"  missed: {lab.brand} x {lab.influencer} ({', '.join(lab.traps)}): label {lab.verdict}, ours {a.verdict} {a.score}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", action="store_true", help="only the labelled set in tests/eval/")
    parser.add_argument("--demo", action="store_true", help="only the demo data")
    args = parser.parse_args(argv)
    both = not (args.eval or args.demo)
    out = []
    if args.eval or both:
        out.append(report(evaluate(load_eval())))
    if args.demo or both:
        out.append(report(evaluate(load_demo())))
    print("\n\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
