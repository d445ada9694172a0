"""The scorecard of the current brand and creator: score and verdict, a bar per dimension, engagement sparkline."""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, Sparkline

from assistant.tui.readable import readable_error
from assistant.tui.texts import notice
from assistant.tui.widgets.dimension_bar import DimensionBar

if TYPE_CHECKING:
    from assistant.models import FitAssessment

DIMENSIONS = ("voice", "hard_limits", "topic", "engagement", "authenticity", "partnerships", "cadence")
VERDICT_CLASSES = ("-strong", "-possible", "-poor")


def engagement_values(assessment: FitAssessment) -> list[float]:
    """The engagement rates of the series in time order, in percent, skipping posts without a rate."""
    return [p.engagement_rate * 100 for p in assessment.engagement_series if p.engagement_rate is not None]


class FitCard(Vertical):
    """Draws a ``FitAssessment``; says why when there is none. Computes the scorecard of a pair itself (``want``):
    its worker only posts ``Computed``, and the handler draws it if that pair is still the one wanted."""

    class Computed(Message):
        """The scorecard of a pair, computed in a worker (or None with a reason)."""

        def __init__(self, pair: tuple[str, str], assessment: FitAssessment | None, error: str = "") -> None:
            super().__init__()
            self.pair = pair
            self.assessment = assessment
            self.error = error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.assessment: FitAssessment | None = None
        self._wanted: tuple[str, str] | None = None

    @property
    def pair(self) -> tuple[str, str] | None:
        """The (brand, creator) whose scorecard is shown."""
        return (self.assessment.brand, self.assessment.influencer) if self.assessment is not None else None

    def want(self, services: Any, brand: str | None, influencer: str | None, *, fresh: bool = False) -> None:
        """Show the scorecard of this pair: computed in a worker unless it is shown or on its way (``fresh``:
        compute it again, e.g. after the store changed); cleared without a pair."""
        if fresh:
            self._wanted = None
            self.assessment = None
        if not (brand and influencer):
            self._wanted = None
            self.show(None)
            return
        pair = (brand, influencer)
        if pair == self._wanted:
            return
        self._wanted = pair
        if self.pair != pair:
            self.compute(services, pair)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fit", description="Scoring the fit")
    def compute(self, services: Any, pair: tuple[str, str]) -> None:
        try:
            self.post_message(self.Computed(pair, services.fit(*pair)))
        except Exception as exc:  # noqa: BLE001 - shown on the card as a reason
            self.post_message(self.Computed(pair, None, readable_error(exc)))

    def on_fit_card_computed(self, message: FitCard.Computed) -> None:
        message.stop()
        if message.pair != self._wanted or self.pair == message.pair:
            return  # the user has moved on to another pair, or the brain's reply already drew this one
        self.show(message.assessment, notice("fit_unavailable", error=message.error) if message.error else "")

    def show_assessment(self, assessment: FitAssessment) -> None:
        """Draw an assessment computed elsewhere (the brain's reply): no need to compute it again."""
        self._wanted = (assessment.brand, assessment.influencer)
        self.show(assessment)

    def compose(self) -> ComposeResult:
        yield Label("", id="fit-title", markup=False)
        yield Label(notice("pick_a_pair"), id="fit-verdict", markup=False)
        for name in DIMENSIONS:
            yield DimensionBar(name, id=f"dim-{name}")
        yield Label("", id="fit-risks", markup=False)
        yield Sparkline([], id="engagement")
        yield Label("", id="spark-caption", markup=False)

    def on_mount(self) -> None:
        self.show(None)

    def show(self, assessment: FitAssessment | None, note: str = "") -> None:
        """Draw the assessment, or clear the card and show ``note``."""
        self.assessment = assessment
        verdict = self.query_one("#fit-verdict", Label)
        verdict.remove_class(*VERDICT_CLASSES)
        has_fit = assessment is not None
        for widget in self.query(DimensionBar):
            widget.display = has_fit
        for selector in ("#fit-title", "#fit-risks", "#engagement", "#spark-caption"):
            self.query_one(selector).display = has_fit
        if assessment is None:
            verdict.update(note or notice("pick_a_pair"))
            return
        self.query_one("#fit-title", Label).update(f"@{assessment.influencer} × {assessment.brand}")
        verdict.update(f"{assessment.score}/100 · {assessment.verdict}")
        verdict.add_class(f"-{assessment.verdict}")
        for name in DIMENSIONS:
            dimension = assessment.dimension(name)
            bar = self.query_one(f"#dim-{name}", DimensionBar)
            bar.display = dimension is not None
            if dimension is not None:
                bar.update(dimension.score, dimension.reason)
        risks = assessment.risks
        high = sum(1 for r in risks if r.severity == "high")
        risk_label = self.query_one("#fit-risks", Label)
        risk_label.update(
            f"{len(risks)} risk{'s' if len(risks) != 1 else ''}" + (f" ({high} high)" if high else "") if risks else "no risks found"
        )
        risk_label.set_class(high > 0, "-high")
        values = engagement_values(assessment)
        spark = self.query_one("#engagement", Sparkline)
        spark.data = values
        spark.display = len(values) >= 2
        caption = self.query_one("#spark-caption", Label)
        if values:
            caption.update(f"engagement: {len(values)} posts · median {median(values):.1f}% · last {values[-1]:.1f}%")
        else:
            caption.update("engagement: no data")
