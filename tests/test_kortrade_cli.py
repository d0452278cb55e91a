"""The `kortrade` command line: ask, ask --jsonl, chart, ingest and digest, as a user runs them.

In-process through `kortrade.cli.main` (fast), plus one real `kortrade ask --jsonl`
process fed bytes that are not UTF-8. Every command works on a private copy of the
shipped store (`KORTRADE_DB`); expected figures come from the shipped CSV.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from bot_support import PNG_SIGNATURE
from data_facts import LATEST_MONTH, NEW_SOURCE, TODAY

from kortrade.answer import answer
from kortrade.bot.replies.phrases import growth, money, month_name
from kortrade.cli import main
from kortrade.data import ingest, outbox, subscriptions
from kortrade.data.store import Store
from kortrade.months import month_range

KORTRADE = Path(sys.executable).with_name("kortrade")


@pytest.fixture
def db(store: Store, monkeypatch) -> Store:
    """The CLI's store: a private copy of the shipped one, named by KORTRADE_DB."""
    monkeypatch.setenv("KORTRADE_DB", str(store.path))
    return store


def release(rows, period, flow="export", product="all", partner="world"):
    return next(
        r
        for r in rows
        if (r["period"], r["flow"], r["product"], r["partner"], r["basis"])
        == (period, flow, product, partner, "release")
    )


def test_ask_prints_the_reply_in_the_language_asked(db, capsys, dataset_rows):
    row = release(dataset_rows, "2021-01", product="semiconductors")
    code = main(
        ["ask", "semiconductor exports January 2021", "--today", "2026-10-15", "--lang", "ko"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert growth(float(row["yoy_pct"]), "ko") in out and month_name("2021-01", "ko") in out


def test_ask_resolves_last_month_against_today(db, capsys, dataset_rows):
    row = release(dataset_rows, "2021-01")
    assert main(["ask", "exports last month", "--today", "2021-02-20"]) == 0
    out = capsys.readouterr().out
    assert money(float(row["value_usd_mn"])) in out and "last month (January 2021)" in out


def test_ask_without_a_question_prints_usage_and_exits_1(db, capsys):
    assert main(["ask"]) == 1
    assert "Usage: kortrade ask" in capsys.readouterr().err


def test_ask_rejects_a_today_that_is_not_a_date(db, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["ask", "exports", "--today", "yesterday"])
    assert exited.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def _jsonl(stdin: bytes, monkeypatch, capsys, *args: str) -> list[dict]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    assert main(["ask", "--jsonl", "--today", "2026-10-15", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_ask_jsonl_answers_every_line_even_a_bad_one(db, monkeypatch, capsys, dataset_rows):
    questions = [
        b"exports January 2021",
        b"\xff\xfe not utf-8 \xc3",
        b"",
        b"\x00\x1b[31m",
        "반도체 수출 2021년 1월".encode(),
        b"chip exports jan 2021\r",
    ]
    records = _jsonl(b"\n".join(questions) + b"\n", monkeypatch, capsys)
    assert len(records) == len(questions)
    for record in records:
        assert set(record) == {"question", "reply", "elapsed_ms"}
        assert record["reply"].strip() and record["elapsed_ms"] >= 0
    assert "\ufffd" in records[1]["question"]
    chips = release(dataset_rows, "2021-01", product="semiconductors")
    assert growth(float(chips["yoy_pct"])) in records[5]["reply"]
    assert records[5]["question"] == "chip exports jan 2021"


def test_ask_jsonl_takes_the_reply_language(db, monkeypatch, capsys):
    [record] = _jsonl(b"exports January 2021\n", monkeypatch, capsys, "--lang", "ko")
    assert "억 달러" in record["reply"]


def test_a_real_ask_jsonl_process_survives_bytes_that_are_not_utf8(db):
    env = {**os.environ, "KORTRADE_DB": str(db.path)}
    done = subprocess.run(
        [str(KORTRADE), "ask", "--jsonl", "--today", "2026-10-15"],
        input=b"exports January 2021\n\xff\xfe\nexports to China January 2021\n",
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    lines = done.stdout.decode("utf-8").splitlines()  # strict: the output is valid UTF-8
    assert [json.loads(line)["question"] for line in lines] == [
        "exports January 2021",
        "\ufffd\ufffd",
        "exports to China January 2021",
    ]


def test_ingest_of_a_bad_file_exits_1_naming_the_line_and_changes_nothing(
    db, tmp_path, capsys, dataset_rows, db_sha256
):
    header = ",".join(dataset_rows[0])
    good = ",".join(dataset_rows[0].values())
    bad = dict(dataset_rows[1], yoy_pct="abc")
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([header, good, ",".join(bad.values())]) + "\n", encoding="utf-8")
    before = db_sha256(db)
    assert main(["ingest", str(path)]) == 1
    err = capsys.readouterr().err
    assert "line 3" in err and "abc" in err
    assert "Traceback" not in err
    assert db_sha256(db) == before


def test_digest_prints_the_month_and_exits_0(db, capsys, dataset_rows):
    row = release(dataset_rows, "2021-01")
    assert main(["digest", "2021-01"]) == 0
    out = capsys.readouterr().out
    assert money(float(row["value_usd_mn"])) in out and growth(float(row["yoy_pct"])) in out


def _csv_file(path: Path, rows: list[dict[str, str]]) -> Path:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_ingest_with_sources_loads_both_and_prints_the_summary(db, tmp_path, capsys, dataset_rows):
    row = dict(release(dataset_rows, "2021-01", flow="import"), source=NEW_SOURCE["id"])
    figures = _csv_file(tmp_path / "figures.csv", [row])
    sources = _csv_file(tmp_path / "sources.csv", [NEW_SOURCE])
    assert main(["ingest", str(figures), "--sources", str(sources)]) == 0
    out = capsys.readouterr().out
    assert out == (
        "added 0, revised 1, unchanged 0 (periods 2021-01; new months: none); sources loaded: 1\n"
    )
    assert db.source(NEW_SOURCE["id"]) == NEW_SOURCE


def test_ingest_with_a_bad_sources_line_exits_1_naming_it_and_changes_nothing(
    db, tmp_path, capsys, dataset_rows, db_sha256
):
    row = dict(release(dataset_rows, "2021-01", flow="import"), source=NEW_SOURCE["id"])
    figures = _csv_file(tmp_path / "figures.csv", [row])
    sources = _csv_file(
        tmp_path / "sources.csv", [NEW_SOURCE, dict(NEW_SOURCE, id="second", url="motie.go.kr")]
    )
    before = db_sha256(db)
    assert main(["ingest", str(figures), "--sources", str(sources)]) == 1
    err = capsys.readouterr().err
    assert "sources.csv: line 3: url 'motie.go.kr' is not an http(s) address" in err
    assert "Traceback" not in err
    assert db_sha256(db) == before


def test_ask_prints_the_buttons_as_questions_to_ask_next(db, capsys):
    assert main(["ask", "exports", "--today", "2026-11-25"]) == 0
    options = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  [")]
    assert len(options) >= 2
    assert all(": kortrade ask '" in line for line in options)


def test_import_customs_countries_without_hs_says_what_to_fix(db, capsys, monkeypatch):
    monkeypatch.setenv("KORTRADE_CUSTOMS_API_KEY", "test-key")
    code = main(["import-customs", "--from", "2021-01", "--to", "2021-02", "--countries", "CN"])
    assert code == 1
    assert "--countries goes with --hs" in capsys.readouterr().err


def test_chart_writes_the_telegram_chart_and_says_how_many_months_it_drew(db, tmp_path, capsys):
    out = tmp_path / "balance.png"
    reply = answer("trade balance 2005", store=db, today=TODAY)
    assert reply.chart is not None
    months = len(list(month_range(reply.chart.start, reply.chart.end)))
    code = main(["chart", "trade balance 2005", "--out", str(out), "--today", TODAY.isoformat()])
    printed = capsys.readouterr().out.strip()
    assert code == 0 and out.read_bytes().startswith(PNG_SIGNATURE)
    assert printed == f"{out}: {reply.chart.title} ({months} months drawn)"


def test_chart_of_a_question_without_one_gives_the_reason_and_exits_1(db, tmp_path, capsys):
    out = tmp_path / "none.png"
    assert main(["chart", "hello there", "--out", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("kortrade: I have no chart for that question.")
    assert "\n" not in error and not out.exists()


def test_status_shows_the_store_subscribers_outbox_and_sender_on_one_screen(db, capsys):
    subscriptions.subscribe(db, 1, "all", chat_type="private")
    subscriptions.subscribe(db, -2, "all", chat_type="supergroup")
    outbox.enqueue_release(db, LATEST_MONTH)
    assert main(["status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= 24  # one screen
    text = "\n".join(lines)
    assert str(db.path) in lines[0] and "MB" in lines[0]
    assert f"release {LATEST_MONTH}" in text
    assert "1 private, 1 supergroup" in text
    assert "queued 2, sending 0, sent 0, dead 0" in text
    assert "sender:       not running" in text


def test_status_of_a_missing_store_fails_and_builds_nothing(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "nowhere" / "kortrade.db"
    monkeypatch.setenv("KORTRADE_DB", str(missing))
    assert main(["status"]) == 1
    assert str(missing) in capsys.readouterr().err
    assert not missing.exists()


def test_a_store_failure_is_one_line_and_exit_1(db, monkeypatch, capsys, tmp_path):
    def failing(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(ingest, "ingest_file", failing)
    source = tmp_path / "figures.csv"
    source.write_text("period\n")
    assert main(["ingest", str(source)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["kortrade: the store failed: OperationalError: disk I/O error"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when did exports last fall", "last fell in"),
        ("chips' share of exports", "% of exports"),
        ("exports first 20 days of September 2026", "first 20 days of September 2026"),
        ("is export growth accelerating?", "3-month moving average"),
        ("why did exports fall", "I have Korea's goods trade in US dollars"),
    ],
)
def test_ask_answers_the_desks_questions(db, capsys, question, expected):
    assert main(["ask", question, "--today", "2026-10-15"]) == 0
    assert expected in capsys.readouterr().out
