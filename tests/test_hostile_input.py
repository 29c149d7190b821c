"""Issue 16, the reading side: hostile inputs are refused or skipped with one line, memory
stays bounded, folders are walked without leaving them.

Item 2 (memory blow-ups): devices, FIFOs and sockets refused; limits by bytes actually
read, per input, per inflated stream (gzip/bz2/xz bombs made here on the fly), per line,
per feed, per run; the skipped-reason list does not grow per line. Item 6 (the ingest
side): one bad JSON line (invalid, nested too deep, non-UTF-8, a lone surrogate) is
skipped or cleaned and never takes down the batch; an impossible date is no date. Item 7:
folder walks stay inside the folder and report what they leave out.

The sizes here are small, with the limit set low by ``--limit``: the mechanism is the
one the full sizes meet (tests/bench/bench_limits.py runs those).
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.errors import TimelineError
from timeline.ingest.formats import load_inputs
from timeline.ingest.limits import Limits

MB = 2**20
ROOT = Path(__file__).resolve().parents[1]
LEAD = ("The river council of Velmora voted on Monday to rebuild the old stone bridge, "
        "officials said. The mayor said work would begin in the spring.")
# Runs the CLI and prints its peak RSS (KB) as the last line of stderr: VmHWM, the peak
# of the process's own memory (ru_maxrss would carry the forking pytest process's peak).
_MEASURED = (
    "import re, sys\n"
    "from timeline.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "finally:\n"
    "    status = open('/proc/self/status').read()\n"
    "    print('maxrss=' + re.search(r'VmHWM:\\s*(\\d+)', status)[1], file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _cli(*args: str, stdin: bytes | None = None, timeout: float = 10.0,
         cwd: Path | None = None) -> tuple[int, str, int]:
    """Run ``timeline ARGS`` in a child: (exit status, stderr lines but the last, peak RSS MB)."""
    started = time.monotonic()
    r = subprocess.run([sys.executable, "-c", _MEASURED, *args], input=stdin,
                       capture_output=True, timeout=timeout, cwd=cwd or ROOT)
    assert time.monotonic() - started < timeout
    err = r.stderr.decode("utf-8", "replace").rstrip("\n").split("\n")
    rss = int(err[-1].removeprefix("maxrss=")) // 1024
    return r.returncode, "\n".join(err[:-1]), rss


def _one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert len(err.splitlines()) == 1 and err.startswith("timeline: error: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


def _jsonl_line(i: int, text: str = LEAD, time_: str = "2016-05-23") -> str:
    return json.dumps({"id": f"a{i}", "text": text, "time": time_, "title": f"Bridge {i}"})


def _bomb(path: Path, opener: Callable[..., object], inflated: int) -> Path:
    """``inflated`` bytes of zeros, written compressed in chunks (never held whole)."""
    chunk = b"\0" * MB
    with opener(path, "wb") as f:  # type: ignore[operator]
        for _ in range(inflated // MB):
            f.write(chunk)
    return path


# item 2: devices, FIFOs, sockets ---------------------------------------------------------


def test_item2_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    code, err, rss = _cli("brief", "/dev/zero", "--out", str(tmp_path / "out"))
    _one_line_error(code, err, "/dev/zero", "character device")
    assert not (tmp_path / "out").exists()
    assert rss < 300


def test_item2_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    code, err, _ = _cli("brief", str(fifo), "--out", str(tmp_path / "out"))  # would block
    _one_line_error(code, err, "FIFO", "-")


def test_item2_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(str(path))
        with pytest.raises(TimelineError, match="a socket, not a file"):
            load_inputs([str(path)])


def test_item2_a_pipe_is_read_as_stdin_within_the_input_limit(tmp_path: Path) -> None:
    article = f"Bridge vote\n\nMon May 23 2016\n\n{LEAD}\n".encode()
    code, err, _ = _cli("tag", "-", stdin=article)
    assert code == 0, err
    code, err, _ = _cli("tag", "-", "--limit", "input=1K", stdin=article * 40)
    _one_line_error(code, err, "<stdin>", "more than 1KB read", "input=1K")


def test_item2_limits_count_bytes_read_not_the_stated_size() -> None:
    # /proc files state a size of 0 and hold more: the bytes read are what count
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(TimelineError, match="more than 1KB read"):
        load_inputs(["/proc/self/maps"], limits=Limits.parse(["input=1K"]))


# item 2: compressed bombs ----------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "opener"), [(".gz", gzip.open), (".bz2", bz2.open),
                                                 (".xz", lzma.open)])
def test_item2_compression_bomb_is_refused_as_it_inflates(tmp_path: Path, suffix: str,
                                                          opener: Callable[..., object]) -> None:
    bomb = _bomb(tmp_path / f"wire.jsonl{suffix}", opener, 48 * MB)
    assert bomb.stat().st_size < MB  # small on disk, 48 MB inflated
    code, err, rss = _cli("brief", str(bomb), "--limit", "stream=8M", "--limit", "line=32M",
                          "--out", str(tmp_path / "out"))
    _one_line_error(code, err, "inflates to more than 8MB", "stream=8M")
    assert rss < 300
    assert not (tmp_path / "out").exists()


def test_item2_bomb_of_any_kind_is_inflated_within_the_limit(tmp_path: Path) -> None:
    # a .txt.gz is read as text once inflated: bounded the same way
    bomb = _bomb(tmp_path / "story.txt.gz", gzip.open, 32 * MB)
    with pytest.raises(TimelineError, match="inflates to more than 4MB"):
        load_inputs([str(bomb)], limits=Limits.parse(["stream=4M"]))
    small = tmp_path / "small.txt.gz"
    small.write_bytes(gzip.compress(f"Bridge vote\n\nMon May 23 2016\n\n{LEAD}\n".encode()))
    (doc,) = load_inputs([str(small)]).documents
    assert doc.dct == "2016-05-23" and doc.body.startswith("The river council")


def test_item2_long_line_bomb_is_one_skipped_line(tmp_path: Path) -> None:
    # one line of 12 MB inflated, past the line limit: skipped, never held whole
    path = tmp_path / "wire.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write((_jsonl_line(1) + "\n").encode())
        f.write(b'{"text": "')
        for _ in range(12):
            f.write(b"a" * MB)
        f.write(b'", "time": "2016-05-24"}\n')
        f.write((_jsonl_line(3) + "\n").encode())
    result = load_inputs([str(path)], limits=Limits.parse(["line=1M"]))
    assert [d.id for d in result.documents] == ["a1", "a3"]
    assert result.skipped == ((f"{path}:2", "line is longer than 1MB (limit line=1M)"),)


# item 2: big inputs, feeds, many lines -----------------------------------------------------


def _feed(entries: int) -> str:
    items = "".join(
        f"<item><title>Bridge {i}</title><link>https://news.example/{i}</link>"
        f"<pubDate>Mon, 23 May 2016 10:00:00 GMT</pubDate><description>{LEAD}</description>"
        "</item>\n" for i in range(entries))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>\n{items}' \
           "</channel></rss>\n"


def test_item2_feed_past_the_feed_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(_feed(1200))  # ~400 KB
    started = time.monotonic()
    with pytest.raises(TimelineError, match=r"too large: more than 64KB read \(limit feed=64K\)"):
        load_inputs([str(path)], limits=Limits.parse(["feed=64K"]))
    assert time.monotonic() - started < 1  # refused by size, not after feedparser
    assert len(load_inputs([str(path)]).documents) == 1200  # within the default limit


def test_item2_input_past_the_input_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(_jsonl_line(i) for i in range(3000)) + "\n")  # ~700 KB
    code, err, rss = _cli("brief", str(path), "--limit", "input=256K",
                          "--out", str(tmp_path / "out"))
    _one_line_error(code, err, "more than 256KB read", "input=256K")
    assert rss < 300


def test_item2_articles_past_the_run_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(_jsonl_line(i) for i in range(500)) + "\n")
    with pytest.raises(TimelineError, match=r"more than 100 articles in one run \(limit "
                                            r"articles=100\)"):
        load_inputs([str(path)], limits=Limits.parse(["articles=100"]))
    # the run's room is shared: a second input past it is refused, the first kept
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(_jsonl_line(i) for i in range(80)) + "\n")
    result = load_inputs([str(first), str(path)], limits=Limits.parse(["articles=100"]))
    assert len(result.documents) == 80
    assert result.skipped[0][0] == str(path) and "articles=100" in result.skipped[0][1]
    with pytest.raises(TimelineError, match="story=16K"):
        load_inputs([str(path)], limits=Limits.parse(["story=16K"]))


def test_item2_skipped_reasons_do_not_grow_per_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    bad = 50_000
    with path.open("w") as f:
        f.write(_jsonl_line(0) + "\n")
        f.write("{not json}\n" * bad)
    result = load_inputs([str(path)], limits=Limits.parse(["bad=64K"]))
    assert len(result.documents) == 1
    assert len(result.skipped) == 101  # the first hundred reasons, then a count
    assert result.skipped[0] == (f"{path}:2", "not a JSON object")
    assert result.skipped[-1] == (str(path), f"{bad - 100:,} more lines skipped (not listed)")


def test_item2_a_file_of_bad_lines_is_refused_past_the_bad_limit(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as f:  # 1.2 M bad lines, 13 MB inflated
        f.write((_jsonl_line(0) + "\n").encode())
        for _ in range(12):
            f.write(b"{not json}\n" * 100_000)
            f.write(b"\n" * 10_000)
    started = time.monotonic()
    with pytest.raises(TimelineError, match=r"more than 10,000 lines skipped \(limit "
                                            r"bad=10000\)"):
        load_inputs([str(path)])
    assert time.monotonic() - started < 2  # not a parse of every line
    result = load_inputs([str(path)], limits=Limits.parse(["bad=2M"]))
    assert len(result.documents) == 1 and len(result.skipped) == 101


def test_item2_limit_flag_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for bad in ("inputs=1M", "input", "input=0", "input=-5M", "input=12Q"):
        with pytest.raises(SystemExit) as exited:
            main(["brief", "--sample", "--limit", bad, "--out", str(tmp_path)])
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("timeline brief: error: argument --limit: "), err
        assert err.count("\n") == 1
    assert Limits.parse(["input=2G", "articles=50000"]) == Limits(input=2 * 2**30,
                                                                   articles=50_000)


# item 6: bad JSON lines, lone surrogates, impossible dates ----------------------------------


def test_item6_one_bad_jsonl_line_never_takes_down_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [
        _jsonl_line(1).encode(),
        b'{"text": "unclosed',                                   # invalid JSON
        b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",         # RecursionError in json
        b'{"id": "x", "text": "caf\xe9 au lait", "time": "2016-05-23"}',  # Latin-1, not UTF-8
        b'{"text": "' + b"1" * 10 + b'", "time": ' + b"9" * 5000 + b"}",  # int too long
        _jsonl_line(2, LEAD + " \ud800 The vote passed.").encode(),  # \ud800 escape: cleaned
        _jsonl_line(3).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = load_inputs([str(path)])
    assert [d.id for d in result.documents] == ["a1", "a2", "a3"]
    reasons = dict(result.skipped)
    assert reasons == {
        f"{path}:2": "not a JSON object",
        f"{path}:3": "JSON nested too deeply",
        f"{path}:4": "not UTF-8 (byte 24)",
        f"{path}:5": "not a JSON object",
    }
    assert "\ufffd The vote passed." in result.documents[1].text


def test_item6_lone_surrogates_are_replaced_at_the_door(tmp_path: Path) -> None:
    row = {"id": "s\ud800", "text": LEAD + " Bridge \udfff works began.", "time": "2016-05-23",
           "title": "Bridge \ud83d vote", "url": "https://news.example/\ud800"}
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(row) + "\n")  # json.dumps writes \\ud800 escapes
    (doc,) = load_inputs([str(path)]).documents
    for value in (doc.id, doc.text, doc.title, doc.url):
        assert value is not None and "\ufffd" in value
        value.encode("utf-8")  # no lone surrogate left
    out = tmp_path / "out"
    assert main(["brief", str(path), "--out", str(out),
                 "--format", "html,md,json,eml,timelinejs,ics,csv"]) == 0
    assert len(list(out.iterdir())) == 8  # seven formats and the index, all UTF-8
    for f in out.iterdir():
        f.read_bytes().decode("utf-8")


def test_item6_impossible_dates_are_not_publication_dates(tmp_path: Path) -> None:
    feed = tmp_path / "wire.atom"
    feed.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
        f"<entry><title>Bridge</title><published>2016-02-30T10:00:00Z</published>"
        f"<summary>{LEAD}</summary></entry></feed>")
    with pytest.raises(TimelineError, match="no publication date"):
        load_inputs([str(feed)])  # feedparser alone rolls it over to 1 March
    rss = tmp_path / "wire.rss"
    rss.write_text(_feed(1).replace("Mon, 23 May 2016", "Tue, 30 Feb 2016"))
    with pytest.raises(TimelineError, match="no publication date"):
        load_inputs([str(rss)])
    text = tmp_path / "story.txt"
    text.write_text(f"Bridge vote\n\nFeb 30 2016\n\n{LEAD}\n")
    with pytest.raises(TimelineError, match="no publication date"):
        load_inputs([str(text)])
    year0 = tmp_path / "year0.rss"  # feedparser reads '0000 Dec 13' as year 0 (was exit 70)
    year0.write_text(_feed(1).replace("Mon, 23 May 2016", "0000 Dec 13"))
    with pytest.raises(TimelineError, match="no publication date"):
        load_inputs([str(year0)])
    wire = tmp_path / "wire.jsonl"
    wire.write_text(_jsonl_line(1, time_="2016-02-30") + "\n" + _jsonl_line(2) + "\n")
    result = load_inputs([str(wire)])
    assert [d.dct for d in result.documents] == ["2016-05-23"]
    assert result.skipped == ((f"{wire}:1", "`time` '2016-02-30' is not a date"),)


# item 7: folders -----------------------------------------------------------------------------


def _article(path: Path, word: str = "bridge") -> Path:
    path.write_text(f"Velmora {word}\n\nMon May 23 2016\n\n{LEAD} The {word} reopens.\n")
    return path


def test_item7_links_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    secret = _article(tmp_path / "secret.txt", "zanzibarite")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    _article(outside / "more.txt", "zanzibarite")
    root = tmp_path / "story"
    root.mkdir()
    _article(root / "a.txt")
    (root / "passwd.txt").symlink_to(secret)
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "again.txt").symlink_to(root / "a.txt")  # inside: read
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    result = load_inputs([str(root)])
    assert sorted(d.id for d in result.documents) == ["a", "again"]
    assert dict(result.skipped) == {
        str(root / "passwd.txt"): "a link to outside the folder, not read",
        str(root / "linked"): "a link to a folder, not followed",
        str(root / "dangling.txt"): "cannot read (No such file or directory)",
    }
    out = tmp_path / "out"
    assert main(["brief", str(root), "--out", str(out)]) == 1  # 1: some inputs skipped
    assert not any("zanzibarite" in f.read_text() for f in out.iterdir())


def test_item7_special_files_in_a_folder_are_reported_never_opened(tmp_path: Path) -> None:
    root = tmp_path / "story"
    root.mkdir()
    _article(root / "a.txt")
    os.mkfifo(root / "pipe.txt")
    result = load_inputs([str(root)])  # opening the FIFO would block here
    assert [d.id for d in result.documents] == ["a"]
    assert result.skipped == ((str(root / "pipe.txt"), "a FIFO, not a file to read"),)


def test_item7_unreadable_subfolder_and_file_are_reported() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "story"
        (root / "locked").mkdir(parents=True)
        _article(root / "a.txt")
        _article(root / "locked" / "b.txt")
        _article(root / "closed.txt")
        os.chmod(tmp, 0o755)
        os.chmod(root, 0o755)
        os.chmod(root / "a.txt", 0o644)
        os.chmod(root / "locked", 0o000)
        os.chmod(root / "closed.txt", 0o000)
        # as root, permissions hold only without the capabilities that override them
        drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
        try:
            r = subprocess.run([*(drop if os.geteuid() == 0 else []), sys.executable, "-m",
                                "timeline", "extract", str(root), "--format", "text"],
                               capture_output=True, text=True, timeout=60, cwd=tmp)
        finally:
            os.chmod(root / "locked", 0o755)
    assert r.returncode == 1, r.stderr
    assert r.stdout.count("The bridge reopens.") == 1  # a.txt alone
    assert r.stderr.splitlines() == [
        f"timeline: skipped {root / 'locked'}: cannot read the folder (Permission denied)",
        f"timeline: skipped {root / 'closed.txt'}: cannot read (Permission denied)",
    ]


def test_item7_control_characters_do_not_reach_the_outputs(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Bridge vote \x1b[31m\n\nMon May 23 2016\n\n{LEAD} \x1b]0;owned\x07 The "
                    "bridge\x7f reopens.\n")
    out = tmp_path / "out"
    assert main(["brief", str(path), "--out", str(out), "--format", "html,md,json,eml"]) == 0
    for f in out.iterdir():
        data = f.read_text()
        assert "\x1b" not in data and "\x07" not in data and "\x7f" not in data, f.name
