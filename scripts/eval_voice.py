"""Evaluate the voice check, voice fit and niche topics on real material; prints the figures EVAL.md records.

    python scripts/eval_voice.py               # everything that is available
    python scripts/eval_voice.py --check       # only the labelled guide sentences

Sections:
- Voice check: `check` on the labelled sentences of tests/data/voice_sentences (dev and test side by side):
  share of rule-breaking sentences caught with the right rule named, share of compliant ones given any finding.
- Voice fit: the voice dimension's spread across creators under each guide, and whether the creators' order
  changes from guide to guide (Spearman between guides' voice orders).
- Ranking on real posts: Spearman against hand-written expert orders (tests/data/real_posts/); the posts are
  rebuilt outside the repo by scripts/fetch_eval_posts.py (their licence keeps them out), then
  ASSISTANT_REAL_POSTS_DIR points at them.
- Niche topics: three brands in niches absent from every word list (sewing, cybersecurity, board games): does
  the on-niche creator rank first?

`load_sentences`, `run_check` and the other helpers are imported by tests/analysis/test_voice_eval.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assistant.analysis import assess_fit, check_text  # noqa: E402
from assistant.ingest import read_guide  # noqa: E402
from assistant.models import InfluencerProfile, Post, VoiceGuide  # noqa: E402

SENTENCES = REPO / "tests" / "data" / "voice_sentences"
NICHE = REPO / "tests" / "data" / "niche"
REAL_GUIDES = REPO / "tests" / "data" / "real_voice_guides"


def load_sentences() -> tuple[list[dict], dict[str, VoiceGuide]]:
    rows = json.loads((SENTENCES / "sentences.json").read_text(encoding="utf-8"))
    guides = {p.stem: read_guide(p, brand=p.stem) for p in sorted((SENTENCES / "guides").glob("*.md"))}
    return rows, guides


@dataclass
class CheckOutcome:
    row: dict
    checks: list[str]  # rule kinds of the findings
    suggestions: list[str]

    @property
    def caught(self) -> bool:
        return self.row["label"] == "breaks" and self.row["rule"] in self.checks

    @property
    def flagged(self) -> bool:
        return bool(self.checks)


def run_check(rows: list[dict], guides: dict[str, VoiceGuide]) -> list[CheckOutcome]:
    out = []
    for row in rows:
        report = check_text(guides[row["guide"]], row["text"])
        out.append(CheckOutcome(row, [f.check or "other" for f in report.findings], [f.suggestion for f in report.findings]))
    return out


def check_rates(outcomes: list[CheckOutcome], split: str | None = None) -> tuple[float, float, int, int]:
    """(caught share of breaking, flagged share of compliant, n breaking, n compliant) for one split."""
    sel = [o for o in outcomes if split is None or o.row["split"] == split]
    breaking = [o for o in sel if o.row["label"] == "breaks"]
    compliant = [o for o in sel if o.row["label"] == "compliant"]
    caught = sum(o.caught for o in breaking) / len(breaking) if breaking else 0.0
    false = sum(o.flagged for o in compliant) / len(compliant) if compliant else 0.0
    return caught, false, len(breaking), len(compliant)


def spearman(a: list[float], b: list[float]) -> float | None:
    """Spearman rank correlation with average ranks for ties."""
    if len(a) < 3:
        return None

    def ranks(xs: list[float]) -> list[float]:
        order = sorted(range(len(xs)), key=lambda i: xs[i])
        r = [0.0] * len(xs)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return r

    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va and vb else None


def load_feed_dir(folder: Path) -> list[tuple[InfluencerProfile, list[Post]]]:
    from assistant.ingest import read_posts

    out = []
    for entry in json.loads((folder / "roster.json").read_text(encoding="utf-8")):
        profile = InfluencerProfile(
            handle=entry["handle"], platform=entry.get("platform"), followers=entry.get("followers"), niche=entry.get("niche")
        )
        posts = read_posts(folder / entry["file"], influencer=profile.handle, platform=profile.platform)
        out.append((profile, posts))
    return out


def niche_results() -> list[tuple[str, str, list[tuple[str, int, int | None]]]]:
    """Per niche brand: (brand, expected first creator, [(creator, score, topic score)] best first)."""
    from assistant.analysis import assess_many

    meta = json.loads((NICHE / "expected.json").read_text(encoding="utf-8"))
    creators = load_feed_dir(NICHE / "feeds")
    out = []
    for brand, expected in meta["best_fit"].items():
        guide = read_guide(NICHE / "guides" / f"{brand}.md", brand=brand)
        ranked = assess_many(guide, creators)
        out.append((brand, expected, [(a.influencer, a.score, a.dimension("topic").score) for a in ranked]))
    return out


def voice_spread(guides: list[VoiceGuide], creators: list[tuple[InfluencerProfile, list[Post]]]) -> dict[str, dict[str, int | None]]:
    """Voice score of every creator under every guide."""
    return {g.brand: {p.handle: assess_fit(g, p, posts).dimension("voice").score for p, posts in creators} for g in guides}


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def print_check() -> None:
    rows, guides = load_sentences()
    outcomes = run_check(rows, guides)
    print("## Voice check\n")
    print(f"{len(rows)} sentences from {len(guides)} guides\n")
    print("| split | breaking | caught with the right rule | compliant | given any finding |")
    print("|---|---|---|---|---|")
    for split in ("dev", "test", None):
        caught, false, nb, nc = check_rates(outcomes, split)
        print(f"| {split or 'all'} | {nb} | {_pct(caught)} | {nc} | {_pct(false)} |")
    print("\nBy rule kind (all splits): caught / breaking")
    kinds = sorted({o.row["rule"] for o in outcomes if o.row["rule"]})
    for kind in kinds:
        sel = [o for o in outcomes if o.row["rule"] == kind]
        print(f"  {kind:16s} {sum(o.caught for o in sel)}/{len(sel)}")
    print("\nMissed (breaking, right rule not named):")
    for o in outcomes:
        if o.row["label"] == "breaks" and not o.caught:
            print(f"  [{o.row['split']}] {o.row['id']} {o.row['rule']}: {o.row['text'][:90]!r} -> {o.checks}")
    print("\nFalse findings (compliant, flagged):")
    for o in outcomes:
        if o.row["label"] == "compliant" and o.flagged:
            print(f"  [{o.row['split']}] {o.row['id']}: {o.row['text'][:90]!r} -> {o.checks}")
    print()


def print_voice() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    from eval_fit import load_demo, load_eval

    ev, de = load_eval(), load_demo()
    creators = ev.creators + de.creators
    guides = list(ev.guides.values()) + list(de.guides.values())
    guides += [read_guide(p) for p in sorted(REAL_GUIDES.glob("*.md")) if p.stem != "SOURCES"]
    table = voice_spread(guides, creators)
    print("## Voice fit\n")
    print(f"{len(creators)} creators (tests/eval and demo feeds) under {len(guides)} guides\n")
    print("| guide | min | max | spread |")
    print("|---|---|---|---|")
    for brand, scores in table.items():
        vals = [v for v in scores.values() if v is not None]
        print(f"| {brand} | {min(vals)} | {max(vals)} | {max(vals) - min(vals)} |")
    handles = [p.handle for p, _ in creators]
    brands = list(table)
    rhos = []
    for i, a in enumerate(brands):
        for b in brands[i + 1 :]:
            rho = spearman([table[a][h] or 0 for h in handles], [table[b][h] or 0 for h in handles])
            if rho is not None:
                rhos.append(rho)
    print(f"\nSpearman between two guides' voice orders: mean {sum(rhos) / len(rhos):.2f}, "
          f"min {min(rhos):.2f}, max {max(rhos):.2f} (1.0 would mean the guide makes no difference)\n")


def print_niche() -> None:
    print("## Niche topics\n")
    for brand, expected, ranked in niche_results():
        first = ranked[0][0]
        print(f"{brand}: expected {expected} first, got {first} ({'ok' if first == expected else 'MISS'})")
        for handle, score, topic in ranked:
            print(f"    {handle:24s} {score:3d}  topic {topic}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    print_check()
    if args.check:
        return
    print_voice()
    if (NICHE / "expected.json").exists():
        print_niche()
    real = REPO / "scripts" / "eval_real_posts.py"
    if real.exists():
        import runpy

        runpy.run_path(str(real), run_name="__main__")


if __name__ == "__main__":
    main()
