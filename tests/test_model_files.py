"""Every bundled YAML model is one a reviewer can trust: no mapping repeats a key.

PyYAML keeps the last of two equal keys without a word, so an entry with two
`unless_in_sentence` lists silently loses the first one; this test reads the node tree and
names the file and line of any repeat.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from followup.resources import models_dir

MODELS = sorted(Path(models_dir()).glob("*.yaml"))


def _repeats(node: yaml.Node) -> list[str]:
    found: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                found.append(f"line {key.start_mark.line + 1}: {key.value!r} repeated")
            seen.add(key.value)
            found.extend(_repeats(value))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(_repeats(item))
    return found


def test_there_are_models() -> None:
    assert len(MODELS) >= 10


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_no_repeated_keys(path: Path) -> None:
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert root is not None
    assert _repeats(root) == []
