"""The compiled tone lexicons kept on disk: read back as the same trie, a new file for any
change to the models, compiled again when the file is damaged, nothing written when the
cache is off, and a run that cannot write it still works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from followup import lexicons
from followup.resources import models_dir

NAMES = ("pushy.yaml", "apologetic.yaml")


def _spans(lexicon: lexicons.Lexicon) -> list[list[tuple[str, int, int]]]:
    from followup.nlp import tokenizer

    texts = [text for entry in lexicon.entries.values()
             for text in (*entry.get("examples", ()), *entry.get("counter_examples", ()))]
    return [lexicon.spans(tokenizer().make_doc(text)) for text in texts]


def test_the_kept_trie_is_the_compiled_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.setenv(lexicons.LEXICON_CACHE_ENV, str(tmp_path))
    compiled = lexicons.compiled_together.__wrapped__(NAMES)  # compiles and keeps it
    [kept] = tmp_path.glob("*.marshal")
    read = lexicons._read_cached(kept)
    assert read is not None and read is not compiled
    assert read.entries == compiled.entries and read.depth == compiled.depth
    assert read.members == compiled.members and read.first == compiled.first
    assert _spans(read) == _spans(compiled) and any(_spans(compiled))
    again = lexicons.compiled_together.__wrapped__(NAMES)  # from the file
    assert _spans(again) == _spans(compiled)

    kept.write_bytes(b"\x00damaged")
    assert lexicons._read_cached(kept) is None
    assert _spans(lexicons.compiled_together.__wrapped__(NAMES)) == _spans(compiled)
    assert lexicons._read_cached(kept) is not None  # compiled again and rewritten


def test_any_change_to_the_models_is_a_new_key(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexicons.LEXICON_CACHE_ENV, str(tmp_path / "cache"))
    copy = tmp_path / "models"
    shutil.copytree(models_dir(), copy)
    monkeypatch.setattr(lexicons, "models_dir", lambda: copy)
    first = lexicons._cache_path(NAMES)
    assert first == lexicons._cache_path(NAMES)
    assert lexicons._cache_path(("pushy.yaml",)) != first
    wordclasses = copy / "wordclasses.yaml"  # not one of NAMES: the trie still uses it
    wordclasses.write_text(wordclasses.read_text(encoding="utf-8") + "\n# edited\n",
                           encoding="utf-8")
    assert lexicons._cache_path(NAMES) != first


def test_off_or_unwritable_still_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.setenv(lexicons.LEXICON_CACHE_ENV, "off")
    assert lexicons._cache_path(NAMES) is None
    expected = _spans(lexicons.compiled_together.__wrapped__(NAMES))
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(lexicons.LEXICON_CACHE_ENV, str(blocked / "lexicons"))
    assert _spans(lexicons.compiled_together.__wrapped__(NAMES)) == expected
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_the_kept_verdict_and_pressure_models_are_the_built_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.rules import pressure, verdicts

    monkeypatch.setenv(lexicons.LEXICON_CACHE_ENV, str(tmp_path))
    for module, tag, build in ((verdicts, "verdicts", lambda: verdicts._build("hand")),
                               (pressure, "pressure", pressure._build)):
        built = build()
        data = lexicons.cached_build(tag, Path(module.__file__),
                                     lambda b=built: verdicts.model_to_data(b))
        assert verdicts.model_from_data(module.Model, data) == built
        kept = lexicons.cached_build(tag, Path(module.__file__),
                                     lambda: pytest.fail("built again, not read"))
        assert verdicts.model_from_data(module.Model, kept) == built
    assert len(list(tmp_path.glob("*.marshal"))) == 2
