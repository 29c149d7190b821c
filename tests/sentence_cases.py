"""Hard sentence-boundary cases in the shapes of news text, written for these tests.

Each family is a handful of sentence templates filled from small lists (names, places,
titles, agencies, times); a case is two or three sentences joined by a space, with the
expected split. The shapes are the ones that trip segmenters in news: a title or a US
state abbreviation before a name, a name that goes on after a capitalised word ("State
Police", "Merseyside Police"), "St. Louis", "U.S. Army", initials, "No. 10", "Jan. 5",
"9 a.m. Monday", quotes with their speaker, Spanish "EE. UU.". ``cases()`` also includes
the hand-written cases of ``data/segment_cases.json`` that are not marked as known
failures.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

HAND = Path(__file__).parent / "data" / "segment_cases.json"

NAMES = ["Maria Lopez", "James Carter", "Aisha Bello", "Tom Becker", "Ana Ruiz",
         "David Kim", "Sarah O'Neill", "Peter Novak"]
TITLES = ["Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt. Col.", "Sgt.",
          "Prof.", "Rev.", "Det.", "Capt."]
STATES = [("Tampa", "Fla."), ("Springfield", "Ill."), ("Hartford", "Conn."),
          ("Boston", "Mass."), ("Austin", "Texas"), ("Fresno", "Calif."),
          ("Portland", "Ore."), ("Albany", "N.Y."), ("Trenton", "N.J."),
          ("Madison", "Wis."), ("Nashville", "Tenn."), ("Tulsa", "Okla.")]
FORCES = ["Connecticut State Police", "Merseyside Police", "Thames Valley Police",
          "Michigan State Police", "Greater Manchester Police", "New York State Police",
          "Metropolitan Police", "Border Police"]
SAINTS = ["St. Louis", "St. Paul", "St. Petersburg", "Mt. Vernon", "Ft. Lauderdale",
          "St. Helens"]
ACRONYM_ORGS = ["U.S. Army", "U.S. Navy", "U.S. Senate", "U.N. Security Council",
                "U.S. Coast Guard", "U.K. Border Force", "U.S. Supreme Court",
                "U.N. General Assembly"]
INITIALS = ["George W. Bush", "John F. Kennedy", "J. K. Rowling", "Martin Luther King Jr.",
            "Michael J. Fox", "H. G. Wells", "Samuel L. Jackson"]
NUMBERED = ["No. 10 Downing Street", "the No. 2 official", "Route No. 9", "Jan. 5",
            "Sept. 11", "Feb. 28", "Oct. 3", "Aug. 21"]
CLOCKS = ["9 a.m.", "10:30 p.m.", "6 a.m.", "11:45 a.m.", "4 p.m."]
AFTER_CLOCK = ["Monday", "Friday", "local time", "ET", "GMT", "on Tuesday"]
COMPANIES = ["Apple Inc.", "Acme Corp.", "Shell Plc", "Tata Sons Ltd.", "Wells Fargo & Co."]
SPANISH = [
    ("El presidente viajó a EE. UU. el lunes.", "La visita duró tres días."),
    ("Las FF. AA. desplegaron tropas en la frontera.", "El gobierno lo confirmó."),
    ("La embajada de EE. UU. cerró sus puertas.", "No hubo heridos."),
    ("Trabaja en EE. UU. desde 2010.", "Ahora vive en Madrid."),
    ("Los EE. UU. y México firmaron el acuerdo.", "Entrará en vigor en enero."),
]
CLOSERS = ["Officials did not comment.", "The investigation continues.",
           "No one was hurt.", "He was released on Friday.", "The talks resume next week."]


def _titles() -> list[list[str]]:
    out = []
    for t, n in zip(itertools.cycle(TITLES), NAMES * 4, strict=False):
        out.append([f"{t} {n} arrived in the capital on Monday.", "She met local officials."])
        out.append([f"The report was written by {t} {n}.", "It runs to 40 pages."])
    return out[:56]


def _states() -> list[list[str]]:
    out = []
    for (city, st), closer in zip(STATES, itertools.cycle(CLOSERS)):
        out.append([f"The crash happened in {city}, {st}, early on Sunday.", closer])
        out.append([f"{city.upper()}, {st} (AP) — Two people died in a crash on Sunday.",
                    closer])
        out.append([f"The {city}, {st} City Council voted 5-2 on Monday.", closer])
        out.append([f"A spokesman in {city}, {st} said the road reopened.", closer])
    return out


def _forces() -> list[list[str]]:
    out = []
    for force, closer in zip(FORCES * 3, itertools.cycle(CLOSERS)):
        out.append([f"The man was arrested on Tuesday by a {force} officer.", closer])
        out.append([f"The boy was found on Tuesday, {force} said in a statement.", closer])
        out.append([f"A spokesman for {force} said the road was closed.", closer])
    return out[:30]


def _saints() -> list[list[str]]:
    out = []
    for place, closer in zip(SAINTS * 3, itertools.cycle(CLOSERS)):
        out.append([f"The flight from {place} landed safely.", closer])
        out.append([f"He was born in {place} in 1961 and moved east.", closer])
        out.append([f"The team from {place} Central won the final.", closer])
    return out[:18]


def _acronyms() -> list[list[str]]:
    out = []
    for org, closer in zip(ACRONYM_ORGS * 3, itertools.cycle(CLOSERS)):
        out.append([f"The {org} confirmed the deployment on Friday.", closer])
        out.append([f"A statement from the {org} was read aloud.", closer])
    for place in ("U.S.", "U.K.", "U.N."):
        for closer in CLOSERS[:4]:
            out.append([f"She moved to the {place} in 2004.", closer])
    return out


def _initials() -> list[list[str]]:
    out = []
    for name, closer in zip(INITIALS * 3, itertools.cycle(CLOSERS)):
        out.append([f"The speech by {name} was quoted again.", closer])
        out.append([f"A portrait of {name} hangs in the hall.", closer])
    return out[:21]


def _numbered() -> list[list[str]]:
    out = []
    for item, closer in zip(NUMBERED * 3, itertools.cycle(CLOSERS)):
        out.append([f"The meeting took place at {item} after a long delay.", closer])
        out.append([f"Nobody expected {item} to matter so much.", closer])
    return out[:24]


def _clocks() -> list[list[str]]:
    out = []
    for clock, after in itertools.product(CLOCKS, AFTER_CLOCK):
        out.append([f"The blast happened at {clock} {after} near the station.",
                    "Trains were halted."])
    for clock, closer in zip(CLOCKS, CLOSERS, strict=True):
        out.append([f"The curfew starts at {clock} and ends at dawn.", closer])
    return out


def _quotes() -> list[list[str]]:
    lines = [
        ['"We will rebuild," Mayor Ana Ruiz said on Monday.', "Crews began work."],
        ['"Why now?" asked one resident.', "Nobody answered."],
        ['"It is over," she said.', '"We lost."'],
        ["\u201cWe are safe,\u201d he told reporters.", "The lights came back on."],
        ['He said: "The bridge is closed."', "Traffic backed up for miles."],
        ['"Stop!" the officer shouted.', "The car sped away."],
        ["Witnesses said the man yelled \u201cget out!\u201d before the blast.",
         "Two people were hurt."],
        ['"Is anyone there?" Sgt. Tom Becker called.', "There was no reply."],
    ]
    out = []
    for pair, closer in zip(lines * 3, itertools.cycle(CLOSERS)):
        out.append([*pair, closer])
    return out


def _companies() -> list[list[str]]:
    out = []
    for co, closer in zip(COMPANIES * 3, itertools.cycle(CLOSERS)):
        out.append([f"Shares of {co} fell 3.5 percent on Friday.", closer])
        out.append([f"A spokesman for {co} declined to comment on the $1.2 billion deal.",
                    closer])
    return out[:20]


FAMILIES = {
    "title": _titles, "state": _states, "force": _forces, "saint": _saints,
    "acronym": _acronyms, "initials": _initials, "numbered": _numbered, "clock": _clocks,
    "quote": _quotes, "company": _companies,
}


def cases() -> list[dict[str, object]]:
    """Every case: ``{"id", "text", "sentences"}``."""
    out: list[dict[str, object]] = []
    for family, build in FAMILIES.items():
        for i, sentences in enumerate(build()):
            out.append({"id": f"{family}-{i}", "text": " ".join(sentences),
                        "sentences": list(sentences)})
    for i, (a, b) in enumerate(SPANISH):
        out.append({"id": f"spanish-{i}", "text": f"{a} {b}", "sentences": [a, b]})
    hand = json.loads(HAND.read_text(encoding="utf-8"))
    out.extend({"id": f"hand-{c['id']}", "text": c["text"], "sentences": c["sentences"]}
               for c in hand)
    return out


def boundaries(sentences: list[str], text: str) -> set[int]:
    """End offsets of ``sentences`` located in ``text`` (the last one excluded)."""
    ends, pos = set(), 0
    for s in sentences:
        at = text.find(s.strip(), pos)
        if at < 0:
            at = text.find(s.strip()[:20], pos)
            if at < 0:
                continue
        pos = at + len(s.strip())
        ends.add(pos)
    ends.discard(len(text.rstrip()))
    return ends


def score(split: object) -> dict[str, float]:
    """Boundary precision, recall and F1 of ``split(text) -> list of sentences``."""
    tp = fp = fn = 0
    for case in cases():
        text = str(case["text"])
        gold = boundaries(list(case["sentences"]), text)  # type: ignore[call-overload]
        got = boundaries([str(s) for s in split(text)], text)  # type: ignore[operator]
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "cases": float(len(cases()))}
