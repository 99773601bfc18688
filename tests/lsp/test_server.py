"""`followup lsp` driven over stdio by a JSON-RPC client, as an editor drives it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lsp.rpc import LspClient

from helpers import RECORD

LETTER = ("Dear Nick,\n\n"
          "Thank you \U0001F600 for the warehouse tour!! I enjoyed hearing about holiday "
          "volume planning.\n\n"
          "Best regards,\nJordan Lee\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "interview.yaml").write_text(RECORD, encoding="utf-8")
    (tmp_path / "followup.toml").write_text(
        'grammar = "off"\nignore = ["C003"]\nvocabulary = ["words.txt"]\n', encoding="utf-8")
    (tmp_path / "words.txt").write_text("# my words\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(folder: Path) -> Iterator[LspClient]:
    lsp = LspClient("--today", "2026-11-20", cwd=folder)
    yield lsp
    lsp.kill()


def _open(client: LspClient, path: Path, text: str, version: int = 1) -> dict[str, Any]:
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": path.as_uri(), "languageId": "markdown", "version": version, "text": text}})
    _, params = client.wait_for("textDocument/publishDiagnostics",
                                lambda p: p["uri"] == path.as_uri()
                                and p.get("version") == version)
    return params


def _by_code(diagnostics: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {d["code"]: d for d in diagnostics}


def _apply(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to `text`."""
    lines = text.split("\n")

    def offset(position: dict[str, int]) -> int:
        before = sum(len(line) + 1 for line in lines[: position["line"]])
        line = lines[position["line"]]
        units = 0
        for index, char in enumerate(line):
            if units >= position["character"]:
                return before + index
            units += 2 if ord(char) > 0xFFFF else 1
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                             e["range"]["start"]["character"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def test_diagnostics_ranges_actions_changes_and_exit(client: LspClient, folder: Path):
    result = client.initialize(folder)
    assert result["capabilities"]["positionEncoding"] == "utf-16"
    letter = folder / "thank-you.md"
    letter.write_text(LETTER, encoding="utf-8")
    diagnostics = _by_code(_open(client, letter, LETTER)["diagnostics"])
    assert set(diagnostics) == {"T001", "T002"}
    emoji = diagnostics["T002"]
    # line 3 (0-based 2): "Thank you " is 10 units; the emoji is 2 UTF-16 units
    assert emoji["range"] == {"start": {"line": 2, "character": 10},
                              "end": {"line": 2, "character": 12}}
    assert emoji["severity"] == 1 and emoji["source"] == "followup"
    assert emoji["message"].startswith("emoticon: emoji")
    bang = diagnostics["T001"]
    column = len("Thank you \U0001F600 for the warehouse tour") + 1  # +1: the emoji's 2nd unit
    assert bang["range"] == {"start": {"line": 2, "character": column},
                             "end": {"line": 2, "character": column + 2}}
    assert bang["severity"] == 2

    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": letter.as_uri()}, "range": bang["range"],
        "context": {"diagnostics": [bang]}})
    titles = [a["title"] for a in actions]
    assert titles == ["Replace with '!' (T001)", "Ignore T001 on this line",
                      "Fix 2 safe problems (followup)"]
    fix_all = actions[2]
    assert fix_all["kind"] == "source.fixAll.followup"
    assert _apply(LETTER, fix_all["edit"]["changes"][letter.as_uri()]) == \
        LETTER.replace("tour!!", "tour!").replace(" \U0001F600", "")
    only = client.request("textDocument/codeAction", {
        "textDocument": {"uri": letter.as_uri()}, "range": bang["range"],
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    assert [a["title"] for a in only] == ["Fix 2 safe problems (followup)"]
    fix = actions[0]
    assert fix["isPreferred"] is True and fix["kind"] == "quickfix"
    edits = fix["edit"]["changes"][letter.as_uri()]
    fixed = _apply(LETTER, edits)
    assert fixed == LETTER.replace("tour!!", "tour!")

    removal = client.request("textDocument/codeAction", {
        "textDocument": {"uri": letter.as_uri()}, "range": emoji["range"],
        "context": {"diagnostics": [emoji]}})[0]
    assert removal["title"] == "Remove '\U0001F600' (T002)" and removal["isPreferred"]
    fixed = _apply(fixed, removal["edit"]["changes"][letter.as_uri()])
    assert fixed == LETTER.replace("tour!!", "tour!").replace(" \U0001F600", "")

    client.notify("textDocument/didChange", {
        "textDocument": {"uri": letter.as_uri(), "version": 2},
        "contentChanges": [{"text": fixed}]})
    _, params = client.wait_for("textDocument/publishDiagnostics",
                                lambda p: p.get("version") == 2)
    assert params["diagnostics"] == []
    assert client.close() == 0


def test_ignore_directive_and_vocabulary_actions(client: LspClient, folder: Path):
    client.initialize(folder)
    letter = folder / "note.txt"
    text = ("Dear Nick,\n\nThank you for the tour!! I recieve the Zorbex reports weekly "
            "and enjoyed hearing about holiday volume planning.\n\nBest regards,\nJordan\n")
    letter.write_text(text, encoding="utf-8")
    diagnostics = _by_code(_open(client, letter, text)["diagnostics"])
    assert set(diagnostics) == {"T001", "S001"}
    ignore = [a for a in client.request("textDocument/codeAction", {
        "textDocument": {"uri": letter.as_uri()}, "range": diagnostics["T001"]["range"],
        "context": {"diagnostics": []}}) if a["title"].startswith("Ignore")][0]
    text = _apply(text, ignore["edit"]["changes"][letter.as_uri()])
    assert "tour!! I recieve" in text and "<!-- followup: ignore T001 -->\n" in text
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": letter.as_uri(), "version": 2},
        "contentChanges": [{"text": text}]})
    _, params = client.wait_for("textDocument/publishDiagnostics",
                                lambda p: p.get("version") == 2)
    assert [d["code"] for d in params["diagnostics"]] == ["S001"]

    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": letter.as_uri()}, "range": params["diagnostics"][0]["range"],
        "context": {"diagnostics": []}})
    add = [a for a in actions if a["title"].startswith("Add")][0]
    assert add["title"] == "Add 'recieve' to the vocabulary (words.txt)"
    since = len(client.notifications)
    client.request("workspace/executeCommand", add["command"])
    assert (folder / "words.txt").read_text(encoding="utf-8") == "# my words\nrecieve\n"
    _, params = client.wait_for("textDocument/publishDiagnostics",
                                lambda p: p.get("version") == 2, since=since)
    assert params["diagnostics"] == []

    hover = client.request("textDocument/hover", {
        "textDocument": {"uri": letter.as_uri()},
        "position": diagnostics["T001"]["range"]["start"]})
    assert hover is None  # silenced now; nothing to explain
    assert client.close() == 0


def test_hover_explains_the_rule_and_utf32_positions(folder: Path):
    client = LspClient("--today", "2026-11-20", cwd=folder)
    try:
        result = client.initialize(folder, encodings=["utf-32"])
        assert result["capabilities"]["positionEncoding"] == "utf-32"
        letter = folder / "thank-you.md"
        diagnostics = _by_code(_open(client, letter, LETTER)["diagnostics"])
        assert diagnostics["T002"]["range"]["end"] == {"line": 2, "character": 11}
        hover = client.request("textDocument/hover", {
            "textDocument": {"uri": letter.as_uri()},
            "position": diagnostics["T002"]["range"]["start"]})
        value = hover["contents"]["value"]
        assert "T002 emoticon (error)" in value and "Bad:" in value
        assert client.close() == 0
    finally:
        client.kill()


def test_stale_results_are_dropped_by_version(client: LspClient, folder: Path):
    client.initialize(folder)
    letter = folder / "thank-you.md"
    _open(client, letter, LETTER)
    since = len(client.notifications)
    for version in range(2, 7):  # typing fast: only the last version is reported
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": letter.as_uri(), "version": version},
            "contentChanges": [{"text": LETTER.replace("!!", "!" * version)}]})
    _, params = client.wait_for("textDocument/publishDiagnostics",
                                lambda p: p.get("version") == 6, since=since)
    versions = [n["params"].get("version") for n in client.notifications[since:]
                if n.get("method") == "textDocument/publishDiagnostics"]
    assert versions == [6]
    bang = _by_code(params["diagnostics"])["T001"]
    assert bang["range"]["end"]["character"] - bang["range"]["start"]["character"] == 6
    assert client.close() == 0


@pytest.mark.languagetool
def test_grammar_arrives_after_the_offline_rules(use_server: Any, folder: Path):
    (folder / "followup.toml").write_text('grammar = "auto"\nignore = ["C003"]\n',
                                          encoding="utf-8")
    client = LspClient("--today", "2026-11-20", cwd=folder)
    try:
        client.initialize(folder)
        letter = folder / "thank-you.md"
        text = ("Dear Nick,\n\nThank you for the warehouse tour. He go to the depot every "
                "day, and I enjoyed hearing about holiday volume planning.\n\n"
                "Best regards,\nJordan\n")
        first = _open(client, letter, text)
        assert "G001" not in _by_code(first["diagnostics"])  # the offline run comes first
        _, second = client.wait_for("textDocument/publishDiagnostics",
                                    lambda p: any(d.get("code") == "G001"
                                                  for d in p["diagnostics"]), timeout=120)
        assert second["version"] == 1
        grammar = _by_code(second["diagnostics"])["G001"]
        line = text.split("\n")[2]
        assert grammar["range"] == {"start": {"line": 2, "character": line.index("go ")},
                                    "end": {"line": 2, "character": line.index("go ") + 2}}
        assert client.close() == 0
    finally:
        client.kill()


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.languagetool
@pytest.mark.slow
def test_no_stray_languagetool_process_after_exit(lt_installation: Any, folder: Path,
                                                    tmp_path_factory: Any,
                                                    monkeypatch: pytest.MonkeyPatch):
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc to see the server's child processes")
    # no persistent server to find: the session starts its own LanguageTool
    monkeypatch.setenv("FOLLOWUP_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("FOLLOWUP_GRAMMAR_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("FOLLOWUP_LANGUAGETOOL_URL", raising=False)
    (folder / "followup.toml").write_text('grammar = "auto"\nignore = ["C003"]\n',
                                          encoding="utf-8")
    client = LspClient("--today", "2026-11-20", cwd=folder)
    try:
        client.initialize(folder)
        letter = folder / "thank-you.md"
        text = ("Dear Nick,\n\nThank you for the warehouse tour. He go to the depot every "
                "day.\n\nBest regards,\nJordan\n")
        _open(client, letter, text)
        client.wait_for("textDocument/publishDiagnostics",
                        lambda p: any(d.get("code") == "G001" for d in p["diagnostics"]),
                        timeout=300)
        started = _children(client.process.pid)
        assert client.close() == 0
        from followup.grammar.server import read_state

        shared = read_state()  # the warm server a lint starts is meant to outlive it
        for pid in started:
            if shared is not None and pid == shared.pid:
                continue
            cmdline = Path(f"/proc/{pid}/cmdline")
            if cmdline.exists() and b"followup.grammar.idle" in cmdline.read_bytes():
                continue  # the warm server's idle timer, which goes with it
            assert not Path(f"/proc/{pid}").exists() or \
                "zombie" in Path(f"/proc/{pid}/status").read_text().lower(), pid
    finally:
        client.kill()
        from followup.grammar.server import stop_persistent

        stop_persistent()
