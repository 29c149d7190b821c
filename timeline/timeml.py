"""TimeML / TempEval-3 files in and out.

Reading keeps the document creation time (``<DCT><TIMEX3 ... value="..."/>``), the plain
text of ``<TEXT>`` (tags inside it stripped, XML entities decoded) and a map from plain
text offsets back to the raw file, so our tags can be written inline while every other
byte of the file stays as it was.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from timeline.errors import TimelineError
from timeline.model import Timex

__all__ = [
    "TimeMLDoc",
    "TimeMLTimex",
    "parse_timeml",
    "read_timeml",
    "render_timeml",
    "tag_timeml",
    "tag_timeml_paths",
    "timeml_inputs",
    "output_name",
]

_TEXT_OPEN = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE = re.compile(r"</TEXT\s*>")
#: TempEval-1 files (TimeBankPT) have no <TEXT>: the whole <TempEval> element is the text,
#: its DCT an inline TIMEX3 with functionInDocument="CREATION_TIME"
_TEMPEVAL_OPEN = re.compile(r"<TempEval(?:\s[^>]*)?>")
_TEMPEVAL_CLOSE = re.compile(r"</TempEval\s*>")
_TAG = re.compile(r"<(/?)([A-Za-z_][\w.-]*)((?:\s+[^\s=>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
_ATTR = re.compile(r"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_DCT_BLOCK = re.compile(r"<(DCT|DATETIME)>(.*?)</(?:DCT|DATETIME)>", re.DOTALL)
_DCT_VALUE = re.compile(r"\b(?:value|val)\s*=\s*\"([^\"]*)\"")
#: the time expression elements read: TimeML's TIMEX3, and ACE TERN's TIMEX2 (WikiWars)
_TIMEX_TAGS = ("TIMEX3", "TIMEX2")


@dataclass(frozen=True)
class TimeMLTimex:
    """A TIMEX3 element found in ``<TEXT>``, with plain-text offsets."""

    start: int
    end: int
    text: str
    attrs: dict[str, str]

    @property
    def type(self) -> str:
        return self.attrs.get("type", "")

    @property
    def value(self) -> str:
        return self.attrs.get("value", "")


@dataclass(frozen=True)
class TimeMLDoc:
    raw: str
    dct: str | None
    text: str
    text_start: int  # raw offset of the first byte inside <TEXT>
    text_end: int  # raw offset of </TEXT>
    raw_pos: tuple[int, ...]  # plain offset -> raw offset (len(text) + 1 entries)
    timexes: tuple[TimeMLTimex, ...]
    name: str = ""
    #: "TIMEX2" for an ACE TERN file (``<DATETIME>``, ``<TIMEX2 val=...>``)
    scheme: str = "TIMEX3"


def _timex2_attrs(attrs: dict[str, str]) -> dict[str, str]:
    """TIMEX2 attributes with the TIMEX3 names the scorer reads: ``val`` as ``value`` and
    the type its form shows (TIMEX2 has none): SET for ``set="YES"``, DURATION for "P...",
    TIME for a clock or a part of the day, else DATE."""
    value = attrs.get("val", "")
    if attrs.get("set") == "YES":
        kind = "SET"
    elif value.startswith("P") and not value.endswith("_REF"):
        kind = "DURATION"
    elif "T" in value[1:] and not value.endswith("_REF"):
        kind = "TIME"
    else:
        kind = "DATE"
    return {**attrs, "value": value, "type": kind}


def _text_region(raw: str, name: str) -> tuple[re.Match[str], re.Match[str]]:
    """The opening and closing tags of the text: <TEXT>, else a TempEval-1 <TempEval>."""
    mo = _TEXT_OPEN.search(raw)
    mc = _TEXT_CLOSE.search(raw, mo.end()) if mo else None
    if mo is None:
        mo = _TEMPEVAL_OPEN.search(raw)
        mc = _TEMPEVAL_CLOSE.search(raw, mo.end()) if mo else None
    if mo is None or mc is None:
        raise TimelineError(f"{name or 'input'}: not a TimeML file (no <TEXT> element)")
    return mo, mc


def _header_dct(raw: str, before: int) -> str | None:
    """The DCT of a <DCT> (TimeML) or <DATETIME> (ACE TERN) block before the text."""
    block = _DCT_BLOCK.search(raw, 0, before)
    if block is None:
        return None
    mv = _DCT_VALUE.search(block[2])
    if mv:
        return mv[1][:10]
    if block[1] == "DATETIME":  # "<DATETIME> 2011-02-16T17:00:00 </DATETIME>"
        return block[2].strip()[:10] or None
    return None


def parse_timeml(raw: str, name: str = "") -> TimeMLDoc:
    """Parse a TimeML document held in memory."""
    mo, mc = _text_region(raw, name)
    dct = _header_dct(raw, mo.start())
    scheme = "TIMEX2" if "<TIMEX2" in raw[mo.end() : mc.start()] else "TIMEX3"
    chars: list[str] = []
    pos: list[int] = []
    timexes: list[TimeMLTimex] = []
    open_stack: list[tuple[int, dict[str, str]]] = []
    i, end = mo.end(), mc.start()
    while i < end:
        ch = raw[i]
        if ch == "<":
            m = _TAG.match(raw, i, end)
            if m:
                closing, tagname, attrs_text, selfclose = m[1], m[2], m[3], m[4]
                if tagname in _TIMEX_TAGS:
                    if closing and open_stack:
                        s, attrs = open_stack.pop()
                        timexes.append(TimeMLTimex(s, len(chars), "".join(chars[s:]), attrs))
                    elif not closing and not selfclose:
                        attrs = {
                            a: (v if v is not None else w) for a, v, w in _ATTR.findall(attrs_text)
                        }
                        if tagname == "TIMEX2":
                            attrs = _timex2_attrs(attrs)
                        open_stack.append((len(chars), attrs))
                i = m.end()
                continue
        elif ch == "&":
            m = _ENTITY.match(raw, i, end)
            if m:
                decoded = html.unescape(m[0])
                for c in decoded:
                    chars.append(c)
                    pos.append(i)
                i = m.end()
                continue
        chars.append(ch)
        pos.append(i)
        i += 1
    pos.append(end)
    text = "".join(chars)
    fixed = tuple(
        TimeMLTimex(t.start, t.end, text[t.start : t.end], t.attrs)
        for t in sorted(timexes, key=lambda t: t.start)
    )
    if dct is None:  # TempEval-1: the creation time is tagged inline
        created = [t for t in fixed if t.attrs.get("functionInDocument") == "CREATION_TIME"]
        dct = created[0].value[:10] if created else None
    return TimeMLDoc(raw, dct, text, mo.end(), mc.start(), tuple(pos), fixed, name, scheme)


def read_timeml(path: Path) -> TimeMLDoc:
    """Read a TimeML file; a one-line TimelineError when it is missing or not TimeML."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise TimelineError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise TimelineError(f"{path}: not UTF-8 text") from None
    except OSError as err:
        raise TimelineError(f"{path}: cannot read ({err.strerror})") from None
    return parse_timeml(raw, path.name)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def render_timeml(doc: TimeMLDoc, timexes: Iterable[Timex]) -> str:
    """The document with the inner tags of <TEXT> replaced by our TIMEX3 tags."""
    # plain-text segments between raw positions: copy raw bytes of the text, skipping
    # the original inner tags, inserting ours at plain offsets
    inserts: dict[int, list[str]] = {}
    for t in timexes:
        if t.rule.startswith("derived:"):
            continue
        attrs = f'tid="{_attr(t.tid)}" type="{t.type}" value="{_attr(t.value)}"'
        if t.mod:
            attrs += f' mod="{_attr(t.mod)}"'
        if t.quant:
            attrs += f' quant="{_attr(t.quant)}"'
        if t.freq:
            attrs += f' freq="{_attr(t.freq)}"'
        if t.anchor:
            attrs += f' anchorTimeID="{_attr(t.anchor)}"'
        inserts.setdefault(t.start, []).append(f"<TIMEX3 {attrs}>")
        inserts.setdefault(t.end, []).insert(0, "</TIMEX3>")
    out: list[str] = [doc.raw[: doc.text_start]]
    n = len(doc.text)
    i = 0
    while i < n:
        if i in inserts:
            out.extend(inserts[i])
        # copy the raw characters of plain char i (an entity maps several raw chars)
        r = doc.raw_pos[i]
        j = i + 1
        while j < n and doc.raw_pos[j] == r:
            j += 1
        nxt = doc.raw_pos[j] if j < n else doc.text_end
        piece = doc.raw[r:nxt]
        if "<" in piece:  # drop the original inner tags that sat between two characters
            piece = _TAG.sub("", piece)
        out.append(piece)
        i = j
    if n in inserts:
        out.extend(inserts[n])
    out.append(doc.raw[doc.text_end :])
    return "".join(out)


def tag_timeml(doc: TimeMLDoc, domain: str = "auto", lang: str | None = None) -> tuple[Timex, ...]:
    """Our timexes for a TimeML document's text, with the date rules of ``lang`` (None: of
    the language detected in the text; TimeML output leaves derived timexes out)."""
    from timeline.pipeline import date_language
    from timeline.temporal import tag

    code = date_language(doc.text, lang)
    return tag(doc.text, doc.dct, domain=domain, derived=False, lang=code).timexes  # type: ignore[arg-type]


def output_name(path: Path) -> str:
    name = path.name
    return name[: -len(".TE3input")] if name.endswith(".TE3input") else name


def timeml_inputs(inputs: Iterable[Path]) -> list[Path]:
    """Files named directly, and the TimeML files of folders (sorted)."""
    files: list[Path] = []
    for p in inputs:
        if p.is_dir():
            found = sorted(
                q
                for q in p.rglob("*")
                if q.is_file()
                and (
                    q.suffix.lower() in (".tml", ".xml", ".timeml") or q.name.endswith(".TE3input")
                )
            )
            if not found:
                raise TimelineError(f"{p}: no TimeML files (.tml, .TE3input) in this folder")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise TimelineError(f"{p}: no such file or folder")
    return files


def tag_timeml_paths(
    inputs: list[Path], out_dir: Path, domain: str = "auto", lang: str | None = None
) -> list[Path]:
    """Tag every TimeML input and write it to ``out_dir`` under its base name."""
    if domain not in ("auto", "news", "narrative"):
        raise TimelineError(f"unknown domain {domain!r}: use news, narrative or auto")
    files = timeml_inputs(inputs)
    docs = [(p, read_timeml(p)) for p in files]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise TimelineError(f"{out_dir}: cannot create folder ({err.strerror})") from None
    written: list[Path] = []
    for p, doc in docs:
        target = out_dir / output_name(p)
        target.write_text(render_timeml(doc, tag_timeml(doc, domain, lang)), encoding="utf-8")
        written.append(target)
    return written
