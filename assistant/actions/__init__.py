"""The actions: fit, rank, check, brief, outreach, report, plan, fans, ingest, each written once.

An action resolves the names it is given (a brand's display name, a creator's display name or handle, a
campaign's short name), calls the service, and returns the result with the events a chat face shows for it.
The offline router (``brain/router.py``), the agent's tools (``brain/tools.py``) and the CLI (``cli.py``) all call
these, through this module's attributes (``actions.fit(...)``), so there is one path from each face to each
action. What stays in the faces: asking for what is missing, the conversation's current brand and creator,
and printing.
"""

from assistant.actions.core import (
    ACTIONS,
    ActionResult,
    Ingested,
    brief,
    check,
    fans,
    fit,
    ingest,
    outreach,
    plan,
    rank,
    report,
    resolve_brand,
    resolve_creator,
)

__all__ = [
    "ACTIONS",
    "ActionResult",
    "Ingested",
    "brief",
    "check",
    "fans",
    "fit",
    "ingest",
    "outreach",
    "plan",
    "rank",
    "report",
    "resolve_brand",
    "resolve_creator",
]
