"""The compiled lexicon trie: the same matches as spaCy's Matcher on every example and
counter-example of every entry, and small enough to build at every start."""

from __future__ import annotations

from typing import Any

from followup import lexicons
from followup.rules.tone import LEXICONS


def _nodes(root: Any) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend(node.edges.values())
        stack.extend(node.joins)
        if node.any is not None:
            stack.append(node.any)
    return len(seen)


def test_trie_matches_spacys_matcher_on_every_example_and_counter_example(
        lexicon_matcher: tuple[Any, Any, Any]) -> None:
    from spacy.util import filter_spans

    nlp, lexicon, matcher = lexicon_matcher
    texts = [text for entry in lexicon.entries.values()
             for text in (*entry.get("examples", ()), *entry.get("counter_examples", ()))]
    assert len(texts) > 150
    for doc in nlp.pipe(texts):
        ours = {(key, s, e) for key, s, e in lexicon.spans(doc, lambda k, s, e: k in matcher)}
        theirs: set[tuple[str, int, int]] = set()
        found = matcher(doc)  # once a letter; the overlaps are resolved per lexicon file
        for name in LEXICONS:
            spans = []
            for match_id, s, e in found:
                key = nlp.vocab.strings[match_id]
                if lexicon.entries[key]["lexicon"] == name:
                    span = doc[s:e]
                    span.label_ = key
                    spans.append(span)
            theirs |= {(span.label_, span.start, span.end) for span in filter_spans(spans)}
        assert {(s, e) for _, s, e in ours} == {(s, e) for _, s, e in theirs}, doc.text


def test_a_choice_of_words_is_one_edge_not_a_copy_of_the_rest_per_word() -> None:
    lexicon = lexicons.compiled_together(LEXICONS)
    tokens = sum(len(alternative) for entry in lexicon.entries.values()
                 for slots in lexicons._entry_slots(entry) for slot in slots
                 for alternative in slot)
    # about one node per token pattern as written (65,000 when every word of a choice had
    # its own copy of the rest of the phrase)
    assert _nodes(lexicon.root) < 2 * tokens, (_nodes(lexicon.root), tokens)
