"""`timeline brief` on a story: a folder of the sample, a news HTML page and a JSON Lines file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from timeline.cli import EXIT_SKIPPED, main

FIX = Path(__file__).parent / "fixtures" / "story"
SAMPLE = Path(__file__).resolve().parents[1] / "timeline" / "data" / "samples"


def _story_folder(tmp_path: Path, *, bad: bool) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    shutil.copy(SAMPLE / "afp-syria-coast-bombings.txt", folder)
    shutil.copy(FIX / "syria-coast-followup.html", folder)
    shutil.copy(FIX / "wire-articles.jsonl", folder)
    if bad:
        shutil.copy(FIX / "no-article.html", folder)
        (folder / "broken-feed.rss").write_text("<rss><channel><item><title>x")
        (folder / "latin1.txt").write_bytes("Caf\xe9 bombing, 23 May 2016".encode("latin-1"))
    return folder


def _briefing(out: Path) -> dict:
    (path,) = out.glob("*.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_folder_gives_one_briefing_with_sources_on_every_entry(tmp_path):
    out = tmp_path / "out"
    code = main(
        ["brief", str(_story_folder(tmp_path, bad=False)), "--out", str(out), "--format", "json"]
    )
    assert code == 0
    b = _briefing(out)
    assert len(b["documents"]) == 5  # the sample, the page, three JSON Lines articles
    values = [e["value"] for e in b["events"]]
    assert values == sorted(values) and "2016-05-23" in values
    assert not any(v.startswith("2024") for v in values)  # the sample's teasers stay out
    for e in b["events"]:
        assert e["sources"], e
        for src in e["sources"]:
            assert src["published"] and (src["title"] or src["url"])
    # Every article is cited by its own publication date, not another one's.
    published = {d["id"]: d["published"] for d in b["documents"]}
    assert published["syria-coast-followup"] == "2016-05-24"
    assert published["wire-0525-syria"] == "2016-05-25"


def test_bad_inputs_are_skipped_reported_and_the_exit_status_says_so(tmp_path, capsys):
    out = tmp_path / "out"
    folder = _story_folder(tmp_path, bad=True)
    code = main(["brief", str(folder), "--out", str(out), "--format", "json"])
    assert code == EXIT_SKIPPED != 0
    err = capsys.readouterr().err
    for name in ("no-article.html", "broken-feed.rss", "latin1.txt"):
        assert name in err
    b = _briefing(out)
    assert len(b["documents"]) == 5
    assert b["events"] and all(e["sources"] for e in b["events"])


def test_story_options_reach_the_timeline(tmp_path):
    out = tmp_path / "out"
    folder = _story_folder(tmp_path, bad=False)
    code = main(
        [
            "brief",
            str(folder),
            "--out",
            str(out),
            "--format",
            "json",
            "--since",
            "2016-05-24",
            "--until",
            "2016-05-26",
            "--max-dates",
            "2",
            "--per-date",
            "2",
        ]
    )
    assert code == 0
    values = [e["value"] for e in _briefing(out)["events"]]
    assert values and all("2016-05-24" <= v <= "2016-05-26" for v in values)
    assert len(set(values)) <= 2 and len(values) <= 4


def test_a_folder_briefing_keeps_background_periods_and_clock_times_with_sources(tmp_path):
    """What the sample alone shows (1986, mid-2014, 09:00 local) survives in the story."""
    out = tmp_path / "out"
    code = main(
        ["brief", str(_story_folder(tmp_path, bad=False)), "--out", str(out), "--format", "json"]
    )
    assert code == 0
    events = _briefing(out)["events"]
    by_value = {(e["value"], e.get("mod")): e for e in events}
    assert ("1986", None) in by_value and "1986" in by_value[("1986", None)]["text"]
    assert ("2014", "MID") in by_value and "mid-2014" in by_value[("2014", "MID")]["text"]
    nine = [e for e in events if e["value"].startswith("2016-05-23T09:00")]
    assert nine and "9:00 am" in nine[0]["text"]
    for e in (by_value[("1986", None)], by_value[("2014", "MID")], nine[0]):
        assert e["sources"] and e["sources"][0]["published"] == "2016-05-23"
    # Day-level entries stay: every day an article names (22-26 May) is there.
    days = {e["value"][:10] for e in events}
    assert {"2016-05-22", "2016-05-23", "2016-05-24", "2016-05-25", "2016-05-26"} <= days
    # Coarser periods come first when they start together; otherwise by start.
    assert [e["value"] for e in events].index("1986") == 0
