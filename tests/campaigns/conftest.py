"""The demo store fixtures of the brain's tests, for the campaign tests that need creators and brands."""

from tests.brain.conftest import brain, demo_dir, demo_template, offline_services  # noqa: F401
