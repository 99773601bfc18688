"""L001-L003: brief notes; salutation and sign-off never count."""

from __future__ import annotations

from helpers import codes, findings

SENTENCE = "I enjoyed our talk about the conveyor line."


def letter(*paragraphs: str) -> str:
    return "Dear Nick,\n\n" + "\n\n".join(paragraphs) + "\n\nBest regards,\nJordan Lee\n"


def test_three_paragraphs_pass_four_fail(write, lint_cli):
    write("three.txt", letter(SENTENCE, SENTENCE, SENTENCE))
    write("four.txt", letter(SENTENCE, SENTENCE, SENTENCE, "Thank you again."))
    result = lint_cli("three.txt", "four.txt", "--select", "L001", "--format", "json")
    (finding,) = findings(result)
    assert finding["path"] == "four.txt"
    assert (finding["line"], finding["column"]) == (9, 1)
    assert "4 body paragraphs" in finding["message"]


def test_salutation_and_signoff_do_not_count_even_without_blank_lines(write, lint_cli):
    text = "Hi Nick,\n" + "\n".join([SENTENCE] * 3) + "\nThanks again,\nJordan\n"
    write("pasted.txt", text)
    assert codes(lint_cli("pasted.txt", "--select", "L001", "--format", "json")) == []


def test_paragraph_over_three_sentences(write, lint_cli):
    long_one = "Thank you for the tour. The line was quiet. I liked it. I hope to return."
    ok = "Thank you, Mr. Claus, for the tour at 10 a.m. today. I liked the line, e.g. the " \
         "new scanners."
    write("a.txt", letter(long_one, ok))
    result = findings(lint_cli("a.txt", "--select", "L002", "--format", "json"))
    assert len(result) == 1
    assert result[0]["line"] == 3 and "4 sentences" in result[0]["message"]


def test_paragraph_over_sixty_words(write, lint_cli):
    words = " ".join(["packaging"] * 61) + "."
    write("a.txt", letter(words))
    (finding,) = findings(lint_cli("a.txt", "--select", "L002", "--format", "json"))
    assert "61 words" in finding["message"]


def test_total_length(write, lint_cli):
    para = " ".join(["word"] * 50) + "."
    write("a.txt", letter(para, para, para, "One more line here."))
    result = findings(lint_cli("a.txt", "--select", "L003", "--format", "json"))
    assert len(result) == 1 and "154 words" in result[0]["message"]
    write("b.txt", letter(para, para, para))
    assert findings(lint_cli("b.txt", "--select", "L003", "--format", "json")) == []


def test_markdown_list_items_are_not_paragraphs(write, lint_cli):
    write("a.md", letter("Thank you for the tour.\n\n- the scanners\n- the conveyor\n- the team",
                         "I look forward to hearing from you."))
    assert codes(lint_cli("a.md", "--select", "L001", "--format", "json")) == []


def test_list_items_are_no_sentences_of_the_paragraph_they_follow(write, lint_cli):
    """A numbered list of three one-sentence points after a two-sentence opening is one
    paragraph (L001) but not a five-sentence one (L002); the opening is still measured."""
    intro = "Thank you for meeting me on Tuesday. I enjoyed our talk about the scorecard."
    items = "1. I have led two supplier consolidations.\n2. I know the packaging rules.\n" \
            "3. I can start in January."
    write("a.md", letter(intro + "\n\n" + items, "I am very interested in the role."))
    assert codes(lint_cli("a.md", "--select", "L002", "--format", "json")) == []
    write("b.md", letter(intro + " I liked the line. I hope to return.\n\n" + items))
    (finding,) = findings(lint_cli("b.md", "--select", "L002", "--format", "json"))
    assert "4 sentences" in finding["message"]
