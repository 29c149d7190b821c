"""Command line: argv -> pipeline calls, exit codes. No logic of its own.

Exit status: 0 success, 1 success with some inputs skipped, 2 bad input or options
(one line on stderr, never a traceback), 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from timeline import __version__
from timeline.errors import TimelineError

SUMMARY_METHODS = ("news", "lead", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl")
BRIEF_FORMATS = ("html", "md", "json", "eml", "timelinejs", "ics", "csv")
EXIT_SKIPPED = 1


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    bad = [n for n in names if n not in BRIEF_FORMATS]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(bad) or value!r} (choose from {', '.join(BRIEF_FORMATS)})"
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


def _add_date_domain(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="publication date (document creation time); overrides a dateline in the text",
    )
    p.add_argument(
        "--domain",
        choices=("auto", "news", "narrative"),
        default="auto",
        help="resolve relative dates against the publication date (news) or the last "
        "mentioned date (narrative); default: decide from the text",
    )


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="timeline",
        description="Turn news articles into dated briefings: every time expression "
        "normalized (TIMEX3), events in order, an extractive summary, HTML/Markdown/JSON.",
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    # brief -----------------------------------------------------------------------
    b = sub.add_parser(
        "brief",
        help="write a briefing (HTML, Markdown, JSON, ...) of one article or a story",
        description="Write DIR/<slug>.html, .md, .json for an article or for a story told "
        "by several inputs: text files, HTML pages, JSON Lines (.jsonl, .jsonl.gz), RSS/Atom "
        "feeds, http(s) URLs, folders of them, or '-' for text on stdin.",
    )
    b.add_argument("inputs", nargs="*", metavar="INPUT", help="file, folder, URL, or - (stdin)")
    b.add_argument("--sample", action="store_true", help="brief the bundled sample article")
    _add_date_domain(b)
    b.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    b.add_argument(
        "--format",
        type=_formats,
        default=("html", "md", "json"),
        metavar="FMT[,FMT]",
        help=f"output formats: {', '.join(BRIEF_FORMATS)} (default: html,md,json)",
    )
    b.add_argument(
        "--method",
        default="news",
        choices=SUMMARY_METHODS,
        help="summarizer (default: news, our news-tuned method; lead = first sentences)",
    )
    length = b.add_mutually_exclusive_group()
    length.add_argument("--sentences", type=_positive, metavar="N", help="summary length")
    length.add_argument("--words", type=_positive, metavar="N", help="summary length in words")
    b.add_argument("--locale", default="en", help="locale for dates (default: en)")
    b.add_argument("--keywords", default="", help="comma-separated topic filter (stories)")
    b.add_argument("--since", metavar="YYYY-MM-DD", help="keep events from this date on")
    b.add_argument("--until", metavar="YYYY-MM-DD", help="keep events up to this date")
    b.add_argument("--max-dates", type=_positive, metavar="N", help="dates in a story timeline")
    b.add_argument(
        "--per-date", type=_positive, default=1, metavar="N", help="entries per story date"
    )
    # --email-* (render helper): headers of the .eml
    b.add_argument("--email-from", metavar="ADDR", help="From header of the .eml")
    b.add_argument("--email-to", action="append", default=[], metavar="ADDR",
                   help="To header of the .eml (repeat for several)")

    # tag -------------------------------------------------------------------------
    t = sub.add_parser(
        "tag",
        help="print the time expressions of an article (or write TimeML)",
        description="Find and normalize every time expression (TIMEX3) in INPUT.",
    )
    t.add_argument("inputs", nargs="+", metavar="INPUT", help="article file, - for stdin, or "
                   "TimeML file/folder with --format timeml")
    _add_date_domain(t)
    t.add_argument("--format", choices=("text", "json", "timeml"), default="text")
    t.add_argument("--out", metavar="DIR", help="output folder (required for --format timeml)")

    # evaluate ----------------------------------------------------------------------
    e = sub.add_parser("evaluate", help="measure accuracy on a development set")
    esub = e.add_subparsers(dest="dataset", metavar="KIND", parser_class=_Parser)
    et = esub.add_parser("timeml", help="TempEval-3 Task A TIMEX3 scores")
    et.add_argument("gold", metavar="GOLD_DIR")
    et.add_argument("system", metavar="SYSTEM_DIR", nargs="?")
    et.add_argument("--json", action="store_true", help="print JSON")
    et.add_argument("--domain", choices=("auto", "news", "narrative"), default="auto",
                    help="domain used when tagging GOLD_DIR in memory (no SYSTEM_DIR)")
    et.add_argument("--errors", type=int, default=50, metavar="N",
                    help="value errors to list (default 50; -1 for all)")
    es = esub.add_parser("summary", help="ROUGE of summaries on CNN/DailyMail-style JSONL")
    es.add_argument("data", metavar="DATA.jsonl")
    es.add_argument(
        "--method",
        action="append",
        metavar="M[,M]",
        help=f"method(s) to score beside lead-3: {', '.join(SUMMARY_METHODS)} (default: news)",
    )
    es_len = es.add_mutually_exclusive_group()
    es_len.add_argument("--sentences", type=_positive, metavar="N", help="sentences (default 3)")
    es_len.add_argument("--words", type=_positive, metavar="N", help="summary length in words")
    es.add_argument("--json", action="store_true", help="print JSON")
    es.add_argument("--margin", action="store_true",
                    help="also each method's margin over lead-3 on split halves and a bootstrap")
    el = esub.add_parser("tls", help="timeline summarization on a Timeline17-style folder")
    el.add_argument("dataset_dir", metavar="DATASET_DIR")
    el.add_argument("--json", action="store_true", help="print JSON")
    el.add_argument("--topics", nargs="+", metavar="TOPIC", help="only these topic folders")
    el.add_argument(
        "--workers", type=_positive, metavar="N", help="tagging processes (default: all cores)"
    )

    # send (render helper) ----------------------------------------------------------
    sd = sub.add_parser(
        "send",
        help="send a briefing .eml (from `brief --format eml`) over SMTP",
        description="Send an .eml file as written; a Date header is added at sending "
        "time only when the file has none. --to/--from are the SMTP envelope (default: the "
        "file's To and From headers). The SMTP password, if any, is read from the "
        "environment variable TIMELINE_SMTP_PASSWORD.",
    )
    sd.add_argument("eml", metavar="FILE.eml", help="the .eml written by brief --format eml")
    sd.add_argument("--to", action="append", default=[], metavar="ADDR",
                    help="recipient (repeat for several; default: the file's To header)")
    sd.add_argument("--smtp", required=True, metavar="HOST:PORT", help="SMTP server")
    sd.add_argument("--from", dest="sender", metavar="ADDR",
                    help="envelope sender (default: the file's From header)")
    sd.add_argument("--starttls", action="store_true", help="upgrade the connection with STARTTLS")
    sd.add_argument("--user", metavar="USER", help="log in as USER (password from "
                    "TIMELINE_SMTP_PASSWORD)")
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


# commands -------------------------------------------------------------------------------


def _load(inputs: list[str], date: str | None) -> tuple[list, list[str]]:
    """Documents from INPUT arguments: a text file or stdin directly, anything else
    (several inputs, folders, HTML, JSONL, feeds, URLs) through the format loader."""
    from timeline.ingest import read_path, read_text

    single = inputs[0] if len(inputs) == 1 else None
    if single is not None and (
        single == "-"
        or (
            Path(single).suffix in ("", ".txt")
            and not Path(single).is_dir()
            and "://" not in single
        )
    ):
        text, name = read_path(single)
        return [read_text(text, path=name, date=date)], []
    from timeline.ingest.formats import load_inputs

    loaded = load_inputs(inputs, date=date)
    skipped = [f"{src}: {why}" for src, why in loaded.skipped]
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
    return _load(inputs, args.date)


def cmd_brief(args: argparse.Namespace) -> int:
    from timeline.pipeline import BriefOptions, brief
    from timeline.render import write_briefing

    docs, skipped = _read_documents(args)
    options = BriefOptions(
        method=args.method,
        sentences=args.sentences,
        words=args.words,
        domain=args.domain,
        keywords=tuple(k.strip() for k in args.keywords.split(",") if k.strip()),
        since=args.since,
        until=args.until,
        max_dates=args.max_dates,
        per_date=args.per_date,
        skipped=tuple(skipped),
    )
    briefing = brief(docs, options)
    paths = write_briefing(briefing, Path(args.out), args.format, locale=args.locale,
                           email_from=args.email_from, email_to=args.email_to)
    for why in skipped:
        print(f"timeline: skipped {why}", file=sys.stderr)
    for p in paths:
        print(p)
    return EXIT_SKIPPED if skipped else 0


def cmd_tag(args: argparse.Namespace) -> int:
    import json

    from timeline.pipeline import require_dct
    from timeline.temporal import tag

    if args.format == "timeml":
        if not args.out:
            raise TimelineError("--format timeml needs --out DIR")
        from timeline.timeml import tag_timeml_paths

        for p in tag_timeml_paths([Path(i) for i in args.inputs], Path(args.out), args.domain):
            print(p)
        return 0
    if len(args.inputs) != 1:
        raise TimelineError("tag takes one INPUT (or several with --format timeml)")
    docs, _ = _load(list(args.inputs), args.date)
    if len(docs) != 1:
        raise TimelineError(f"{args.inputs[0]}: holds {len(docs)} articles; tag takes one")
    doc = docs[0]
    require_dct(doc)
    result = tag(doc.text, doc.dct, domain=args.domain, start=doc.body_start, end=doc.body_end)
    if args.format == "json":
        rows = [
            {
                "tid": t.tid,
                "text": t.text,
                "start": t.start,
                "end": t.end,
                "type": t.type,
                "value": t.value,
                "mod": t.mod,
                **({"anchor": t.anchor} if t.anchor else {}),
                **({"utc_offset": t.utc_offset} if t.utc_offset else {}),
                **({"quant": t.quant} if t.quant else {}),
                **({"freq": t.freq} if t.freq else {}),
            }
            for t in result.timexes
        ]
        out = {"dct": doc.dct, "domain": result.domain, "timexes": rows}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(f"# DCT {doc.dct} ({doc.dct_source}), domain {result.domain}")
        for t in result.timexes:
            value = f"{t.value} mod={t.mod}" if t.mod else t.value
            print(f"{t.start:>6}-{t.end:<6} {t.type:<8} {value:<28} {t.text}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.dataset == "timeml":
        from timeline.evaluate.timeml import cli_main as timeml_main

        return timeml_main(args)
    if args.dataset == "summary":
        from timeline.evaluate.summary import cli_main as summary_main

        return summary_main(args)
    if args.dataset == "tls":
        from timeline.evaluate.tls import cli_main as tls_main

        return tls_main(args)
    raise TimelineError("evaluate what? choose timeml, summary or tls")


def cmd_send(args: argparse.Namespace) -> int:
    from email.utils import formatdate

    from timeline.send import send_eml

    sender = send_eml(
        Path(args.eml),
        to=list(args.to),
        smtp=args.smtp,
        sender=args.sender,
        starttls=args.starttls,
        user=args.user,
        password=os.environ.get("TIMELINE_SMTP_PASSWORD"),
        date=formatdate(localtime=True),  # used only when the file has no Date header
    )
    to = ", ".join(args.to) or "the file's recipients"
    print(f"sent {args.eml} to {to} via {args.smtp} (from {sender or '<>'})")
    return 0


COMMANDS = {"brief": cmd_brief, "tag": cmd_tag, "evaluate": cmd_evaluate, "send": cmd_send}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.command:
        build_parser().print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except TimelineError as exc:
        print(f"timeline: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("timeline: interrupted", file=sys.stderr)
        return 130
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
        return 70


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
