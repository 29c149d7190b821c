"""Ingest: inputs (files, stdin, the bundled sample, and more formats) -> Documents."""

from __future__ import annotations

from importlib import resources

from timeline.ingest.text import read_path, read_text, validate_date
from timeline.model import Document

__all__ = ["SAMPLE_NAME", "load_sample", "read_path", "read_text", "validate_date"]

SAMPLE_NAME = "afp-syria-coast-bombings.txt"


def load_sample(date: str | None = None) -> Document:
    """The bundled sample article (an AFP report of 23 May 2016, pasted with its trailer)."""
    data = resources.files("timeline").joinpath("data", "samples", SAMPLE_NAME).read_bytes()
    return read_text(data.decode("utf-8"), path=SAMPLE_NAME, date=date)
