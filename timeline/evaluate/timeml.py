"""TempEval-3 Task A scoring of TIMEX3 (the DCT excluded).

* relaxed extent: a gold and a system expression pair one-to-one when their spans overlap;
  P = pairs / system, R = pairs / gold, F1 their harmonic mean;
* strict extent: the same with identical spans;
* value F1 and type F1: attribute accuracy over the relaxed pairs times relaxed F1 (the
  TempEval-3 definition: attribute P = correct / system, R = correct / gold).

Documents pair by base name (a trailing ``.TE3input`` dropped); offsets are compared in
the plain text of ``<TEXT>``.

TIMEX2 gold (ACE TERN files such as WikiWarsDE's ``keyinline/``: a folder holding one is
read in its place) is scored as the TERN scorer does: lenient (overlapping extent),
strict (exact extent), lenient+value and strict+value (the extent and ``val`` both right;
P over the system's expressions, R over the gold's), over every TIMEX2 in ``<TEXT>``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from timeline.errors import TimelineError

__all__ = [
    "DocCounts",
    "Report",
    "ValueError_",
    "format_report",
    "score_docs",
    "score_dirs",
    "tag_and_score",
]

Span = tuple[int, int, str, str, str]  # start, end, text, type, value


@dataclass(frozen=True)
class ValueError_:
    """A relaxed pair whose values differ (or a miss/spurious when one side is empty)."""

    doc: str
    kind: str  # "value", "type", "missed", "spurious"
    gold_text: str
    gold_value: str
    gold_type: str
    system_text: str
    system_value: str
    system_type: str
    start: int = 0


@dataclass
class DocCounts:
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0
    strict_value: int = 0


@dataclass
class Report:
    documents: int
    gold: int
    system: int
    relaxed_matches: int
    strict_matches: int
    value_correct: int
    type_correct: int
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    strict_p: float
    strict_r: float
    strict_f1: float
    value_accuracy: float
    type_accuracy: float
    value_f1: float
    type_f1: float
    errors: list[ValueError_] = field(default_factory=list)
    #: "TIMEX3" (TempEval-3 figures) or "TIMEX2" (TERN figures, the gold's own scheme)
    scheme: str = "TIMEX3"
    strict_value_correct: int = 0
    #: exact extent and value right (TERN strict+value)
    strict_value_f1: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _prf(match: int, system: int, gold: int) -> tuple[float, float, float]:
    p = match / system if system else 0.0
    r = match / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pair(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one relaxed pairs (index into gold, index into system): overlap, best first."""
    cands = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if s[0] < g[1] and g[0] < s[1]:
                overlap = min(g[1], s[1]) - max(g[0], s[0])
                exact = g[0] == s[0] and g[1] == s[1]
                cands.append((-int(exact), -overlap, gi, si))
    cands.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, _, gi, si in cands:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gi, si))
    return out


def score_docs(
    docs: Sequence[tuple[str, Sequence[Span], Sequence[Span]]], scheme: str = "TIMEX3"
) -> Report:
    """Score (name, gold spans, system spans) triples."""
    total = DocCounts()
    errors: list[ValueError_] = []
    for name, gold, system in docs:
        total.gold += len(gold)
        total.system += len(system)
        pairs = pair(gold, system)
        paired_g = {gi for gi, _ in pairs}
        paired_s = {si for _, si in pairs}
        for gi, si in pairs:
            g, s = gold[gi], system[si]
            total.relaxed += 1
            if g[0] == s[0] and g[1] == s[1]:
                total.strict += 1
                total.strict_value += g[4] == s[4]
            if g[4] == s[4]:
                total.value += 1
            else:
                errors.append(ValueError_(name, "value", g[2], g[4], g[3], s[2], s[4], s[3], g[0]))
            if g[3] == s[3]:
                total.type += 1
        for gi, g in enumerate(gold):
            if gi not in paired_g:
                errors.append(ValueError_(name, "missed", g[2], g[4], g[3], "", "", "", g[0]))
        for si, s in enumerate(system):
            if si not in paired_s:
                errors.append(ValueError_(name, "spurious", "", "", "", s[2], s[4], s[3], s[0]))
    rp, rr, rf = _prf(total.relaxed, total.system, total.gold)
    sp, sr, sf = _prf(total.strict, total.system, total.gold)
    vacc = total.value / total.relaxed if total.relaxed else 0.0
    tacc = total.type / total.relaxed if total.relaxed else 0.0
    return Report(
        documents=len(docs),
        gold=total.gold,
        system=total.system,
        relaxed_matches=total.relaxed,
        strict_matches=total.strict,
        value_correct=total.value,
        type_correct=total.type,
        relaxed_p=rp,
        relaxed_r=rr,
        relaxed_f1=rf,
        strict_p=sp,
        strict_r=sr,
        strict_f1=sf,
        value_accuracy=vacc,
        type_accuracy=tacc,
        value_f1=vacc * rf,
        type_f1=tacc * rf,
        errors=errors,
        scheme=scheme,
        strict_value_correct=total.strict_value,
        strict_value_f1=_prf(total.strict_value, total.system, total.gold)[2],
    )


def _spans(doc: object) -> list[Span]:
    from timeline.timeml import TimeMLDoc

    assert isinstance(doc, TimeMLDoc)
    return [
        (t.start, t.end, t.text, t.type, t.value)
        for t in doc.timexes
        if t.attrs.get("functionInDocument") != "CREATION_TIME"
    ]


def _files(folder: Path) -> dict[str, Path]:
    from timeline.timeml import output_name, timeml_inputs

    if not folder.is_dir():
        raise TimelineError(f"{folder}: not a folder")
    if (folder / "keyinline").is_dir():  # an ACE TERN corpus: its inline key is the gold
        folder = folder / "keyinline"
    return {output_name(p): p for p in timeml_inputs([folder])}


def score_dirs(gold_dir: Path, system_dir: Path) -> Report:
    """Score every gold document against the system file of the same name."""
    from timeline.timeml import read_timeml

    gold_files = _files(gold_dir)
    system_files = _files(system_dir)
    docs = []
    for name, gpath in sorted(gold_files.items()):
        gdoc = read_timeml(gpath)
        spath = system_files.get(name)
        sys_spans: list[Span] = []
        if spath is not None:
            sdoc = read_timeml(spath)
            if sdoc.text != gdoc.text:
                raise TimelineError(f"{name}: the system text differs from the gold text")
            sys_spans = _spans(sdoc)
        docs.append((name, _spans(gdoc), sys_spans))
    if not docs:
        raise TimelineError(f"{gold_dir}: no gold documents")
    return score_docs(docs)


def tag_and_score(gold_dir: Path, domain: str = "auto", lang: str | None = None) -> Report:
    """Strip the gold tags, tag the plain text with our tagger (the rules of ``lang``; None:
    of the language each document is detected in) and score, all in memory."""
    from timeline.timeml import read_timeml, tag_timeml

    docs = []
    schemes = set()
    for name, gpath in sorted(_files(gold_dir).items()):
        gdoc = read_timeml(gpath)
        schemes.add(gdoc.scheme)
        timexes = tag_timeml(gdoc, domain, lang)
        sys_spans = [(t.start, t.end, t.text, t.type, t.value) for t in timexes]
        docs.append((name, _spans(gdoc), sys_spans))
    if not docs:
        raise TimelineError(f"{gold_dir}: no gold documents")
    return score_docs(docs, "TIMEX2" if schemes == {"TIMEX2"} else "TIMEX3")


def format_report(report: Report, as_json: bool = False, max_errors: int | None = None) -> str:
    """A table of the TempEval-3 figures, the value errors, the missed and the spurious
    expressions (at most ``max_errors`` of each), or the same as JSON."""
    if as_json:
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
    if report.scheme == "TIMEX2":
        lines = _tern_table(report)
    else:
        lines = _tempeval_table(report)
    lines += _error_lines(report, max_errors)
    return "\n".join(lines)


def _tern_table(report: Report) -> list[str]:
    """The ACE TERN figures: lenient/strict extent, and each with the value right."""
    rows = (
        ("lenient", report.relaxed_matches),
        ("strict", report.strict_matches),
        ("lenient+value", report.value_correct),
        ("strict+value", report.strict_value_correct),
    )
    lines = [
        f"ACE TERN TIMEX2 ({report.documents} documents, {report.gold} gold, "
        f"{report.system} system)",
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for label, n in rows:
        p, r, f = _prf(n, report.system, report.gold)
        lines.append(f"{label:14}{p:8.4f}{r:8.4f}{f:8.4f}")
    lines.append(f"{'value':14}{'':16}{'':8}   (accuracy {report.value_accuracy:.4f})")
    return lines


def _tempeval_table(report: Report) -> list[str]:
    return [
        f"TempEval-3 TIMEX3 ({report.documents} documents, {report.gold} gold, "
        f"{report.system} system)",
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'relaxed':14}{report.relaxed_p:8.4f}{report.relaxed_r:8.4f}{report.relaxed_f1:8.4f}",
        f"{'strict':14}{report.strict_p:8.4f}{report.strict_r:8.4f}{report.strict_f1:8.4f}",
        f"{'value':14}{'':16}{report.value_f1:8.4f}   (accuracy {report.value_accuracy:.4f})",
        f"{'type':14}{'':16}{report.type_f1:8.4f}   (accuracy {report.type_accuracy:.4f})",
    ]


def _error_lines(report: Report, max_errors: int | None) -> list[str]:
    lines: list[str] = []
    value_errors = [e for e in report.errors if e.kind == "value"]
    if value_errors:
        lines.append("")
        lines.append(f"value errors ({len(value_errors)}): doc | text | gold -> system")
        shown = value_errors if max_errors is None else value_errors[:max_errors]
        for e in shown:
            lines.append(
                f"  {e.doc} | {e.gold_text!r} / {e.system_text!r} | "
                f"{e.gold_value} ({e.gold_type}) -> {e.system_value} ({e.system_type})"
            )
    for kind, label in (("missed", "gold, not tagged"), ("spurious", "tagged, not gold")):
        found = [e for e in report.errors if e.kind == kind]
        if not found:
            continue
        lines.append("")
        lines.append(f"{kind} ({len(found)}, {label}): doc | text | value (type)")
        shown = found if max_errors is None else found[:max_errors]
        for e in shown:
            text, value, type_ = (
                (e.gold_text, e.gold_value, e.gold_type)
                if kind == "missed"
                else (e.system_text, e.system_value, e.system_type)
            )
            lines.append(f"  {e.doc} | {text!r} | {value} ({type_})")
    return lines


def cli_main(args: argparse.Namespace) -> int:
    """``timeline evaluate timeml GOLD_DIR [SYSTEM_DIR] [--json] [--domain D] [--lang L]
    [--errors N]``.

    With SYSTEM_DIR, scores the files there; without it, strips the gold tags, tags the
    plain text with our tagger and scores it, all in memory.
    """
    gold = Path(args.gold)
    system = getattr(args, "system", None)
    if system:
        report = score_dirs(gold, Path(system))
    else:
        domain = getattr(args, "domain", "auto") or "auto"
        report = tag_and_score(gold, domain, getattr(args, "lang", None))
    n = getattr(args, "errors", 50)
    print(format_report(report, bool(getattr(args, "json", False)), None if n < 0 else n))
    return 0
