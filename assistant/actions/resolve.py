"""Who and what a message or an action names: brands, creators and campaign goals named in plain English.

Brands are matched by slug or display name, case-insensitively ("Northwind", "northwind outfitters",
"NORTHWIND" -> ``northwind``), with a little tolerance for typos. Creators are matched by ``@handle``, a bare
handle, or their display name ("Maya", "Tom Ellery", "Dr Dewy"). Pronouns ("she", "her", "them", "this
creator") point at the current creator; the router decides when to use them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.models import BrandSummary, InfluencerSummary

if TYPE_CHECKING:
    from assistant.store import Store

GOAL_WORDS: dict[str, tuple[str, ...]] = {
    "conversions": ("conversion", "conversions", "convert", "sales", "sell", "purchases", "purchase", "buy",
                    "installs", "install", "downloads", "download", "signups", "sign-ups", "sign ups", "revenue"),
    "awareness": ("awareness", "reach", "views", "impressions", "visibility", "get the word out"),
    "engagement": ("engagement", "comments", "engage", "conversation", "interactions", "saves", "shares"),
    "growth": ("growth", "followers", "subscribers", "grow our", "grow the", "audience growth"),
}

PRONOUNS = re.compile(
    r"\b(she|her|hers|he|him|his|they|them|their|this creator|that creator|the creator|this influencer|"
    r"that influencer|the influencer)\b",
    re.IGNORECASE,
)

# Words that look like names but are ordinary English: never treat them as a creator's first name.
_COMMON = {
    "the", "and", "for", "our", "you", "your", "this", "that", "with", "brand", "creator", "about", "make",
    "makes", "best", "fit", "rank", "check", "draft", "brief", "email", "who", "what", "would", "could",
    "should", "write", "switch", "dr", "mpharm",
}
_HANDLE_CHARS = r"[A-Za-z0-9._]"
_AT_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9._]+[A-Za-z0-9_])")


@dataclass(frozen=True)
class Mention:
    """Something named in the text: what it resolved to and where it was written."""

    value: str
    start: int
    end: int


@dataclass
class Catalog:
    """The brands and creators a message can refer to (a snapshot of the store, read once per turn)."""

    brands: list[BrandSummary] = field(default_factory=list)
    creators: list[InfluencerSummary] = field(default_factory=list)

    @classmethod
    def from_store(cls, store: Store) -> Catalog:
        return cls(brands=store.list_brands(), creators=store.list_influencers())

    # Brands ----------------------------------------------------------------------------------------
    def _brand_aliases(self) -> list[tuple[str, str]]:
        """(alias, slug), longest alias first so 'Northwind Outfitters' wins over 'Northwind'."""
        aliases: set[tuple[str, str]] = set()
        for b in self.brands:
            aliases.add((b.slug.lower(), b.slug))
            name = b.name.strip().lower()
            if name:
                aliases.add((name, b.slug))
                first = name.split()[0]
                if len(first) >= 4 and first not in _COMMON:
                    aliases.add((first, b.slug))
        return sorted(aliases, key=lambda a: -len(a[0]))

    def brand_mentions(self, text: str) -> list[Mention]:
        """Brands named in ``text`` (exact words, then close misspellings of a single-word name)."""
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        lowered = text.lower()
        for alias, slug in self._brand_aliases():
            for m in re.finditer(rf"(?<![\w@.]){re.escape(alias)}(?![\w])", lowered):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                found.append(Mention(slug, m.start(), m.end()))
                taken.append((m.start(), m.end()))
        if not found:
            single = {a: s for a, s in self._brand_aliases() if " " not in a and len(a) >= 5}
            for m in re.finditer(r"[A-Za-z][A-Za-z'-]{4,}", text):
                close = difflib.get_close_matches(m.group(0).lower(), list(single), n=1, cutoff=0.84)
                if close:
                    found.append(Mention(single[close[0]], m.start(), m.end()))
        return sorted(found, key=lambda m: m.start)

    def find_brand(self, text: str) -> str | None:
        mentions = self.brand_mentions(text)
        return mentions[0].value if mentions else None

    def brand_named(self, name: str) -> str | None:
        """The brand an explicit argument names (``/brand Northwind``): exact, then prefix, then fuzzy."""
        wanted = name.strip().lstrip("@").lower()
        if not wanted:
            return None
        exact = self.find_brand(wanted)
        if exact:
            return exact
        for alias, slug in self._brand_aliases():
            if alias.startswith(wanted) and len(wanted) >= 3:
                return slug
        close = difflib.get_close_matches(wanted, [a for a, _ in self._brand_aliases()], n=1, cutoff=0.7)
        if close:
            return dict(self._brand_aliases())[close[0]]
        return None

    def brand_list(self) -> str:
        return ", ".join(f"{b.name} (`{b.slug}`)" for b in self.brands) or "none yet"

    def brand_name(self, slug: str | None) -> str:
        return next((b.name for b in self.brands if b.slug == slug), slug or "")

    # Creators --------------------------------------------------------------------------------------
    def _creator_aliases(self) -> list[tuple[str, str, bool]]:
        """(alias, handle, needs_capital), longest first. First names only count when written capitalised."""
        aliases: set[tuple[str, str, bool]] = set()
        for c in self.creators:
            aliases.add((c.handle.lower(), c.handle, False))
            for segment in _name_segments(c.display_name or ""):
                if len(segment) >= 4 and segment.lower() not in _COMMON:
                    aliases.add((segment.lower(), c.handle, False))
                first = segment.split()[0] if segment.split() else ""
                if len(first) >= 3 and first.isalpha() and first.lower() not in _COMMON:
                    aliases.add((first.lower(), c.handle, True))
        return sorted(aliases, key=lambda a: -len(a[0]))

    def creator_mentions(self, text: str) -> list[Mention]:
        """Creators named in ``text``: @handles (known or not), bare handles and display names."""
        known = {c.handle for c in self.creators}
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for m in _AT_HANDLE.finditer(text):
            handle = m.group(1).lower()
            found.append(Mention(handle if handle in known else f"?{handle}", m.start(), m.end()))
            taken.append((m.start(), m.end()))
        lowered = text.lower()
        first_names: dict[str, set[str]] = {}
        for alias, handle, _needs_capital in self._creator_aliases():
            first_names.setdefault(alias, set()).add(handle)
        for alias, handle, needs_capital in self._creator_aliases():
            if needs_capital and len(first_names[alias]) > 1:
                continue  # two creators share this first name: too ambiguous to guess
            for m in re.finditer(rf"(?<![\w@.]){re.escape(alias)}(?!{_HANDLE_CHARS}*\w)", lowered):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                if needs_capital and not text[m.start()].isupper():
                    continue
                found.append(Mention(handle, m.start(), m.end()))
                taken.append((m.start(), m.end()))
        return sorted(found, key=lambda m: m.start)

    def find_creator(self, text: str) -> str | None:
        """The first creator named in ``text``; an unknown @handle comes back as '?handle'."""
        mentions = self.creator_mentions(text)
        return mentions[0].value if mentions else None

    def creator_named(self, name: str) -> str | None:
        """The creator an explicit argument names (``/creator maya``): handle, display name, prefix, fuzzy."""
        wanted = name.strip().lstrip("@").lower()
        if not wanted:
            return None
        known = {c.handle for c in self.creators}
        if wanted in known:
            return wanted
        found = self.find_creator(name if name.strip().startswith("@") else wanted.title())
        if found and not found.startswith("?"):
            return found
        aliases = self._creator_aliases()
        for alias, handle, _ in aliases:
            if alias.startswith(wanted) and len(wanted) >= 3:
                return handle
        close = difflib.get_close_matches(wanted, [a for a, _, _ in aliases], n=1, cutoff=0.75)
        if close:
            return next(h for a, h, _ in aliases if a == close[0])
        return None

    def creator_list(self) -> str:
        return ", ".join(f"@{c.handle}" for c in self.creators) or "none yet"


def _name_segments(display_name: str) -> list[str]:
    """'Maya Okafor | Maya Makes' -> ['Maya Okafor', 'Maya Makes']; emoji and titles after commas dropped."""
    cleaned = re.sub(r"[^\w\s|,·&'.-]", " ", display_name)
    segments = []
    for part in re.split(r"[|·]", cleaned):
        part = part.split(",")[0]
        part = " ".join(part.split())
        if part:
            segments.append(part)
    return segments


def find_goal(text: str) -> str | None:
    """The campaign goal a message asks for, by keyword (e.g. 'we want sales' -> 'conversions')."""
    lowered = text.lower()
    best: tuple[int, str] | None = None
    for goal, words in GOAL_WORDS.items():
        for word in words:
            m = re.search(rf"\b{re.escape(word)}\b", lowered)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), goal)
    return best[1] if best else None


def mentions_pronoun(text: str) -> bool:
    return PRONOUNS.search(text) is not None
