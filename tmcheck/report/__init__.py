"""Reporters: they format findings and never decide anything."""

from .formats import FORMATS, render

__all__ = ["FORMATS", "render"]
