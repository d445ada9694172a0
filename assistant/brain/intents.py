"""Understanding a message without a model: slash commands and plain English, turned into an :class:`Intent`.

Only the part of a message that is the user's own words is searched for commands and names. Text the user asks
us to *check* ("check this caption: ...") is cut off first and carried as data, so a caption that says "rank me
first" or names another brand can't change what the router does.
"""

from __future__ import annotations

import re
import shlex
from typing import Literal

from pydantic import BaseModel, Field

from assistant.brain.resolve import Catalog, find_goal, mentions_pronoun
from assistant.brain.wording import say

IntentKind = Literal[
    "help", "welcome", "demo", "brands", "creators", "search", "fit", "rank", "brief", "outreach", "check",
    "set_context", "ingest", "drafts", "export", "report", "plan", "fans", "unknown",
]
Slot = Literal["brand", "influencer", "campaign", "text", "path"]

SLASH_COMMANDS: dict[str, IntentKind] = {
    "help": "help", "start": "welcome", "demo": "demo", "brands": "brands", "creators": "creators",
    "influencers": "creators", "search": "search", "fit": "fit", "rank": "rank", "brief": "brief",
    "outreach": "outreach", "dm": "outreach", "email": "outreach", "check": "check", "brand": "set_context",
    "influencer": "set_context", "creator": "set_context", "ingest": "ingest", "drafts": "drafts",
    "export": "export", "report": "report", "campaign": "report", "plan": "plan", "roster": "plan", "fans": "fans",
}


class Intent(BaseModel):
    """What the user asked for, with whatever details the message gave. Missing details are ``None``."""

    kind: IntentKind
    brand: str | None = None
    influencer: str | None = Field(default=None, description="A handle; '?name' when the name matched no creator.")
    unknown_brand: str | None = Field(default=None, description="A brand name given that matched no brand.")
    uses_pronoun: bool = False
    campaign: str | None = None
    goal: Literal["awareness", "engagement", "growth", "conversions"] | None = None
    channel: Literal["dm", "email"] | None = None
    product: str | None = None
    compensation: str | None = None
    weeks: int | None = None
    start: str | None = None
    text: str | None = Field(default=None, description="Text to check, or a search query. Untrusted data.")
    path: str | None = None
    draft_id: str | None = None
    budget: float | None = Field(default=None, description="A roster plan's budget.")
    products: list[str] = Field(default_factory=list, description="Product names to look for (fans).")
    slash: bool = False
    explicit: bool = Field(default=True, description="False when the kind was guessed from a bare name.")
    error: str | None = Field(default=None, description="A parse problem to tell the user (bad option, ...).")


# Plain-English cues, tried in this order. Each is searched in the user's own words only.
_HELP = re.compile(r"^\s*(help|\?|what can you do|how does this work|commands|what are the commands)\b", re.I)
_GREETING = re.compile(r"^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|yo)\b[\s!.,]*(there)?[\s!.]*$", re.I)
_CHECK_START = re.compile(
    r"^\s*(please\s+|can you\s+|could you\s+)?((voice|tone)[\s-]?)?check\b|^\s*does this (sound|read|fit)\b"
    r"|^\s*is this (caption|copy|post|text|draft) ", re.I)
_CHECK_OBJECT = re.compile(r"\b(this|my|the|our|a)\s+(caption|post|copy|text|draft|line|tagline|tweet|message)\b", re.I)
_DEMO = re.compile(r"\b(load|install|set up|setup|add|try)\b[^.?!]*\bdemo\b|^\s*demo( data)?\s*$", re.I)
_DRAFTS = re.compile(r"^\s*((list|show)( me)?( my| the| all| saved)*\s+)?drafts\s*\??$|\b(my|saved) drafts\b", re.I)
_EXPORT = re.compile(r"^\s*(export|save)\b.*\b(draft|brief|outreach|dm|email|it|that|this|\.md)\b|^\s*export\b", re.I)
_INGEST = re.compile(r"^\s*(ingest|import|load|add)\s+(?P<path>\S+\.(md|markdown|txt|csv|json|jsonl|js))\b", re.I)
_BRANDS = re.compile(r"\b(list|show|which|what)\b[^.?!]*\bbrands\b|^\s*brands\s*\??$", re.I)
_CREATORS = re.compile(r"\b(list|show|which|what|who)\b[^.?!]*\b(creators|influencers|roster)\b"
                       r"|^\s*(creators|influencers|roster)\s*\??$", re.I)
_RANK = re.compile(
    r"\brank\w*\b|\bshortlist\b|\bbest (fit|match|creators?|influencers?|options?|picks?)\b|\bwho (fits|would fit|"
    r"suits|should we|is best|'s best|matches)\b|\btop (\d+ )?(creators|influencers|picks)\b|\bwho'?s the best\b"
    r"|\bwho is the best\b|\bcompare (the )?(creators|influencers)\b", re.I)
_BRIEF = re.compile(r"\bbriefs?\b", re.I)
_OUTREACH = re.compile(r"\b(dm|e-?mail|outreach|reach out|pitch|message|write (to )?(her|him|them|@))\b", re.I)
_EMAIL = re.compile(r"\be-?mail\b", re.I)
_FIT = re.compile(r"\bfits?\b|\bfitting\b|\bmatch(es)?\b|\bsuit(s|ed|able)?\b|\bgood (choice|pick|match)\b|\bassess\b|"
                  r"\bhow (well|good)\b|\bscore\b|\bright for\b", re.I)
_SEARCH = re.compile(r"^\s*(search|find|look up|look for)\b\s*(for\s+)?(posts?\s+(about|on|with)\s+)?(?P<q>.*)$", re.I)
_SWITCH = re.compile(r"^\s*(switch|change|move|go|jump)( over)? to\b|^\s*(use|pick|select|choose)\b|"
                     r"^\s*(let'?s|let us)\s+(talk about|work on|look at|focus on|do)\b|^\s*(work|focus) on\b"
                     r"|^\s*(now|ok|okay)\s+(for\s+)?", re.I)
# Campaigns: "how is the spring campaign doing?", "plan a roster for northwind with $5k", "who already loves us?"
_REPORT = re.compile(
    r"\bhow(?:'s| is| are)\s+(?:the\s+|our\s+|my\s+)?(?P<c>[^?.!]*?)\s*campaign\s+(?:doing|going|performing|looking)\b"
    r"|\b(?:report|results|numbers|roi)\s+(?:on|for|of)\s+(?:the\s+|our\s+)?(?P<c2>[^?.!]*?)\s*campaign\b"
    r"|\bcampaign\s+(?:report|results)\b(?:\s+(?:on|for)\s+(?P<c3>[^?.!]+))?", re.I)
_BUDGET = re.compile(r"(?:[$£€]\s?(?P<a>\d[\d,]*(?:\.\d+)?)\s*(?P<k>[km])?\b)|(?:\b(?P<b>\d[\d,]*(?:\.\d+)?)\s*(?P<k2>[km])?\s*"
                     r"(?:budget|dollars|usd|eur|gbp|pounds|euros)\b)|(?:\bbudget\s+(?:of\s+|is\s+)?[$£€]?\s?(?P<c>\d[\d,]*(?:\.\d+)?)\s*(?P<k3>[km])?\b)", re.I)
_PLAN = re.compile(r"\b(plan|build|put together|assemble|suggest)\b[^.?!]*\b(roster|creators|influencers|campaign|mix|budget)\b"
                   r"|\broster\b[^.?!]*\bbudget\b", re.I)
_FANS = re.compile(r"\bfans\b|\b(already|organically|unprompted(ly)?)\b[^.?!]*\b(mention|mentions|talk about|talks about|use|"
                   r"uses|love|loves|wear|wears)\b|\bwho\b[^.?!]*\b(already|organically|unprompted(ly)?)\b", re.I)
_NEW_COMMAND = re.compile(
    r"^\s*(/|rank|check|switch|help|list|show|load|export|search|find|who|is |would|does|draft|write|email|dm |"
    r"brief|ingest|import|demo)", re.I)

_PREPOSITION = re.compile(r"\b(for|about|around|promoting|to promote|regarding|re:)\s+", re.I)
_DETERMINERS = re.compile(r"^(our|the|a|an|my|this|that|their|its|it's|it is|new|upcoming)\s+", re.I)
_GOAL_CLAUSE = re.compile(
    r"\b(we want|we'd like|we would like|we need|we're after|we are after|the goal|goal is|goal:|aiming|aim is|"
    r"to drive|to get|to boost|focused on|focusing on|with a focus|optimi[sz]ed for|so we get|for (more )?"
    r"(conversions|sales|awareness|engagement|growth|reach|installs|downloads|followers))\b", re.I)
_DANGLING = re.compile(r"(\s+\b(for|with|about|to|on|at|and|of|by|from|in)\b)+$", re.I)
_CLAUSE_END = re.compile(r"[,.;!?\n]|\s-\s|\s—\s")
_MASK = "\u00a4"
_QUOTED = re.compile(r"[\"“”'‘’]{1}(?P<q>[^\"“”]{3,})[\"“”]")


def parse(text: str, catalog: Catalog) -> Intent:
    """Read one message. Never raises: problems come back as ``Intent.error``."""
    stripped = text.strip()
    if stripped.startswith("/"):
        return _parse_slash(stripped, catalog)
    return _parse_english(stripped, catalog)


def looks_like_new_command(text: str) -> bool:
    """Does an answer to a follow-up question start a new request instead of answering it?"""
    return _NEW_COMMAND.match(text) is not None


# Plain English ---------------------------------------------------------------------------------------------


def _parse_english(text: str, catalog: Catalog) -> Intent:
    if not text:
        return Intent(kind="unknown", explicit=False)
    if _HELP.match(text):
        return Intent(kind="help")
    if _GREETING.match(text):
        return Intent(kind="welcome")

    # A check carries untrusted text: split it off before anything else looks at the message.
    if _CHECK_START.match(text) and (":" in text or _QUOTED.search(text) or _CHECK_OBJECT.search(text[:60])):
        own, data = _split_payload(text)
        return _with_entities(Intent(kind="check", text=data or None), own, catalog)

    if m := _INGEST.match(text):
        rest = text[m.end():]
        if re.search(r"\bcampaign\b", rest, re.I):  # "import results.csv for the spring campaign": results
            return Intent(kind="ingest", path=m.group("path"), campaign=campaign_in(rest, catalog))
        return _with_entities(Intent(kind="ingest", path=m.group("path")), rest, catalog)
    if _DEMO.search(text):
        return Intent(kind="demo")
    if _DRAFTS.search(text):
        return Intent(kind="drafts")
    if _EXPORT.match(text):
        return _parse_export(text.split()[1:])
    if m := _REPORT.search(text):
        campaign = next((g for g in m.groups() if g), None)
        return Intent(kind="report", campaign=_tidy_campaign(campaign) if campaign else None)
    if _PLAN.search(text) and _BUDGET.search(text) and not (_BRIEF.search(text) or _OUTREACH.search(text)):
        return _with_entities(Intent(kind="plan", budget=budget_in(text), goal=find_goal(text)), text, catalog,  # type: ignore[arg-type]
                              creators=False)
    if _FANS.search(text) and not (_BRIEF.search(text) or _OUTREACH.search(text)):
        return _with_entities(Intent(kind="fans"), text, catalog, creators=False)
    if _RANK.search(text) and not _BRIEF.search(text):
        return _with_entities(Intent(kind="rank"), text, catalog, creators=False)
    if m := _SEARCH.match(text):
        query = m.group("q").strip().rstrip("?")
        own_scope = _with_entities(Intent(kind="search"), query, catalog)
        return own_scope.model_copy(update={"text": query or None})
    if _BRANDS.search(text):
        return Intent(kind="brands")
    if _CREATORS.search(text):
        return Intent(kind="creators")
    if _BRIEF.search(text):
        intent = _with_entities(Intent(kind="brief"), text, catalog)
        return intent.model_copy(update=_campaign_details(text, catalog))
    if _OUTREACH.search(text):
        channel = "email" if _EMAIL.search(text) else "dm"
        intent = _with_entities(Intent(kind="outreach", channel=channel), text, catalog)
        return intent.model_copy(update=_campaign_details(text, catalog))
    if _FIT.search(text):
        return _with_entities(Intent(kind="fit"), text, catalog)
    if _SWITCH.match(text):
        intent = _with_entities(Intent(kind="set_context"), text, catalog)
        if intent.brand or intent.influencer or intent.unknown_brand:
            return intent
        rest = _SWITCH.sub("", text, count=1).strip(" .!?")
        if rest:  # "switch to lumen skin" with a typo: try the rest as a name
            brand, creator = catalog.brand_named(rest), catalog.creator_named(rest)
            if brand or creator:
                return intent.model_copy(update={"brand": brand, "influencer": creator})
            return intent.model_copy(update={"unknown_brand": rest})
        return intent
    # A bare name ("Northwind", "@trailtom") sets the context.
    intent = _with_entities(Intent(kind="set_context", explicit=False), text, catalog)
    if (intent.brand or (intent.influencer and not intent.uses_pronoun)) and len(text.split()) <= 6:
        return intent
    return Intent(kind="unknown", explicit=False)


def budget_in(text: str) -> float | None:
    """The budget a message names: '$5,000', '5k budget', 'budget of 1200'."""
    m = _BUDGET.search(text)
    if m is None:
        return None
    groups = m.groupdict()
    number = next(groups[k] for k in ("a", "b", "c") if groups[k])
    suffix = next((groups[k] for k in ("k", "k2", "k3") if groups[k]), "") or ""
    return float(number.replace(",", "")) * {"k": 1e3, "m": 1e6}.get(suffix.lower(), 1.0)


def _split_payload(text: str) -> tuple[str, str]:
    """(the user's own words, the text to check). The payload follows the first colon, or is in quotes."""
    colon = text.find(":")
    if 0 <= colon <= 120:
        return text[:colon], text[colon + 1 :].strip()
    quoted = _QUOTED.search(text)
    if quoted:
        return text[: quoted.start()], quoted.group("q").strip()
    return text, ""


def _with_entities(intent: Intent, own_words: str, catalog: Catalog, *, creators: bool = True) -> Intent:
    """Fill brand / creator / pronoun from the user's own words."""
    update: dict[str, object] = {}
    brand = catalog.find_brand(own_words)
    if brand:
        update["brand"] = brand
    if creators:
        creator = catalog.find_creator(own_words)
        if creator:
            update["influencer"] = creator
        elif mentions_pronoun(own_words):
            update["uses_pronoun"] = True
    goal = find_goal(own_words)
    if goal and intent.kind in ("brief", "outreach"):
        update["goal"] = goal
    return intent.model_copy(update=update)


def _masked(text: str, catalog: Catalog) -> str:
    """The text with brand and creator names replaced by a marker, so they aren't read as a campaign."""
    spans = [(m.start, m.end) for m in catalog.brand_mentions(text) + catalog.creator_mentions(text)]
    out = text
    for start, end in sorted(spans, reverse=True):
        out = out[:start] + _MASK + out[end:]
    return re.sub(rf"{_MASK}['’]s\b", _MASK, out)


def _campaign_details(text: str, catalog: Catalog) -> dict[str, object]:
    details: dict[str, object] = {}
    campaign = campaign_in(text, catalog)
    if campaign:
        details["campaign"] = campaign
    goal = find_goal(text)
    if goal:
        details["goal"] = goal
    if m := re.search(r"\b(\d{1,3})[- ]weeks?\b", text, re.I):
        details["weeks"] = max(1, min(104, int(m.group(1))))
    if m := re.search(r"(\$|£|€)\s?\d[\d,.]*\s*(k\b)?[^,.;]*", text):
        details["compensation"] = m.group(0).strip()
    return details


def campaign_in(text: str, catalog: Catalog) -> str | None:
    """The campaign a message names: 'brief for @maya for our spring tote launch, we want sales' -> 'spring tote
    launch'. None when it names none."""
    if m := re.search(r"\bcampaign\s*(is|:|=|called|named)\s*(?P<c>[^,.;!?\n]+)", text, re.I):
        return _tidy_campaign(m.group("c"))
    masked = _masked(text, catalog)
    starts = [m.end() for m in _PREPOSITION.finditer(masked)]
    for start in starts:
        rest = masked[start:]
        nxt = _PREPOSITION.search(rest)
        candidate = rest[: nxt.start()] if nxt else rest
        candidate = _tidy_campaign(candidate)
        if candidate:
            return candidate
    return None


def campaign_from_answer(text: str, catalog: Catalog) -> str | None:
    """The campaign in an answer to "What's the campaign?": the first clause, minus names and the goal."""
    named = campaign_in(text, catalog)
    if named:
        return named
    return _tidy_campaign(_masked(text, catalog))


def _tidy_campaign(candidate: str) -> str | None:
    candidate = _GOAL_CLAUSE.split(candidate, maxsplit=1)[0]
    candidate = _CLAUSE_END.split(candidate, maxsplit=1)[0]
    candidate = candidate.replace(_MASK, " ")
    candidate = re.sub(r"\b(it'?s|it is|the campaign is|campaign)\b", " ", candidate, flags=re.I)
    candidate = " ".join(candidate.split()).strip(" :-'\"“”")
    while (m := _DETERMINERS.match(candidate)) and len(candidate) > m.end():
        candidate = candidate[m.end():]
    candidate = _DANGLING.sub("", candidate).strip()
    if not re.search(r"[A-Za-z]{2,}", candidate) or find_goal(candidate) == candidate.lower():
        return None
    if candidate.lower() in {"her", "him", "them", "me", "us", "it", "this", "that", "you"}:
        return None
    return candidate[:120]


# Slash commands --------------------------------------------------------------------------------------------

_OPTION_NAMES = {
    "goal", "campaign", "product", "compensation", "weeks", "start", "channel", "influencer", "creator", "brand",
    "budget",
}


def _parse_slash(text: str, catalog: Catalog) -> Intent:
    head, _, rest = text[1:].partition(" ")
    name = head.lower()
    kind = SLASH_COMMANDS.get(name)
    if kind is None:
        return Intent(kind="unknown", slash=True, error=say("unknown_command", name=head))
    rest = rest.strip()
    if kind == "check":  # everything after the brand is the text to check: never tokenised or searched
        return _slash_check(rest, catalog)
    if kind == "search":
        return _slash_search(rest, catalog)
    try:
        tokens = shlex.split(rest)
    except ValueError:
        tokens = rest.split()
    options, positional = _options(tokens)
    bad = [k for k in options if k not in _OPTION_NAMES]
    if bad:
        return Intent(kind=kind, slash=True, error=say("unknown_option", option=bad[0], command=name))

    intent = Intent(kind=kind, slash=True)
    if kind in ("help", "welcome", "demo", "brands", "creators", "drafts"):
        return intent
    if kind in ("report", "plan", "fans"):
        return _slash_campaign(kind, positional, options, catalog)
    if kind == "export":
        return _parse_export(positional).model_copy(update={"slash": True})
    if kind == "ingest":
        return _slash_ingest(positional, options, catalog)
    if kind == "set_context":
        return _slash_context(name, " ".join(positional), catalog)
    if name in ("dm", "email"):
        intent = intent.model_copy(update={"channel": name})

    update: dict[str, object] = {}
    leftover: list[str] = []
    for token in positional:
        lowered = token.lower()
        if kind == "outreach" and lowered in ("dm", "email") and "channel" not in update:
            update["channel"] = lowered
        elif not update.get("brand") and (brand := catalog.find_brand(token)):
            update["brand"] = brand
        elif kind != "rank" and not update.get("influencer") and (
            token.startswith("@") or lowered in {c.handle for c in catalog.creators}
        ):
            update["influencer"] = catalog.creator_named(token) or f"?{lowered.lstrip('@')}"
        elif kind != "rank" and not update.get("influencer") and mentions_pronoun(token) and len(positional) <= 3:
            update["uses_pronoun"] = True
        else:
            leftover.append(token)

    if options.get("brand"):
        update["brand"] = catalog.brand_named(options["brand"]) or None
        if not update["brand"]:
            update["unknown_brand"] = options["brand"]
    creator_opt = options.get("influencer") or options.get("creator")
    if creator_opt:
        update["influencer"] = catalog.creator_named(creator_opt) or f"?{creator_opt.lstrip('@').lower()}"
    if kind == "rank" and leftover and not update.get("brand"):
        update["brand"] = catalog.brand_named(" ".join(leftover))
        if not update["brand"]:
            update["unknown_brand"] = " ".join(leftover)
    elif kind == "fit" and leftover:
        joined = " ".join(leftover)
        if not update.get("brand") and (brand := catalog.brand_named(joined)):
            update["brand"] = brand
        elif not update.get("influencer") and (creator := catalog.creator_named(joined)):
            update["influencer"] = creator
    elif kind in ("brief", "outreach"):
        free = " ".join(leftover)
        if free:
            update.update(_campaign_details(free, catalog))
            update.setdefault("campaign", _tidy_campaign(free))
        for key in ("goal", "campaign", "product", "compensation", "start", "channel"):
            if options.get(key):
                update[key] = options[key]
        if options.get("weeks"):
            try:
                update["weeks"] = max(1, min(104, int(options["weeks"])))
            except ValueError:
                return intent.model_copy(update={"error": say("bad_weeks", value=options["weeks"])})
        goal = update.get("goal")
        if goal and goal not in ("awareness", "engagement", "growth", "conversions"):
            mapped = find_goal(str(goal))
            if not mapped:
                return intent.model_copy(update={"error": say("bad_goal", value=goal)})
            update["goal"] = mapped
        channel = update.get("channel")
        if channel and channel not in ("dm", "email"):
            return intent.model_copy(update={"error": say("bad_channel", value=channel)})
    return intent.model_copy(update=update)


def _slash_campaign(kind: IntentKind, positional: list[str], options: dict[str, str], catalog: Catalog) -> Intent:
    """``/report [CAMPAIGN] [--goal G]``, ``/plan [BRAND] --budget N [--goal G]``, ``/fans [BRAND] [--product P]``."""
    update: dict[str, object] = {}
    goal = options.get("goal")
    if goal:
        mapped = goal if goal in ("awareness", "engagement", "growth", "conversions") else find_goal(goal)
        if not mapped:
            return Intent(kind=kind, slash=True, error=say("bad_goal", value=goal))
        update["goal"] = mapped
    if kind == "report":
        name = options.get("campaign") or " ".join(positional)
        return Intent(kind=kind, slash=True, campaign=name.strip() or None, **update)  # type: ignore[arg-type]
    words = " ".join(positional)
    if kind == "plan" and options.get("budget") is None and (amount := budget_in(words)) is not None:
        update["budget"] = amount
        words = _BUDGET.sub(" ", words)
    elif options.get("budget") is not None:
        amount = budget_in("$" + options["budget"].lstrip("$£€"))
        if amount is None:
            return Intent(kind=kind, slash=True, error=say("bad_budget", value=options["budget"]))
        update["budget"] = amount
    brand_name = options.get("brand") or words.strip()
    if brand_name:
        brand = catalog.brand_named(brand_name)
        update["brand" if brand else "unknown_brand"] = brand or brand_name
    if options.get("product"):
        update["products"] = [options["product"]]
    return Intent(kind=kind, slash=True, **update)  # type: ignore[arg-type]


def _options(tokens: list[str]) -> tuple[dict[str, str], list[str]]:
    options: dict[str, str] = {}
    positional: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("--") and len(token) > 2:
            key, eq, value = token[2:].partition("=")
            if not eq and i + 1 < len(tokens) and not tokens[i + 1].startswith("--"):
                value, i = tokens[i + 1], i + 1
            options[key.lower()] = value
        else:
            positional.append(token)
        i += 1
    return options, positional


def _slash_check(rest: str, catalog: Catalog) -> Intent:
    """``/check [BRAND] TEXT`` or ``/check BRAND: TEXT``. The text is kept verbatim."""
    head, sep, tail = rest.partition(":")
    if sep and catalog.brand_named(head) and len(head.split()) <= 3:
        return Intent(kind="check", slash=True, brand=catalog.brand_named(head), text=tail.strip() or None)
    first, _, remainder = rest.partition(" ")
    brand = catalog.find_brand(first) if first else None
    if brand and catalog.brand_named(first) == brand:
        return Intent(kind="check", slash=True, brand=brand, text=remainder.strip() or None)
    return Intent(kind="check", slash=True, text=rest or None)


def _slash_search(rest: str, catalog: Catalog) -> Intent:
    try:
        tokens = shlex.split(rest)
    except ValueError:
        tokens = rest.split()
    options, positional = _options(tokens)
    intent = Intent(kind="search", slash=True, text=" ".join(positional) or None)
    if options.get("brand"):
        brand = catalog.brand_named(options["brand"])
        intent = intent.model_copy(update={"brand": brand, "unknown_brand": None if brand else options["brand"]})
    creator = options.get("creator") or options.get("influencer")
    if creator:
        intent = intent.model_copy(update={"influencer": catalog.creator_named(creator) or f"?{creator.lstrip('@')}"})
    return intent


def _slash_ingest(positional: list[str], options: dict[str, str], catalog: Catalog) -> Intent:
    path = positional[0] if positional else None
    creator = options.get("influencer") or options.get("creator")
    update: dict[str, object] = {"path": path}
    if options.get("campaign"):
        update["campaign"] = options["campaign"]
    if creator:
        known = catalog.creator_named(creator)
        update["influencer"] = known or creator.lstrip("@").lower()  # a new creator is fine for ingest
    if options.get("brand"):
        update["brand"] = options["brand"].strip().lower()
    return Intent(kind="ingest", slash=True, **update)  # type: ignore[arg-type]


def _slash_context(name: str, argument: str, catalog: Catalog) -> Intent:
    intent = Intent(kind="set_context", slash=True)
    if not argument:
        return intent
    if name == "brand":
        brand = catalog.brand_named(argument)
        return intent.model_copy(update={"brand": brand, "unknown_brand": None if brand else argument})
    creator = catalog.creator_named(argument)
    return intent.model_copy(update={"influencer": creator or f"?{argument.lstrip('@').lower()}"})


def _parse_export(words: list[str]) -> Intent:
    draft_id = path = None
    for word in words:
        cleaned = word.strip("`'\".,")
        if "/" in cleaned or cleaned.endswith((".md", ".markdown", ".txt")) or cleaned.startswith("~"):
            path = cleaned
        elif re.fullmatch(r"[0-9a-f]{4,10}", cleaned):
            draft_id = cleaned
    return Intent(kind="export", draft_id=draft_id, path=path)
