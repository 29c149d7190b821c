"""The digest store (issue 13): items, analyses, story ids and digests in one SQLite file.

A digest run is followed from day to day: nothing is tagged twice, story ids stay, new
items are marked; a run killed at any point and run again gives the digest an
uninterrupted run gives; two runs at once never share the store.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_digest import BRIDGE, DAY, digest_json, rss, run, write_feeds

from timeline import store as store_module
from timeline.errors import TimelineError
from timeline.store import SCHEMA_VERSION, Store, StoreBusyError

ROOT = Path(__file__).resolve().parents[1]
NEXT_DAY = "2026-03-15"
FOLLOW_UP = ("Engineers tell Riverton inquiry the bridge was unsafe",
             "Engineers told the inquiry into the Hallam Street bridge collapse in Riverton on "
             "Sunday that they had called the bridge unsafe in March. The mayor said the "
             "inquiry would report by June 30.")
STORE_FILES = {"timeline.sqlite", "timeline.sqlite-wal", "timeline.sqlite-shm",
               "timeline.sqlite.lock"}


def _ids(data: dict) -> dict[str, list[str]]:
    return {s["id"]: sorted(d["title"] for d in s["documents"]) for s in data["stories"]}


def _news(data: dict) -> list[str]:
    items = [i for s in data["stories"] for i in s["items"]]
    items += [{"new": o["new"], "documents": o["documents"]} for o in data["other"]]
    return sorted(i["documents"][0]["title"] for i in items if i["new"])


def test_a_second_run_on_unchanged_inputs_tags_nothing_and_marks_nothing_new(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    out = tmp_path / "out"
    code, _, err = run(capsys, "digest", str(feeds), "--out", str(out))
    assert code == 0 and "tagged 6 articles, 0 from the store" in err
    first = digest_json(out)
    assert first["previous"] is None and _news(first) == []  # the first digest: no "new"
    code, _, err = run(capsys, "digest", str(feeds), "--out", str(out))
    assert code == 0 and "tagged 0 articles, 6 from the store" in err
    second = digest_json(out)
    assert second["previous"] == DAY
    assert _news(second) == [] and not any(s["new"] for s in second["stories"])
    assert _ids(second) == _ids(first)
    with Store.open(out / "timeline.sqlite") as store:
        assert store.count("items") == 9 and store.count("analyses") == 6
        assert store.count("digests") == 2


def test_the_next_day_keeps_story_ids_and_marks_what_is_new(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    out = tmp_path / "out"
    store = tmp_path / "follow.sqlite"
    assert run(capsys, "digest", str(feeds), "--out", str(out), "--store", str(store))[0] == 0
    first = _ids(digest_json(out))
    (feeds / "delta.rss").write_text(rss("delta", [FOLLOW_UP], day=NEXT_DAY), "utf-8")
    code, _, err = run(capsys, "digest", str(feeds), "--out", str(out), "--store", str(store))
    assert code == 0 and "tagged 1 articles, 6 from the store" in err
    data = digest_json(out, NEXT_DAY)
    assert data["previous"] == DAY
    assert _news(data) == [FOLLOW_UP[0]]
    bridge = [s for s in data["stories"] if FOLLOW_UP[0] in [d["title"] for d in s["documents"]]]
    assert len(bridge) == 1 and bridge[0]["id"] in first  # the same story, followed
    assert first[bridge[0]["id"]] == sorted(t for t, _ in BRIDGE)
    assert set(_ids(data)) == set(first)
    # the new day's digest page says what is new; the day before stays as it was
    page = (out / f"digest-{NEXT_DAY}.html").read_text("utf-8")
    assert page.count('class="is-new"') == 1
    assert (out / f"digest-{DAY}.html").exists()
    index = (out / "index.html").read_text("utf-8")
    assert index.index(f"digest-{NEXT_DAY}.html") < index.index(f"digest-{DAY}.html")


def _digest_cmd(feeds: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "timeline", "digest", str(feeds), "--out", str(out),
            "--format", "html,md,json,eml"]


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()
            if p.name not in STORE_FILES and not p.name.startswith(".")}


def _completed(store: Path) -> bool:
    if not store.exists():
        return False
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM digests").fetchone()[0] > 0
    except sqlite3.OperationalError:  # killed before the schema was made
        return False
    finally:
        db.close()


def test_a_run_killed_at_random_points_then_rerun_gives_the_same_digest(
        tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ref = tmp_path / "ref"
    started = time.monotonic()
    subprocess.run(_digest_cmd(feeds, ref), env=env, check=True, capture_output=True,
                   timeout=120)
    took = time.monotonic() - started
    reference = _outputs(ref)
    assert f"digest-{DAY}.json" in reference and len(reference) == 4 + 3 * 2 + 1

    out = tmp_path / "out"
    rng = random.Random(13)
    kills = 0
    for n in range(6):
        proc = subprocess.Popen(_digest_cmd(feeds, out), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 1.0) * took)
        sig = signal.SIGINT if n % 3 == 2 else signal.SIGKILL  # a crash, or Ctrl-C
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
        kills += code != 0
        # whatever was written is whole: every output present is the finished one
        for name, data in _outputs(out).items() if out.exists() else ():
            assert data == reference[name], name
        if _completed(out / "timeline.sqlite"):  # it had finished: its digest is recorded
            assert _outputs(out) == reference
            return
    assert kills >= 3
    subprocess.run(_digest_cmd(feeds, out), env=env, check=True, capture_output=True,
                   timeout=120)
    assert _outputs(out) == reference
    assert not list(out.glob(".*.tmp"))  # what the killed runs left half-written is gone


def test_two_runs_at_once_one_waits_for_the_other(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    held = Store.open(out / "timeline.sqlite")  # a first run, holding the store
    started = time.monotonic()
    proc = subprocess.Popen(_digest_cmd(feeds, out), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    assert proc.poll() is None  # the second waits ...
    held.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err  # ... and runs once the first has finished
    assert time.monotonic() - started >= 2.0
    assert digest_json(out)["stories"]


def test_a_run_that_cannot_wait_fails_with_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path):
        with pytest.raises(StoreBusyError, match="in use by another run"):
            Store.open(path, wait=0.2)
    with Store.open(path, wait=0.2) as again:  # free once the first has closed
        assert again.count("items") == 0


def test_schema_version_is_recorded_and_a_newer_store_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(TimelineError, match="newer than this timeline reads"):
        Store.open(path)
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE notes (x)")
    db.close()
    with pytest.raises(TimelineError, match="not a timeline store"):
        Store.open(other)


def test_an_older_store_is_migrated_and_keeps_its_items(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_digest import OTHER

    from timeline.ingest.article import make_document

    path = tmp_path / "s.sqlite"
    doc = make_document(OTHER[0][1], doc_id="a", title=OTHER[0][0], dct=DAY,
                        dct_source="metadata")
    with Store.open(path) as store:
        assert store.add_items([doc], DAY) == 1

    def v2(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE items ADD COLUMN language TEXT")

    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, v2))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert store.count("items") == 1
        assert store.add_items([doc], DAY) == 0  # the same item: not stored twice
        columns = [r[1] for r in store.db.execute("PRAGMA table_info(items)")]
        assert "language" in columns


def test_a_failed_transaction_stores_nothing(tmp_path: Path) -> None:
    from test_digest import OTHER

    from timeline.ingest.article import make_document

    doc = make_document(OTHER[1][1], doc_id="b", title=OTHER[1][0], dct=DAY,
                        dct_source="metadata")
    with Store.open(tmp_path / "s.sqlite") as store:
        with pytest.raises(KeyboardInterrupt):
            with store.transaction() as db:
                db.execute("INSERT INTO digests (date) VALUES (?)", (DAY,))
                raise KeyboardInterrupt
        assert store.count("digests") == 0
        store.add_items([doc], DAY)
        assert store.count("items") == 1


def test_an_analysis_comes_back_as_it_was_stored(tmp_path: Path) -> None:
    from test_digest import BANK

    from timeline.ingest.article import make_document
    from timeline.pipeline import analyze

    doc = make_document(BANK[0][1], doc_id="bank", title=BANK[0][0], dct=DAY,
                        dct_source="metadata")
    adoc = analyze(doc)
    with Store.open(tmp_path / "s.sqlite") as store:
        store.save_analyses([adoc], "auto")
        again = store.analyses([doc], "auto")["bank"]
        assert again == adoc
        assert store.analyses([doc], "news") == {}  # another setting: tagged anew
    assert json.dumps([t.value for t in adoc.timexes])  # something was tagged
    assert adoc.timexes


SECOND_FOLLOW_UP = ("Riverton bridge collapse inquiry opens with divers' account",
                    "The inquiry into the Hallam Street bridge collapse in Riverton opened on "
                    "Sunday with divers describing how they rescued six people from the river. "
                    "The mayor repeated that the inquiry would report by June 30.")


def test_a_story_told_the_next_day_by_new_items_only_keeps_its_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Feeds roll over: the next day none of yesterday's items is served again, yet the two
    new bridge reports continue yesterday's bridge story, id and all."""
    day1 = write_feeds(tmp_path / "day1")
    store = tmp_path / "follow.sqlite"
    out = tmp_path / "out"
    assert run(capsys, "digest", str(day1), "--out", str(out), "--store", str(store))[0] == 0
    bridge_id = next(s["id"] for s in digest_json(out)["stories"]
                     if BRIDGE[0][0] in [d["title"] for d in s["documents"]])
    day2 = tmp_path / "day2"
    day2.mkdir()
    (day2 / "delta.rss").write_text(rss("delta", [FOLLOW_UP, SECOND_FOLLOW_UP],
                                        day=NEXT_DAY), "utf-8")
    code, _, err = run(capsys, "digest", str(day2), "--out", str(out), "--store", str(store))
    assert code == 0, err
    (story,) = digest_json(out, NEXT_DAY)["stories"]
    assert story["id"] == bridge_id and not story["new"]
    assert all(i["new"] for i in story["items"])
