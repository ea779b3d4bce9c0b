"""Leafpress: Markdown to multilingual, print-ready patient leaflets."""

__version__ = "0.1.0"
