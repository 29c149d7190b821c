"""End-to-end behaviour of the command line, as a user meets it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli import main

EXPECTED_SAMPLE_EVENTS = [
    ("1986", None, "Monday's bombings were reminiscent of a string of attacks in 1986"),
    ("2014", "MID", "IS seized control of large parts of Syria and Iraq in mid-2014"),
    ("2016-04", None, "World powers have struggled to rekindle UN-brokered peace negotiations"),
    ("2016-05-23", None, "More than 148 people were killed Monday"),
    ("2016-05-23", None, "The unprecedented attacks on strongholds"),
    ("2016-05-23", None, "The group has claimed deadly attacks in the West"),
    ("2016-05-23T09:00", None, "The attacks began at 9:00 am local time (0600 GMT)"),
    ("2016-05-23T09:15", "APPROX", "Approximately 15 minutes after the Tartus blasts"),
]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("out")
    assert main(["brief", "--sample", "--format", "json", "--out", str(out)]) == 0
    (path,) = out.glob("*.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_sample_timeline_is_exactly_the_story(sample_json: dict) -> None:
    got = [(e["value"], e["mod"], e["text"]) for e in sample_json["events"]]
    assert len(got) == len(EXPECTED_SAMPLE_EVENTS), [g[:2] for g in got]
    for (value, mod, text), (ev, em, et) in zip(EXPECTED_SAMPLE_EVENTS, got, strict=True):
        assert (ev, em) == (value, mod)
        assert et.startswith(text)


def test_sample_json_fields(sample_json: dict) -> None:
    assert sample_json["published"] == "2016-05-23"
    assert sample_json["title"]
    assert 3 <= len(sample_json["summary"]) <= 5
    tartus = sample_json["events"][6]
    assert "09:00" in tartus["label"] and "06:00" in tartus["label"]
    assert tartus["start"].startswith("2016-05-23T09:00")
    first = sample_json["events"][0]
    assert first["start"].startswith("1986-01-01") and first["end"].startswith("1987-01-01")
    src = sample_json["events"][3]["source"]
    text = Path(__file__).resolve().parents[1].joinpath(
        "timeline", "data", "samples", "afp-syria-coast-bombings.txt").read_text("utf-8")
    assert text[src["start"]:src["end"]].startswith("More than 148 people were killed Monday")


def test_sample_output_has_no_trailer_material(sample_json: dict) -> None:
    dump = json.dumps(sample_json)
    assert "2024" not in dump
    assert "AFP photo" not in dump and "Syrians gather" not in dump
    assert "COP29" not in dump and "Jacinda" not in dump


def test_brief_sample_writes_all_three_formats(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["brief", "--sample", "--out", str(tmp_path)], capsys)
    assert code == 0, err
    names = sorted(p.suffix for p in tmp_path.iterdir() if p.name != "index.html")
    assert names == [".html", ".json", ".md"]
    assert (tmp_path / "index.html").exists()  # the static site's index of briefings
    html = next(p for p in tmp_path.glob("*.html") if p.name != "index.html").read_text("utf-8")
    assert html.count('<time datetime="') >= 8
    assert "<script" not in html.lower()
    md = next(tmp_path.glob("*.md")).read_text("utf-8")
    assert "2016" in md and "Tartus" in md
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("latin1.txt", "Le caf\u00e9 a ferm\u00e9 lundi.".encode("latin-1"), "UTF-8"),
        ("nodate.txt", b"Rebels attacked the city on Monday, officials said.\n", "--date"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    src = _write(tmp_path, name, data)
    out = tmp_path / "out"
    code, stdout, err = run(["brief", str(src), "--out", str(out)], capsys)
    assert code == 2
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["brief", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and "no such file" in err and err.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_bad_date_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(["brief", "--sample", "--date", "23/05/2016", "--out", str(tmp_path)],
                       capsys)
    assert code == 2 and "YYYY-MM-DD" in err


def test_date_option_anchors_undated_text(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path, "a.txt", b"Rebels attacked the city on Monday, officials said.\n"
                 b"The army answered with air strikes in the evening.\n")
    out = tmp_path / "out"
    code, _, err = run(["brief", str(src), "--date", "2016-05-25", "--format", "json",
                        "--out", str(out)], capsys)
    assert code == 0, err
    data = json.loads(next(out.glob("*.json")).read_text("utf-8"))
    assert data["published"] == "2016-05-25"
    assert data["events"][0]["value"] == "2016-05-23"


XSS = (
    "<script>alert(1)</script> Rebels [click](javascript:alert(1)) ![x](http://evil/x.png) "
    "attacked <img src=x onerror=alert(1)> the city on Monday, **officials** said.\n"
    "Mon May 23 2016\n"
)


def test_untrusted_markup_is_escaped_everywhere(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path, "xss.txt", XSS.encode())
    out = tmp_path / "out"
    code, _, err = run(["brief", str(src), "--out", str(out)], capsys)
    assert code == 0, err
    html = next(p for p in out.glob("*.html") if p.name != "index.html").read_text("utf-8")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    md = next(out.glob("*.md")).read_text("utf-8")
    from markdown_it import MarkdownIt

    md_html = MarkdownIt("commonmark").render(md)
    # No element from the article: no script, no image, no link (the source has no URL).
    assert "<script" not in md_html and "<img" not in md_html and "<a " not in md_html
    assert "alert(1)" in md_html  # the words are kept, as text
    data = json.loads(next(out.glob("*.json")).read_text("utf-8"))
    # JSON keeps the article's words as data (JSON's own escaping makes them inert).
    assert any("alert(1)" in s for s in data["summary"])


def test_title_cannot_escape_the_output_folder(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path, "t.txt", b"../../etc/passwd\nMon May 23 2016\n"
                 b"Rebels attacked the city on Monday, officials said in a statement.\n")
    out = tmp_path / "deep" / "out"
    code, stdout, err = run(["brief", str(src), "--out", str(out)], capsys)
    assert code == 0, err
    written = [Path(line) for line in stdout.splitlines()]
    assert written
    for p in written:
        assert p.resolve().parent == out.resolve()
    assert not (tmp_path / "etc").exists()


def test_tag_sample_finds_every_kind_of_expression(capsys: pytest.CaptureFixture[str]) -> None:
    from timeline.ingest import SAMPLE_NAME

    sample = Path(__file__).resolve().parents[1] / "timeline" / "data" / "samples" / SAMPLE_NAME
    code, out, err = run(["tag", str(sample), "--format", "json"], capsys)
    assert code == 0, err
    found = {(t["text"].lower(), t["value"], t["mod"]) for t in json.loads(out)["timexes"]}
    values = {(v, m) for _, v, m in found}
    for pair in [("2016-05-23", None), ("2016-05-23T09:00", None), ("PT15M", "APPROX"),
                 ("2016-04", None), ("2014", "MID"), ("1986", None), ("P5Y", None),
                 ("PRESENT_REF", None)]:
        assert pair in values, (pair, sorted(values))
    assert not any("2024" in v for v in values)


def test_module_entry_point_and_help() -> None:
    r = subprocess.run([sys.executable, "-m", "timeline", "--help"], capture_output=True,
                       text=True, check=False)
    assert r.returncode == 0 and "brief" in r.stdout


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["brief", "--sample", "--format", "pdf"])
    assert exc.value.code == 2
    assert "unknown format" in capsys.readouterr().err


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(25 * 1024 * 1024)  # sparse: no 25 MB written to disk
    out = tmp_path / "out"
    code, _, err = run(["brief", str(big), "--out", str(out)], capsys)
    assert code == 2 and "too large" in err and err.count("\n") == 1
    assert not out.exists()


def test_stdin_input(tmp_path: Path) -> None:
    article = (b"Rebels attacked the city on Monday, officials said.\n"
               b"Tue May 24 2016\n")
    r = subprocess.run([sys.executable, "-m", "timeline", "brief", "-", "--format", "json",
                        "--out", str(tmp_path)], input=article, capture_output=True, check=False)
    assert r.returncode == 0, r.stderr
    data = json.loads(next(tmp_path.glob("*.json")).read_text("utf-8"))
    assert data["published"] == "2016-05-24"
    assert [e["value"] for e in data["events"]] == ["2016-05-23"]


def test_tag_reads_an_html_page_with_its_publication_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = Path(__file__).parent / "fixtures" / "story" / "syria-coast-followup.html"
    code, out, err = run(["tag", str(page), "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["dct"] == "2016-05-24"
    assert ("Monday", "2016-05-23") in {(t["text"], t["value"]) for t in data["timexes"]}


def test_library_errors_get_their_flag_named(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    code, _, err = run(["brief", "--sample", "--date", "23/05/2016", "--out", str(tmp_path)],
                       capsys)
    assert code == 2 and err.startswith("timeline: error: --date: '23/05/2016': expected")
    from timeline.cli import error_message
    from timeline.errors import NoDateError, OptionError

    assert error_message(OptionError("per_date", "must be at least 1")) == (
        "timeline: error: --per-date: must be at least 1"
    )
    assert error_message(NoDateError("a.txt: no publication date found")) == (
        "timeline: error: a.txt: no publication date found; pass --date YYYY-MM-DD"
    )


def test_undated_article_is_told_how_to_date_it(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path, "nodate.txt", b"Rebels attacked the city on Monday, officials said.\n")
    for argv in (["brief", str(src), "--out", str(tmp_path / "o")], ["tag", str(src)]):
        code, _, err = run(argv, capsys)
        assert code == 2
        assert err == f"timeline: error: {src}: no publication date found; pass --date YYYY-MM-DD\n"


def test_choices_and_help_come_from_the_registries(capsys: pytest.CaptureFixture[str]) -> None:
    from timeline.ingest.formats import INPUT_KINDS
    from timeline.render.core import OUTPUT_FORMATS
    from timeline.summarize import SUMMARIZERS

    with pytest.raises(SystemExit):
        main(["brief", "--help"])
    shown = "".join(capsys.readouterr().out.split())  # argparse wraps lines, even at hyphens
    for registry in (OUTPUT_FORMATS, SUMMARIZERS):
        for name, entry in registry.items():
            assert "".join(f"{name} = {entry.help}".split()) in shown
    for kind in INPUT_KINDS.values():
        assert "".join(kind.help.split()) in shown


def test_help_imports_no_registry() -> None:
    code = ("import sys; from timeline.cli import build_parser; "
            "build_parser().format_help(); "
            "print(sorted(m for m in sys.modules if m.startswith('timeline.')))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = r.stdout
    for heavy in ("timeline.summarize", "timeline.render.core", "timeline.ingest.formats"):
        assert heavy not in loaded


def test_evaluate_stories_is_a_subcommand(tmp_path, capsys):
    import json

    from timeline.cli import main

    data = tmp_path / "tiny.jsonl"
    rows = [("quake hits coastal town", 1), ("coastal town quake toll rises", 1),
            ("election results announced", 2), ("election results contested", 2)]
    data.write_text("".join(json.dumps({"text": t, "cluster": c}) + "\n" for t, c in rows))
    assert main(["evaluate", "stories", str(data), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out  # one score row per set, with the figures the issue names
    row = out[0] if isinstance(out, list) else next(iter(out.values()))
    assert {"nmi", "accuracy"} <= set(row)
