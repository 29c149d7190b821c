"""Wall time of the command line, cold processes: `timeline --help`, `timeline brief --sample`
and a brief of a long text (the sample 100 times over, ~0.5 MB: cost must grow with
the length, not its square).

    python tests/bench/bench_cli.py [--runs 5]

Prints a table with the median, min and max of N runs of each command (a fresh Python
process every run, so imports count). Not collected by pytest: speed is reported, not gated.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS = {
    "timeline --help": ["--help"],
    "timeline brief --sample": ["brief", "--sample", "--out", "{out}"],
    "timeline tag sample --format json": ["tag", "{sample}", "--format", "json"],
    "timeline brief (sample x100, ~0.5 MB)": [
        "brief", "{long}", "--date", "2016-05-23", "--out", "{out}"
    ],
}
LONG_REPEAT = 100
BODY_LINES = 32  # the sample article before its agency line, date and page links


def measure(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            import timeline
            from timeline.ingest import SAMPLE_NAME

            sample = f"{timeline.__path__[0]}/data/samples/{SAMPLE_NAME}"
            with open(sample, encoding="utf-8") as f:
                text = f.read()
            long = f"{out}/long.txt"
            with open(long, "w", encoding="utf-8") as f:
                # the article's paragraphs, without the closing agency and date lines
                body = "\n".join(text.strip().split("\n")[:BODY_LINES])
                f.write("\n".join([body] * LONG_REPEAT) + "\n")
            args = [a.format(out=out, sample=sample, long=long) for a in argv]
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True,
                               check=False)
            times.append(time.perf_counter() - t0)
            if r.returncode != 0:
                raise SystemExit(f"{args} failed: {r.stderr.decode()[-500:]}")
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(f"{'command':<36} {'median s':>9} {'min s':>7} {'max s':>7}  (runs={args.runs})")
    for name, argv in COMMANDS.items():
        t = measure(argv, args.runs)
        print(f"{name:<36} {statistics.median(t):>9.3f} {min(t):>7.3f} {max(t):>7.3f}")


if __name__ == "__main__":
    main()
