from __future__ import annotations

from timeline.briefing import build_briefing, slugify
from timeline.model import AnalyzedDocument, Document, Sentence, Timeline


def _adoc(doc_id: str, title: str, dct: str) -> AnalyzedDocument:
    text = f"{title}. Something happened."
    doc = Document(id=doc_id, text=text, body_start=0, body_end=len(text), dct=dct, title=title)
    return AnalyzedDocument(document=doc, sentences=(), timexes=())


def test_story_is_named_by_the_article_whose_lead_opens_the_summary() -> None:
    adocs = [_adoc("a", "Bombings kill 148 on Syria coast", "2016-05-23"),
             _adoc("b", "UN envoy says no date yet for talks", "2016-05-26")]
    lead = Sentence(index=0, start=0, end=10, text="Bombings kill 148", doc_id="a")
    b = build_briefing(adocs, [lead], Timeline(events=()), method="news")
    assert b.title == "Bombings kill 148 on Syria coast"
    assert b.published == "2016-05-26"  # the newest article's date
    assert b.slug == "bombings-kill-148-on-syria-coast"


def test_without_a_summary_the_newest_article_names_the_story() -> None:
    adocs = [_adoc("a", "Older story", "2016-05-23"), _adoc("b", "Newer story", "2016-05-26")]
    assert build_briefing(adocs, [], Timeline(events=()), method="news").title == "Newer story"


def test_slugs_are_safe_file_names() -> None:
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("") == "briefing"
    assert slugify("Café  crème: l'été") == "cafe-creme-l-ete"
    assert len(slugify("word " * 100)) <= 80
