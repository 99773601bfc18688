"""spaCy is imported without its command line, and its command line still works after."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from followup.nlp import spacy_in_tested_range

CODE = """
import sys
from followup.nlp import import_spacy
spacy = import_spacy()
assert "spacy.cli" not in sys.modules and "spacy.cli.info" not in sys.modules
assert callable(spacy.info) and spacy.blank("en")("Hi there.")[0].text == "Hi"
import spacy.cli
assert spacy.cli.__file__ and hasattr(spacy.cli, "download")
print("ok")
"""


def test_spacy_without_its_command_line() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


ATTRIBUTE = """
import sys
from followup.nlp import import_spacy
import_spacy()
import spacy
assert "spacy.cli" not in sys.modules
assert callable(spacy.cli.download) and spacy.cli is sys.modules["spacy.cli"]
from spacy import cli
assert cli is spacy.cli and spacy.cli.__file__
try:
    spacy.no_such_name
except AttributeError as exc:
    assert "no_such_name" in str(exc)
else:
    raise AssertionError("an unknown name must still raise AttributeError")
print("ok")
"""


def test_spacy_cli_as_an_attribute_imports_the_real_one() -> None:
    """`import spacy; spacy.cli.download` works as with the stock import: the attribute
    loads the real command line on first use, not a stand-in."""
    done = subprocess.run([sys.executable, "-c", ATTRIBUTE], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


# A stand-in spaCy package: its `__init__` imports `.cli` for `info` only, as 3.7-3.8 do;
# its command line says when it was imported.
FAKE_INIT = 'from .about import __version__\nfrom .cli.info import info\n'
FAKE_CLI = ('import sys\nsys.modules["__main__"].CLI_IMPORTED = True\n'
            'from .info import info\n\ndef download():\n    return "real"\n')
FAKE_INFO = 'def info():\n    return "real info"\n'
FAKE_RUN = """
import sys
import __main__
__main__.CLI_IMPORTED = False
from followup.nlp import import_spacy
spacy = import_spacy()
print(__main__.CLI_IMPORTED, spacy.info(), spacy.cli.download())
"""


def _fake_spacy(root: Path, version: str) -> None:
    package = root / "spacy"
    (package / "cli").mkdir(parents=True)
    (package / "__init__.py").write_text(FAKE_INIT, encoding="utf-8")
    (package / "about.py").write_text(f'__version__ = "{version}"\n', encoding="utf-8")
    (package / "cli" / "__init__.py").write_text(FAKE_CLI, encoding="utf-8")
    (package / "cli" / "info.py").write_text(FAKE_INFO, encoding="utf-8")


@pytest.mark.parametrize(("version", "stood_in"), [
    ("3.7.5", True), ("3.8.18", True), ("3.6.1", False), ("3.9.0", False),
    ("4.0.0.dev1", False)])
def test_only_a_tested_spacy_gets_the_stand_ins(tmp_path: Path, version: str,
                                                stood_in: bool) -> None:
    """A spaCy outside the tested range is imported plainly (its command line with it),
    even when its `__init__` looks like the tested ones."""
    _fake_spacy(tmp_path, version)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(tmp_path), *os.environ.get("PYTHONPATH", "").split(os.pathsep)])}
    done = subprocess.run([sys.executable, "-c", FAKE_RUN], capture_output=True,
                          text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(not stood_in), "real", "info", "real"]


def test_tested_spacy_reads_about_py(tmp_path: Path) -> None:
    origin = tmp_path / "__init__.py"
    assert not spacy_in_tested_range(str(origin))  # no about.py: not a spaCy we know
    (tmp_path / "about.py").write_text("__title__ = 'spacy'\n__version__ = '3.8.2'\n")
    assert spacy_in_tested_range(str(origin))
    (tmp_path / "about.py").write_text("__version__ = 'unknown'\n")
    assert not spacy_in_tested_range(str(origin))
