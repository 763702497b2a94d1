"""Text checks of one cell (``helpers.cells.text_problem``): a word that mixes Latin and Cyrillic
letters is refused wherever it stands, and text written in one script never is.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from helpers.cells import text_problem

LATIN = st.text(alphabet="abcdefghijkmnopqrstuvwxyzIVX-' ", max_size=30)
CYRILLIC = st.text(alphabet="абвгдежзийклмнопрстуфхцчшщыэюяАИРО-' ", max_size=30)
#: Words that mix the two scripts: a Cyrillic 'а' or 'е' among Latin letters, and the reverse.
MIXED = st.sampled_from(["Kaзахская", "немeдленно", "cлово", "Prim-ор'ye"])


@given(before=st.one_of(LATIN, CYRILLIC), after=st.one_of(LATIN, CYRILLIC), word=MIXED)
def test_a_word_mixing_scripts_is_refused_wherever_it_stands(
    before: str, after: str, word: str
) -> None:
    problem = text_problem(f"{before} {word} {after}")
    assert problem is not None
    assert "mixes Latin and Cyrillic letters" in problem


@given(text=st.one_of(LATIN, CYRILLIC))
def test_text_in_one_script_is_never_refused_for_mixing(text: str) -> None:
    assert text_problem(f"{text} АИРО-XX") is None


@given(latin=LATIN, cyrillic=CYRILLIC)
def test_words_of_either_script_side_by_side_are_not_refused(latin: str, cyrillic: str) -> None:
    assert text_problem(f"{latin} {cyrillic}") is None
