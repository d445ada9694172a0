"""Analysis: pure functions over records. A guide becomes measurable voice rules; a feed becomes measurements
(style, topic, hard limits, engagement, authenticity, partnerships, cadence) combined into a `FitAssessment`;
a text becomes a `CheckReport`. No I/O (except reading wording under prompts/analysis/), no LLM, no store.
"""

from assistant.analysis.check import PASS_THRESHOLD, check_text, check_with_rules
from assistant.analysis.fit import WEIGHTS, assess_fit, assess_with_rules, verdict_for
from assistant.analysis.rank import assess_many, rank_creators, to_ranked
from assistant.analysis.style import style_metrics
from assistant.analysis.voice_rules import voice_profile
from assistant.models.fit import StyleMetrics, VoiceRules

__all__ = [
    "PASS_THRESHOLD",
    "WEIGHTS",
    "StyleMetrics",
    "VoiceRules",
    "assess_fit",
    "assess_many",
    "assess_with_rules",
    "check_text",
    "check_with_rules",
    "rank_creators",
    "style_metrics",
    "to_ranked",
    "verdict_for",
    "voice_profile",
]
