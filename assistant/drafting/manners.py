"""The outreach self-check: no flattery with nothing behind it, no pressure, real posts cited, DMs short."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.drafting import wording
from assistant.models import OutreachChannel
from assistant.models.drafts import OutreachIssue, OutreachSelfCheck


@lru_cache(maxsize=None)
def _patterns(kind: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in wording.get("outreach_checks", kind))


def _detail(kind: str, **values: object) -> str:
    return wording.fill(wording.get("outreach_checks", f"detail.{kind}"), **values)


def check_outreach_manners(body: str, cited_post_ids: list[str], channel: OutreachChannel) -> OutreachSelfCheck:
    """Flag fake-personal openers, pressure phrases, a message citing no post, and an over-long DM."""
    issues: list[OutreachIssue] = []
    normalised = body.replace("’", "'")
    for kind in ("fake_personal", "pressure"):
        for pattern in _patterns(kind):
            for match in pattern.finditer(normalised):
                issues.append(OutreachIssue(kind=kind, detail=_detail(kind), text=match.group(0)))
    if not cited_post_ids:
        issues.append(OutreachIssue(kind="no_citation", detail=_detail("no_citation")))
    limit = wording.get("outreach", "dm.max_chars")
    if channel == "dm" and len(body) > limit:
        issues.append(OutreachIssue(kind="too_long", detail=_detail("too_long", length=len(body), max=limit)))
    return OutreachSelfCheck(passed=not issues, findings=issues)
