"""`followup lint` through Click's runner: formats, exit status, selection, config, errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from followup import __version__
from followup.cli import main

from helpers import GOOD_LETTER, RECORD, REPO, codes, findings

BAD_LETTER = "Dear Nick,\n\nThanks for the chat :) about [Company].\n\nBest,\nJordan\n"


def test_version_and_help():
    runner = CliRunner()
    assert __version__ in runner.invoke(main, ["--version"]).output
    for command in ([], ["lint"], ["rules"], ["draft"], ["templates"], ["languagetool"]):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0, (command, result.output)
        assert "Usage:" in result.output


def test_clean_letter_exits_0(write, lint_cli):
    write("interview.yaml", RECORD)
    write("thank-you.txt", GOOD_LETTER)
    result = lint_cli("thank-you.txt", "--select", "L,T002,C004")
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.stdout


def test_findings_exit_1_with_text_report(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    result = lint_cli("bad.txt", "--select", "T002,C004")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("bad.txt:3:21: T002 emoticon emoticon ':)'; say it in words in a "
                        "professional note")
    assert lines[1] == "   3 | Thanks for the chat :) about [Company]."
    assert lines[2] == "       " + " " * 20 + "^^"
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_json_report_fields(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    result = lint_cli("bad.txt", "--select", "T002,C004", "--format", "json")
    data = json.loads(result.stdout)
    applications = data["summary"].pop("applications")
    assert data["summary"] == {"files": 1, "findings": 2, "error": 2, "warning": 0, "info": 0}
    assert applications == [{"record": None, "company": None, "position": None, "letters": 1,
                             "errors": 2, "warnings": 0, "infos": 0}]
    first = data["findings"][0]
    assert set(first) == {"path", "line", "column", "end_line", "end_column", "code", "name",
                          "severity", "message", "suggestions", "safe_suggestions"}
    assert first["suggestions"] == first["safe_suggestions"] == [""]  # removal, safe
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == \
        (3, 21, 3, 23)
    assert [f["code"] for f in data["findings"]] == ["T002", "C004"]


def test_fail_on_levels(write, lint_cli):
    write("long.txt", "Dear Nick,\n\n" + "\n\n".join(["Thank you."] * 5) + "\n\nBest,\nJo\n")
    assert lint_cli("long.txt", "--select", "L001").exit_code == 1
    assert lint_cli("long.txt", "--select", "L001", "--fail-on", "error").exit_code == 0
    assert lint_cli("long.txt", "--select", "L001", "--fail-on", "never").exit_code == 0


def test_select_and_ignore_by_code_prefix_and_name(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    assert codes(lint_cli("bad.txt", "--select", "emoticon", "--format", "json")) == ["T002"]
    assert codes(lint_cli("bad.txt", "--select", "T002,C004", "--ignore", "placeholder-left",
                          "--format", "json")) == ["T002"]
    found = codes(lint_cli("bad.txt", "--select", "T0", "--select", "C004",
                           "--format", "json"))
    assert {"T002", "C004"} <= set(found)
    assert all(code.startswith("T0") or code == "C004" for code in found)


def test_unknown_rule_is_a_usage_error(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    result = lint_cli("bad.txt", "--select", "Z999")
    assert result.exit_code == 2
    assert "unknown rule 'Z999'" in result.stderr
    assert "Traceback" not in result.output


def test_missing_and_binary_files_do_not_stop_the_others(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    write("photo.md", b"\x89PNG\x00\x00")
    result = lint_cli("missing.txt", "photo.md", "bad.txt", "--select", "T002",
                      "--format", "json")
    assert result.exit_code == 2
    assert codes(result) == ["T002"]
    assert "missing.txt: no such file or folder" in result.stderr
    assert "photo.md: binary file, not a letter" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2


def test_bad_record_is_one_line_with_file_and_line(write, lint_cli):
    write("interview.yaml", "company: Acme\nposition: Manager\ninterview_date: soon\n"
          "interviewers: [{name: Nick}]\n")
    write("letter.txt", BAD_LETTER)
    result = lint_cli("letter.txt", "--select", "T002", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "followup: error: interview.yaml:3:17: interview_date: 'soon' is not a valid date "
        "(use YYYY-MM-DD or an ISO date and time)")
    assert codes(result) == ["T002"]  # the letter is still checked


def test_folder_recursion_skips_readme_hidden_and_other_files(write, lint_cli):
    write("apps/acme/a.txt", BAD_LETTER)
    write("apps/acme/b.md", BAD_LETTER)
    write("apps/acme/c.eml", "From: a@b.example\nTo: n@acme.example\n\n" + BAD_LETTER)
    write("apps/README.md", BAD_LETTER)
    write("apps/.hidden/d.txt", BAD_LETTER)
    write("apps/notes.docx", "not a letter")
    result = lint_cli("apps", "--select", "T002", "--format", "json")
    assert sorted({f["path"] for f in findings(result)}) == [
        "apps/acme/a.txt", "apps/acme/b.md", "apps/acme/c.eml"]


def test_stdin(write, lint_cli):
    result = lint_cli("-", "--select", "T002", "--format", "json", input=BAD_LETTER)
    assert [(f["path"], f["line"], f["column"]) for f in findings(result)] == [("-", 3, 21)]
    result = lint_cli("-", "--stdin-filename", "note.md", "--select", "T002",
                      "--format", "json", input=BAD_LETTER)
    assert findings(result)[0]["path"] == "note.md"


def test_inline_suppression_in_markdown_and_text(write, lint_cli):
    write("a.md", "Dear Nick,\n\n<!-- followup: ignore T002 -->\nThanks :) about [Company].\n")
    write("b.txt", "Dear Nick,\n\n# followup: ignore emoticon\nThanks :) about [Company].\n")
    result = lint_cli("a.md", "b.txt", "--select", "T002,C004", "--format", "json")
    assert codes(result) == ["C004", "C004"]


def test_config_in_pyproject_and_followup_toml(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    write("pyproject.toml", '[tool.followup]\nignore = ["C004"]\n\n'
          '[tool.followup.severity]\nT002 = "info"\n')
    result = lint_cli("bad.txt", "--select", "T002,C004", "--format", "json")
    assert [(f["code"], f["severity"]) for f in findings(result)] == [("T002", "info")]
    assert result.exit_code == 0  # info is below the default fail-on level
    write("followup.toml", 'fail_on = "info"\n')
    result = lint_cli("bad.txt", "--select", "T002", "--format", "json")
    assert result.exit_code == 1  # followup.toml wins over pyproject.toml in the same folder


def test_per_rule_options(write, lint_cli):
    write("long.txt", "Dear Nick,\n\n" + "\n\n".join(["Thank you."] * 4) + "\n\nBest,\nJo\n")
    assert codes(lint_cli("long.txt", "--select", "L001", "--format", "json")) == ["L001"]
    write("followup.toml", "[rules.too-many-paragraphs]\nmax_paragraphs = 4\n")
    assert codes(lint_cli("long.txt", "--select", "L001", "--format", "json")) == []


def test_bad_config_is_a_clear_error(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    write("followup.toml", "[rules.L001]\nmax_paragraphz = 4\n")
    result = lint_cli("bad.txt")
    assert result.exit_code == 2
    assert "unknown option 'max_paragraphz'" in result.stderr
    write("followup.toml", "selct = ['T']\n")
    result = lint_cli("bad.txt")
    assert "followup.toml:1: selct: unknown setting; did you mean 'select'?" in result.stderr
    write("followup.toml", "select = [\n")
    assert "invalid TOML" in lint_cli("bad.txt").stderr


def test_github_format_is_automatic_under_actions(write, lint_cli, monkeypatch):
    write("bad.txt", BAD_LETTER)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = lint_cli("bad.txt", "--select", "T002")
    assert result.stdout.splitlines() == [
        "::error file=bad.txt,line=3,col=21,endLine=3,endColumn=23,title=T002 emoticon::"
        "emoticon ':)'; say it in words in a professional note"]


def test_sarif_report(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    result = lint_cli("bad.txt", "--select", "T002", "--format", "sarif")
    log = json.loads(result.stdout)
    import jsonschema

    schema = json.loads((REPO / "tests" / "report" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert {"L001", "L002", "L003", "T002", "C004"} <= {r["id"] for r in rules}
    assert all(r["shortDescription"]["text"] and r["defaultConfiguration"]["level"]
               for r in rules)
    (res,) = run["results"]
    assert res["ruleId"] == "T002" and rules[res["ruleIndex"]]["id"] == "T002"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 21, "endLine": 3, "endColumn": 23}
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.txt"
    assert run["columnKind"] == "unicodeCodePoints"


def test_output_file(write, lint_cli, tmp_path):
    write("bad.txt", BAD_LETTER)
    result = lint_cli("bad.txt", "--select", "T002", "--format", "json", "-o", "report.json")
    assert result.stdout == ""
    assert json.loads((tmp_path / "report.json").read_text())["findings"][0]["code"] == "T002"


def test_rules_list_and_explain():
    runner = CliRunner()
    listing = runner.invoke(main, ["rules"]).output
    for code in ("L001", "L002", "L003", "T002", "C004"):
        assert code in listing
    explained = runner.invoke(main, ["rules", "emoticon"]).output
    assert "T002 emoticon (error)" in explained and "Bad:" in explained and "Good:" in explained
    result = runner.invoke(main, ["rules", "X123"])
    assert result.exit_code == 2 and "unknown rule" in result.stderr


def test_every_rule_documents_itself():
    from followup.rules.registry import all_rules

    seen = set()
    for rule in all_rules():
        assert rule.code not in seen
        seen.add(rule.code)
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.summary and rule.explanation and rule.bad and rule.good, rule.code


def test_no_paths_is_a_usage_error(lint_cli):
    result = lint_cli()
    assert result.exit_code == 2 and "no letters given" in result.stderr


def test_same_file_named_twice_is_checked_once(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    result = lint_cli("bad.txt", ".", "./bad.txt", "--select", "T002", "--format", "json")
    assert codes(result) == ["T002"]


def test_fifo_is_skipped_in_folders_and_an_error_when_named(write, lint_cli, tmp_path):
    import os

    write("apps/bad.txt", BAD_LETTER)
    os.mkfifo(tmp_path / "apps" / "pipe.md")
    result = lint_cli("apps", "--select", "T002", "--format", "json")
    assert result.exit_code == 1 and codes(result) == ["T002"]
    result = lint_cli("apps/pipe.md", "--select", "T002")
    assert result.exit_code == 2 and "apps/pipe.md: not a regular file" in result.stderr


def test_missing_thank_you_only_in_folder_runs(lint_cli):
    from helpers import REPO

    app = REPO / "examples" / "applications" / "acme-packaging-manager"
    alone = lint_cli(str(app / "thank-you-nick-claus.md"), "--select", "C005", "--format",
                     "json", "--no-context")
    assert codes(alone) == []  # the letter alone cannot tell who else got a note
    # named, the letter is checked with the rest of its application (as pre-commit does)
    one = lint_cli(str(app / "thank-you-nick-claus.md"), "--select", "C005", "--format", "json")
    assert codes(one) == ["C005"]
    folder = lint_cli(str(app), "--select", "C005", "--format", "json")
    assert codes(folder) == ["C005"]


def test_negative_option_and_unknown_rule_in_config_name_the_file(write, lint_cli):
    write("bad.txt", BAD_LETTER)
    write("followup.toml", "[rules.L003]\nmax_words = -5\n")
    result = lint_cli("bad.txt")
    assert result.exit_code == 2 and "must not be negative" in result.stderr
    write("followup.toml", "ignore = ['Q123']\n")
    result = lint_cli("bad.txt")
    assert "followup.toml: ignore: unknown rule 'Q123'" in result.stderr
