"""Measuring the extraction engine against annotated corpora (TimeML)."""
