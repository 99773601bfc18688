"""Placeholder until this family lands (see the issue that adds it)."""

from __future__ import annotations

from .base import Rule

RULES: list[Rule] = []
