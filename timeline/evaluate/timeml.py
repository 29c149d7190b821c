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


def _files(folder: Path, gold: bool = False) -> dict[str, Path]:
    """The TimeML documents of ``folder`` by name. As gold, a ``.TE3input`` file (the
    tagger's input, tags removed) is read only when no gold file of its name sits beside it."""
    from timeline.timeml import output_name, timeml_inputs

    if not folder.is_dir():
        raise TimelineError(f"{folder}: not a folder")
    if (folder / "keyinline").is_dir():  # an ACE TERN corpus: its inline key is the gold
        folder = folder / "keyinline"
    found: dict[str, Path] = {}
    for p in timeml_inputs([folder]):
        name = output_name(p)
        if gold and name in found and p.name.endswith(".TE3input"):
            continue  # the gold file of this name wins over its input
        found[name] = p
    return found


def _no_gold(folder: Path) -> TimelineError:
    return TimelineError(
        f"{folder}: no gold time expressions (TIMEX3 or TIMEX2 inside TEXT) in this folder"
    )


def score_dirs(gold_dir: Path, system_dir: Path) -> Report:
    """Score every gold document against the system file of the same name."""
    from timeline.timeml import read_timeml

    gold_files = _files(gold_dir, gold=True)
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
    if not any(gold for _, gold, _ in docs):
        raise _no_gold(gold_dir)
    return score_docs(docs)


Docs = list[tuple[str, Sequence[Span], Sequence[Span]]]


def tagged_docs(gold_dir: Path, domain: str = "auto", lang: str | None = None) -> tuple[Docs, str]:
    """(name, gold spans, our spans) of every gold document of ``gold_dir``, tagged in
    memory, and the gold's scheme ("TIMEX3" or "TIMEX2")."""
    from timeline.timeml import read_timeml, tag_timeml

    docs: Docs = []
    schemes = set()
    for name, gpath in sorted(_files(gold_dir, gold=True).items()):
        gdoc = read_timeml(gpath)
        schemes.add(gdoc.scheme)
        timexes = tag_timeml(gdoc, domain, lang)
        sys_spans = [(t.start, t.end, t.text, t.type, t.value) for t in timexes]
        docs.append((name, _spans(gdoc), sys_spans))
    if not any(gold for _, gold, _ in docs):
        raise _no_gold(gold_dir)
    return docs, "TIMEX2" if schemes == {"TIMEX2"} else "TIMEX3"


def tag_and_score(gold_dir: Path, domain: str = "auto", lang: str | None = None) -> Report:
    """Strip the gold tags, tag the plain text with our tagger (the rules of ``lang``; None:
    of the language each document is detected in) and score, all in memory."""
    docs, scheme = tagged_docs(gold_dir, domain, lang)
    return score_docs(docs, scheme)


def tag_and_score_many(
    gold_dirs: Sequence[Path], domain: str = "auto", lang: str | None = None
) -> list[tuple[str, Report]]:
    """A report per gold folder, then (with several) the micro-average over all their
    documents, named "all"."""
    rows: list[tuple[str, Report]] = []
    every: Docs = []
    schemes = set()
    for folder in gold_dirs:
        docs, scheme = tagged_docs(folder, domain, lang)
        rows.append((folder.name or str(folder), score_docs(docs, scheme)))
        every += [(f"{folder.name}/{name}", g, s) for name, g, s in docs]
        schemes.add(scheme)
    if len(rows) > 1:
        rows.append(("all", score_docs(every, schemes.pop() if len(schemes) == 1 else "TIMEX3")))
    return rows


def per_document(report_docs: Docs) -> list[tuple[str, Report]]:
    """Each document scored alone (the spread of value F1 across a corpus)."""
    return [(name, score_docs([(name, g, s)])) for name, g, s in report_docs]


def format_rows(rows: Sequence[tuple[str, Report]]) -> str:
    """One line per corpus: documents, gold, system and the TempEval-3 F1 figures."""
    width = max(12, *(len(name) for name, _ in rows))
    lines = [
        f"{'set':<{width}}{'docs':>6}{'gold':>6}{'system':>8}"
        f"{'strict':>8}{'relaxed':>8}{'value':>8}{'type':>8}"
    ]
    for name, r in rows:
        lines.append(
            f"{name:<{width}}{r.documents:>6}{r.gold:>6}{r.system:>8}"
            f"{r.strict_f1:8.4f}{r.relaxed_f1:8.4f}{r.value_f1:8.4f}{r.type_f1:8.4f}"
        )
    return "\n".join(lines)


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


def _system_dir(folders: list[Path]) -> Path | None:
    """The second of two folders is the system's output for the first when every document
    it holds is named as one of the first's (gold corpora never share names)."""
    if len(folders) != 2 or not folders[1].is_dir():
        return None
    system = set(_files(folders[1]))
    return folders[1] if system and system <= set(_files(folders[0], gold=True)) else None


def cli_main(args: argparse.Namespace) -> int:
    """``timeline evaluate timeml GOLD_DIR... [SYSTEM_DIR] [--json] [--domain D] [--lang L]
    [--errors N] [--documents]``.

    With SYSTEM_DIR (a second folder holding files named as the gold's), scores the files
    there; without it, strips the gold tags of each gold folder, tags the plain text with our
    tagger and scores it, all in memory: a row per folder and, with several, their
    micro-average (the errors listed are those of all of them).
    """
    folders = [Path(g) for g in ([args.gold] if isinstance(args.gold, str) else args.gold)]
    system = _system_dir(folders)
    n = getattr(args, "errors", 50)
    as_json = bool(getattr(args, "json", False))
    if system is not None:
        print(format_report(score_dirs(folders[0], system), as_json, None if n < 0 else n))
        return 0
    domain = getattr(args, "domain", "auto") or "auto"
    lang = getattr(args, "lang", None)
    if getattr(args, "documents", False):
        rows = [row for f in folders for row in per_document(tagged_docs(f, domain, lang)[0])]
        print(json.dumps([{"set": k, **r.to_dict()} for k, r in rows]) if as_json
              else format_rows(rows))
        return 0
    rows = tag_and_score_many(folders, domain, lang)
    if len(rows) == 1:
        print(format_report(rows[0][1], as_json, None if n < 0 else n))
    elif as_json:
        print(json.dumps([{"set": k, **r.to_dict()} for k, r in rows], indent=2,
                         ensure_ascii=False))
    else:
        errors = _error_lines(rows[-1][1], None if n < 0 else n)
        print(format_rows(rows) + "\n" + "\n".join(errors))
    return 0
