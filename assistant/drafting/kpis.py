"""KPIs follow the campaign goal: the goal's own funnel stage first, one supporting metric after.

Both engines call this; an LLM never picks KPIs.
"""

from __future__ import annotations

from assistant.drafting import wording
from assistant.models import Goal, Kpi


def kpis_for_goal(goal: Goal) -> list[Kpi]:
    """The KPI list for a goal (from ``prompts/offline/kpis.toml``)."""
    table = wording.load("kpis")
    target = table["target"]["text"]
    own = [Kpi(metric=m["metric"], stage=goal, target=target, how_measured=m["how"]) for m in table[goal]["metrics"]]
    support_stage = table[goal]["supporting"]
    support_name = table[goal]["supporting_metric"]
    support = next(m for m in table[support_stage]["metrics"] if m["metric"] == support_name)
    own.append(Kpi(metric=support["metric"], stage=support_stage, target=target, how_measured=support["how"]))
    return own
