"""Ingestion: files in, validated records out (or one InputError naming the file and the line). Writes nothing."""

from assistant.ingest.guide import parse_guide_text, read_guide
from assistant.ingest.posts import POST_FORMATS, detect_format, read_posts

__all__ = ["POST_FORMATS", "detect_format", "parse_guide_text", "read_guide", "read_posts"]
