"""KPIs follow the campaign goal: the goal's own funnel stage first, one supporting metric after.

Which conversions count depends on what the brand sells (installs and sign-ups for an app, purchases for a
physical product), read from its guide by :func:`assistant.drafting.guide_facts.brand_kind`. Both engines
call this; an LLM never picks KPIs.
"""

from __future__ import annotations

from assistant.drafting import wording
from assistant.models import Goal, Kpi

BRAND_KINDS = ("app", "product", "general")


def kind_wording(kind: str) -> dict[str, str]:
    """The conversion wording for a kind of brand (``[kinds.<kind>]`` in ``prompts/offline/kpis.toml``)."""
    kinds = wording.load("kpis")["kinds"]
    return kinds.get(kind, kinds["general"])


def _metrics(table: dict, goal: str, kind: str) -> list[dict[str, str]]:
    by_kind = table[goal].get(kind)
    return (by_kind or table[goal])["metrics"]


def kpis_for_goal(goal: Goal, kind: str = "general") -> list[Kpi]:
    """The KPI list for a goal and a kind of brand (from ``prompts/offline/kpis.toml``)."""
    table = wording.load("kpis")
    target = table["target"]["text"]
    own = [Kpi(metric=m["metric"], stage=goal, target=target, how_measured=m["how"]) for m in _metrics(table, goal, kind)]
    support_stage = table[goal]["supporting"]
    support_name = table[goal]["supporting_metric"]
    support = next(m for m in table[support_stage]["metrics"] if m["metric"] == support_name)
    own.append(Kpi(metric=support["metric"], stage=support_stage, target=target, how_measured=support["how"]))
    return own
