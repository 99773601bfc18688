"""People and companies against the interview record (N001-N006).

The costliest mistakes in a follow-up note are factual: the interviewer's name misspelled,
the wrong person greeted, the company misspelled, or a leftover from another application.
Every check here compares the letter with the linked record (`interview.yaml`) and says
exactly what the record holds.

Where a name can be: the salutation ("Dear Ms. Okonkwo-Reyes,"), after a title anywhere
("Dr. Núñez"), next to a recorded first name or surname ("Catherine Smith"), a full name
close to a recorded one ("Katherine Smyth"), and the display name of the `To:` header or
front matter. A capitalised word elsewhere is a name only when it is not an ordinary word
and is one edit away from a long recorded name, or differs from it only in accents or case
("Okonkow", "Jose", "Mcdonald"): "Grant", "Will" and "Hope" in a sentence are verbs.

Matching is fuzzy (rapidfuzz: optimal string alignment distance and Jaro-Winkler
similarity) and phonetic (jellyfish: Metaphone and NYSIIS), on names folded for accents;
accents and case are then compared separately so that "Jose" for "José" and "Mcdonald"
for "McDonald" are reported as such. A name spelled exactly as recorded (any part of it,
a recorded nickname, an initial) is never reported.
"""

from .checks import RULES
from .matching import compare, fold, name_data, name_parts
from .mentions import Analysis, analyse

__all__ = ["RULES", "Analysis", "analyse", "compare", "fold", "name_data", "name_parts"]
