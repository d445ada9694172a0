"""Evaluate guide reading against hand labels: how much of each published guide the reader gets right.

    python scripts/eval_guides.py              # table per guide and per split (dev / test)
    python scripts/eval_guides.py --markdown   # the same as the "Guide reading" section of EVAL.md
    python scripts/eval_guides.py --details    # also list missed rules and junk, per guide

Labels: tests/data/guide_labels/*.json (format in the README there), written before the reader was run.
Guides: tests/data/real_voice_guides/ (shipped) and, for guides whose licence forbids shipping them,
$ASSISTANT_EXTRA_GUIDES (default ~/.cache/assistant/extra_voice_guides, rebuilt by scripts/fetch_guides.py);
a missing extra guide is reported and skipped.

Metrics, per guide:
- rule recall: labelled explicit rules that some extracted rule matches (see `matches`);
- junk rate: extracted rules that match no labelled rule (nor a labelled "neutral" instruction), over all
  extracted rules;
- check accuracy: of the recalled rules with a labelled check, those typed to that check (or a labelled
  alternative); and checked-rule recall: labelled rules with a check that were extracted AND typed right;
- attribute recall: labelled voice attributes found (case-insensitive);
- word recall (avoided, preferred): labelled words found in the guide's word lists; "found" means the reader
  returned a non-empty list where the guide has one;
- brand name: the reader's name equals the labelled one (guides that never name themselves are left out);
- examples / counter-examples: labelled samples found in the right list, and samples put in the wrong one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assistant.guide.checks import stem  # noqa: E402
from assistant.ingest import read_guide  # noqa: E402
from assistant.models import VoiceGuide  # noqa: E402

LABELS = REPO / "tests" / "data" / "guide_labels"
SHIPPED = REPO / "tests" / "data" / "real_voice_guides"
_STOP = frozenset(
    "a an the and or of to in on for with as at by be is are it its this that these those you your we our us they "
    "their them he she his her i me my not no do don't dont can can't will would should must may might so if when "
    "what who how than then there here just also too very more most".split()
)


def extra_guides_dir() -> Path:
    return Path(os.environ.get("ASSISTANT_EXTRA_GUIDES", Path.home() / ".cache" / "assistant" / "extra_voice_guides"))


def content_stems(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("’", "'"))
    return {stem(w) for w in words if w not in _STOP}


def matches(a: str, b: str) -> bool:
    """Two rule texts say the same: most of the shorter one's content words are in the longer one."""
    sa, sb = content_stems(a), content_stems(b)
    if not sa or not sb:
        return a.strip().lower() == b.strip().lower()
    return len(sa & sb) / min(len(sa), len(sb)) >= 0.6


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')).strip(" .\"'")


def _sample_found(sample: str, found: list[str]) -> bool:
    s = _norm(sample)
    return any(s in _norm(f) or (len(_norm(f)) > 20 and _norm(f) in s) for f in found)


@dataclass
class GuideScore:
    name: str
    split: str
    rules_labelled: int = 0
    rules_recalled: int = 0
    extracted: int = 0
    junk: int = 0
    checked_labelled: int = 0
    checked_right: int = 0
    checks_recalled: int = 0
    checks_right_of_recalled: int = 0
    attributes_labelled: int = 0
    attributes_found: int = 0
    avoided_labelled: int = 0
    avoided_found: int = 0
    preferred_labelled: int = 0
    preferred_found: int = 0
    lists_expected: int = 0
    lists_found: int = 0
    name_expected: str | None = None
    name_got: str = ""
    examples_labelled: int = 0
    examples_found: int = 0
    counter_labelled: int = 0
    counter_found: int = 0
    misplaced: int = 0
    not_understood: int = 0
    missed: list[str] = field(default_factory=list)
    junk_texts: list[str] = field(default_factory=list)
    wrong_checks: list[str] = field(default_factory=list)


def load_labels() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(LABELS.glob("*.json"))]


def guide_path(label: dict) -> Path:
    return (SHIPPED if label["location"] == "shipped" else extra_guides_dir()) / label["file"]


def score(label: dict, guide: VoiceGuide) -> GuideScore:
    result = GuideScore(name=label["file"].rsplit(".", 1)[0], split=label["split"])
    rules = guide.rules
    labelled = label["rules"]
    neutral = label.get("neutral", [])
    result.rules_labelled = len(labelled)
    result.extracted = len(rules)
    for entry in labelled:
        hits = [r for r in rules if matches(entry["text"], r.text)]
        expected = {entry.get("check"), *entry.get("also", [])}
        if entry.get("check"):
            result.checked_labelled += 1
        if not hits:
            result.missed.append(entry["text"])
            continue
        result.rules_recalled += 1
        if entry.get("check"):
            result.checks_recalled += 1
            if any(r.check in expected for r in hits):
                result.checks_right_of_recalled += 1
                result.checked_right += 1
            else:
                result.wrong_checks.append(f"{entry['text']} -> {[r.check for r in hits]} (want {entry['check']})")
    for rule in rules:
        if not any(matches(e["text"], rule.text) for e in labelled) and not any(matches(n, rule.text) for n in neutral):
            result.junk += 1
            result.junk_texts.append(rule.text)
    attrs = {a.casefold() for a in guide.voice_attributes}
    result.attributes_labelled = len(label["voice_attributes"])
    result.attributes_found = sum(1 for a in label["voice_attributes"] if a.casefold() in attrs)
    avoided = {w.casefold() for w in guide.avoided_words}
    preferred = {w.casefold() for w in guide.preferred_words}
    result.avoided_labelled = len(label["avoided_words"])
    result.avoided_found = sum(1 for w in label["avoided_words"] if w.casefold() in avoided)
    result.preferred_labelled = len(label["preferred_words"])
    result.preferred_found = sum(1 for w in label["preferred_words"] if w.casefold() in preferred)
    for words, got in ((label["avoided_words"], avoided), (label["preferred_words"], preferred)):
        if words:
            result.lists_expected += 1
            result.lists_found += 1 if got else 0
    result.name_expected = label.get("brand_name")
    result.name_got = guide.name
    result.examples_labelled = len(label["examples"])
    result.examples_found = sum(1 for e in label["examples"] if _sample_found(e, guide.example_copy))
    result.counter_labelled = len(label["counter_examples"])
    result.counter_found = sum(1 for e in label["counter_examples"] if _sample_found(e, guide.counter_examples))
    result.misplaced = sum(1 for e in label["counter_examples"] if _sample_found(e, guide.example_copy)) + sum(
        1 for e in label["examples"] if _sample_found(e, guide.counter_examples)
    )
    result.not_understood = len(guide.not_understood)
    return result


def evaluate(extra: bool = True) -> tuple[list[GuideScore], list[str]]:
    scores, skipped = [], []
    for label in load_labels():
        path = guide_path(label)
        if not path.exists():
            skipped.append(f"{label['file']} ({label['location']}: not at {path}; run scripts/fetch_guides.py)")
            continue
        if label["location"] != "shipped" and not extra:
            continue
        scores.append(score(label, read_guide(path, brand=Path(label["file"]).stem.replace("_", "-"))))
    return scores, skipped


def _ratio(num: int, den: int) -> str:
    return f"{100 * num / den:.0f}% ({num}/{den})" if den else "n/a"


def totals(scores: list[GuideScore]) -> dict[str, str]:
    def s(attr: str) -> int:
        return sum(getattr(x, attr) for x in scores)

    names = [x for x in scores if x.name_expected]
    return {
        "Rule recall": _ratio(s("rules_recalled"), s("rules_labelled")),
        "Junk rate": _ratio(s("junk"), s("extracted")),
        "Check right (of recalled rules with a check)": _ratio(s("checks_right_of_recalled"), s("checks_recalled")),
        "Checked-rule recall (found and typed right)": _ratio(s("checked_right"), s("checked_labelled")),
        "Voice attribute recall": _ratio(s("attributes_found"), s("attributes_labelled")),
        "Word lists found": _ratio(s("lists_found"), s("lists_expected")),
        "Avoided-word recall": _ratio(s("avoided_found"), s("avoided_labelled")),
        "Preferred-word recall": _ratio(s("preferred_found"), s("preferred_labelled")),
        "Brand name right": _ratio(sum(1 for x in names if x.name_got == x.name_expected), len(names)),
        "Examples in the right list": _ratio(s("examples_found"), s("examples_labelled")),
        "Counter-examples in the right list": _ratio(s("counter_found"), s("counter_labelled")),
        "Samples in the wrong list": str(s("misplaced")),
        "Passages kept as not understood": str(s("not_understood")),
    }


def render(scores: list[GuideScore], skipped: list[str], *, markdown: bool, details: bool) -> str:
    dev = [x for x in scores if x.split == "dev"]
    test = [x for x in scores if x.split == "test"]
    dev_t, test_t = totals(dev), totals(test)
    lines = []
    if markdown:
        lines += ["## Guide reading", "",
                  "Measured by `python scripts/eval_guides.py --markdown` against hand labels in "
                  "`tests/data/guide_labels/` (written before the reader was run). Development set: "
                  + ", ".join(x.name for x in dev) + " (the reader was tuned on these). Test set: "
                  + ", ".join(x.name for x in test) + " (never tuned on). Targets: rule recall >= 85%, junk <= 10%, "
                  "word lists found.", "",
                  "| Metric | Development | Test |", "|---|---|---|"]
        lines += [f"| {k} | {dev_t[k]} | {test_t[k]} |" for k in dev_t]
        lines += ["", "Per guide:", "", "| Guide | Split | Rule recall | Junk | Checks right | Attributes | Word lists | Name |",
                  "|---|---|---|---|---|---|---|---|"]
        for x in scores:
            name = f"{x.name_got}" + ("" if x.name_expected in (None, x.name_got) else f" (want {x.name_expected})")
            lines.append(
                f"| {x.name} | {x.split} | {_ratio(x.rules_recalled, x.rules_labelled)} | {_ratio(x.junk, x.extracted)} | "
                f"{_ratio(x.checks_right_of_recalled, x.checks_recalled)} | {_ratio(x.attributes_found, x.attributes_labelled)} | "
                f"{_ratio(x.lists_found, x.lists_expected)} | {name} |"
            )
        if skipped:
            lines += ["", "Skipped: " + "; ".join(skipped)]
    else:
        width = max(len(k) for k in dev_t)
        lines.append(f"{'':{width}}  {'dev':>16}  {'test':>16}")
        lines += [f"{k:{width}}  {dev_t[k]:>16}  {test_t[k]:>16}" for k in dev_t]
        lines.append("")
        for x in scores:
            lines.append(
                f"{x.name:16} {x.split:4} recall {_ratio(x.rules_recalled, x.rules_labelled):14} junk "
                f"{_ratio(x.junk, x.extracted):14} checks {_ratio(x.checks_right_of_recalled, x.checks_recalled):12} "
                f"attrs {_ratio(x.attributes_found, x.attributes_labelled):12} name {x.name_got!r}"
            )
        for item in skipped:
            lines.append(f"skipped: {item}")
    if details:
        for x in scores:
            lines += ["", f"### {x.name} ({x.split})"]
            lines += [f"  missed: {t}" for t in x.missed]
            lines += [f"  junk:   {t}" for t in x.junk_texts]
            lines += [f"  check:  {t}" for t in x.wrong_checks]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Guide-reading evaluation against hand labels.")
    parser.add_argument("--markdown", action="store_true", help="print the EVAL.md section")
    parser.add_argument("--details", action="store_true", help="list missed rules, junk and wrong checks")
    parser.add_argument("--split", choices=["dev", "test"], help="only this split (tune on dev only)")
    args = parser.parse_args(argv)
    scores, skipped = evaluate()
    if args.split:
        scores = [x for x in scores if x.split == args.split]
    print(render(scores, skipped, markdown=args.markdown, details=args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
