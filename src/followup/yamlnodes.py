"""Turning a PyYAML node back into Python values without losing where a bad value is.

Records, profiles and front matter keep PyYAML's node tree for its positions; this builds
values from a node once, and reports an impossible value (`2026-02-30`) at its line instead
of letting PyYAML's ValueError escape as a traceback.
"""

from __future__ import annotations

from typing import Any

import yaml


class BadValue(ValueError):
    """A scalar PyYAML cannot construct; `node` says where it is."""

    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.node = node


def construct(node: yaml.Node) -> Any:
    """Python values of `node` (as `yaml.safe_load` would give)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    except ValueError as exc:
        culprit = _culprit(node)
        raise BadValue(f"'{culprit.value}' is not a valid value ({exc})", culprit) from None
    finally:
        loader.dispose()


def _culprit(node: yaml.Node) -> yaml.Node:
    """The first scalar below `node` that cannot be constructed on its own."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_document(current)
            except ValueError:
                return current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return node
