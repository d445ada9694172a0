from tests.brain.conftest import brain, demo_dir, demo_template, offline_services  # noqa: F401
