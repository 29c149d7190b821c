"""Command line: argv -> pipeline calls, exit codes. No logic of its own.

Exit status: 0 success, 1 success with some inputs skipped, 2 bad input or options
(one line on stderr, never a traceback), 130 interrupted.

The choices and help of ``brief --format``, ``--method`` and the inputs ``brief`` reads
come from the registries (``timeline.render.core.OUTPUT_FORMATS``,
``timeline.summarize.SUMMARIZERS``, ``timeline.ingest.formats.INPUT_KINDS``). A
subcommand's arguments are added when that subcommand is used, so ``timeline --help``
and ``timeline tag`` import none of them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from timeline import __version__
from timeline.errors import NoDateError, OptionError, TimelineError

DEFAULT_FORMATS = ("html", "md", "json")  # the page, its Markdown and its data
DEFAULT_METHOD = "news"  # our news-tuned summarizer
DOMAINS = ("auto", "news", "narrative")
EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _formats(value: str) -> tuple[str, ...]:
    from timeline.render.core import OUTPUT_FORMATS

    names = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    bad = [n for n in names if n not in OUTPUT_FORMATS]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(bad) or value!r} "
            f"(choose from {', '.join(OUTPUT_FORMATS)})"
        )
    return names


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {n}")
    return n


def _listed(registry: dict[str, Any]) -> str:
    """"name = help; ..." for an argument's help, from a registry of objects with ``.help``."""
    text = "; ".join(f"{name} = {entry.help}" for name, entry in registry.items())
    return text.replace("%", "%%")  # argparse formats help with %


class _Parser(argparse.ArgumentParser):
    """Errors are one line and exit 2. ``populate`` adds the arguments when the parser is
    first used (see ``_Subcommands``), so building the whole parser stays cheap."""

    def __init__(self, *args: Any, populate: Callable[[_Parser], None] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._populate = populate

    def populate(self) -> None:
        if self._populate is not None:
            populate, self._populate = self._populate, None
            populate(self)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _Subcommands(argparse._SubParsersAction):
    """Subcommands whose arguments are added only when one is chosen."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        chosen = self._name_parser_map.get(values[0]) if values else None
        if isinstance(chosen, _Parser):
            chosen.populate()
        super().__call__(parser, namespace, values, option_string)


def _add_date_domain(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="publication date (document creation time); overrides a dateline in the text",
    )
    p.add_argument(
        "--domain",
        choices=DOMAINS,
        default="auto",
        help="resolve relative dates against the publication date (news) or the last "
        "mentioned date (narrative); default: decide from the text",
    )
    p.add_argument(
        "--lang",
        metavar="CODE",
        help="language of the dates (en, fr, de, pt, es); default: detected from the text",
    )


def _add_allow_private(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-private", action="store_true",
                   help="let URLs reach this machine and private networks (intranet use); "
                   "link-local (cloud metadata), multicast and reserved addresses stay refused")


def _limit(value: str) -> str:
    from timeline.ingest.limits import Limits

    try:
        Limits.parse([value])
    except OptionError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _add_limits(p: argparse.ArgumentParser) -> None:
    from timeline.ingest.limits import LIMIT_NAMES, Limits

    shown = "; ".join(f"{Limits().shown(name)}: {what}" for name, what in LIMIT_NAMES.items())
    p.add_argument("--limit", action="append", default=[], metavar="NAME=SIZE", type=_limit,
                   help="raise a reading limit (repeat for several; SIZE like 512M or 2G); "
                   f"defaults: {shown}".replace("%", "%%"))


def _brief_arguments(b: _Parser) -> None:
    from timeline.ingest.formats import INPUT_KINDS
    from timeline.render.core import OUTPUT_FORMATS
    from timeline.summarize import SUMMARIZERS

    kinds = ", ".join(kind.help for kind in INPUT_KINDS.values())
    b.description = (
        "Write DIR/<slug>.html, .md, .json for an article or for a story told by several "
        f"inputs: {kinds}, http(s) URLs, folders of them, or '-' for text on stdin."
    )
    b.add_argument("inputs", nargs="*", metavar="INPUT", help="file, folder, URL, or - (stdin)")
    b.add_argument("--sample", action="store_true", help="brief the bundled sample article")
    _add_date_domain(b)
    _add_allow_private(b)
    _add_limits(b)
    b.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    b.add_argument(
        "--format",
        type=_formats,
        default=DEFAULT_FORMATS,
        metavar="FMT[,FMT]",
        help=f"output formats (default: {','.join(DEFAULT_FORMATS)}): {_listed(OUTPUT_FORMATS)}",
    )
    b.add_argument(
        "--method",
        default=DEFAULT_METHOD,
        choices=tuple(SUMMARIZERS),
        metavar="METHOD",
        help=f"summarizer (default: {DEFAULT_METHOD}): {_listed(SUMMARIZERS)}",
    )
    length = b.add_mutually_exclusive_group()
    length.add_argument("--sentences", type=_positive, metavar="N", help="summary length")
    length.add_argument("--words", type=_positive, metavar="N", help="summary length in words")
    b.add_argument("--locale", help="locale of the briefing's words and dates, e.g. fr, de_CH "
                   "(default: the article's language)")
    b.add_argument("--keywords", default="", help="comma-separated topic filter (stories)")
    b.add_argument("--since", metavar="YYYY-MM-DD", help="keep events from this date on")
    b.add_argument("--until", metavar="YYYY-MM-DD", help="keep events up to this date")
    b.add_argument("--max-dates", type=_positive, metavar="N", help="dates in a story timeline")
    b.add_argument(
        "--per-date", type=_positive, default=1, metavar="N", help="entries per story date"
    )
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where articles are analysed: this machine's process pool (local) or "
                   'a dask.distributed cluster (dask; pip install "timeline[dask]")')
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask scheduler to use, e.g. tcp://10.0.0.5:8786 (default: a local "
                   "cluster of this machine's cores)")
    b.add_argument("--store", metavar="PATH", help="cache analyses in this SQLite store (the "
                   "one digest keeps): a rerun analyses only the articles that changed")
    # --email-* (render helper): headers of the .eml
    b.add_argument("--email-from", metavar="ADDR", help="From header of the .eml")
    b.add_argument("--email-to", action="append", default=[], metavar="ADDR",
                   help="To header of the .eml (repeat for several)")


def _digest_arguments(d: _Parser) -> None:
    from timeline.render.digest import DIGEST_FORMATS

    d.description = (
        "Group the inputs (feeds, articles, folders, URLs) into stories: one briefing per "
        "story, and a digest page, Markdown, email and JSON ranking them, with the items "
        "that belong to no story and what is new since the previous digest."
    )
    d.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, URL, or - (stdin)")
    d.add_argument("--date", metavar="YYYY-MM-DD", help="the digest's day and the date of "
                   "undated items (default: the newest item's date)")
    d.add_argument("--since", metavar="YYYY-MM-DD", help="leave out items published before")
    _add_allow_private(d)
    _add_limits(d)
    d.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    d.add_argument("--store", metavar="PATH", help="the SQLite store that follows stories "
                   "from run to run (default: DIR/timeline.sqlite)")
    d.add_argument("--format", type=_digest_formats, default=DIGEST_FORMATS[:3],
                   metavar="FMT[,FMT]", help=f"digest formats (default: html,md,json; "
                   f"choose from {','.join(DIGEST_FORMATS)}); each story is briefed in "
                   "html and json")
    d.add_argument("--domain", choices=DOMAINS, default="auto", help=argparse.SUPPRESS)
    d.add_argument("--locale", help="locale of the digest's words and dates, e.g. fr, de_CH "
                   "(default: the language most items are written in)")
    d.add_argument("--email-from", metavar="ADDR", help="From header of the .eml")
    d.add_argument("--email-to", action="append", default=[], metavar="ADDR",
                   help="To header of the .eml (repeat for several)")


def _digest_formats(value: str) -> tuple[str, ...]:
    from timeline.render.digest import DIGEST_FORMATS

    names = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    bad = [n for n in names if n not in DIGEST_FORMATS]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(bad) or value!r} (choose from {', '.join(DIGEST_FORMATS)})"
        )
    return names


def _tag_arguments(t: _Parser) -> None:
    t.add_argument("inputs", nargs="+", metavar="INPUT", help="article file, - for stdin, or "
                   "TimeML file/folder with --format timeml")
    _add_date_domain(t)
    _add_allow_private(t)
    _add_limits(t)
    t.add_argument("--format", choices=("text", "json", "timeml"), default="text")
    t.add_argument("--out", metavar="DIR", help="output folder (required for --format timeml)")


def _evaluate_timeml_arguments(et: _Parser) -> None:
    et.add_argument("gold", metavar="GOLD_DIR", nargs="+",
                    help="gold folder(s): a row each and their micro-average; a second folder "
                    "holding files named as the first's is the system output to score")
    et.add_argument("--documents", action="store_true", help="a row per document instead")
    et.add_argument("--json", action="store_true", help="print JSON")
    et.add_argument("--domain", choices=DOMAINS, default="auto",
                    help="domain used when tagging GOLD_DIR in memory (no SYSTEM_DIR)")
    et.add_argument("--lang", metavar="CODE",
                    help="date rules to tag GOLD_DIR with; default: detected per document")
    et.add_argument("--errors", type=int, default=50, metavar="N",
                    help="value errors to list (default 50; -1 for all)")


def _evaluate_summary_arguments(es: _Parser) -> None:
    from timeline.summarize import SUMMARIZERS

    es.add_argument("data", metavar="DATA.jsonl")
    es.add_argument(
        "--method",
        action="append",
        metavar="M[,M]",
        help=f"method(s) to score beside lead-3: {', '.join(SUMMARIZERS)} "
        f"(default: {DEFAULT_METHOD})",
    )
    es_len = es.add_mutually_exclusive_group()
    es_len.add_argument("--sentences", type=_positive, metavar="N", help="sentences (default 3)")
    es_len.add_argument("--words", type=_positive, metavar="N", help="summary length in words")
    es.add_argument("--json", action="store_true", help="print JSON")
    es.add_argument("--margin", action="store_true",
                    help="also each method's margin over lead-3 on split halves and a bootstrap")


def _extract_arguments(x: _Parser) -> None:
    x.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, URL, or - (stdin)")
    x.add_argument("--format", choices=("json", "text"), default="json",
                   help="one JSON object per article (JSON Lines), or text (default: json)")
    _add_allow_private(x)
    _add_limits(x)
    x.add_argument("--date", metavar="YYYY-MM-DD",
                   help="publication date for articles that give none (overrides a single "
                   "input's own)")


def _evaluate_ingest_arguments(ei: _Parser) -> None:
    ei.add_argument("dataset_dir", metavar="DATASET_DIR",
                    help="articles-scrapinghub, articles-trafilatura-eval or dates-htmldate")
    ei.add_argument("--route", choices=("html", "paste"), default="html",
                    help="read the page (html) or the text copied from it (paste; needs the "
                    "cache written by tests/bench/paste_cache.py)")
    ei.add_argument("--paste-cache", metavar="DIR", help="folder of pasted texts (paste route)")
    ei.add_argument("--limit", type=_positive, metavar="N", help="only the first N pages")
    ei.add_argument("--compare", action="store_true",
                    help="also score trafilatura.extract and htmldate.find_date on the pages")
    ei.add_argument("--json", action="store_true", help="print JSON")


def _evaluate_stories_arguments(st: _Parser) -> None:
    st.add_argument("sets", nargs="+", metavar="DATASET",
                    help="a {text, cluster} .jsonl file or a folder of them (stories-googlenews)")
    st.add_argument("--json", action="store_true", help="print JSON")


def _evaluate_tls_arguments(el: _Parser) -> None:
    el.add_argument("dataset_dir", metavar="DATASET_DIR")
    el.add_argument("--json", action="store_true", help="print JSON")
    el.add_argument("--topics", nargs="+", metavar="TOPIC", help="only these topic folders")
    el.add_argument(
        "--workers", type=_positive, metavar="N", help="tagging processes (default: all cores)"
    )
    el.add_argument("--uncompressed", action="store_true",
                    help="score each date's sentences as written (no compression to the event)")


def _evaluate_arguments(e: _Parser) -> None:
    esub = e.add_subparsers(dest="dataset", metavar="KIND", parser_class=_Parser,
                            action=_Subcommands)
    esub.add_parser("timeml", help="TempEval-3 Task A TIMEX3 scores",
                    populate=_evaluate_timeml_arguments)
    esub.add_parser("summary", help="ROUGE of summaries on CNN/DailyMail-style JSONL",
                    populate=_evaluate_summary_arguments)
    esub.add_parser("tls", help="timeline summarization on a Timeline17-style folder",
                    populate=_evaluate_tls_arguments)
    esub.add_parser("ingest", help="body, title and date extraction on page benchmarks",
                    populate=_evaluate_ingest_arguments)
    esub.add_parser("stories", help="story grouping on {text, cluster} JSON Lines "
                    "(NMI, accuracy, B-cubed)", populate=_evaluate_stories_arguments)


def _send_arguments(sd: _Parser) -> None:
    sd.add_argument("eml", metavar="FILE.eml", help="the .eml written by brief --format eml")
    sd.add_argument("--to", action="append", default=[], metavar="ADDR",
                    help="recipient (repeat for several; default: the file's To header)")
    sd.add_argument("--smtp", required=True, metavar="HOST:PORT", help="SMTP server")
    sd.add_argument("--from", dest="sender", metavar="ADDR",
                    help="envelope sender (default: the file's From header)")
    sd.add_argument("--starttls", action="store_true", help="upgrade the connection with STARTTLS")
    sd.add_argument("--smtps", action="store_true",
                    help="speak TLS from the start (SMTPS, usually port 465)")
    sd.add_argument("--user", metavar="USER", help="log in as USER (password from "
                    "TIMELINE_SMTP_PASSWORD); only over TLS (--starttls or --smtps)")
    sd.add_argument("--insecure-login", action="store_true",
                    help="allow --user to log in without TLS (the password in cleartext)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="timeline",
        description="Turn news articles into dated briefings: every time expression "
        "normalized (TIMEX3), events in order, an extractive summary, HTML/Markdown/JSON.",
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser,
                                action=_Subcommands)
    sub.add_parser(
        "brief",
        help="write a briefing (HTML, Markdown, JSON, ...) of one article or a story",
        populate=_brief_arguments,
    )
    sub.add_parser(
        "digest",
        help="group feeds and articles into stories: a digest page, email and briefings",
        populate=_digest_arguments,
    )
    sub.add_parser(
        "tag",
        help="print the time expressions of an article (or write TimeML)",
        description="Find and normalize every time expression (TIMEX3) in INPUT.",
        populate=_tag_arguments,
    )
    sub.add_parser(
        "extract",
        help="print what ingest reads in each input: title, date, byline, body",
        description="Print the title, publication date (TIMEX3 value, or null), where the "
        "date came from, byline, URL, language and article body of every input.",
        populate=_extract_arguments,
    )
    sub.add_parser("evaluate", help="measure accuracy on a development set",
                   populate=_evaluate_arguments)
    sub.add_parser(
        "send",
        help="send a briefing .eml (from `brief --format eml`) over SMTP",
        description="Send an .eml file as written; a Date header is added at sending "
        "time only when the file has none. --to/--from are the SMTP envelope (default: the "
        "file's To and From headers). The SMTP password, if any, is read from the "
        "environment variable TIMELINE_SMTP_PASSWORD.",
        populate=_send_arguments,
    )
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


# commands -------------------------------------------------------------------------------


def _load(inputs: list[str], date: str | None,
          limits: Sequence[str] = ()) -> tuple[list, list[str]]:
    """Documents from INPUT arguments (files, folders, URLs, ``-``), and what was skipped."""
    from timeline.ingest.formats import load_inputs
    from timeline.ingest.limits import Limits
    from timeline.ingest.url import redact

    loaded = load_inputs(inputs, date=date, limits=Limits.parse(limits))
    skipped = [redact(f"{src}: {why}") for src, why in loaded.skipped]
    return list(loaded.documents), skipped


def _read_documents(args: argparse.Namespace) -> tuple[list, list[str]]:
    from timeline.ingest import load_sample

    if args.sample:
        if args.inputs:
            raise TimelineError("give either --sample or INPUT files, not both")
        return [load_sample(date=args.date)], []
    inputs = list(args.inputs)
    if not inputs:
        if sys.stdin.isatty():
            raise TimelineError("no input: give an article file, '-' for stdin, or --sample")
        inputs = ["-"]
    return _load(inputs, args.date, args.limit)


def _story_only_options(args: argparse.Namespace) -> list[str]:
    """The options given that only a story of several articles uses."""
    given = (("--max-dates", args.max_dates),
             ("--per-date", args.per_date != 1), ("--keywords", args.keywords))
    return [flag for flag, value in given if value]


def _brief_on_engine(docs: list, options: Any, args: argparse.Namespace) -> Any:
    """brief with --engine, --scheduler or --store: the engine analyses what the store
    does not have cached (and says how many on stderr when there is a store)."""
    from contextlib import nullcontext

    from timeline.engine import analyze_shards, shards_of
    from timeline.pipeline import brief_analyzed
    from timeline.store import Store

    if not docs:
        raise TimelineError("no input articles")
    with Store.open(Path(args.store)) if args.store else nullcontext() as store:
        done = analyze_shards(shards_of(docs), options.domain, engine=args.engine,
                              scheduler=args.scheduler, lang=options.lang, store=store)
    if args.store:
        print(f"timeline: analysed {done.analysed} articles, {done.reused} from the store",
              file=sys.stderr)
    return brief_analyzed(done.documents, options)


def cmd_brief(args: argparse.Namespace) -> int:
    from timeline.language import article_language, support_notes
    from timeline.pipeline import BriefOptions, brief
    from timeline.render import write_briefing

    docs, skipped = _read_documents(args)
    keywords = tuple(k.strip() for k in args.keywords.split(",") if k.strip())
    if len(docs) > 1:
        from timeline.digest import choose_story

        docs, stories = choose_story(docs, keywords)
        if stories > 1:
            which = "the one naming --keywords" if keywords else "the largest"
            print(f"timeline: the inputs tell {stories} stories; briefed {which} "
                  f"({len(docs)} articles); `timeline digest` shows them all", file=sys.stderr)
    unused = _story_only_options(args) if len(docs) == 1 else []
    if unused:
        print(f"timeline: {', '.join(unused)} shape a story told by several articles; a single "
              "article's timeline is kept whole", file=sys.stderr)
    options = BriefOptions(
        method=args.method,
        sentences=args.sentences,
        words=args.words,
        domain=args.domain,
        lang=args.lang,
        keywords=keywords,
        since=args.since,
        until=args.until,
        max_dates=args.max_dates,
        per_date=args.per_date,
        skipped=tuple(skipped),
    )
    if args.engine == "local" and args.scheduler is None and args.store is None:
        briefing = brief(docs, options)
    else:
        briefing = _brief_on_engine(docs, options, args)
    locale = args.locale or article_language([d.body for d in docs], args.lang)
    if args.lang is None:  # a language without rules is read as English: say so
        for note in support_notes((d.path or d.id, d.body) for d in docs):
            print(f"timeline: {note}", file=sys.stderr)
    paths = write_briefing(briefing, Path(args.out), args.format, locale=locale,
                           email_from=args.email_from, email_to=args.email_to)
    for why in skipped:
        print(f"timeline: skipped {why}", file=sys.stderr)
    for p in paths:
        print(p)
    return EXIT_SKIPPED if skipped else 0


def cmd_digest(args: argparse.Namespace) -> int:
    from timeline.digest import DigestOptions, build_digest, record_digest
    from timeline.language import majority_language
    from timeline.pipeline import BriefOptions
    from timeline.render.digest import write_digest
    from timeline.store import Store

    docs, skipped = _load(list(args.inputs), args.date, args.limit)
    options = DigestOptions(date=args.date, since=args.since,
                            brief=BriefOptions(domain=args.domain, skipped=tuple(skipped)))
    out = Path(args.out)
    with Store.open(Path(args.store) if args.store else out / "timeline.sqlite") as store:
        run = build_digest(docs, options, store)
        locale = args.locale or majority_language([d.body for d in docs])
        paths = write_digest(run.digest, out, args.format, locale=locale,
                             email_from=args.email_from, email_to=args.email_to)
        record_digest(store, run.digest)
    d = run.digest
    print(f"timeline: {len(d.stories)} stories, {len(d.other)} other items; tagged "
          f"{run.tagged} articles, {run.reused} from the store", file=sys.stderr)
    for why in skipped:
        print(f"timeline: skipped {why}", file=sys.stderr)
    for p in paths:
        print(p)
    return EXIT_SKIPPED if skipped else 0


def cmd_tag(args: argparse.Namespace) -> int:
    from timeline.pipeline import date_language, require_dct
    from timeline.temporal import tag

    if args.format == "timeml":
        if not args.out:
            raise TimelineError("--format timeml needs --out DIR")
        from timeline.timeml import tag_timeml_paths

        paths = [Path(i) for i in args.inputs]
        for p in tag_timeml_paths(paths, Path(args.out), args.domain, args.lang):
            print(p)
        return 0
    if len(args.inputs) != 1:
        raise TimelineError("tag takes one INPUT (or several with --format timeml)")
    docs, _ = _load(list(args.inputs), args.date, args.limit)
    if len(docs) != 1:
        raise TimelineError(f"{args.inputs[0]}: holds {len(docs)} articles; tag takes one")
    doc = docs[0]
    require_dct(doc)
    lang = date_language(doc.text[doc.body_start : doc.body_end], args.lang)
    result = tag(doc.text, doc.dct, domain=args.domain, start=doc.body_start, end=doc.body_end,
                 lang=lang)
    if args.format == "json":
        import json

        from timeline.render.schema import tag_data

        data = tag_data(doc.dct, result.domain, result.timexes)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(f"# DCT {doc.dct} ({doc.dct_source}), domain {result.domain}")
        for t in result.timexes:
            value = f"{t.value} mod={t.mod}" if t.mod else t.value
            print(f"{t.start:>6}-{t.end:<6} {t.type:<8} {value:<28} {t.text}")
    return 0


# evaluate KIND -> the module whose cli_main(args) runs it (imported only when chosen)
EVALUATORS = {
    "timeml": "timeline.evaluate.timeml",
    "summary": "timeline.evaluate.summary",
    "tls": "timeline.evaluate.tls",
    "ingest": "timeline.evaluate.ingest",
    "stories": "timeline.evaluate.stories",
}


def cmd_evaluate(args: argparse.Namespace) -> int:
    import importlib

    module = EVALUATORS.get(args.dataset)
    if module is None:
        raise TimelineError(f"evaluate what? choose {', '.join(EVALUATORS)}")
    result: int = importlib.import_module(module).cli_main(args)
    return result


def cmd_extract(args: argparse.Namespace) -> int:
    import json

    from timeline.ingest.extract import extract_record, record_text
    from timeline.ingest.formats import load_inputs
    from timeline.ingest.limits import Limits
    from timeline.ingest.url import redact

    loaded = load_inputs(list(args.inputs), date=args.date, require_date=False,
                         limits=Limits.parse(args.limit), empty_pages=True)
    for doc in loaded.documents:
        record = extract_record(doc, doc.path or doc.url or doc.id)
        if args.format == "json":
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(record_text(record))
    for src, why in loaded.skipped:
        print(redact(f"timeline: skipped {src}: {why}"), file=sys.stderr)
    return EXIT_SKIPPED if loaded.skipped else 0


def cmd_send(args: argparse.Namespace) -> int:
    from email.utils import formatdate

    from timeline.send import send_eml

    sender = send_eml(
        Path(args.eml),
        to=list(args.to),
        smtp=args.smtp,
        sender=args.sender,
        starttls=args.starttls,
        smtps=args.smtps,
        user=args.user,
        password=os.environ.get("TIMELINE_SMTP_PASSWORD"),
        insecure_login=args.insecure_login,
        date=formatdate(localtime=True),  # used only when the file has no Date header
    )
    to = ", ".join(args.to) or "the file's recipients"
    print(f"sent {args.eml} to {to} via {args.smtp} (from {sender or '<>'})")
    return 0


COMMANDS = {"brief": cmd_brief, "digest": cmd_digest, "tag": cmd_tag, "extract": cmd_extract,
            "evaluate": cmd_evaluate, "send": cmd_send}


def error_message(exc: TimelineError) -> str:
    """The one line the user sees: the library names the problem, the CLI the flag. A URL's
    user:password@ never shows."""
    from timeline.ingest.url import redact

    if isinstance(exc, OptionError):
        return redact(f"timeline: error: --{exc.option.replace('_', '-')}: {exc}")
    if isinstance(exc, NoDateError):
        return redact(f"timeline: error: {exc}; pass --date YYYY-MM-DD")
    return redact(f"timeline: error: {exc}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.command:
        build_parser().print_help()
        return EXIT_USAGE
    try:
        from timeline.ingest.url import private_networks

        with private_networks(getattr(args, "allow_private", False)):
            return COMMANDS[args.command](args)
    except TimelineError as exc:
        print(error_message(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("timeline: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours: still one line unless debugging
        if os.environ.get("TIMELINE_DEBUG"):
            raise
        print(
            f"timeline: internal error: {type(exc).__name__}: {exc} "
            "(set TIMELINE_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
