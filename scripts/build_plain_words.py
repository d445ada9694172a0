"""Rebuild assistant/analysis/data/plain_words.json from plainlanguage.gov's "Use simple words and phrases" table.

    python scripts/build_plain_words.py PATH/TO/plainlanguage.gov/_pages/guidelines/words/use-simple-words-phrases.md

Source: github.com/GSA/plainlanguage.gov (a work of the US federal government: public domain in the US, CC0
worldwide). Kept: every "Don't say | Say" row with a replacement word. Left out, by rule (never by hand):
rows whose only advice is "(omit)" (there is no word to suggest), rows with placeholders or slashes, and words as
familiar in everyday English (wordfreq Zipf >= 4.0: "ensure", "require", "purchase"), since the table itself asks for "the familiar or commonly used word over the unusual or obscure".
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parents[1] / "assistant" / "analysis" / "data" / "plain_words.json"
COMMON = 4.0


def main(path: str) -> None:
    rows = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "|" not in line or line.startswith(("**Don", "----", "{:")):
            continue
        left, right = (c.strip().strip("*").strip() for c in line.split("|", 1))
        if not left or not right or re.search(r"[_/\d{}]", left):
            continue
        says = [s.strip().strip("*") for s in right.split(",") if s.strip() and not s.strip().startswith("(")]
        if not says:
            continue
        for word in (w.strip() for w in left.split(",")):
            word = word.lower()
            if not word or (" " not in word and zipf_frequency(word, "en") >= COMMON):
                continue
            rows[word] = says
    data = {
        "_about": "Complex words and phrases with plainer ones, from plainlanguage.gov 'Use simple words and "
        "phrases' (US federal government work, public domain; CC0). Built by scripts/build_plain_words.py.",
        "words": dict(sorted(rows.items())),
    }
    OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(rows)} entries -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
