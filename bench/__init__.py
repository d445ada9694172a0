"""Benchmarks for `assistant`: how fast and how big, side by side with the raw engines. Run `python bench/run.py`."""
