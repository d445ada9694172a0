"""assistant: a terminal chat assistant for marketers who work with micro-influencers."""

__version__ = "0.1.0"
