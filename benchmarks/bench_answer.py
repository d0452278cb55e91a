"""Question -> reply benchmark: prints figures for the README, asserts nothing.

Run: .venv/bin/python benchmarks/bench_answer.py [--passes 5] [--cold-runs 7]

1. In process, over the accuracy suite's questions (`tests/accuracy_cases.py` and the
   desk's `tests/accuracy_desk.py`, built from the shipped data, declines included): a
   first pass (every question once: vocabulary built, series and histories read and
   memoised), then `--passes` timed passes after that warm-up: median, p95, p99 and max
   per question. Then single-month questions spread across 1990-2026 (totals, imports,
   balance; English and Korean), first asked (each month's facts computed: its "highest
   since" and "lowest since" reach far back, which the record index in `data/scans.py`
   makes cheap) and then warm.
2. The same questions through a naive pipeline, `dateparser.search.search_dates(question)`
   with default settings (after its own warm-up), in the same run: the ratio of medians.
3. Cold start of `kortrade ask "exports January 2021"` as a whole process (store already
   built), median of `--cold-runs`; then `python -X importtime` of the same command: the
   slowest imports by cumulative time, and whether telegram, matplotlib or dateparser
   were imported at all (they must not be).
"""

from __future__ import annotations

import argparse
import calendar
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from accuracy_cases import (  # noqa: E402
    NAMES_CSV,
    TODAY,
    TRADE_CSV,
    Case,
    generated_cases,
    read_csv,
)
from accuracy_desk import DECLINES, desk_cases  # noqa: E402

from kortrade.answer import answer  # noqa: E402
from kortrade.data.store import open_store  # noqa: E402

COLD_QUESTION = "exports January 2021"
HEAVY = ("telegram", "matplotlib", "dateparser")


def _percentile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _summary(label: str, samples: Sequence[float]) -> str:
    return (
        f"{label:<34} median {statistics.median(samples):7.3f} ms   "
        f"p95 {_percentile(samples, 0.95):7.3f}   p99 {_percentile(samples, 0.99):7.3f}   "
        f"max {max(samples):8.3f}   (n={len(samples)})"
    )


def _timed(calls: Sequence[Callable[[], object]]) -> list[float]:
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000.0)
    return samples


def _in_process(store, cases: list[Case], passes: int) -> list[float]:
    calls = [
        (lambda c=case: answer(c.question, store=store, today=c.today, lang=c.lang))
        for case in cases
    ]
    # The desk's questions (shares, last, since, momentum, flash, follow-ups, declines).
    for desk in desk_cases(read_csv(TRADE_CSV), read_csv(NAMES_CSV)):
        case = desk.case
        previous = None
        if desk.previous is not None:
            previous = answer(desk.previous, store=store, today=case.today).intent
        calls.append(
            lambda c=case, p=previous: answer(
                c.question, store=store, today=c.today, lang=c.lang, previous=p
            )
        )
    calls += [(lambda q=q: answer(q, store=store, today=TODAY)) for q, _ in DECLINES]
    first = _timed(calls)
    print(_summary("answer(), first pass (cold caches)", first))
    steady = [sample for _ in range(passes) for sample in _timed(calls)]
    print(_summary(f"answer(), {passes} passes after warm-up", steady))
    return steady


def single_month_questions() -> list[str]:
    """Every fifth month from January 1990 to September 2026, asked in turn about exports,
    imports, the balance and (in Korean) exports."""
    from kortrade.months import month_range

    forms = (
        lambda y, m: f"exports {_MONTHS[m - 1]} {y}",
        lambda y, m: f"imports {_MONTHS[m - 1][:3]} {y}",
        lambda y, m: f"trade balance {y}-{m:02d}",
        lambda y, m: f"수출 {y}년 {m}월",
    )
    questions = []
    for number, period in enumerate(month_range("1990-01", "2026-09")):
        if number % 5:
            continue
        year, month = int(period[:4]), int(period[5:])
        questions.append(forms[number // 5 % len(forms)](year, month))
    return questions


_MONTHS = tuple(calendar.month_name[1:])


def _single_months(store, passes: int) -> None:
    today = TODAY
    questions = single_month_questions()
    calls = [(lambda q=q: answer(q, store=store, today=today)) for q in questions]
    print(_summary("single months 1990-2026, first asked", _timed(calls)))
    steady = [sample for _ in range(passes) for sample in _timed(calls)]
    print(_summary(f"single months 1990-2026, {passes} passes", steady))


def _naive(cases: list[Case], limit: int | None) -> list[float]:
    from dateparser.search import search_dates

    chosen = cases[:limit] if limit else cases
    search_dates(chosen[0].question)  # its first call loads its language data: not timed
    samples = _timed([(lambda q=case.question: search_dates(q)) for case in chosen])
    print(_summary("naive: dateparser.search_dates", samples))
    return samples


def _cold_start(db: Path, runs: int) -> None:
    env = {**os.environ, "KORTRADE_DB": str(db)}
    command = [sys.executable, "-m", "kortrade", "ask", COLD_QUESTION]
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
    print(
        f"cold start `kortrade ask {COLD_QUESTION!r}`: median {statistics.median(walls):.3f} s "
        f"(min {min(walls):.3f}, max {max(walls):.3f}, {runs} runs, store already built)"
    )
    traced = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    rows = []
    for line in traced.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) != 3 or not fields[0].strip().isdigit():  # other output, the header
            continue
        self_us, cumulative_us, name = fields
        rows.append((int(cumulative_us), int(self_us), name.strip()))
    total = sum(self_us for _, self_us, _ in rows) / 1000
    print(f"imports: {len(rows)} modules, {total:.0f} ms in total (self times summed)")
    print("slowest imports (cumulative ms, self ms, module):")
    for cumulative, self_us, name in sorted(rows, reverse=True)[:12]:
        print(f"  {cumulative / 1000:7.1f} {self_us / 1000:7.1f}  {name}")
    names = {name.split(".")[0] for _, _, name in rows}
    found = [heavy for heavy in HEAVY if heavy in names]
    print(f"heavy libraries imported by `kortrade ask`: {', '.join(found) if found else 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--naive-limit", type=int, default=None, help="naive questions to time")
    args = parser.parse_args(argv)
    cases = generated_cases(read_csv(TRADE_CSV), read_csv(NAMES_CSV))
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {len(cases)} questions from the accuracy suite, plus the desk's"
    )
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "kortrade.db"
        # Built in a child process, as a running bot opens a store built earlier: the
        # build's garbage would otherwise slow this process's collector (and its p99).
        build = f"from kortrade.data.store import open_store; open_store({str(db)!r}).close()"
        subprocess.run([sys.executable, "-c", build], check=True)
        store = open_store(db)
        ours = _in_process(store, cases, args.passes)
        _single_months(store, args.passes)
        naive = _naive(cases, args.naive_limit)
        ratio = statistics.median(naive) / statistics.median(ours)
        print(f"median speed-up over the naive pipeline: {ratio:,.0f}x")
        store.close()
        _cold_start(db, args.cold_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
