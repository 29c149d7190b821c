from __future__ import annotations

import pkgutil

import pytest

from timeline.textstats import clean, dot, stop_words


def test_stop_lists_are_loaded_once_and_differ_as_documented() -> None:
    smart = stop_words("smart")
    assert stop_words() is smart and stop_words("smart") is smart
    news = stop_words("news")
    assert stop_words("news") is news
    assert news == smart | {"said", "say", "says", "told", "tell", "according", "added", "mr",
                            "mrs", "ms", "dr", "cnn"}
    assert "cnn" in news and "cnn" not in smart
    headline = stop_words("headline")
    assert "said" in headline and "people" in headline and "the" not in headline
    with pytest.raises(ValueError):
        stop_words("klingon")  # type: ignore[arg-type]


def test_smart_list_is_sumys_file() -> None:
    from sumy.utils import get_stop_words

    assert stop_words("smart") == frozenset(get_stop_words("english"))
    assert pkgutil.get_data("sumy", "data/stopwords/english.txt")


def test_dot_walks_the_shorter_vector() -> None:
    a = {"x": 0.5, "y": 0.5}
    b = {"y": 2.0, "z": 1.0, "w": 3.0}
    assert dot(a, b) == dot(b, a) == 1.0
    assert dot({}, b) == 0.0


def test_clean_puts_text_on_one_line() -> None:
    assert clean("  a\n\tb   c ") == "a b c"
