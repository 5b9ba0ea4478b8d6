"""Excerpts end after a whole sentence, or at a whole word with an ellipsis."""

from plp_portal.text_excerpts import Excerpt, excerpt


def test_excerpt_of_a_short_text_is_the_whole_text():
    assert excerpt("Two sentences. Both fit.", 10) == Excerpt("Two sentences. Both fit.", False)


def test_excerpt_keeps_the_whole_sentences_that_fit():
    text = "Cities convene the SSE. They connect it to the wider economy through platforms."

    assert excerpt(text, 8) == Excerpt("Cities convene the SSE.", True)


def test_excerpt_never_ends_after_an_abbreviation_inside_a_sentence():
    text = "Some frameworks (e.g. Common Approach) apply too. Another sentence follows here."

    assert excerpt(text, 9) == Excerpt("Some frameworks (e.g. Common Approach) apply too.", True)


def test_excerpt_of_one_long_sentence_ends_at_a_word_with_an_ellipsis():
    text = "Legal frameworks, policy initiatives, cities and networks all shape the ecosystem."

    assert excerpt(text, 4) == Excerpt("Legal frameworks, policy initiatives…", True)
