"""scripts/fetch_guides.py turns a published page into guide text with mechanical conversions only."""

from __future__ import annotations

import importlib.util
import sys

from tests.paths import REPO


def _module():
    spec = importlib.util.spec_from_file_location("fetch_guides", REPO / "scripts" / "fetch_guides.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fetch_guides"] = module
    spec.loader.exec_module(module)
    return module


FETCH = _module()


def test_site_markup_goes_and_words_stay():
    page = (
        "---\ntitle: X\n---\n\nSee the [voice guide]({{ site.baseurl }}/voice/) and [tone](/02-tone.html.md).\n"
        "{:.example-table}\n<div class=\"x\">\n\n- a\n\n</div>\n"
    )
    assert FETCH.clean_page(page) == "See the voice guide and tone.\n\n- a\n"


def test_do_dont_components_become_labelled_samples():
    garden = "<BestPractice>\n  <Do>\n    <p>Sign in</p>\n  </Do>\n  <Dont>\n    <p>Log in</p>\n  </Dont>\n</BestPractice>"
    assert FETCH.clean_page(garden) == "**Do:**\n\n- Sign in\n\n**Don't:**\n\n- Log in\n"
    carbon = '<DoDontRow>\n  <DoDont\n    type="dont"\n    caption="Don\'t shout."\n    text="BUY NOW!!"\n  />\n</DoDontRow>'
    assert FETCH.clean_page(carbon) == "Don't shout.\n\n**Don't:**\n\n- BUY NOW!!\n"


def test_unshippable_guides_are_written_outside_the_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EXTRA_GUIDES", str(tmp_path / "extra"))
    assert not FETCH.extra_guides_dir().is_relative_to(REPO)
    assert {g.name for g in FETCH.GUIDES if not g.shippable} >= {"mailchimp", "polaris"}
