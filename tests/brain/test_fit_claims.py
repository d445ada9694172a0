"""A model reply that states a fit score or verdict other than the computed one is corrected before it is shown,
through the real path: the fake server, the openai client, the LangChain agent, the brain and the history."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.brain import Brain
from assistant.brain.events import TextDelta
from assistant.services import Services
from tests.brain.helpers import ask
from tests.fakes.fixtures import settings_for
from tests.fakes.openai_server import FakeOpenAIServer


@pytest.fixture
def llm_brain(fake_openai: FakeOpenAIServer, demo_dir: Path) -> Brain:
    return Brain(Services(settings_for(fake_openai, demo_dir)))


def poorest(services: Services, brand: str = "northwind"):
    """The creator with the lowest computed fit for ``brand`` (a 'poor' one, to contradict)."""
    rows = services.rank(brand)
    row = min(rows, key=lambda r: r.score)
    return services.fit(brand, row.influencer)


def test_a_contradicting_score_and_verdict_are_corrected_before_they_show(fake_openai: FakeOpenAIServer,
                                                                          llm_brain: Brain) -> None:
    fit = poorest(llm_brain.services)
    assert fit.verdict != "strong" and fit.score != 100
    handle = fit.influencer
    fake_openai.enqueue_tool_call("assess_fit", {"brand": "northwind", "influencer": handle})
    fake_openai.enqueue_text(f"Great news: @{handle} is a strong fit for Northwind, strong, 100/100. "
                             "Their posts are lovely.")

    reply = ask(llm_brain, f"is {handle} right for northwind?")

    assert reply.finished.status == "complete", reply.finished.error
    shown = reply.streamed
    # What streamed to the face never held the model's numbers: each sentence was checked before it was shown.
    deltas = [d.text for d in reply.of(TextDelta)]
    assert deltas[-1].lstrip().startswith("_Note")
    for text in deltas[:-1]:
        assert "100/100" not in text and "strong fit" not in text
    assert f"@{handle} is a {fit.verdict} fit for Northwind, {fit.verdict}, {fit.score}/100." in shown
    assert "Their posts are lovely." in shown
    note = shown.split("_Note")[1]
    assert "didn't match the computed fit" in note and "strong" in note and "100/100" in note
    saved = llm_brain.history()[-1]
    assert saved.content == reply.text
    assert {(c["kind"], c["stated"], c["computed"]) for c in saved.meta["fit_corrections"]} == {
        ("score", "100/100", f"{fit.score}/100"), ("verdict", "strong", fit.verdict)}


def test_a_score_stated_without_assessing_is_checked_against_the_code(fake_openai: FakeOpenAIServer,
                                                                      llm_brain: Brain) -> None:
    """The model answers without calling assess_fit: the claim is checked against a fit computed in code for the
    current brand and creator."""
    fit = poorest(llm_brain.services)
    llm_brain.set_context(brand="northwind", influencer=fit.influencer)
    fake_openai.enqueue_text("From memory, they score 97/100 and the verdict is strong.")

    reply = ask(llm_brain, "how do they score?")

    assert f"they score {fit.score}/100 and the verdict is {fit.verdict}." in reply.text
    assert len(fake_openai.chat_requests) == 1


def test_a_reply_that_agrees_with_the_code_is_left_alone(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    services = llm_brain.services
    fit = services.fit("northwind", "trailtom")
    voice = next(d for d in fit.dimensions if d.score is not None)
    fake_openai.enqueue_tool_call("assess_fit", {"brand": "northwind", "influencer": "trailtom"})
    answer = (f"@trailtom is a {fit.verdict} fit: {fit.score}/100 overall, with {voice.name} at {voice.score}/100. "
              "It is possible he posts less in winter, and his engagement is strong.")
    fake_openai.enqueue_text(answer)

    reply = ask(llm_brain, "trailtom for northwind?")

    assert reply.text == answer
    assert "fit_corrections" not in llm_brain.history()[-1].meta


def test_each_creator_of_a_ranking_is_checked_against_its_own_row(fake_openai: FakeOpenAIServer,
                                                                   llm_brain: Brain) -> None:
    rows = llm_brain.services.rank("northwind")[:2]
    first, second = rows
    fake_openai.enqueue_tool_call("rank_creators", {"brand": "northwind", "top": 2})
    # The model swaps the two creators' scores.
    fake_openai.enqueue_text(f"1. @{first.influencer}: {second.score}/100, {first.verdict}\n"
                             f"2. @{second.influencer}: {first.score}/100, {second.verdict}\n")

    reply = ask(llm_brain, "rank them")

    assert f"1. @{first.influencer}: {first.score}/100, {first.verdict}" in reply.text
    assert f"2. @{second.influencer}: {second.score}/100, {second.verdict}" in reply.text


def test_a_brief_written_by_the_model_keeps_the_computed_fit(fake_openai: FakeOpenAIServer, llm_brain: Brain) -> None:
    from assistant.models import CampaignInputs
    from tests.brain.helpers import llm_brief

    services = llm_brain.services
    fit = poorest(services)
    written = llm_brief()
    written["audience"] = f"Followers of @{fit.influencer}, a strong fit for us at 100/100."
    fake_openai.enqueue_tool_call("LLMBrief", written)

    draft = services.brief("northwind", fit.influencer, CampaignInputs(campaign="spring launch"))

    assert draft.data.audience == f"Followers of @{fit.influencer}, a {fit.verdict} fit for us at {fit.score}/100."


def test_text_held_for_checking_keeps_its_place_before_a_draft(fake_openai: FakeOpenAIServer,
                                                               llm_brain: Brain) -> None:
    from tests.brain.helpers import llm_brief

    fake_openai.enqueue_tool_call("draft_brief", {"brand": "northwind", "influencer": "trailtom",
                                                  "campaign": "spring launch"}, text="On it: brief 1 of 1 coming up. ")
    fake_openai.enqueue_tool_call("LLMBrief", llm_brief())
    fake_openai.enqueue_text("Done.")

    reply = ask(llm_brain, "draft trailtom a brief for our spring launch")

    assert reply.finished.status == "complete", reply.finished.error
    assert reply.streamed.startswith("On it: brief 1 of 1 coming up. ")
    assert reply.streamed.index("Done.") > reply.streamed.index("Northwind")


def test_a_score_about_another_brand_is_not_checked_against_the_current_one(fake_openai: FakeOpenAIServer,
                                                                            llm_brain: Brain) -> None:
    """Without a tool call there is nothing computed for another brand: the claim is left, not 'corrected' with
    the current brand's fit."""
    llm_brain.set_context(brand="northwind", influencer="trailtom")
    fake_openai.enqueue_text("For Lumen, they would score 12/100.")

    reply = ask(llm_brain, "and for lumen?")

    assert reply.text == "For Lumen, they would score 12/100."
