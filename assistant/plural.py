"""Counting nouns in messages: "1 post", "2 posts", "1,204 posts". One place, so no message says "1 posts".

Irregular nouns pass their plural ("1 analysis", "3 analyses"); a noun phrase pluralises its head, which the
caller writes first or passes whole ("hard limit" -> "hard limits").
"""

from __future__ import annotations


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 post' / '0 posts' / '12,000 posts' (thousands grouped)."""
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {plural_form or _regular_plural(noun)}"


def _regular_plural(noun: str) -> str:
    # English's regular rules: -s, -es after sibilants, consonant + y -> -ies.
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"
