"""G001/S001 against a real LanguageTool server (see conftest.py), and its faults."""

from __future__ import annotations

import http.server
import ipaddress
import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from followup.config import Config
from followup.grammar import GrammarUnavailable, grammar_status_messages, raise_if_required
from followup.grammar.cache import ResultCache, cache_key
from followup.grammar.client import LanguageToolClient, parse_matches
from followup.grammar.session import GrammarSession, GrammarSettings
from followup.records import Contact, Record
from followup.rules import grammar as grammar_rule

pytestmark = pytest.mark.languagetool

BAD = ("Dear Ms. Carter,\n\n"
       "Thank you for teh interview yesterday. He go to the office every day, "
       "and I enjoyed our talk.\n\n"
       "Best regards,\nJordan Lee")
CLEAN = ("Dear Ms. Carter,\n\n"
         "Thank you for meeting with me yesterday to discuss the analyst role. I enjoyed "
         "learning about your team's plans for the coming year, and I am excited about the "
         "chance to contribute.\n\n"
         "Best regards,\nJordan Lee")
NAMES = ("Dear Dr. Zorbakowitz,\n\n"
         "Thank you for the interview at Qwyzzle yesterday. I enjoyed hearing how "
         "Zorbakowitz and Threlkeldson use Flurbix for the Plorvenator work. Qwyzzle "
         "has a clear plan.\n\n"
         "Best regards,\nJordan Lee")


def _record(tmp_path: Path) -> Record:
    return Record(
        path=tmp_path / "interview.yaml", company="Qwyzzle", position="Plorvenator Analyst",
        interview_date=date(2026, 11, 20),
        interviewers=(Contact("Mirela Zorbakowitz", "interviewer",
                              email="mirela@qwyzzle.example", topics=("Flurbix",)),),
        contacts=(Contact("Anders Threlkeldson", "contact"),))


def _problems(document: Any, context: Any) -> list[Any]:
    grammar_rule.prepare([document], [context], {"timeout": 60.0})
    return list(grammar_rule.check(document, context, {"timeout": 60.0}))


def test_known_errors_are_found_at_the_right_offsets(use_server: Any, make_context: Any,
                                                       make_document: Any) -> None:
    document = make_document(BAD)
    context = make_context()
    problems = _problems(document, context)
    by_code = {(p.code, BAD[p.start:p.end]): p for p in problems}
    assert ("S001", "teh") in by_code, problems
    teh = by_code[("S001", "teh")]
    assert teh.start == BAD.index("teh") and teh.end == teh.start + 3
    assert "[LT: MORFOLOGIK_RULE_EN_US]" in teh.message
    assert "the" in teh.suggestions
    grammar = [p for p in problems if p.code == "G001"]
    assert grammar, problems
    go = grammar[0]
    assert BAD[go.start:go.end] == "go" and go.start == BAD.index("He go") + 3
    assert "[LT: HE_VERB_AGR]" in go.message
    assert all("[LT: " in p.message for p in problems)
    assert grammar_status_messages(context.resources) == []


def test_clean_letter_gets_nothing(use_server: Any, make_context: Any,
                                   make_document: Any) -> None:
    assert _problems(make_document(CLEAN), make_context()) == []


def test_record_names_company_topics_are_never_misspellings(use_server: Any, tmp_path: Path,
                                                            make_context: Any,
                                                            make_document: Any) -> None:
    # without the record LanguageTool does flag them where a capital says nothing (at the
    # start of a sentence; capitalised words mid-sentence are left to the N rules) ...
    flagged = {NAMES[p.start:p.end] for p in _problems(make_document(NAMES), make_context())
               if p.code == "S001"}
    assert {"Zorbakowitz", "Qwyzzle"} <= flagged
    # ... with it, none of them
    problems = _problems(make_document(NAMES), make_context(record=_record(tmp_path)))
    assert [NAMES[p.start:p.end] for p in problems if p.code == "S001"] == []


def test_vocabulary_words_are_never_misspellings(use_server: Any, tmp_path: Path,
                                                 make_context: Any, make_document: Any) -> None:
    words = tmp_path / "words.txt"
    words.write_text("Zorbakowitz\nQwyzzle\nThrelkeldson\nFlurbix\nPlorvenator\n")
    config = Config(vocabulary=(words,))
    problems = _problems(make_document(NAMES), make_context(config))
    assert [p for p in problems if p.code == "S001"] == []


def test_disabled_rule_and_picky_are_honoured(use_server: Any, make_context: Any,
                                              make_document: Any) -> None:
    config = Config(languagetool_disable=("HE_VERB_AGR",))
    problems = _problems(make_document(BAD), make_context(config))
    assert not any("HE_VERB_AGR" in p.message for p in problems)
    assert any(p.code == "S001" for p in problems)


def test_results_are_cached(use_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            make_document: Any) -> None:
    settings = GrammarSettings()
    first = GrammarSession(settings)
    first_result = first.check_texts([BAD])[0]
    assert first_result and first.sent == 1
    first.close()

    # a second run needs no server at all
    from followup.grammar import server as server_module

    def no_server(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(server_module, "launch", no_server)
    monkeypatch.setattr(server_module, "running_server", lambda check=True: None)
    second = GrammarSession(settings)
    assert second.check_texts([BAD])[0] == first_result
    assert second.sent == 0 and second.cache.hits == 1 and not second.errors


def test_corrupt_cache_entry_is_ignored(use_server: Any, make_document: Any) -> None:
    settings = GrammarSettings()
    session = GrammarSession(settings)
    expected = session.check_texts([BAD])[0]
    key = cache_key(BAD, use_server.version, settings.language, session._client_settings)
    path = ResultCache().path_for(key)
    assert path.is_file()
    for garbage in ("{not json", json.dumps({"key": key, "matches": [{"offset": "x"}]}),
                    json.dumps([1, 2, 3])):
        path.write_text(garbage)
        again = GrammarSession(settings)
        assert again.check_texts([BAD])[0] == expected
        assert again.sent == 1 and not again.errors
        assert json.loads(path.read_text())["key"] == key  # rewritten whole


def test_many_letters_are_checked_concurrently(use_server: Any) -> None:
    texts = [f"Thank you for teh interview on day {i}. He go to work." for i in range(40)]
    client = LanguageToolClient(use_server.url, workers=8)
    try:
        results = client.check_many(texts)
    finally:
        client.close()
    assert all(isinstance(r, list) and any(m.rule_id == "HE_VERB_AGR" for m in r)
               for r in results)


def test_server_killed_mid_run_degrades(lt_installation: Any, monkeypatch: pytest.MonkeyPatch,
                                        make_context: Any, make_document: Any) -> None:
    from followup.grammar.server import launch

    server = launch(lt_installation, timeout=300)
    try:
        monkeypatch.setenv("FOLLOWUP_LANGUAGETOOL_URL", server.url)
        context = make_context()
        before = make_document(BAD)
        assert _problems(before, context)
        server.process.kill()
        server.process.wait(30)
        documents = [make_document(CLEAN + f" {i}") for i in range(5)]
        grammar_rule.prepare(documents, [context] * 5, {"timeout": 60.0})
        assert all(list(grammar_rule.check(d, context, {})) == [] for d in documents)
        messages = grammar_status_messages(context.resources)
        assert len(messages) == 1 and "LanguageTool" in messages[0], messages
        assert "stopped answering" in messages[0]
        raise_if_required(context.resources)  # auto mode: only a notice
        context.config.grammar = "require"
        with pytest.raises(GrammarUnavailable):
            raise_if_required(context.resources)
    finally:
        server.stop()


def test_not_installed_is_one_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            make_context: Any, make_document: Any) -> None:
    monkeypatch.setenv("FOLLOWUP_LANGUAGETOOL_HOME", str(tmp_path / "nothing-here"))
    context = make_context()
    document = make_document(BAD)
    assert _problems(document, context) == []
    assert grammar_status_messages(context.resources) == [
        "LanguageTool is not installed; run `followup languagetool install` "
        f"(it goes to {tmp_path / 'nothing-here'})"]


def test_grammar_off_never_starts_languagetool(monkeypatch: pytest.MonkeyPatch,
                                               make_context: Any, make_document: Any) -> None:
    from followup.grammar import server as server_module

    monkeypatch.setattr(server_module, "launch", lambda *a, **k: pytest.fail("started"))
    context = make_context(Config(grammar="off"))
    assert _problems(make_document(BAD), context) == []
    assert grammar_status_messages(context.resources) == []


# --- garbage and timeouts from a fake HTTP server ----------------------------------------

@pytest.fixture
def fake_server() -> Iterator[Any]:
    behaviour: dict[str, Any] = {"body": b"<html>hello</html>", "delay": 0.0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            time.sleep(behaviour["delay"])
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(behaviour["body"])

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    behaviour["url"] = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield behaviour
    httpd.shutdown()
    httpd.server_close()


OUT_OF_RANGE = b'{"matches": [{"offset": 999, "length": 4, "rule": {"id": "X"}}]}'


@pytest.mark.parametrize("body", [b"<html>hello</html>", b'{"matches": 3}', OUT_OF_RANGE])
def test_garbage_answer_is_one_clear_message(fake_server: Any, body: bytes,
                                             monkeypatch: pytest.MonkeyPatch,
                                             make_context: Any, make_document: Any) -> None:
    fake_server["body"] = body
    client = LanguageToolClient(fake_server["url"])
    results = client.check_many(["Thank you for the interview.", "Another letter here."])
    assert all("not a LanguageTool check result" in str(r) for r in results)
    client.close()


def test_timeout_is_one_clear_message(fake_server: Any) -> None:
    fake_server["delay"] = 3.0
    client = LanguageToolClient(fake_server["url"], timeout=0.5)
    results = client.check_many(["Thank you.", "Thanks again.", "Best wishes."])
    assert all("did not answer within" in str(r) for r in results)
    client.close()


def test_utf16_offsets_become_python_indices() -> None:
    text = "Hi 😀😀 teh end"
    # LanguageTool counts UTF-16 units: each emoji is two
    answer = {"matches": [{"offset": 8, "length": 3, "message": "typo",
                           "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling",
                                    "category": {"id": "TYPOS"}},
                           "replacements": [{"value": "the"}]}]}
    (match,) = parse_matches(text, answer)
    assert text[match.offset:match.end] == "teh" and match.is_spelling


# --- no letter leaves the machine by default ---------------------------------------------

def test_default_run_connects_only_to_loopback(use_server: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.linter import LintRequest, lint

    seen: list[Any] = []
    real_connect = socket.socket.connect
    real_create = socket.create_connection

    def connect(self: socket.socket, address: Any) -> Any:
        seen.append(address)
        return real_connect(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(address)
        return real_create(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    letter = tmp_path / "letter.md"
    letter.write_text("---\nkind: thank-you\n---\n" + BAD.replace("teh", "the") + "\n")
    result = lint(LintRequest(paths=[str(letter)], config=Config(), today=date(2026, 11, 23)))
    assert any(f.code == "G001" for f in result.findings), result.findings
    assert seen, "LanguageTool should have been asked"
    for address in seen:
        host = address[0] if isinstance(address, tuple) else address
        if host == "localhost":
            continue
        assert ipaddress.ip_address(host).is_loopback, address


def test_markdown_findings_point_at_the_file(use_server: Any, tmp_path: Path) -> None:
    from followup.linter import LintRequest, lint

    letter = tmp_path / "letter.md"
    letter.write_text(
        "---\nkind: thank-you\n---\n"
        "Dear Ms. Carter,\n\n"
        "Thank you for the [interview](https://example.com/x) on *Monday*. "
        "**He go** to the office every day.\n\n"
        "- I liked the team\n- I liked the product\n\n"
        "Best regards,\nJordan Lee\n")
    result = lint(LintRequest(paths=[str(letter)], config=Config(), today=date(2026, 11, 23)))
    grammar = [f for f in result.findings if f.code == "G001"]
    assert grammar, result.findings
    line = letter.read_text().splitlines()[grammar[0].line - 1]
    assert line[grammar[0].column - 1:grammar[0].end_column - 1] == "go"
    assert "HE_VERB_AGR" in grammar[0].message


def test_quoted_printable_email_findings_point_at_the_file(use_server: Any,
                                                          tmp_path: Path) -> None:
    """Findings in a quoted-printable e-mail point at the encoded characters on disk, and
    the headers, the quoted reply and the signature produce none."""
    from email.message import EmailMessage

    from followup.linter import LintRequest, lint

    message = EmailMessage()
    message["From"] = "Jordan Lee <jordan@example.org>"
    message["To"] = "Ms. Carter <carter@example.com>"
    message["Subject"] = "Thank you — teh interview"
    message["Date"] = "Mon, 23 Nov 2026 09:00:00 +0000"
    message.set_content(
        "Dear Ms. Carter,\n\nThank you for the café visit and the long, careful conversation "
        "about the forecasting work on Monday. He go to the office every day.\n\n"
        "Best regards,\nJordan Lee\n\n-- \nJordan Lee | teh signature\n\n"
        "On Fri, Nov 20, 2026 at 10:00 AM Ms. Carter <carter@example.com> wrote:\n"
        "> He go there too.\n", cte="quoted-printable")
    letter = tmp_path / "note.eml"
    letter.write_bytes(bytes(message))
    result = lint(LintRequest(paths=[str(letter)], config=Config(), today=date(2026, 11, 23),
                              select=["G001", "S001"]))
    lines = letter.read_text().splitlines()
    spans = [(f.code, lines[f.line - 1][f.column - 1:f.end_column - 1] if f.line == f.end_line
              else None) for f in result.findings]
    assert ("G001", "go") in spans, (spans, result.findings)
    assert all(f.line > 8 for f in result.findings)  # nothing from the headers
    text_lines = {f.line for f in result.findings}
    quoted = next(i for i, line in enumerate(lines, start=1) if line.startswith("> "))
    signature = next(i for i, line in enumerate(lines, start=1) if line in ("-- ", "--=20"))
    assert all(line < signature for line in text_lines) and quoted not in text_lines


def test_markdown_list_items_continue_their_lead_in(use_server: Any, tmp_path: Path) -> None:
    from followup.linter import LintRequest, lint

    letter = tmp_path / "letter.md"
    letter.write_text(
        "Dear Ms. Carter,\n\nThank you for the tour today. In my current role I:\n\n"
        "- rebuilt the shift planner\n- trained twelve seasonal staff\n\n"
        "I look forward to hearing from you.\n\nBest regards,\nJordan Lee\n")
    result = lint(LintRequest(paths=[str(letter)], config=Config(), today=date(2026, 11, 23),
                              select=["G001", "L001"]))
    assert result.findings == [], result.findings


def test_a_word_both_spellers_flag_is_one_finding(use_server: Any, tmp_path: Path) -> None:
    from followup.linter import LintRequest, lint

    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Ms. Carter,\n\nI recieve good reviews from every manager.\n\n"
                      "Best regards,\nJordan Lee\n")
    result = lint(LintRequest(paths=[str(letter)], config=Config(), today=date(2026, 11, 23),
                              select=["S001"]))
    (finding,) = result.findings
    assert (finding.line, finding.column, finding.end_column) == (3, 3, 10)
    assert finding.message == "'recieve' is misspelled; did you mean 'receive'?"
    assert finding.suggestions[0] == "receive"


def test_lint_with_dead_server_still_reports_other_rules(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.linter import LintRequest, lint

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("FOLLOWUP_LANGUAGETOOL_URL", f"http://127.0.0.1:{port}")
    letter = tmp_path / "letter.txt"
    letter.write_text("Hi,\n\nThanks.\n")
    result = lint(LintRequest(paths=[str(letter)], config=Config(), today=date(2026, 11, 23)))
    assert len(result.notices) == 1 and "LanguageTool" in result.notices[0]
    assert not any(f.code == "G001" for f in result.findings)


# --- precision: the writer's own name, British and accented spellings, style nags ---------

SIGNED = ("Dear Ms. Carter,\n\n"
          "Thank you for teh interview yesterday. I valued your candour about the team's "
          "plans, and I have attached my resumé and the décor brief.\n\n"
          "Best regards,\nAoife Ní Bhriain\nProgramme Coördinator")


def test_signoff_names_british_and_accented_words_are_not_misspellings(
        use_server: Any, make_context: Any) -> None:
    from followup.source import read_plain

    # LanguageTool's en-US speller flags them all ...
    client = LanguageToolClient(use_server.url)
    try:
        raw = {SIGNED[m.offset:m.end] for m in client.check(SIGNED) if m.is_spelling}
    finally:
        client.close()
    assert {"teh", "candour", "resumé", "décor", "Aoife", "Programme"} <= raw, raw
    # ... the letter: the sign-off is the writer's, the rest the offline speller accepts
    problems = _problems(read_plain("letter.txt", SIGNED), make_context())
    spelling = [p for p in problems if p.code == "S001"]
    assert [SIGNED[p.start:p.end] for p in spelling] == ["teh"], spelling
    assert spelling[0].message == "'teh' may be misspelled (LanguageTool) " \
        "[LT: MORFOLOGIK_RULE_EN_US]"
    assert "the" in spelling[0].suggestions


def test_email_sender_name_is_not_a_misspelling(use_server: Any, make_context: Any) -> None:
    from followup.source import read_email

    letter = ("Dear Ms. Carter,\n\nAoife here, writing to thank you for the interview "
              "yesterday. Teh team was kind.\n\nBest regards,\nAoife\n")
    raw = ("From: Aoife Kelly <aoife@example.org>\nTo: carter@example.com\n"
           "Subject: Thank you\n\n" + letter).encode()
    document = read_email("letter.eml", raw)
    spelling = [document.text[p.start:p.end] for p in _problems(document, make_context())
                if p.code == "S001"]
    assert spelling == ["Teh"], spelling
    without_from = read_email("letter.eml", raw.replace(b"From: Aoife Kelly <aoife@example.org>\n",
                                                        b"From: someone@example.org\n"))
    assert "Aoife" in [without_from.text[p.start:p.end]
                       for p in _problems(without_from, make_context()) if p.code == "S001"]


REPEATS = ("Dear Ms. Carter,\n\n"
           "I enjoyed our talk yesterday. I learned a lot about the team. I am excited about "
           "the role.\n\nI hope to hear from you soon.\n\nBest regards,\nJordan Lee")


def test_sentences_starting_with_i_are_not_a_grammar_finding(use_server: Any,
                                                             make_context: Any,
                                                             make_document: Any) -> None:
    def rules(config: Config) -> set[str]:
        return {p.message.rsplit("[LT: ", 1)[1].rstrip("]")
                for p in _problems(make_document(REPEATS), make_context(config))}

    assert "ENGLISH_WORD_REPEAT_BEGINNING_RULE" not in rules(Config())
    assert "ENGLISH_WORD_REPEAT_BEGINNING_RULE" in rules(
        Config(languagetool_enable=("ENGLISH_WORD_REPEAT_BEGINNING_RULE",)))
    assert "ENGLISH_WORD_REPEAT_BEGINNING_RULE" in rules(Config(picky=True))


def test_style_nags_are_disabled_by_default_in_the_settings() -> None:
    rule = "ENGLISH_WORD_REPEAT_BEGINNING_RULE"
    assert rule in GrammarSettings.from_config(Config()).disable
    both = GrammarSettings.from_config(Config(languagetool_disable=("HE_VERB_AGR",)))
    assert set(both.disable) == {"HE_VERB_AGR", rule}
    assert rule not in GrammarSettings.from_config(Config(picky=True)).disable
    enabled = GrammarSettings.from_config(Config(languagetool_enable=(rule,)))
    assert rule not in enabled.disable and rule in enabled.enable
