"""The words guides use to say what a section is and what a sentence asks for: headings, labels, rule starters.

Kept apart from the walking code (assistant/guide/extract.py) so the vocabulary is data, in one place. The check
names a rule can be typed to live in assistant/guide/checks.py.
"""

from __future__ import annotations

import re

# Section modes: what the items and paragraphs of a section are taken to be.
VOICE, STYLE, DO, DONT, DOS_DONTS, HARD_LIMIT = "voice", "style", "do", "dont", "dos_donts", "hard_limit"
PREFERRED, AVOIDED, VOCAB, EXAMPLES, ABOUT, COMPETITORS, OTHER = (
    "preferred", "avoided", "vocab", "examples", "about", "competitors", "other",
)
HOW_TO = "how_to"  # "How to write in plain English": its list items are instructions, whatever verb they start with

_CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (mode, re.compile(pattern))
    for mode, pattern in (
        (COMPETITORS, r"\b(competitors?|competitive (set|landscape)|competition|rival brands?|rivals|competing brands"
                      r"|brands we (don't|do not|never) work (alongside|with)|brands we avoid)\b"),
        (HARD_LIMIT, r"^what we never say$|^never say$|^(the )?never( list)?$|^never\b"),
        (AVOIDED, r"\b(words?|terms?|phrases?|language|vocabulary)\b.*\b(we avoid|to avoid|avoided|we never use|never use"
                  r"|we don't use|don't use|do not use|banned|forbidden|not to use|we don't say)\b"
                  r"|^(avoid|banned|forbidden|off-limits)\b.*\b(words?|terms?|phrases?)\b"
                  r"|^(we don't say|don't say|words we don't use|banned words|words to avoid)$"),
        (PREFERRED, r"\b(words?|terms?|phrases?|vocabulary|language)\b.*\b(we use|to use|we love|we like|we say|preferred"
                    r"|to say|we prefer)\b|^(preferred|favou?rite)\b.*\b(words?|terms?|phrases?)\b|^(we say|say this)$"),
        (VOCAB, r"\b(vocabulary|terminology|word list|word choice|glossary|lexicon|words and phrases|our words)\b|^words$"),
        (EXAMPLES, r"\b(examples?|sample (copy|posts?|captions?)|in practice|in action|copy samples|captions we love"
                   r"|what (it|we) sounds? like)\b"),
        (HARD_LIMIT, r"\b(claims?|hard limits?|non-negotiables?|brand safety|compliance|regulatory|red lines?"
                     r"|off-limits|must nots?|prohibited|disclosures?)\b"
                     r"|^(the )?legal( (and|&) (compliance|safety|claims?)| requirements| rules| limits| notes| bits)?$"),
        (ABOUT, r"^(about|about (us|the brand|the company|[\w&'. -]{1,40})|who we are|what we do|what we make|what we sell"
                r"|our (products?|story|mission|company|brand|range|business)|brand overview|company overview|overview"
                r"|the brand|at a glance|background)$"),
        (DOS_DONTS, r"\bdo'?s?\s*(and|&|/|,|or)\s*don'?t'?s?\b"),
        (DO, r"^(do|dos|do's|do this|always|always do|things to do|what to do|please do|the dos|the do's)$"
             r"|\bchecklist\b"),
        (DONT, r"^(don't|dont|don'ts|donts|the don'ts|do not|avoid|things to avoid|what to avoid|please don't"
               r"|never do|no-gos?|no go)$"),
        (VOICE, r"^((our|the|brand|[\w'-]+'s)\s+)?((?!active\b|passive\b|own\b|your\b|of\b)[\w'&-]+\s+)?voice"
                r"(\s+(principles|attributes|traits|characteristics|pillars|values|at a glance))?$"
                r"|^((our|brand)\s+)?personality$|^we are$|^how we sound$|^our voice is$|^voice (and|&) personality$"),
        (HOW_TO, r"^how to\b"),
        (STYLE, r"\b(tone|voice|style|how we (write|sound|speak|talk)|writing|grammar|mechanics|punctuation|formatting"
                r"|emojis?|hashtags?|captions?|pronouns|contractions|capitali[sz]ation|plain (language|english)"
                r"|inclusive language|principles|guidelines|rules|readability|reading level|clarity|concise(ness)?"
                r"|brevity|word choice|usage)\b"),
    )
)
_ABOUT_EXCLUDED = re.compile(r"^about (this|the) (guide|document|page)$")


def normalise_title(title: str) -> str:
    """Lower-case heading text with straight apostrophes, no numbering, parentheses or edge punctuation."""
    text = title.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"^\s*(\d+[.)]|[a-z][.)])\s+", "", text)
    text = re.sub(r"[^\w'&/,+ -]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" -,:/")


def classify_heading(title: str) -> str | None:
    """The section mode a heading (or a bold pseudo-heading, or a 'Label:' line) announces, if any."""
    norm = normalise_title(title)
    if not norm or _ABOUT_EXCLUDED.match(norm):
        return None
    for mode, pattern in _CATEGORIES:
        if pattern.search(norm):
            return mode
    return None


# --- labels inside a section --------------------------------------------------------------------------------

LIKE_LABEL = re.compile(
    r"(✅|✔️?|👍)?\s*(like this|do this|write this|say this|try this|instead|good|better|yes|right|do say|we say"
    r"|on brand|on-brand|good example|this|after|use|say|write)\s*:?\s*(✅|✔️?)?"
)
NOT_LABEL = re.compile(
    r"(❌|✘|✗|👎|🚫)?\s*(not this|not like this|don't do this|don't write this|avoid this|instead of|bad|worse|wrong|no"
    r"|don't say|we don't say|off brand|off-brand|bad example|not that|before)\s*:?\s*(❌|✘|✗)?"
)
EXAMPLE_LABEL = re.compile(r"(examples?|for example|e\.g\.|for instance|sample)\b\s*(.*)$")
INTRO_PARAGRAPH = re.compile(r"^(here('s| is| are)|below|the following|these are|some examples|for example)\b")


# --- sentences that ask for something -----------------------------------------------------------------------

STRICT_RULE_START = re.compile(r"^(do|don't|do not|dont|avoid|never|use|always)\b")
NEGATIVE_START = re.compile(
    r"^(don't|do not|dont|never|avoid|no|stop|skip|refrain|resist|steer clear|ditch|lose|not)\b"
)
IMPERATIVE_START = re.compile(
    r"^(use|write|be|keep|speak|tell|say|give|offer|consider|make|explain|show|avoid|lead|choose|try|put|think"
    r"|remember|stay|ask|aim|focus|start|check|let|talk|address|describe|include|mention|prefer|spell|treat"
    r"|celebrate|credit|link|tag|disclose|stick|sound|match|get|add|limit|cut|favou?r|emphasi[sz]e|highlight"
    r"|respect|acknowledge|lean|skip|drop|thank|own|admit|do|don't|do not|never|always|please|stop|steer|swap"
    r"|replace|reply|respond|answer|proofread|test|cite|capitali[sz]e|punctuate|shorten|end|begin|sign|call"
    r"|refer|quote|share|reference|invite|encourage|welcome|honou?r|protect|watch|note|follow|ensure|help|leave"
    r"|pick|resist|reserve|save|state|frame|phrase|ditch|go|put|read|open|close|include|no|have|create)\b"
)
IMPERATIVE_START = re.compile(
    IMPERATIVE_START.pattern[:-3] + r"|craft|omit|communicate|look|break|express|take|oversell|overpromise)\b(?! of\b)"
)  # "Use of X is ..." is a noun

# Closed-class words (and the like) that never open an imperative; used to recognise one by its shape:
# a base-form verb followed by its object ("Picture your audience", "Drop the jargon").
_NOT_VERBS = frozenset(
    "a an the this that these those it its they them their there here he she his her we our us you your i my me "
    "and or but so if when while as at by for from in into of on onto over to with without about after before "
    "because since until unless though although than then also just only even still very more most less many "
    "much some any each every all both either neither no not what which who whom whose how why where is are was "
    "were be been being am has have had do does did can could will would shall should may might must let's "
    "plain good bad great best new one two three first along across among around against behind below beneath "
    "beside between beyond despite down during except inside like near off out outside per through throughout "
    "toward towards under up upon via within however instead often sometimes usually generally perhaps maybe "
    "again already yet once twice otherwise therefore thus hence meanwhile whatever whichever whoever wherever "
    "whenever".split()
)
_OBJECT_START = frozenset("your the a an this these those their our its them it us everything something".split())


def is_imperative(simple: str) -> bool:
    """A sentence that opens with a rule verb ("Use ...") or has the shape of one (verb + object)."""
    if IMPERATIVE_START.match(simple) or NEGATIVE_START.match(simple):
        return True
    shape = re.match(r"([a-z'-]+) ([a-z'-]+)\b", simple)  # two words, no punctuation between ("Passive: The")
    if not shape:
        return False
    first, second = shape.group(1), shape.group(2)
    if first in _NOT_VERBS or re.search(r"(ly|ing|ed|s)$", first):
        return False
    return second in _OBJECT_START


DIRECTIVE_WORDS = re.compile(
    r"\b(never|must|mustn't|always|only|required|requires?|may not|cannot|can't|don't|do not|not allowed|avoid"
    r"|should not|shouldn't|no)\b"
)
WE_RULE_START = re.compile(r"^we (use|say|write|always|never|don't|do not|avoid|keep|speak|talk|prefer)\b")
WE_NEGATIVE_START = re.compile(r"^we (never|don't|do not|avoid)\b")
# A claim-type limit: a negation shortly before a claim word ("Never suggest or claim that..."), not through a
# preposition ("never on claims" is about punctuation, not a claim).
CLAIM_LIMIT = re.compile(
    r"\b(never|not|don't|do not|mustn't|must not|can't|cannot|won't|will not|shouldn't|should not|no)\b"
    r"(?:\W+(?!(?:on|in|at|for|with|near|about|around|to|of)\b)\w+){0,5}?\W+"
    r"(claim\w*|(?:over)?promis\w*|guarantee\w*|overstat\w*|exaggerat\w*|impl(y|ies)|medical|clinical|diagnos\w*"
    r"|legal advice|financial advice|investment advice|before[- ]and[- ]after)\b"
)


def simplify(text: str) -> str:
    """Lower case with straight apostrophes, for matching the patterns above."""
    return text.lower().replace("’", "'").replace("‘", "'").strip()


def is_claim_limit(text: str) -> bool:
    return bool(CLAIM_LIMIT.search(simplify(text)))


# --- quoted terms ----------------------------------------------------------------------------------------------

QUOTED_TERM = re.compile(r"\"([^\"]{1,60})\"|“([^”]{1,60})”|‘([^’]{1,60})’(?!\w)|(?<!\w)'([^']{1,60})'(?!\w)|`([^`]{1,60})`")
QUOTE_CHARS = "\"'“”‘’`«»"
