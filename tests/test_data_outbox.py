"""The alerts outbox: which months are releases, and one delivery row per (chat, release).

Months used as "new" here (NEW_MONTH, 1989-12) are TEST DATA: copies of a real month's rows
under a period the shipped dataset does not have, ingested into a temporary store only.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from data_facts import first_of, periods
from fakes.alerts import LATEST_MONTH, NEW_MONTH, test_month_rows

from kortrade.data import outbox, subscriptions
from kortrade.data.ingest import ingest_file, ingest_rows
from kortrade.data.store import DATASET_DIR, Store, open_store
from kortrade.errors import UserError
from kortrade.resolve.topics import resolve_topic


def _headline_periods(rows: list[dict[str, str]]) -> set[str]:
    return {
        r["period"]
        for r in rows
        if (r["flow"], r["product"], r["partner"]) == ("export", "all", "world")
    }


def _ingest_test_month(store: Store, rows: list[dict[str, str]], period: str, like: str) -> None:
    ingest_rows(store, test_month_rows(rows, like=like, period=period), origin="test-month")


def _sub(store: Store, chat_id: int, topic: str = "all", **kwargs: object) -> None:
    kwargs.setdefault("chat_type", "private" if chat_id > 0 else "group")
    subscriptions.subscribe(store, chat_id, topic, **kwargs)  # type: ignore[arg-type]


#: The newest month with both a semiconductors and a China export figure.
FULL_MONTH = first_of(
    sorted(set(periods(product="semiconductors")) & set(periods(partner="china")), reverse=True),
    "a month with semiconductors and China",
)


def _statuses(store: Store) -> dict[int, str]:
    rows = store.db.execute("SELECT chat_id, status FROM deliveries").fetchall()
    return dict(rows)


# -- schema ---------------------------------------------------------------------------------


def test_open_store_creates_the_outbox_tables(store: Store) -> None:
    for table in ("chats", "subscriptions", "releases", "deliveries", "outbox_state"):
        assert store.db[table].exists(), table


def test_ensure_schema_is_idempotent_and_keeps_rows(store: Store) -> None:
    _sub(store, 1)
    outbox.ensure_schema(store.db)
    reopened = open_store(store.path)
    assert subscriptions.list_topics(reopened, 1) == ["all"]


# -- releases -------------------------------------------------------------------------------


def test_first_detection_records_every_stored_month_as_baseline_and_broadcasts_nothing(
    store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    assert outbox.detect_new_releases(store) == []
    recorded = dict(store.db.execute("SELECT period, origin FROM releases").fetchall())
    assert set(recorded) == _headline_periods(dataset_rows)
    assert set(recorded.values()) == {"baseline"}


def test_a_month_ingested_after_the_baseline_is_detected_exactly_once(
    store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    assert NEW_MONTH not in _headline_periods(dataset_rows)
    outbox.detect_new_releases(store)
    _ingest_test_month(store, dataset_rows, NEW_MONTH, like=LATEST_MONTH)
    assert outbox.detect_new_releases(store) == [NEW_MONTH]
    assert outbox.detect_new_releases(store) == []


def test_a_month_ingested_through_another_connection_is_detected(
    store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    outbox.detect_new_releases(store)
    other = open_store(store.path)  # what `kortrade ingest` in another process opens
    _ingest_test_month(other, dataset_rows, NEW_MONTH, like=LATEST_MONTH)
    other.close()
    assert outbox.detect_new_releases(store) == [NEW_MONTH]


def test_a_month_older_than_the_known_ones_is_recorded_as_backfill_not_broadcast(
    store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    outbox.detect_new_releases(store)
    earliest = min(_headline_periods(dataset_rows))
    older = "1989-12"
    assert older < earliest
    _ingest_test_month(store, dataset_rows, older, like=earliest)
    assert outbox.detect_new_releases(store) == []
    origin = store.db.execute("SELECT origin FROM releases WHERE period = ?", [older]).fetchone()
    assert origin == ("backfill",)


def test_an_ingest_that_adds_no_new_month_broadcasts_nothing(
    store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    outbox.detect_new_releases(store)
    revised = [dict(r) for r in dataset_rows if r["period"] == "2026-07"][:1]
    revised[0]["published_on"] = "2026-08-02"  # a restatement: a new vintage of an old month
    report = ingest_rows(store, revised, origin="restatement")
    assert report.revised == 1
    assert outbox.detect_new_releases(store) == []


# -- enqueue --------------------------------------------------------------------------------


def test_enqueue_queues_one_row_per_active_subscribed_chat(store: Store) -> None:
    _sub(store, 1)
    _sub(store, 2, "semiconductors")
    _sub(store, -100, "china")
    _sub(store, 3)
    subscriptions.deactivate_chat(store, 3, "blocked")
    subscriptions.set_lang(store, 4, "ko")  # a chat that only chose a language
    assert outbox.enqueue_release(store, FULL_MONTH) == 3
    assert sorted(_statuses(store)) == [-100, 1, 2]


def test_enqueue_is_idempotent_and_adds_only_new_subscribers(store: Store) -> None:
    _sub(store, 1)
    assert outbox.enqueue_release(store, LATEST_MONTH) == 1
    assert outbox.enqueue_release(store, LATEST_MONTH) == 0
    _sub(store, 2)
    assert outbox.enqueue_release(store, LATEST_MONTH) == 1
    assert store.db["deliveries"].count == 2


@pytest.mark.parametrize(
    "period,message",
    [
        ("2099-01", "no figures are stored for 2099-01"),
        ("2026-13", "not a real month"),
        ("Sept", "YYYY-MM"),
    ],
)
def test_enqueue_refuses_a_month_it_cannot_broadcast(
    store: Store, period: str, message: str
) -> None:
    _sub(store, 1)
    with pytest.raises(UserError, match=message):
        outbox.enqueue_release(store, period)
    assert store.db["deliveries"].count == 0


def test_a_delivery_goes_to_the_forum_topic_of_the_subscription(store: Store) -> None:
    _sub(store, -100, "all", chat_type="supergroup", thread_id=7)
    outbox.enqueue_release(store, LATEST_MONTH)
    (delivery,) = outbox.pending(store, 10)
    assert (delivery.chat_id, delivery.thread_id, delivery.chat_type) == (-100, 7, "supergroup")


def _topics(store: Store, chat_id: int) -> list[tuple[str, str]]:
    rows = store.db.execute(
        "SELECT period, topics FROM deliveries WHERE chat_id = ? ORDER BY id", [chat_id]
    )
    return [(period, topics) for period, topics in rows]


def test_a_topic_alert_waits_for_the_topics_figure_and_goes_out_once_when_it_arrives(
    store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    _sub(store, 1)
    _sub(store, 2, "semiconductors")
    outbox.detect_releases(store)  # baseline
    month = test_month_rows(dataset_rows, like=FULL_MONTH, period=NEW_MONTH)
    totals = [r for r in month if r["product"] == "all" and r["partner"] == "world"]
    chips = [r for r in month if r["product"] == "semiconductors" and r["partner"] == "world"]
    assert chips, "the model month has a semiconductors figure"

    ingest_rows(store, totals, origin="totals first")
    found = outbox.detect_releases(store)
    assert found.fresh == [NEW_MONTH]
    assert outbox.enqueue_release(store, NEW_MONTH, top_up=True) == 1
    assert (_topics(store, 1), _topics(store, 2)) == ([(NEW_MONTH, "all")], [])

    ingest_rows(store, chips, origin="items later")
    found = outbox.detect_releases(store)
    assert (found.fresh, found.top_up) == ([], NEW_MONTH)
    assert outbox.enqueue_release(store, NEW_MONTH, top_up=True) == 1
    assert _topics(store, 2) == [(NEW_MONTH, "semiconductors")]
    assert _topics(store, 1) == [(NEW_MONTH, "all")]  # the digest is not sent twice

    ingest_rows(store, [dict(chips[0], published_on=chips[0]["published_on"])], origin="again")
    assert outbox.enqueue_release(store, NEW_MONTH, top_up=True) == 0  # once per topic


def test_a_chat_that_subscribes_after_a_release_does_not_get_it_with_the_next_ingest(
    store: Store, dataset_rows: list[dict[str, str]]
) -> None:
    outbox.detect_releases(store)
    _ingest_test_month(store, dataset_rows, NEW_MONTH, like=LATEST_MONTH)
    outbox.detect_releases(store)
    _sub(store, 5)
    assert outbox.enqueue_release(store, NEW_MONTH, top_up=True) == 0
    assert outbox.enqueue_release(store, NEW_MONTH) == 1  # /broadcast still reaches it


def test_a_chat_that_missed_a_month_and_subscribes_again_can_be_sent_it(store: Store) -> None:
    _sub(store, 1)
    outbox.enqueue_release(store, LATEST_MONTH)
    subscriptions.deactivate_chat(store, 1, "forbidden: bot was blocked by the user")
    assert outbox.enqueue_release(store, LATEST_MONTH) == 0  # blocked: nothing to send
    _sub(store, 1)  # unblocked, subscribes again
    assert outbox.enqueue_release(store, LATEST_MONTH) == 1
    assert [d.period for d in outbox.pending(store, 10)] == [LATEST_MONTH]
    assert outbox.enqueue_release(store, LATEST_MONTH) == 0


def test_each_topic_goes_to_the_forum_thread_it_was_subscribed_in(store: Store) -> None:
    _sub(store, -100, "semiconductors", chat_type="supergroup", thread_id=7)
    _sub(store, -100, "china", chat_type="supergroup", thread_id=9)
    _sub(store, -100, "semiconductors", chat_type="supergroup", thread_id=7)
    subscriptions.unsubscribe(store, -100, "china")
    _sub(store, -100, "china", chat_type="supergroup", thread_id=11)
    outbox.enqueue_release(store, FULL_MONTH)
    threads = store.db.execute(
        "SELECT topics, thread_id FROM deliveries WHERE chat_id = -100 ORDER BY topics"
    ).fetchall()
    assert threads == [("china", 11), ("semiconductors", 7)]


def test_a_store_whose_outbox_had_one_delivery_per_chat_and_month_is_upgraded(
    store: Store,
) -> None:
    _sub(store, 1, "china")
    conn = store.db.conn
    conn.executescript(
        "DROP TABLE deliveries; DROP TABLE alert_topics; CREATE TABLE deliveries ("
        "id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, period TEXT NOT NULL, "
        "thread_id INTEGER, text TEXT, status TEXT NOT NULL DEFAULT 'pending', "
        "attempts INTEGER NOT NULL DEFAULT 0, retry_at TEXT, sending_at TEXT, sent_at TEXT, "
        "message_id INTEGER, error TEXT, created_at TEXT NOT NULL, UNIQUE (chat_id, period));"
        f"INSERT INTO deliveries (chat_id, period, status, created_at) "
        f"VALUES (1, '{FULL_MONTH}', 'sent', 'x');"
    )
    reopened = open_store(store.path)
    assert outbox.enqueue_release(reopened, FULL_MONTH) == 0  # it had that month
    assert reopened.db.execute("SELECT status FROM deliveries").fetchall() == [("sent",)]
    reopened.close()


# -- pending, claim, marks ------------------------------------------------------------------


def test_pending_gives_each_chat_its_oldest_alert_first_and_one_at_a_time(store: Store) -> None:
    _sub(store, 1)
    _sub(store, 2, "china", lang="ko")
    older, newer = periods(partner="china")[-2:]
    outbox.enqueue_release(store, older)
    outbox.enqueue_release(store, newer)
    first = outbox.pending(store, 10)
    assert [(d.chat_id, d.period) for d in first] == [(1, older), (2, older)]
    assert [(d.lang, d.topics) for d in first] == [("en", ("all",)), ("ko", ("china",))]
    for delivery in first:
        assert outbox.claim(store, delivery.id, "text")
    assert outbox.pending(store, 10) == []  # a chat with a message in flight waits
    for delivery in first:
        outbox.mark_sent(store, delivery.id, 1)
    assert [(d.chat_id, d.period) for d in outbox.pending(store, 10)] == [
        (1, newer),
        (2, newer),
    ]


def test_pending_respects_the_limit(store: Store) -> None:
    for chat_id in range(1, 6):
        _sub(store, chat_id)
    outbox.enqueue_release(store, LATEST_MONTH)
    assert [d.chat_id for d in outbox.pending(store, 3)] == [1, 2, 3]


def test_a_failed_delivery_waits_until_its_retry_time(store: Store) -> None:
    _sub(store, 1)
    outbox.enqueue_release(store, LATEST_MONTH)
    (delivery,) = outbox.pending(store, 10)
    outbox.claim(store, delivery.id, "text")
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=60)).isoformat(timespec="microseconds")
    outbox.mark_failed(store, delivery.id, "TimedOut", retry_at=later)
    assert outbox.pending(store, 10) == []
    (again,) = outbox.pending(store, 10, now=later)
    assert (again.id, again.attempts, again.text) == (delivery.id, 1, "text")


def test_claim_refuses_a_row_that_is_no_longer_pending(store: Store) -> None:
    _sub(store, 1)
    outbox.enqueue_release(store, LATEST_MONTH)
    (delivery,) = outbox.pending(store, 10)
    subscriptions.unsubscribe(store, 1)
    assert outbox.claim(store, delivery.id, "text") is False
    assert _statuses(store) == {1: "cancelled"}


def test_mark_dead_keeps_the_reason(store: Store) -> None:
    _sub(store, 1)
    outbox.enqueue_release(store, LATEST_MONTH)
    (delivery,) = outbox.pending(store, 10)
    outbox.mark_dead(store, delivery.id, "bad request: message is too long")
    row = store.db.execute("SELECT status, error FROM deliveries").fetchone()
    assert row == ("dead", "bad request: message is too long")


def test_rows_left_sending_by_a_stopped_process_are_sent_again_after_restart(
    store: Store,
) -> None:
    _sub(store, 1)
    _sub(store, 2)
    outbox.enqueue_release(store, LATEST_MONTH)
    first, second = outbox.pending(store, 10)
    outbox.claim(store, first.id, "text")
    outbox.mark_sent(store, first.id, 1)
    outbox.claim(store, second.id, "text")  # the process dies here
    restarted = open_store(store.path)
    assert outbox.recover_interrupted(restarted) == 1
    assert [(d.chat_id, d.text) for d in outbox.pending(restarted, 10)] == [(2, "text")]
    assert outbox.recover_interrupted(restarted) == 0


def test_counts_summarise_chats_and_deliveries_for_status(store: Store) -> None:
    for chat_id in (1, 2, 3):
        _sub(store, chat_id)
    outbox.enqueue_release(store, LATEST_MONTH)
    subscriptions.deactivate_chat(store, 3, "forbidden: bot was blocked by the user")
    one = outbox.pending(store, 10)[0]
    outbox.claim(store, one.id, "text")
    outbox.mark_sent(store, one.id, 1)
    counts = outbox.counts(store)
    assert (counts.active_chats, counts.inactive_chats, counts.subscriptions) == (2, 1, 3)
    assert counts.deliveries == {"pending": 1, "sending": 0, "sent": 1, "dead": 1, "cancelled": 0}
    assert counts.last_release == LATEST_MONTH


def test_a_store_made_before_lang_chosen_existed_is_migrated(tmp_path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "old.db")
    db.execute(
        "CREATE TABLE chats (id INTEGER PRIMARY KEY, type TEXT, title TEXT, lang TEXT, "
        "thread_id INTEGER, active INTEGER, inactive_reason TEXT, created_at TEXT, "
        "updated_at TEXT)"
    )
    db.execute("INSERT INTO chats VALUES (1, 'private', NULL, 'ko', NULL, 1, NULL, 'x', 'x')")
    outbox.ensure_schema(db)
    assert db.execute("SELECT lang, lang_chosen FROM chats").fetchall() == [("ko", 0)]


def test_data_version_moves_for_another_connections_commit_not_its_own(store: Store) -> None:
    before = outbox.data_version(store)
    _sub(store, 1)  # this connection's own commit
    assert outbox.data_version(store) == before
    other = open_store(store.path)
    _sub(other, 2)
    other.close()
    assert outbox.data_version(store) != before


def test_claim_many_records_accepted_rows_and_claims_the_next_in_one_go(store: Store) -> None:
    for chat_id in (1, 2, 3, 4):
        _sub(store, chat_id)
    outbox.enqueue_release(store, LATEST_MONTH)
    first, second, third, fourth = outbox.pending(store, 10)
    assert outbox.claim_many(store, [(first.id, "a"), (second.id, "b")]) == {first.id, second.id}
    subscriptions.unsubscribe(store, 4)  # cancelled meanwhile: not claimed
    claimed = outbox.claim_many(store, [(third.id, "c"), (fourth.id, "d")], sent=[(first.id, 77)])
    assert claimed == {third.id}
    outbox.unclaim(store, [second.id])  # claimed, never sent: pending again, attempt not counted
    rows = {row["id"]: row for row in store.db["deliveries"].rows}
    assert (rows[first.id]["status"], rows[first.id]["message_id"]) == ("sent", 77)
    assert (rows[second.id]["status"], rows[second.id]["attempts"]) == ("pending", 0)
    assert (rows[third.id]["status"], rows[third.id]["text"]) == ("sending", "c")
    assert rows[fourth.id]["status"] == "cancelled"


# -- flash alerts (first 10 / 20 days) --------------------------------------------------------


def _ingest_test_flash(store: Store, tmp_path, period: str) -> None:
    """TEST DATA: the newest stored first-10-days export total, relabelled as `period`."""
    with open(DATASET_DIR / "flash.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    headline = [r for r in rows if (r["flow"], r["product"], r["partner"], r["days"])
                == ("export", "all", "world", "10")]  # fmt: skip
    row = dict(max(headline, key=lambda r: r["period"]), period=period)
    path = tmp_path / "flash_new.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row), lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
    ingest_file(store, path)


@pytest.mark.parametrize("words", ["flash", "first 20 days", "잠정치", "1~10일"])
def test_flash_is_a_topic_of_its_own(store: Store, words: str) -> None:
    assert resolve_topic(store, words) == subscriptions.FLASH


def test_a_new_flash_span_is_queued_once_for_flash_subscribers_only(store: Store, tmp_path) -> None:
    _sub(store, 1, "flash")
    _sub(store, 2, "all")
    _sub(store, 3, "semiconductors")
    assert outbox.detect_flash(store) == []  # the first check is the baseline
    _ingest_test_flash(store, tmp_path, NEW_MONTH)
    assert outbox.detect_flash(store) == [(NEW_MONTH, 10)]
    assert outbox.detect_flash(store) == []  # seen
    assert outbox.enqueue_flash(store, NEW_MONTH, 10) == 1
    assert outbox.enqueue_flash(store, NEW_MONTH, 10) == 0  # once per chat and span
    [delivery] = outbox.pending(store, 10)
    assert (delivery.chat_id, delivery.period, delivery.topics) == (1, NEW_MONTH, ("flash-10",))


def test_a_backfilled_flash_span_is_not_announced(store: Store, tmp_path) -> None:
    _sub(store, 1, "flash")
    outbox.detect_flash(store)
    _ingest_test_flash(store, tmp_path, "1989-12")
    assert outbox.detect_flash(store) == []
