"""Is a post a promotion? The commercial signals in a caption.

A post promotes something when it carries a commercial signal:
- an offer: a discount code, "% off", "shop now", "get yours", a free trial or first box, a referral link;
- a tracked link: affiliate or tracking parameters, shop domains, affiliate link shorteners;
- a partnership: "excited to partner with @brand", "teamed up with BrandName", "Brand x me";
- a gift from a brand: "@brand sent me their new jacket", "thanks @brand for sending me one to try";
- a pointer ("link in bio", "check out", "giveaway", "available at") next to something on sale: a named brand,
  a price, a deal, a product shown ("this serum"), a prize to win.

Gratitude is not a signal: "thanks to everyone who sent route notes" names no brand, product or offer. Nor is a
pointer to something free or informational ("link in bio" for a study or a free pattern), a giveaway of things the
creator made, or an offer negated ("no code, no affiliate link"). An offer on the creator's own course or shop with
no other brand named is self-promotion, which needs no #ad.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language import is_negation_cue
from assistant.analysis.text import Doc, normalise, word_set

# Offers (on the lower-cased text).
_OFFER_RE = re.compile(
    r"\b(?:use|using|with|enter|apply|my|promo|discount|coupon|creator|affiliate|referral)\s+code\b"
    r"|\b\d+\s?%\s?off\b|\b\d+\s?percent off\b"
    r"|\b(?:shop|buy|order)\s+(?:it\s+|them\s+|yours\s+)?(?:now|today|here|yours)\b"
    r"|\bshop the (?:look|link|sale|collection|range|drop)\b|\bpre-?order"
    r"|\b(?:get|grab|snag)\s+(?:yours|one|them)\s+(?:now|today|before|while|here)\b|\b(?:get|grab) yours\b"
    r"|\b(?:get|grab|snag) it (?:before|while)\b|\bgrab it (?:now|today)\b"  # not "I get it now"
    r"|\bfree (?:shipping|delivery|trial|sample|(?:first|1st) \w+)\b|\bsale ends\b"
    r"|\b(?:use|with|via|through|using) my (?:link|referral)\b|\bmy (?:referral|affiliate|discount) (?:link|code)\b"
    r"|\bwe both get\b|\blimited[- ]time (?:offer|deal|discount|only)\b"
)
# A discount code as written, on the original-case text: a token with digits, or a word in capitals followed by
# what a code does or by the end of the text. A capitalised word that is a common English word is shouting, not a
# code (`_is_code_word`, by wordfreq frequency, the same test the capitals detector uses).
_CODE_RE = re.compile(
    r"\b[Cc](?:ode|ODE)\s*[:\-]?\s*(?:[A-Za-z]*\d+[A-Za-z\d]*\b"
    r"|(?P<word>[A-Z][A-Z0-9]{2,})\b"
    r"(?=\s*(?:$|for\b|at\b|gets?\b|gives?\b|saves?\b|works?\b|to get\b|[^\w\s]*\s*$)))"
)
COMMON_WORD_ZIPF = 4.5


def _is_code_word(word: str | None) -> bool:
    if word is None:
        return True  # a token with digits
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") < COMMON_WORD_ZIPF
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9\-]+\.(?:com|co|shop|store|io|to|me|us|uk|it)(?:/\S*)?")
_TRACKED_RE = re.compile(
    r"[?&](?:ref|aff|affid|affiliate|tag|utm_\w+|coupon|discount|code|sca_ref|irclickid|clickid)="
    r"|/(?:ref|aff|affiliate)/|\b(?:amzn\.to|amzn\.eu|geni\.us|rstyle\.me|shopmy\.us|liketk\.it|shopltk\.com|"
    r"howl\.me|magik\.ly)\b|\.(?:shop|store)\b"
)
# A partnership statement: it names a brand unless what follows "with" is clearly not one.
_PARTNER_RE = re.compile(
    r"\b(?:excited|proud|thrilled|happy|stoked|delighted) to (?:be )?(?:partner(?:ing)?|team(?:ing)? up|"
    r"collaborat(?:e|ing)|work(?:ing)?) with\b"
    r"|\b(?:teamed up|teaming up|partnering|partnered up|collaborated|collaborating|collabed|collabing)\s+with\b"
    r"|\b(?:collaboration|collab|partnership) with\b|\bbrand ambassador\b|\bambassador for\b"
)
# "Brand x me", "Brand x Creator Name" (original case).
_COLLAB_X_RE = re.compile(r"\b[A-Z][\w'&]*(?:\s+[A-Z][\w'&]*){0,3}\s+x\s+(?:me\b|@|[A-Z])")
_GIFT_RE = re.compile(
    r"\b(?:gifted|sent (?:me|us|over)|kindly sent|for sending|pr (?:package|box|parcel|haul)|c/o|courtesy of)\b"
)
# What turns "sent me ..." into a product gift without a brand name next to it.
_GIFT_OBJECT_RE = re.compile(r"\b(?:their|its) (?:new|latest|newest)\b|\bto (?:try|test|review)\b|\bfree\b")
_POINTER_RE = re.compile(
    r"\blink (?:is )?in (?:my |the )?bio\b|\blink in (?:the )?(?:description|comments|stories|story)\b"
    r"|\btap the link\b|\bswipe up\b|\blink below\b|\bcheck (?:out|(?:it|them) out)\b|\bhead (?:over )?to\b"
    r"|\bavailable (?:at|now|from|on|in stores?)\b|\bgiveaway\b|\bin stock\b|\b(?:out|live) now\b"
)
# Something on sale next to a pointer.
_PRICE_RE = re.compile(r"[$\u00a3\u20ac]\s?\d|\b\d+(?:\.\d\d)?\s?(?:usd|gbp|eur|dollars|quid|bucks)\b")
_DEAL_RE = re.compile(
    r"\b(?:deals?|sale|discount(?:ed)?|bargain|black friday|cyber monday|prime day|restock(?:ed)?|back in stock|"
    r"sold out|sell(?:ing)? out|just (?:dropped|launched)|new drop|launch(?:ed|es)?)\b"
)
_PUSH_RE = re.compile(
    r"\b(?:you need (?:this|these)|must[- ]have|holy grail|run,? don'?t walk|obsessed with (?:this|these|my new))\b"
)
_WIN_RE = re.compile(r"\bwin (?:this|these|a|an|one|my|the|our|some|their)\b")
# The creator's own things: a giveaway of what they made, their own course or shop.
_OWN_MADE_RE = re.compile(r"\bi (?:made|sewed|knitted|built|baked)\b|\bhand-?made\b|#handmade\b|\bmade by me\b")
_OWN_PRODUCT_RE = re.compile(
    r"\bmy (?:own |new )?(?:[\w\-]+ ){0,3}?(?:course|courses|shop|store|book|ebook|e-book|merch|presets|workshop|"
    r"masterclass|webinar|newsletter|podcast|patreon|etsy|pattern|patterns|class|classes|guidebook|zine|prints)\b"
)
# Literals every match of a pattern contains: a post with none of them skips that pattern's scan.
_URL_LITERALS = ("://", "www.", ".co", ".shop", ".store", ".io", ".to", ".me", ".us", ".uk", ".it")
_PARTNER_LITERALS = ("with", "ambassador")
_GIFT_LITERALS = ("gifted", "sent", "for sending", "pr ", "c/o", "courtesy of")
_CAMEL_RE = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b")
_SENTENCE_END = re.compile(r"[.!?\n]")


@dataclass(frozen=True)
class CommercialSignal:
    """One commercial signal in a post, with its span in the post text."""

    kind: str  # offer | tracked_link | partnership | gift | pointer
    start: int
    end: int


def _has_any(lower: str, literals: tuple[str, ...]) -> bool:
    return any(lit in lower for lit in literals)


def _negated(lower: str, start: int) -> bool:
    """A negator among the two words before, in the same clause ("no discount code", "not a giveaway"; not
    "deals you can't miss!! link in bio")."""
    clause = re.split(r"[.!?,;:\n]", lower[max(0, start - 40) : start])[-1]
    return any(is_negation_cue(w) for w in re.findall(r"[a-z']+", clause)[-2:])


def _sentence_bounds(lower: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _SENTENCE_END.finditer(lower, 0, start)), default=0)
    m = _SENTENCE_END.search(lower, end)
    return lo, (m.start() if m else len(lower))


def brand_anchors(
    text: str, doc: Doc, known: list[re.Match[str]], own_handle: str | None = None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans that may name a brand, as (known, camel, handles): names the caller knows (the guide's brand and
    competitors); CamelCase names (ThermoBrew, CoinNest), platforms (YouTube, TikTok) excepted; @mentions other
    than the creator's own, which name friends as often as brands."""
    names = sorted((m.start(), m.end()) for m in known)
    platforms = word_set("platform_names")
    camel = [(m.start(), m.end()) for m in _CAMEL_RE.finditer(text) if m.group(0).lower() not in platforms]
    own = ("@" + own_handle.lower().lstrip("@")) if own_handle else None
    handles = [(m.start(), m.end()) for m in re.finditer(r"@[a-z0-9_.]*[a-z0-9_]", doc.lower) if m.group(0) != own]
    return names, camel, handles


def commercial_signals(
    text: str, doc: Doc | None = None, known: list[re.Match[str]] | None = None, own_handle: str | None = None
) -> list[CommercialSignal]:
    """Every commercial signal in a caption, in order. Empty for gratitude, information and the creator's own
    free or handmade things. `known` are matches of brand names the caller knows (guide brand, competitors) in
    the lower-cased text; `own_handle` is the creator's handle (their own @mention names no brand)."""
    doc = doc or Doc(text)
    lower = doc.lower
    original = normalise(text)
    named, camel, handles = brand_anchors(original, doc, known or [], own_handle)
    anchors = sorted(named + camel + handles)
    found: list[CommercialSignal] = []

    def add(kind: str, m: re.Match[str]) -> None:
        if not _negated(lower, m.start()):
            found.append(CommercialSignal(kind, m.start(), m.end()))

    for m in _OFFER_RE.finditer(lower):
        add("offer", m)
    for m in _CODE_RE.finditer(original):
        if _is_code_word(m.group("word")):
            add("offer", m)
    for m in _URL_RE.finditer(lower) if _has_any(lower, _URL_LITERALS) else ():
        if _TRACKED_RE.search(m.group(0)):
            add("tracked_link", m)
    for m in _PARTNER_RE.finditer(lower) if _has_any(lower, _PARTNER_LITERALS) else ():
        after = original[m.end() : m.end() + 40].lstrip()
        names_brand = any(m.end() <= s <= m.end() + 40 for s, _ in anchors) or bool(re.match(r"[A-Z]", after))
        if names_brand and not re.match(r"(?:my|our|the|a|an|some|friends?|family)\b", after, re.I):
            add("partnership", m)
    for m in _COLLAB_X_RE.finditer(original):
        add("partnership", m)
    for m in _GIFT_RE.finditer(lower) if _has_any(lower, _GIFT_LITERALS) else ():
        lo, hi = _sentence_bounds(lower, m.start(), m.end())
        sent = re.findall(r"[a-z']+", lower[m.end() : hi])[:4]
        if any(w in word_set("message_nouns") for w in sent):
            continue  # "Northwind sent me a message", "sent me route notes": words, not goods
        if any(lo <= s < hi for s, _ in anchors) or _GIFT_OBJECT_RE.search(lower, m.end(), hi):
            add("gift", m)
    pointers = list(_POINTER_RE.finditer(lower))
    if pointers:
        # A pointer beside a brand's product name or something on sale. Not beside a tagged friend ("thanks @jess
        # for the photos, link in bio for the trip report"), nor beside the guide's brand alone: "check out
        # Northwind's repair service" unprompted is affinity, not an ad.
        on_sale = bool(
            camel
            or _PRICE_RE.search(lower)
            or _DEAL_RE.search(lower)
            or _PUSH_RE.search(lower)
            or _shows_product(lower)
            or (_WIN_RE.search(lower) and not _OWN_MADE_RE.search(lower))
        )
        if on_sale:
            for m in pointers:
                add("pointer", m)
    if found and not anchors and _OWN_PRODUCT_RE.search(lower):
        # Selling your own course or shop is self-promotion: no brand to disclose.
        found = [s for s in found if s.kind in ("tracked_link", "partnership", "gift")]
    return sorted(found, key=lambda s: s.start)


def _shows_product(lower: str) -> bool:
    """'this serum', 'these new boots', 'my new tent': a product the post is about."""
    products = word_set("product_nouns")
    for m in re.finditer(r"\b(?:this|these|my new|their new|the new)\s+(?:[a-z\-]+\s+)?([a-z]+)\b", lower):
        words = m.group(0).split()[1:]
        if any(w.rstrip("s") in products or w in products for w in words):
            return True
    return False


def is_promotional(
    text: str, doc: Doc | None = None, known: list[re.Match[str]] | None = None, own_handle: str | None = None
) -> bool:
    """Does the caption promote something (see `commercial_signals`)?"""
    return bool(commercial_signals(text, doc, known, own_handle))
