"""The word frequencies' fast copy: the same dict as the shipped list, rewritten when it
is damaged, a new file for a new list, and nothing written when it is off."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from followup.wordcache import load_frequencies

SHIPPED = gzip.compress(json.dumps({"the": 100, "interview": 7, "café": 2}).encode())


def test_the_copy_is_the_shipped_list_and_is_read_back(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_WORDS_CACHE", str(tmp_path))
    first = load_frequencies(SHIPPED)
    assert first == {"the": 100, "interview": 7, "café": 2}
    [copy] = tmp_path.iterdir()
    copy.write_bytes(copy.read_bytes())  # read back: the same dict from the copy
    assert load_frequencies(SHIPPED) == first
    copy.write_bytes(b"\x00damaged")
    assert load_frequencies(SHIPPED) == first  # parsed again and rewritten
    assert load_frequencies(SHIPPED) == first
    other = gzip.compress(json.dumps({"other": 1}).encode())
    assert load_frequencies(other) == {"other": 1}
    assert len(list(tmp_path.iterdir())) == 2  # a new list is a new file


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_WORDS_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    assert load_frequencies(SHIPPED)["interview"] == 7
    assert not list(tmp_path.iterdir())


def test_the_real_list_through_the_copy_is_the_real_list(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.resources import files

    shipped = files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    monkeypatch.setenv("FOLLOWUP_WORDS_CACHE", str(tmp_path))
    parsed = json.loads(gzip.decompress(shipped))
    assert load_frequencies(shipped) == parsed
    assert load_frequencies(shipped) == parsed  # from the copy
