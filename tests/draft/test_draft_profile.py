"""The candidate profile: profile.yaml found upward or [tool.followup.profile]."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.config import load_config
from followup.errors import ConfigError, UserError
from followup.profile import ProfileError, load_profile, load_profile_file, parse_profile


def test_full_profile_parses() -> None:
    text = (Path(__file__).parent / "fixtures" / "profile.yaml").read_text("utf-8")
    profile = parse_profile(text, Path("profile.yaml"))
    assert profile.name == "Jordan Lee"
    assert profile.email == "jordan.lee@example.org"
    assert profile.address == ("12 Harbour Street", "Springfield, IL 62704")
    assert len(profile.strengths) == 3
    assert profile.signature_lines == ("+1 555 0100", "jordan.lee@example.org")


@pytest.mark.parametrize(("text", "line", "words"), [
    ("name: A\nemial: a@b.c\n", 2, "did you mean 'email'?"),
    ("name: A\nphone: [1, 2]\n", 2, "phone: expected text"),
    ("name: A\nemail: not-an-address\n", 2, "not an email address"),
    ("email: a@b.c\n", 1, "'name' is missing"),
    ("name: A\nstrengths:\n  - ok\n  - {x: 1}\n", 4, "strengths[1]: expected text"),
    ("name: [unclosed\n", 2, "invalid YAML"),
    ("", 1, "empty"),
    ("name: A\nname: B\n", 2, "given twice"),
    ("name: A\nstrengths: [I am great.]\n", 2, "without a final full stop"),
])
def test_profile_errors_name_file_and_line(tmp_path: Path, text: str, line: int, words: str):
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile_file(path)
    assert isinstance(caught.value, UserError)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}")
    assert words in str(caught.value)


def test_profile_is_found_upward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "profile.yaml").write_text("name: Up There\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    profile = load_profile(load_config(discover=False))
    assert profile is not None and profile.name == "Up There"


def test_nearer_config_profile_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "profile.yaml").write_text("name: Far Away\n", encoding="utf-8")
    near = tmp_path / "near"
    near.mkdir()
    (near / "followup.toml").write_text('[profile]\nname = "Close By"\n', encoding="utf-8")
    monkeypatch.chdir(near)
    profile = load_profile(load_config())
    assert profile is not None and profile.name == "Close By"


def test_config_profile_errors_point_into_the_config(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.followup.profile]\nname = "A"\nstrengths = "x"\nphone = ["1"]\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_profile(load_config())
    assert caught.value.line == 4
    assert "profile.phone" in str(caught.value)


def test_no_profile_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_profile(load_config(discover=False)) is None


def test_explicit_signature_and_extra() -> None:
    profile = parse_profile("name: A B\nsignature: [A B, linkedin.com/in/ab]\n"
                            "extra:\n  pronouns: they/them\n", Path("p.yaml"))
    assert profile.signature_lines == ("A B", "linkedin.com/in/ab")
    assert profile.extra == {"pronouns": "they/them"}
