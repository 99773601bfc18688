"""spaCy is imported without its command line, and its command line still works after."""

import subprocess
import sys

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
