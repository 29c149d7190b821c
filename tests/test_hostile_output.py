"""Issue 16, item 5 (nothing lost in the output folder) and the render side of items 6 and 7
(lone surrogates and control characters never crash a renderer nor reach the HTML raw)."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from briefings import sample_briefing

from timeline.cli import main
from timeline.errors import TimelineError
from timeline.render import FORMATS, render, slugify, write_briefing
from timeline.render.escape import safe_url, scrub
from timeline.render.slug import briefing_slug, title_slug

HEX6 = re.compile(r"^briefing-[0-9a-f]{6}$")


def briefing_titled(title: str, doc_id: str = "doc", url: str | None = None):
    """The sample briefing under another title, told by a document of another id/URL."""
    b = sample_briefing()
    doc = replace(b.documents[0], id=doc_id, url=url, title=title)
    return replace(b, title=title, slug=slugify(title), documents=(doc,))


def index_hrefs(out: Path) -> list[str]:
    page = (out / "index.html").read_text("utf-8")
    return sorted(set(re.findall(r'href="([^"#]+\.html)"', page)) - {"index.html"})


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry of a folder: a file's bytes, a symlink's target."""
    found: dict[str, object] = {}
    for p in sorted(folder.iterdir()):
        found[p.name] = ("link", os.readlink(p)) if p.is_symlink() else p.read_bytes()
    return found


# item 5: a slug for any script ----------------------------------------------------------


@pytest.mark.parametrize(("title", "slug"), [
    ("Пожар в порту Велморы", "pozhar-v-portu-velmory"),
    ("Україна: їжак і ґанок", "ukrayina-yizhak-i-ganok"),
    ("Σεισμός στην Κρήτη", "seismos-stin-kriti"),
    ("Ήπειρος: άνοιξη", "ipeiros-anoixi"),
    ("Harbour reopens in Velmora", "harbour-reopens-in-velmora"),
    ("Élysée: vote à l'Assemblée", "elysee-vote-a-l-assemblee"),
    ("Путин meets G7 leaders", "putin-meets-g7-leaders"),
])
def test_item5_titles_transliterated_where_a_simple_rule_exists(title, slug):
    assert title_slug(title) == slug


@pytest.mark.parametrize("title", ["港口重新开放", "ميناء فيلمورا يعيد فتح أبوابه", "🔥🚢🔥", "",
                                   "!!!"])
def test_item5_titles_without_letters_to_spell_get_a_content_hash(title):
    slug = title_slug(title)
    assert HEX6.match(slug), slug
    assert title_slug(title) == slug  # the same on every run
    assert title_slug(title + "。") != slug


def test_item5_briefings_in_other_scripts_each_keep_their_files(tmp_path):
    titles = ["港口重新开放", "地震袭击海岸", "Пожар в порту", "Пожар в порту!"]
    assert main(["brief", "--sample", "--out", str(tmp_path)]) == 0
    for i, title in enumerate(titles):
        write_briefing(briefing_titled(title, doc_id=f"doc{i}"), tmp_path, ["html", "json"])
    slugs = {json.loads(p.read_text("utf-8"))["slug"] for p in tmp_path.glob("*.json")}
    assert len(slugs) == 5  # the sample and the four: none replaced another
    chinese = [s for s in slugs if HEX6.match(s)]
    assert len(chinese) == 2
    assert "pozhar-v-portu" in slugs
    assert len(index_hrefs(tmp_path)) == 5


# item 5: never a silent replacement of a different briefing -------------------------------


def test_item5_same_slug_different_briefing_is_a_distinct_file(tmp_path):
    first = briefing_titled("Update", doc_id="harbour", url="https://a.example/harbour")
    second = briefing_titled("Update!", doc_id="storm", url="https://b.example/storm")
    assert briefing_slug(first) == briefing_slug(second) == "update"
    one = write_briefing(first, tmp_path, ["html", "md", "json"])
    two = write_briefing(second, tmp_path, ["html", "md", "json"])
    assert one[0].name == "update.html"
    assert re.fullmatch(r"update-[0-9a-f]{6}\.html", two[0].name)
    data = json.loads(two[2].read_text("utf-8"))
    assert data["slug"] == two[0].name[:-5] and data["title"] == "Update!"
    assert json.loads((tmp_path / "update.json").read_text("utf-8"))["title"] == "Update"
    assert index_hrefs(tmp_path) == sorted(["update.html", two[0].name])


def test_item5_same_briefing_rerun_replaces_its_own_files(tmp_path):
    first = briefing_titled("Update", doc_id="harbour", url="https://a.example/harbour")
    second = briefing_titled("Update", doc_id="storm", url="https://b.example/storm")
    write_briefing(first, tmp_path, ["html", "json"])
    moved = write_briefing(second, tmp_path, ["html", "json"])[0].name
    for _ in range(2):  # reruns, in another locale too: each replaces its own files
        assert write_briefing(first, tmp_path, ["html", "json"], locale="fr")[0].name == (
            "update.html")
        assert write_briefing(second, tmp_path, ["html", "json"])[0].name == moved
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["update.html", "update.json", moved, moved[:-5] + ".json",
                            "index.html"])
    assert "Chronologie" in (tmp_path / "update.html").read_text("utf-8")


def test_item5_cli_same_title_from_two_articles_keeps_both(tmp_path):
    texts = {
        "harbour.txt": "Update\n\nVELMORA, May 3, 2021 - The harbour of Velmora reopened on "
                       "Monday after eight months of repairs, the port authority said.\n",
        "storm.txt": "Update\n\nORVAN, June 9, 2021 - A storm closed the road to Orvan on "
                     "Wednesday, and the ferry stayed in port until Thursday.\n",
    }
    out = tmp_path / "out"
    for name, text in texts.items():
        (tmp_path / name).write_text(text, "utf-8")
        assert main(["brief", str(tmp_path / name), "--out", str(out)]) == 0
    titles = sorted(json.loads(p.read_text("utf-8"))["documents"][0]["id"]
                    for p in out.glob("*.json"))
    assert titles == ["harbour", "storm"]
    assert len(index_hrefs(out)) == 2


# item 5: the index rebuilt under a lock ------------------------------------------------------


def _write_one(out: str, i: int, barrier) -> None:
    b = briefing_titled(f"Story number {i}", doc_id=f"story{i}")
    barrier.wait()
    write_briefing(b, Path(out), ["html", "json"])


def concurrent_round(out: Path, runs: int) -> list[str]:
    """``runs`` processes write a briefing each into ``out`` at the same moment; the hrefs
    the index lists afterwards."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(runs)
    procs = [ctx.Process(target=_write_one, args=(str(out), i, barrier)) for i in range(runs)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert all(p.exitcode == 0 for p in procs)
    return index_hrefs(out)


def test_item5_concurrent_runs_into_one_folder_all_listed(tmp_path):
    for round_ in range(3):  # tests/bench/bench_concurrent.py runs 100 rounds
        out = tmp_path / f"round{round_}"
        out.mkdir()
        hrefs = concurrent_round(out, 20)
        assert hrefs == sorted(f"story-number-{i}.html" for i in range(20))
        assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp file left


# item 5: an exit 2 leaves the folder exactly as it was ---------------------------------------


@pytest.fixture()
def written(tmp_path) -> Path:
    out = tmp_path / "out"
    write_briefing(briefing_titled("Harbour reopens", doc_id="harbour"), out,
                   ["html", "md", "json"])
    return out


def test_item5_planted_index_symlink_leaves_folder_as_it_was(written, tmp_path, capsys):
    secret = tmp_path / "elsewhere.txt"
    secret.write_text("not yours")
    (written / "index.html").unlink()
    (written / "index.html").symlink_to(secret)
    before = snapshot(written)
    with pytest.raises(TimelineError, match="refusing to write 'index.html'"):
        write_briefing(briefing_titled("Storm closes road", doc_id="storm"), written,
                       ["html", "md", "json"])
    assert snapshot(written) == before and secret.read_text() == "not yours"
    code = main(["brief", "--sample", "--out", str(written)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert snapshot(written) == before


def _fail_on_call(n: int, real, exc: OSError):
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == n:
            raise exc
        return real(*args, **kwargs)

    return failing


@pytest.mark.parametrize("n", [1, 2, 3, 4])  # html, md, json, then the index
def test_item5_disk_full_while_writing_leaves_folder_as_it_was(written, monkeypatch, n):
    before = snapshot(written)
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", _fail_on_call(n, os.fsync, full))
    with pytest.raises(TimelineError, match="No space left on device"):
        write_briefing(briefing_titled("Harbour reopens", doc_id="harbour"), written,
                       ["html", "md", "json"], locale="fr")
    assert snapshot(written) == before


@pytest.mark.parametrize("n", [1, 2, 4])
def test_item5_failure_while_renaming_puts_everything_back(written, monkeypatch, n):
    before = snapshot(written)
    monkeypatch.setattr(os, "replace", _fail_on_call(n, os.replace,
                                                     OSError(errno.EIO, os.strerror(errno.EIO))))
    with pytest.raises(TimelineError, match="Input/output error"):
        write_briefing(briefing_titled("Storm closes road", doc_id="storm"), written,
                       ["html", "md", "json"])
    assert snapshot(written) == before


def test_item5_disk_full_in_a_new_folder_leaves_no_folder(tmp_path, monkeypatch, capsys):
    out = tmp_path / "new"
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", _fail_on_call(4, os.fsync, full))
    assert main(["brief", "--sample", "--out", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert not out.exists()


# items 6 and 7: lone surrogates and control characters in what is rendered -----------------


def hostile_briefing():
    """Title, text and URL carrying a lone surrogate (a JSON "\\ud800" escape gives one),
    an ESC sequence, a C1 control and a NUL."""
    b = sample_briefing()
    doc = b.documents[0]
    text = doc.text.replace("Monday", "Mo\ud800day").replace(" group", "\x1bgroup")
    assert len(text) == len(doc.text)  # offsets into the text hold
    title = "Vote\ud800 \x1b]0;owned\x07in \x9bcouncil\x00"
    doc = replace(doc, text=text, title=title,
                  url="https://example.com/a\ud800b?\x1b[2J")
    events = tuple(replace(e, text=e.text + " \x1b[5m\ud800") for e in b.timeline.events)
    summary = tuple(replace(s, text=s.text + "\x1b[0m") for s in b.summary)
    return replace(b, title=title, slug=slugify(title), documents=(doc,), summary=summary,
                   timeline=replace(b.timeline, events=events))


@pytest.mark.parametrize("fmt", FORMATS)
def test_item6_lone_surrogates_render_in_every_format(fmt):
    data = render(hostile_briefing(), fmt)
    text = data.decode("utf-8")  # valid UTF-8
    assert "\ud800" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_item7_control_characters_reach_no_output_raw(fmt):
    text = render(hostile_briefing(), fmt).decode("utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text), fmt


def test_item7_html_shows_the_text_without_escape_codes():
    page = render(hostile_briefing(), "html").decode("utf-8")
    assert "\x1b" not in page and "\x9b" not in page and "\x07" not in page
    assert "Vote\ufffd" in page and "owned" in page  # the rest of the text stays


def test_item6_item7_write_briefing_and_index_with_hostile_strings(tmp_path):
    paths = write_briefing(hostile_briefing(), tmp_path, list(FORMATS))
    for p in paths:
        body = p.read_bytes().decode("utf-8")
        assert "\x1b" not in body and "\ud800" not in body
    # a JSON briefing planted in the folder with escapes of both kinds in its strings
    planted = json.loads(paths[2].read_text("utf-8"))
    planted.update(slug="planted", title="Planted \ud800 \u001b[31mred\u009b")
    (tmp_path / "planted.json").write_text(json.dumps(planted), "utf-8")
    write_briefing(sample_briefing(), tmp_path, ["html", "json"])
    index = (tmp_path / "index.html").read_text("utf-8")
    assert "Planted" in index and "\x1b" not in index and "\x9b" not in index


def test_item6_safe_url_and_scrub_take_lone_surrogates():
    assert safe_url("https://example.com/a\ud800b") == "https://example.com/ab"
    assert scrub("a\ud800b\x1bc\td\n") == "a\ufffdb c\td\n"


def test_item6_jsonl_line_with_surrogate_escapes_briefs(tmp_path, capsys):
    line = {"text": "Velmora, May 3, 2021 - The harbour reopened on Monday \\ud800 after "
                    "repairs, the port authority said on Monday. The ferry left at 7:30 am.",
            "time": "2021-05-03", "title": "Harbour \\ud800 reopens \\u001b[31m",
            "url": "https://example.com/harbour\\ud800"}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(line).replace("\\\\", "\\"), "utf-8")
    out = tmp_path / "out"
    code = main(["brief", str(path), "--out", str(out), "--format", ",".join(FORMATS)])
    assert code == 0, capsys.readouterr().err
    for p in out.iterdir():
        body = p.read_bytes().decode("utf-8")
        assert "\x1b" not in body
