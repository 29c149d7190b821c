"""`timeline digest`: feeds into stories (issue 13).

Three small feeds of one day (two RSS, one Atom, written here) share two stories, a bridge
collapse and a rate rise, and carry one item of their own each.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest

from timeline.cli import main

DAY = "2026-03-14"
BRIDGE = [
    ("Riverton bridge collapses during morning rush hour",
     "The Hallam Street bridge in Riverton collapsed on Tuesday morning, sending three cars "
     "into the river. Rescue crews pulled six people from the water. The bridge had been "
     "closed for repairs in 2019."),
    ("Six rescued after Riverton bridge falls into river",
     "Divers rescued six people after the Hallam Street bridge in Riverton fell into the "
     "river on Tuesday. Engineers had warned in March that the bridge needed repairs. The "
     "mayor ordered an inquiry."),
    ("Inquiry ordered into Riverton bridge collapse",
     "The mayor of Riverton ordered an inquiry into the collapse of the Hallam Street bridge "
     "on Tuesday. Six people were rescued from the river. The inquiry will report by June 30."),
]
BANK = [
    ("Central bank raises interest rate to 4.5 percent",
     "The central bank raised its main interest rate to 4.5 percent on Tuesday, its third "
     "increase since January. The governor said inflation remained too high. The next rate "
     "decision is due on May 2."),
    ("Interest rate rises again as central bank fights inflation",
     "Borrowers face higher costs after the central bank lifted the interest rate to 4.5 "
     "percent on Tuesday. The bank's governor said inflation had fallen more slowly than "
     "expected since January."),
    ("Governor defends third interest rate increase",
     "The central bank governor defended Tuesday's interest rate increase to 4.5 percent, "
     "saying inflation was still twice the target. Economists expect another rate rise on "
     "May 2."),
]
OTHER = [
    ("Orchestra announces summer festival programme",
     "The city orchestra announced a summer festival of twelve concerts starting on July 4, "
     "with a new symphony by a local composer."),
    ("Local team wins cup final on penalties",
     "The Northfield football club won the county cup final on penalties on Saturday after "
     "a goalless draw against their old rivals."),
    ("New species of frog found in mountain forest",
     "Biologists described a new species of tree frog found in a remote mountain forest, "
     "the first new amphibian recorded there in forty years."),
]

Item = tuple[str, str]


def rss(name: str, items: list[Item], day: str = DAY, links: list[str] | None = None,
        dated: bool = True) -> str:
    entries = []
    for i, (title, text) in enumerate(items):
        link = links[i] if links else f"https://{name}.example.org/{i}"
        date = f"<pubDate>{_rfc822(day, i)}</pubDate>" if dated else ""
        entries.append(f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
                       f"<description>{escape(text)}</description>{date}</item>")
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
            f"<link>https://{name}.example.org/</link><description>news</description>"
            f"<lastBuildDate>{_rfc822(day, 9)}</lastBuildDate>{''.join(entries)}"
            "</channel></rss>")


def atom(name: str, items: list[Item], day: str = DAY) -> str:
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="https://{name}.example.org/{i}"/>'
        f"<id>urn:{name}:{i}</id><updated>{day}T0{i}:00:00Z</updated>"
        f"<summary>{escape(d)}</summary></entry>"
        for i, (t, d) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{name}</title><id>urn:{name}</id><updated>{day}T09:00:00Z</updated>"
            f"{entries}</feed>")


def _rfc822(day: str, hour: int) -> str:
    from datetime import date

    d = date.fromisoformat(day)
    return f"{d.strftime('%a, %d %b %Y')} {hour:02d}:00:00 GMT"


def write_feeds(folder: Path, day: str = DAY) -> Path:
    """The three feeds of one day: alpha and beta (RSS), gamma (Atom)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "alpha.rss").write_text(rss("alpha", [BRIDGE[0], BANK[0], OTHER[0]], day), "utf-8")
    (folder / "beta.rss").write_text(rss("beta", [BANK[1], OTHER[1], BRIDGE[1]], day), "utf-8")
    (folder / "gamma.atom").write_text(atom("gamma", [BRIDGE[2], OTHER[2], BANK[2]], day),
                                       "utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    got = capsys.readouterr()
    return code, got.out, got.err


def digest_json(out: Path, day: str = DAY) -> dict:
    return json.loads((out / f"digest-{day}.json").read_text("utf-8"))


def titles(entry: dict) -> list[str]:
    return sorted(d["title"] for d in entry["documents"])


def test_three_feeds_make_two_stories_and_other_items(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "digest", str(feeds), "--out", str(out),
                            "--format", "html,md,json,eml")
    assert code == 0, err
    data = digest_json(out)
    assert data["date"] == DAY
    stories = data["stories"]
    assert sorted(titles(s) for s in stories) == sorted(
        [sorted(t for t, _ in BANK), sorted(t for t, _ in BRIDGE)])
    assert sorted(t for o in data["other"] for t in titles(o)) == sorted(t for t, _ in OTHER)
    for entry in stories + data["other"]:
        assert entry["id"] and entry["title"]
        for doc in entry["documents"]:
            assert doc["input"].startswith(str(feeds)) and doc["url"].startswith("https://")
    # each story's briefing lists every one of its three sources once
    for s in stories:
        briefing = json.loads((out / f"{s['briefing']}.json").read_text("utf-8"))
        assert sorted(d["title"] for d in briefing["documents"]) == titles(s)
        page = (out / f"{s['briefing']}.html").read_text("utf-8")
        for doc in s["documents"]:
            assert page.count(f'href="{doc["url"]}"') >= 1
    # the digest Markdown: both stories, their sources once each, the other items
    md = (out / f"digest-{DAY}.md").read_text("utf-8")
    for title, _ in BRIDGE + BANK + OTHER:
        assert md.count(f"[{title} (") == 1, title
    assert "## Other items" in md
    # the index lists the digest above the story briefings
    index = (out / "index.html").read_text("utf-8")
    assert index.index(f"digest-{DAY}.html") < index.index(stories[0]["briefing"])
    assert "2 stories, 3 other items" in err
    assert str(out / f"digest-{DAY}.eml") in stdout.split()


def test_near_duplicates_are_one_item_with_several_sources(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    # delta carries alpha's bridge story at the same address, and beta's rate story as a
    # syndicated copy (same headline and text, another address)
    (feeds / "delta.rss").write_text(rss(
        "delta", [BRIDGE[0], BANK[1]],
        links=["http://www.alpha.example.org/0?utm_source=delta", "https://delta.example.org/x"],
    ), "utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "digest", str(feeds), "--out", str(out), "--format", "json")
    assert code == 0, err
    data = digest_json(out)
    assert len(data["stories"]) == 2
    for s in data["stories"]:
        assert len(s["items"]) == 3  # still three items, one of them with two sources
        assert sorted(len(i["documents"]) for i in s["items"]) == [1, 1, 2]
        briefing = json.loads((out / f"{s['briefing']}.json").read_text("utf-8"))
        assert len(briefing["documents"]) == 3  # no article twice in the sources


def test_an_undated_item_takes_the_feeds_date_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "undated.rss"
    feed.write_text(rss("undated", [OTHER[0]], day="2026-03-12", dated=False), "utf-8")
    code, _, err = run(capsys, "digest", str(feed), "--out", str(tmp_path / "out"))
    assert code == 0, err
    doc = digest_json(tmp_path / "out", "2026-03-12")["other"][0]["documents"][0]
    assert (doc["published"], doc["dct_source"]) == ("2026-03-12", "feed")
    page = (tmp_path / "out" / "digest-2026-03-12.html").read_text("utf-8")
    assert "12 March 2026 (the feed&#39;s date)" in page


def test_since_leaves_out_older_items(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "old.rss").write_text(rss("old", [OTHER[1][:1] + ("An old report.",)],
                                       day="2026-03-01"), "utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "digest", str(feeds), "--out", str(out), "--since", DAY)
    assert code == 0, err
    inputs = [d["input"] for s in digest_json(out)["other"] for d in s["documents"]]
    assert not any(i.endswith("old.rss") for i in inputs)
    code, stdout, err = run(capsys, "digest", str(feeds), "--out", str(tmp_path / "o2"),
                            "--since", "last week")
    assert code == 2 and stdout == "" and err.startswith("timeline: error: --since: ")
    assert not (tmp_path / "o2").exists()


def test_brief_on_several_stories_briefs_the_largest_or_the_keywords_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    # a fourth item on the rate rise makes it the largest story
    (feeds / "delta.rss").write_text(rss("delta", [(
        "Mortgage costs climb after rate rise",
        "Mortgage lenders raised their rates within hours of the central bank's increase of "
        "the interest rate to 4.5 percent on Tuesday, the bank's third since January.")]),
        "utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "brief", str(feeds), "--out", str(out), "--format", "json")
    assert code == 0, err
    lines = [ln for ln in err.splitlines() if "stories" in ln]
    assert len(lines) == 1 and "5 stories" in lines[0] and "timeline digest" in lines[0]
    briefing = json.loads(next(out.glob("*.json")).read_text("utf-8"))
    assert len(briefing["documents"]) == 4
    assert all("rate" in d["title"].lower() for d in briefing["documents"])

    out2 = tmp_path / "out2"
    code, _, err = run(capsys, "brief", str(feeds), "--out", str(out2), "--format", "json",
                       "--keywords", "bridge")
    assert code == 0, err
    briefing = json.loads(next(out2.glob("*.json")).read_text("utf-8"))
    assert sorted(d["title"] for d in briefing["documents"]) == sorted(t for t, _ in BRIDGE)


def test_bad_store_is_one_line_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"this is not a database, just text " * 100)
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "digest", str(feeds), "--out", str(out), "--store",
                            str(bogus))
    assert code == 2 and stdout == ""
    assert err.count("\n") == 1 and "not a timeline store" in err
    assert not list(out.glob("digest-*"))


def test_a_key_event_whose_date_is_inferred_says_so() -> None:
    from datetime import datetime

    from timeline.model import Event, Timex
    from timeline.render.dates import get_labeler
    from timeline.render.digest import _key_events

    def event(inferred: bool) -> Event:
        tx = Timex("t1", 0, 0, "", "DATE", "2021-03-14")
        return Event("2021-03-14", None, datetime(2021, 3, 14), datetime(2021, 3, 15),
                     "The dam held.", tx, (), inferred=inferred)

    (dated,) = _key_events([event(False)], get_labeler("en"))
    (guessed,) = _key_events([event(True)], get_labeler("en"))
    assert dated.label == "Sunday 14 March 2021"
    assert guessed.label == "Sunday 14 March 2021 (date inferred)"
    (french,) = _key_events([event(True)], get_labeler("fr"))
    assert french.label.endswith("(date déduite)")


def test_a_url_urlsplit_rejects_is_no_crash(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Two articles, one with a malformed URL ("http://[::1"), brief as a story: the bad URL
    only stops it being compared by address (it was exit 70, found by the fuzz run)."""
    lines = [
        {"title": t, "text": body, "time": DAY, "url": url}
        for (t, body), url in zip(BRIDGE[:2], ["http://[::1", "https://news.example/bridge"],
                                  strict=True)
    ]
    src = tmp_path / "items.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    code, _, err = run(capsys, "brief", str(src), "--out", str(tmp_path / "out"),
                       "--format", "json")
    assert code == 0, err
