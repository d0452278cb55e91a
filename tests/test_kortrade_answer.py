"""`kortrade.answer.answer`: which figure answers, what a reply carries, and that it never fails.

Expected figures come from the shipped CSV (`dataset_rows`) or the facts engine's own
history, formatted by `kortrade.bot.replies.phrases`; wording details are tested in
`test_bot_replies_answers.py`.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from data_facts import TODAY, balance_gap

from kortrade import resolve
from kortrade.answer import MAX_REPLY_CHARS, answer
from kortrade.bot.replies import figures as figures_module
from kortrade.bot.replies.about import about_reply
from kortrade.bot.replies.phrases import balance, growth, money, month_name, ordinal
from kortrade.bot.texts import say
from kortrade.data.digest import MAJOR_ITEMS, REGIONS
from kortrade.data.history import history
from kortrade.data.ingest import ingest_rows
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store
from kortrade.intents import Vocabulary
from kortrade.months import add_months
from kortrade.resolve import store_view


def rows_of(rows, flow="export", product="all", partner="world", basis=None):
    return {
        r["period"]: r
        for r in rows
        if (r["flow"], r["product"], r["partner"]) == (flow, product, partner)
        and (basis is None or r["basis"] == basis)
    }


def stated(rows, period, flow="export", product="all", partner="world"):
    """The release row's stated growth as the reply prints it."""
    return growth(float(rows_of(rows, flow, product, partner, "release")[period]["yoy_pct"]))


# -- the vocabulary is built once -------------------------------------------------------------


def test_vocabulary_is_built_once_per_store(store: Store, monkeypatch):
    built = []
    original = Vocabulary.from_rows.__func__

    def counting(cls, rows):
        built.append(1)
        return original(cls, rows)

    monkeypatch.setattr(Vocabulary, "from_rows", classmethod(counting))
    for question in ("exports January 2021", "chip exports jan 2021", "반도체 수출 2021년 1월"):
        answer(question, store=store, today=TODAY)
    assert len(built) == 1


def test_vocabulary_follows_a_change_of_names(store: Store):
    assert answer("bananas exports", store=store, today=TODAY).kind == "unknown"
    store.db.execute(
        "UPDATE names SET aliases_en = aliases_en || '|bananas' WHERE slug = 'agri_food'"
    )
    store.db.conn.commit()
    store.clear_cache()  # names change only with a rebuild; the store caches them till then
    reply = answer("bananas exports", store=store, today=TODAY)
    assert reply.kind == "figure"
    assert "agricultural" in reply.text


# -- which month answers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question,months_after,expected",
    [
        # The ministry publishes a month on the 1st of the next: before that it is not out.
        ("exports this month", 1, "{asked} is not out yet; the latest is {latest}:"),
        # Past that date a month the store lacks is due, not "not out yet".
        (
            "exports last month",
            2,
            "{asked} is not in my data yet; the latest I have is {latest}:",
        ),
    ],
)
def test_a_month_after_the_data_says_whether_it_is_out_and_gives_the_latest(
    shipped_store: Store, dataset_rows, question, months_after, expected
):
    latest = max(rows_of(dataset_rows))
    today = dt.date.fromisoformat(add_months(latest, months_after) + "-10")
    reply = answer(question, store=shipped_store, today=today)
    asked = month_name(add_months(latest, 1))
    assert reply.text.startswith(expected.format(asked=asked, latest=month_name(latest)))
    assert reply.extra["periods"] == [latest]


def _drop(store: Store, where: str, params: list) -> None:
    """Delete figures by hand (a raw DELETE is no ingest: tell the store's cache too)."""
    store.db.execute(f"DELETE FROM figures WHERE {where}", params)
    store.db.conn.commit()
    store.clear_cache()


def test_an_item_behind_the_totals_says_it_has_no_figure_yet(store: Store, dataset_rows):
    latest = max(rows_of(dataset_rows))
    # Item figures lag the totals (news pages carry the totals first). So that they lag
    # here whatever a new release brings, chips lose their figures from the newest month on.
    _drop(
        store,
        "flow = 'export' AND product = 'semiconductors' AND partner = 'world' AND period >= ?",
        [latest],
    )
    chips = max(p for p in rows_of(dataset_rows, product="semiconductors") if p < latest)
    today = dt.date.fromisoformat(add_months(latest, 2) + "-10")
    reply = answer("chip exports last month", store=store, today=today)
    assert reply.text.startswith(
        f"No figure for exports of semiconductors in {month_name(add_months(latest, 1))} yet; "
        f"the latest is {month_name(chips)}:"
    )


def test_a_newly_ingested_month_is_answered_without_a_restart(store: Store, dataset_rows):
    latest = max(rows_of(dataset_rows, basis="release"))
    today = dt.date.fromisoformat(add_months(latest, 1) + "-10")
    store.db.execute(
        "DELETE FROM figures WHERE period = ? AND flow = 'export' AND product = 'all' "
        "AND partner = 'world'",
        [latest],
    )
    store.db.conn.commit()
    store.clear_cache()  # a raw DELETE is no ingest: tell the store's cache by hand
    before = answer("exports last month", store=store, today=today)
    assert "not in my data yet" in before.text

    real = [
        r
        for r in dataset_rows
        if (r["period"], r["flow"], r["product"], r["partner"])
        == (latest, "export", "all", "world")
    ]
    ingest_rows(store, real, origin="test")
    after = answer("exports last month", store=store, today=today)
    assert "not in my data yet" not in after.text
    assert stated(dataset_rows, latest) in after.text


@pytest.mark.parametrize(
    "question,lang",
    [("exports to Vietnam", "en"), ("exports to Vietnam latest", "en"), ("베트남 수출", "ko")],
)
def test_a_latest_figure_a_year_or_more_old_says_how_old(
    store: Store, dataset_rows, question, lang
):
    # Partner figures from releases are sparse and Vietnam's stop years back; so that they
    # stay a year old whatever a new release brings, the last year's are dropped here.
    year_ago = add_months(max(rows_of(dataset_rows)), -12)
    _drop(
        store,
        "flow = 'export' AND product = 'all' AND partner = 'vietnam' AND period > ?",
        [year_ago],
    )
    last = max(p for p in rows_of(dataset_rows, partner="vietnam") if p <= year_ago)
    reply = answer(question, store=store, today=TODAY)
    first = reply.text.splitlines()[0]
    assert first.endswith(
        f"here is from {month_name(last)}:"
        if lang == "en"
        else f"{month_name(last, 'ko')} 자료입니다:"
    )
    fresh = answer("semiconductor exports", store=store, today=TODAY)
    assert fresh.text.startswith("Exports of semiconductors:")


def test_a_bare_calendar_month_is_the_latest_such_month_with_data(shipped_store, dataset_rows):
    chips = rows_of(dataset_rows, product="semiconductors")
    march = max(p for p in chips if p.endswith("-03"))
    reply = answer("semiconductor exports March", store=shipped_store, today=TODAY)
    assert reply.extra["periods"] == [march]
    assert month_name(march) in reply.text


@pytest.mark.parametrize(
    "question,product,partner",
    [
        ("auto exports in March 1990", "automobiles", "world"),
        ("exports December 1989", "all", "world"),
        ("exports to China June 1995", "all", "china"),
        ("반도체 수출 2015년 1월", "semiconductors", "world"),
    ],
)
def test_before_the_data_starts_says_from_when(
    shipped_store, dataset_rows, question, product, partner
):
    first = min(rows_of(dataset_rows, product=product, partner=partner))
    reply = answer(question, store=shipped_store, today=TODAY)
    assert reply.kind == "missing"
    lang = "ko" if "수출" in question else "en"
    assert month_name(first, lang) in reply.text


def test_a_gap_names_the_nearest_months_and_offers_them(shipped_store, dataset_rows):
    chips = sorted(rows_of(dataset_rows, product="semiconductors"))
    gap = next(
        p for p in (add_months(chips[0], n) for n in range(100)) if p not in chips and p < chips[-1]
    )
    before = max(p for p in chips if p < gap)
    after = min(p for p in chips if p > gap)
    reply = answer(f"semiconductor exports {month_name(gap)}", store=shipped_store, today=TODAY)
    assert reply.kind == "missing"
    assert f"No figure for exports of semiconductors in {month_name(gap)}" in reply.text
    assert month_name(before) in reply.text and month_name(after) in reply.text
    pressed = [answer(b.query, store=shipped_store, today=TODAY) for b in reply.buttons]
    assert {p.extra.get("periods", [None])[0] for p in pressed} >= {before, after}


def _export_level(rows, period):
    """The month's exports level as it answers: the release row when there is one, else
    customs (None when the answering row states no level)."""
    row = rows_of(rows, basis="release").get(period) or rows_of(rows, basis="customs").get(period)
    return float(row["value_usd_mn"]) if row and row["value_usd_mn"] else None


def test_a_balance_gap_offers_that_months_exports(store: Store, dataset_rows):
    # The newest month whose exports have a level and whose customs imports would give a
    # balance: its balance and imports are dropped, so no balance of either basis is left.
    imports = rows_of(dataset_rows, "import", basis="customs")
    month = max(p for p in imports if _export_level(dataset_rows, p))
    _drop(
        store,
        "period = ? AND flow IN ('balance', 'import') AND product = 'all' AND partner = 'world'",
        [month],
    )
    reply = answer(f"trade balance {month_name(month)}", store=store, today=TODAY)
    assert reply.kind == "missing"
    level = money(_export_level(dataset_rows, month))
    assert f"• Exports ({month_name(month)}): {level}" in reply.text


def _customs_balance(rows, period):
    exports, imports = rows_of(rows, basis="customs"), rows_of(rows, "import", basis="customs")
    return float(exports[period]["value_usd_mn"]) - float(imports[period]["value_usd_mn"])


@pytest.mark.parametrize(
    "start,months",
    # a year before the releases; a month the releases give no balance for
    [("2009-01", 12), (balance_gap(), 1)],
)
def test_a_balance_without_a_release_is_customs_exports_minus_imports(
    shipped_store, dataset_rows, start, months
):
    """The balance the digest states too: customs exports minus customs imports, said so."""
    question = f"trade balance {start[:4] if months == 12 else month_name(start)}"
    assert start not in rows_of(dataset_rows, "balance")
    total = sum(_customs_balance(dataset_rows, add_months(start, n)) for n in range(months))
    reply = answer(question, store=shipped_store, today=TODAY)
    assert balance(total) in reply.text.splitlines()[0]
    assert "customs final exports minus imports" in reply.text
    assert "((" not in reply.text and "))" not in reply.text


def test_a_month_after_a_gap_says_why_no_streak_is_stated(shipped_store, dataset_rows):
    petchem = rows_of(dataset_rows, product="petrochemicals")
    assert "2021-01" in petchem and "2020-12" not in petchem
    reply = answer("petrochemicals Jan 2021", store=shipped_store, today=TODAY)
    first_line = reply.text.splitlines()[0]
    assert "no streak can be stated (no growth figure for December 2020)" in first_line


def test_semiconductors_to_a_partner_offer_hs8542_never_called_semiconductors(
    shipped_store, dataset_rows
):
    reply = answer("semiconductor exports to China Jan 2021", store=shipped_store, today=TODAY)
    level = float(
        rows_of(dataset_rows, product="hs8542", partner="china")["2021-01"]["value_usd_mn"]
    )
    assert reply.kind == "missing"
    assert "There are no figures for exports of semiconductors to China" in reply.text
    hs_line = next(line for line in reply.text.splitlines() if money(level) in line)
    assert "HS 8542" in hs_line and "semiconductors" not in hs_line
    assert "narrower" in reply.text
    assert any("HS 8542" in b.query for b in reply.buttons)


def _year_total(rows, year, flow="export", product="all", partner="world"):
    months = rows_of(rows, flow, product, partner, "customs")
    values = [float(r["value_usd_mn"]) for p, r in months.items() if p.startswith(str(year))]
    assert len(values) == 12
    return sum(values)


@pytest.mark.parametrize(
    "question",
    ["record trade deficit", "무역적자 최대", "trade balance Jan 2021", "2009년 무역수지"],
)
def test_a_customs_balance_label_nests_no_parentheses(shipped_store, question):
    text = answer(question, store=shipped_store, today=TODAY).text
    assert "수출−수입" in text or "exports minus imports" in text
    assert "((" not in text and "))" not in text and "(관세청 확정치(" not in text
    assert "(customs final (" not in text


def _partner_balances(rows, partner):
    """Customs exports minus customs imports, for the months where both levels exist."""
    exports = rows_of(rows, partner=partner, basis="customs")
    imports = rows_of(rows, "import", partner=partner, basis="customs")
    return {
        p: float(r["value_usd_mn"]) - float(imports[p]["value_usd_mn"])
        for p, r in exports.items()
        if p in imports and r["value_usd_mn"] and imports[p]["value_usd_mn"]
    }


def test_a_balance_with_a_partner_for_a_year_is_its_exports_minus_imports(
    shipped_store, dataset_rows
):
    china = rows_of(dataset_rows, partner="china", basis="customs")
    year = next(y for y in range(2002, 2020) if f"{y}-12" in china)
    reply = answer(f"trade balance with China {year}", store=shipped_store, today=TODAY)
    assert reply.kind == "figure"
    exports = _year_total(dataset_rows, year, partner="china")
    imports = _year_total(dataset_rows, year, "import", partner="china")
    assert reply.text.startswith(f"Trade balance with China, {year}: {balance(exports - imports)}")
    assert "exports minus imports" in reply.text
    assert reply.extra["periods"] == [f"{year}-01..{year}-12"]


def test_a_partner_year_without_both_levels_says_so_with_the_nearest_months(
    store: Store, dataset_rows
):
    months = _partner_balances(dataset_rows, "china")
    # China's customs levels cover every month now: a year loses its imports in a copy.
    year = sorted({p[:4] for p in months})[len(months) // 24]
    _drop(
        store,
        "flow = 'import' AND product = 'all' AND partner = 'china' AND period LIKE ?",
        [f"{year}-%"],
    )
    before = max(p for p in months if p < year)
    after = min(p for p in months if p > f"{year}-12")
    for question, lang in (
        (f"trade balance with China {year}", "en"),
        (f"대중 무역수지 {year}년", "ko"),
    ):
        reply = answer(question, store=store, today=TODAY)
        assert reply.kind == "missing"
        assert f"{month_name(before, lang)}: {balance(months[before], lang)}" in reply.text
        assert f"{month_name(after, lang)}: {balance(months[after], lang)}" in reply.text


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("which", [min, max])
def test_a_balance_with_china_for_a_month_is_customs_exports_minus_imports(
    shipped_store, dataset_rows, lang, which
):
    months = _partner_balances(dataset_rows, "china")
    month = which(months)
    question = {
        "en": f"trade balance with China {month_name(month)}",
        "ko": f"대중 무역수지 {month_name(month, 'ko')}",
    }[lang]
    reply = answer(question, store=shipped_store, today=TODAY)
    assert reply.kind == "figure" and reply.extra["periods"] == [month]
    assert balance(months[month], lang) in reply.text.splitlines()[0]
    assert ("수출−수입" if lang == "ko" else "exports minus imports") in reply.text


@pytest.mark.parametrize("last_of_run", [True, False])
def test_a_china_balance_streak_agrees_with_a_scan_of_the_csv(
    shipped_store, dataset_rows, last_of_run
):
    months = _partner_balances(dataset_rows, "china")
    ends = sorted(p for p in months if add_months(p, 1) not in months)
    month = ends[-1] if last_of_run else ends[0]
    sign = months[month] > 0
    run, period = 0, month
    while period in months and (months[period] > 0) == sign:
        run, period = run + 1, add_months(period, -1)
    word = "surplus" if sign else "deficit"
    reply = answer(
        f"trade balance with China streak {month_name(month)}", store=shipped_store, today=TODAY
    )
    assert reply.kind == "streak"
    stated = (
        f"in {word} for at least {run} months in a row"  # the run reaches a month without data
        if period not in months
        else f"in {word} for the {ordinal(run)} month in a row"
    )
    assert reply.text.startswith(f"Trade balance with China: {stated}")


def test_a_partner_balance_without_imports_that_month_says_so(store: Store, dataset_rows):
    exports = rows_of(dataset_rows, partner="india")
    with_level = sorted(p for p, r in exports.items() if r["value_usd_mn"])
    month = with_level[len(with_level) // 2]  # a month inside the series, not its newest
    _drop(store, "flow = 'import' AND partner = 'india' AND period = ?", [month])
    reply = answer(f"trade balance with India {month_name(month)}", store=store, today=TODAY)
    assert reply.kind == "missing"
    assert reply.text.startswith(f"No figure for trade balance with India in {month_name(month)}")
    assert "Trade balance with India:" not in reply.text  # no balance made up from exports alone
    assert f"• Exports to India ({month_name(month)}): " in reply.text
    assert "Imports from India" not in reply.text


def test_a_partner_only_hs8542_covers_offers_it_labelled(shipped_store, dataset_rows):
    uk = rows_of(dataset_rows, product="hs8542", partner="united_kingdom")
    year = max(p for p in uk if p.endswith("-12"))[:4]
    total = sum(float(r["value_usd_mn"]) for p, r in uk.items() if p.startswith(year))
    reply = answer(f"exports to the UK {year}", store=shipped_store, today=TODAY)
    hs_line = next(line for line in reply.text.splitlines() if "HS 8542" in line)
    assert hs_line.endswith(money(total)) and "narrower" in reply.text


def test_no_stand_in_is_offered_without_a_figure(shipped_store, dataset_rows):
    vietnam = rows_of(dataset_rows, partner="vietnam")
    hs = rows_of(dataset_rows, product="hs8542", partner="vietnam")
    month = max(p for p in hs if p not in vietnam)
    reply = answer(f"chip exports to Vietnam {month_name(month)}", store=shipped_store, today=TODAY)
    offered = [line for line in reply.text.splitlines() if line.startswith("• Exports")]
    assert offered and all(": " in line for line in offered)


def test_the_exports_total_brings_imports_and_the_balance(shipped_store, dataset_rows):
    reply = answer("exports January 2021", store=shipped_store, today=TODAY)
    imports = float(rows_of(dataset_rows, "import", basis="release")["2021-01"]["value_usd_mn"])
    surplus = float(rows_of(dataset_rows, "balance", basis="release")["2021-01"]["value_usd_mn"])
    first, imports_line, balance_line = reply.text.splitlines()[:3]
    assert stated(dataset_rows, "2021-01") in first
    assert money(imports) in imports_line
    assert balance(surplus) in balance_line


@pytest.mark.parametrize(
    "question", ["how is trade doing", "trade January 2021", "무역 2021년 1월"]
)
def test_trade_as_a_whole_is_exports_with_imports_and_the_balance(shipped_store, question):
    reply = answer(question, store=shipped_store, today=TODAY)
    month = reply.extra["periods"][0]
    same = answer(f"exports {month_name(month)}", store=shipped_store, today=TODAY, lang=reply.lang)
    assert reply.text.splitlines()[:3] == same.text.splitlines()[:3]
    assert len(reply.extra["periods"]) == 1


def test_several_subjects_get_one_line_each_in_one_reply(shipped_store, dataset_rows):
    reply = answer("exports to the US and EU Jan 2021", store=shipped_store, today=TODAY)
    lines = reply.text.splitlines()
    assert stated(dataset_rows, "2021-01", partner="united_states") in lines[0]
    assert stated(dataset_rows, "2021-01", partner="eu") in lines[1]
    assert {k.partner for k in reply.chart.keys} == {"united_states", "eu"}


@pytest.mark.parametrize("lang,marker", [("ko", "억 달러"), ("en", "$")])
def test_the_lang_argument_overrides_the_question_language(shipped_store, lang, marker):
    question = "반도체 수출 2021년 5월" if lang == "en" else "semiconductor exports May 2021"
    reply = answer(question, store=shipped_store, today=TODAY, lang=lang)
    assert reply.lang == lang
    assert marker in reply.text
    assert month_name("2021-05", lang) in reply.text


# -- spans, comparisons, rankings, streaks, records --------------------------------------------


def test_a_span_is_summed_with_growth_flagged_as_computed(shipped_store):
    reply = answer("exports H1 2021", store=shipped_store, today=TODAY)
    assert "computed from monthly levels" in reply.text
    assert reply.extra["periods"] == ["2021-01..2021-06"]


def test_a_span_short_of_its_last_months_offers_the_months_that_add_up(store: Store, dataset_rows):
    release = rows_of(dataset_rows, partner="united_states", basis="release")
    customs = rows_of(dataset_rows, partner="united_states", basis="customs")

    def level(period: str) -> str:  # the figure that answers a month: the release's first
        return (release.get(period) or {}).get("value_usd_mn") or (customs.get(period) or {}).get(
            "value_usd_mn", ""
        )

    year = next(y for y in range(2020, 2026) if all(level(f"{y}-{m:02d}") for m in range(1, 13)))
    # December goes missing in a copy (both vintages), as when its release is not stored.
    _drop(store, "flow = 'export' AND partner = 'united_states' AND period = ?", [f"{year}-12"])
    reply = answer(f"exports to the US {year}", store=store, today=TODAY)
    assert "no total" in reply.text
    assert [b.label for b in reply.buttons] == [f"January–November {year}"]
    pressed = answer(reply.buttons[0].query, store=store, today=TODAY)
    total = sum(float(level(f"{year}-{m:02d}")) for m in range(1, 12))
    assert money(total) in pressed.text.splitlines()[0]


def test_a_span_with_missing_months_names_them_and_gives_no_total(shipped_store, dataset_rows):
    chips = rows_of(dataset_rows, product="semiconductors")

    def missing_in(year):
        return [p for p in (f"{year}-{m:02d}" for m in range(1, 13)) if p not in chips]

    # the shipped release pages skip some months: the first whole year they do
    first, last = int(min(chips)[:4]) + 1, int(max(chips)[:4]) - 1
    year = next(y for y in range(first, last + 1) if missing_in(y))
    missing = missing_in(year)
    reply = answer(f"semiconductor exports {year}", store=shipped_store, today=TODAY)
    assert "no total" in reply.text
    assert month_name(missing[0]).split()[0] in reply.text


def test_a_month_against_a_year_earlier_uses_the_stated_growth(shipped_store, dataset_rows):
    reply = answer("exports Jan 2021 vs Jan 2020", store=shipped_store, today=TODAY)
    assert reply.kind == "compare"
    change = reply.text.splitlines()[0]  # the comparison leads with its answer
    assert change.startswith(f"Exports: {stated(dataset_rows, '2021-01')} in January 2021 on ")
    assert "as stated" in change


def test_month_on_month_is_computed_from_the_two_levels(shipped_store, dataset_rows):
    release = rows_of(dataset_rows, basis="release")
    month = max(p for p in release if add_months(p, -1) in release and release[p]["value_usd_mn"])
    now = float(release[month]["value_usd_mn"])
    before = float(release[add_months(month, -1)]["value_usd_mn"])
    reply = answer(f"exports m/m {month_name(month)}", store=shipped_store, today=TODAY)
    assert reply.text.splitlines()[0] == (
        f"Exports: {growth((now / before - 1) * 100)} in {month_name(month)} on "
        f"{month_name(add_months(month, -1))} (computed from preliminary release levels)."
    )


def _summed(rows, start, end):
    """Exports over start..end from the CSV, the month's release level else customs."""
    total = 0.0
    for period in (p for p in sorted(rows_of(rows)) if start <= p <= end):
        row = rows_of(rows, basis="release").get(period)
        if row is None or not row["value_usd_mn"]:
            row = rows_of(rows, basis="customs")[period]
        total += float(row["value_usd_mn"])
    return total


@pytest.mark.parametrize(
    "question",
    ["exports this year vs last year", "exports {year} vs {last_year}", "올해 수출 작년 대비"],
)
def test_a_year_so_far_is_compared_with_the_same_months_a_year_earlier(
    shipped_store, dataset_rows, question
):
    latest = max(rows_of(dataset_rows))
    year, month = latest[:4], latest[5:]
    earlier = f"{int(year) - 1}-{month}"
    question = question.format(year=year, last_year=int(year) - 1)
    # "This year" is the newest month's year (when that is December, TODAY is in January).
    today = min(TODAY, dt.date(int(year), 12, 31))
    reply = answer(question, store=shipped_store, today=today)
    assert reply.extra["periods"] == [f"{year}-01..{latest}", f"{int(year) - 1}-01..{earlier}"]
    now, before = (
        _summed(dataset_rows, f"{year}-01", latest),
        _summed(dataset_rows, f"{int(year) - 1}-01", earlier),
    )
    lang = reply.lang
    assert growth((now / before - 1) * 100, lang) in reply.text.splitlines()[0]
    assert money(before, lang) in reply.text


def test_a_ranking_names_the_majors_without_a_figure(shipped_store, dataset_rows):
    reply = answer("which items grew most in January 2021", store=shipped_store, today=TODAY)
    with_growth = {
        p for p in MAJOR_ITEMS if rows_of(dataset_rows, product=p, basis="release").get("2021-01")
    }
    missing_line = next(line for line in reply.text.splitlines() if line.startswith("No figure"))
    for slug in set(MAJOR_ITEMS) - with_growth:
        assert store_view(shipped_store).vocabulary.name(slug) in missing_line


def _item_growth_months(rows, names):
    """Months in which some export item has a stated growth (the CSV, names.csv kinds)."""
    items = {row["slug"] for row in names if row["kind"] == "item" and row["slug"] != "all"}
    return sorted(
        {
            r["period"]
            for r in rows
            if r["flow"] == "export"
            and r["partner"] == "world"
            and r["product"] in items
            and r["basis"] == "release"
            and r["yoy_pct"]
        }
    )


def test_a_ranking_after_the_item_data_says_so_and_ranks_the_latest(store: Store, dataset_rows):
    names = store.names()
    newest = max(rows_of(dataset_rows))
    # Item figures lag the totals (news pages carry the totals first). So that they lag
    # here whatever a new release brings, items lose their figures from the newest month on.
    items = sorted({row["slug"] for row in names if row["kind"] == "item"} - {"all"})
    _drop(
        store,
        f"flow = 'export' AND partner = 'world' AND product IN ({', '.join('?' * len(items))}) "
        "AND period >= ?",
        [*items, newest],
    )
    newest_items = max(p for p in _item_growth_months(dataset_rows, names) if p < newest)
    today = dt.date.fromisoformat(add_months(newest, 2) + "-10")
    reply = answer("worst performing items last month", store=store, today=today)
    first, head = reply.text.splitlines()[:2]
    assert first == (
        f"No item figures for {month_name(add_months(newest, 1))} yet; "
        f"the latest are for {month_name(newest_items)}:"
    )
    assert month_name(newest_items) in head and "lowest first" in head
    assert reply.kind == "rank"


def test_a_month_without_item_figures_offers_its_nearest_rankings(store: Store, dataset_rows):
    months = _item_growth_months(dataset_rows, store.names())
    # Every release month has some item now: one loses its item rows in a copy.
    gap = months[len(months) // 2]
    items = [r["slug"] for r in store.names() if r["kind"] == "item" and r["slug"] != "all"]
    _drop(
        store,
        f"flow = 'export' AND partner = 'world' AND period = ? "
        f"AND product IN ({', '.join('?' * len(items))})",
        [gap, *items],
    )
    before = max(p for p in months if p < gap)
    after = min(p for p in months if p > gap)
    reply = answer(f"which items grew most {month_name(gap)}", store=store, today=TODAY)
    assert reply.kind == "missing"
    assert reply.text.startswith(f"No item figures for exports with growth in {month_name(gap)}")
    assert [b.label for b in reply.buttons] == [month_name(before), month_name(after)]
    again = answer(reply.buttons[0].query, store=store, today=TODAY)
    assert again.kind == "rank" and month_name(before) in again.text.splitlines()[0]


def test_a_span_ranking_before_the_item_data_says_where_it_starts(shipped_store, dataset_rows):
    first = _item_growth_months(dataset_rows, shipped_store.names())[0]
    year = int(first[:4]) - 3
    reply = answer(f"which items grew most in {year}", store=shipped_store, today=TODAY)
    assert reply.kind == "missing"
    assert reply.text.endswith(f"Item figures here start in {month_name(first)}.")


def test_a_ranking_with_nothing_to_rank_never_denies_the_series(shipped_store, dataset_rows):
    chips_imports = rows_of(dataset_rows, "import", "semiconductors")
    assert chips_imports  # imports of chips exist (to the world), just not by partner
    reply = answer("semiconductor imports by country", store=shipped_store, today=TODAY)
    assert reply.kind == "missing"
    assert reply.text == (
        "There are no partner figures for imports of semiconductors in the data, so no ranking."
    )


def test_a_top_n_ranking_lists_just_those(shipped_store):
    reply = answer("bottom 3 items July 2026", store=shipped_store, today=TODAY)
    rows = [line for line in reply.text.splitlines() if line[:1].isdigit()]
    assert len(rows) == 3
    assert not any(line.startswith("Also stated") for line in reply.text.splitlines())


def test_chips_by_partner_rank_hs8542_and_say_it_stands_in(shipped_store, dataset_rows):
    month = "2026-07"
    levels = {
        r["partner"]: float(r["value_usd_mn"])
        for r in dataset_rows
        if (r["period"], r["flow"], r["product"]) == (month, "export", "hs8542")
        and r["partner"] not in ("world", "others")
    }
    names = store_view(shipped_store).vocabulary
    reply = answer("chip exports by country July 2026", store=shipped_store, today=TODAY)
    lines = reply.text.splitlines()
    assert lines[0].startswith("There are no figures for semiconductors by partner")
    rows = [line for line in lines if line[:1].isdigit()]
    expected = sorted(levels, key=levels.__getitem__, reverse=True)
    for row, partner in zip(rows, expected, strict=True):
        name = names.name(partner)
        assert row.split(". ", 1)[1].startswith(f"{name[:1].upper()}{name[1:]}: ")
        assert money(levels[partner]) in row and "(computed)" not in row
    assert lines[-1].startswith("Note: HS 8542")


def test_a_streak_question_states_the_streak(shipped_store):
    reply = answer("surplus streak January 2021", store=shipped_store, today=TODAY)
    assert reply.kind == "streak"
    assert reply.text.startswith("Trade balance: in surplus for the")


def test_a_streak_asked_for_a_year_is_the_run_as_that_year_ends(shipped_store, dataset_rows):
    balances = rows_of(dataset_rows, flow="balance", basis="release")

    def deficit(period):
        return period in balances and float(balances[period]["value_usd_mn"]) < 0

    year = next(y for y in range(2019, 2026) if deficit(f"{y}-12") and deficit(f"{y}-11"))
    run, period = 0, f"{year}-12"
    while deficit(period):
        run, period = run + 1, add_months(period, -1)
    reply = answer(f"trade deficit streak {year}", store=shipped_store, today=TODAY)
    assert reply.extra["periods"] == [f"{year}-12"]
    assert reply.text.startswith(f"Trade balance: in deficit for the {ordinal(run)} month in a row")


def test_a_one_month_run_is_stated_as_the_month_not_denied(shipped_store, dataset_rows):
    balances = rows_of(dataset_rows, flow="balance", basis="release")

    def deficit(period):
        return float(balances[period]["value_usd_mn"]) < 0

    month = next(
        p
        for p in sorted(balances)
        if deficit(p) and add_months(p, -1) in balances and not deficit(add_months(p, -1))
    )
    reply = answer(f"deficit streak {month_name(month)}", store=shipped_store, today=TODAY)
    first = reply.text.splitlines()[0]
    assert first.startswith(f"Trade balance: in deficit in {month_name(month)}")
    assert "not in deficit" not in reply.text


def test_a_run_after_a_month_without_growth_is_not_denied(shipped_store, dataset_rows):
    asean = rows_of(dataset_rows, partner="asean", basis="release")

    def stated_growth(period):
        return (asean.get(period) or {}).get("yoy_pct")

    # The newest month with stated growth whose month before has none.
    month = max(p for p in asean if stated_growth(p) and not stated_growth(add_months(p, -1)))
    before = add_months(month, -1)
    reply = answer(f"exports to ASEAN streak {month_name(month)}", store=shipped_store, today=TODAY)
    first = reply.text.splitlines()[0]
    assert "no run of two months" not in first
    assert first.endswith(f"no growth figure for {month_name(before)}, so no run can be stated.")


def test_a_record_question_names_the_record_month(shipped_store):
    levels = history(shipped_store.series(SeriesKey("export"))).levels
    peak = max(levels, key=levels.__getitem__)
    reply = answer("record exports", store=shipped_store, today=TODAY)
    assert reply.kind == "record"
    assert f"{month_name(peak)}: {money(levels[peak])}" in reply.text


@pytest.mark.parametrize(
    "question,flow,pick",
    [
        ("가장 높은 수출", "export", max),
        ("가장 낮은 수출", "export", min),
        ("수입이 제일 낮았던 달", "import", min),
        ("is the trade surplus getting bigger?", "balance", None),
    ],
)
def test_korean_record_cues_and_plain_momentum_are_answered_not_reported_unknown(
    shipped_store, question, flow, pick
):
    reply = answer(question, store=shipped_store, today=TODAY)
    assert "이해하지 못했습니다" not in reply.text and "did not understand" not in reply.text
    assert "자료에 없습니다" not in reply.text
    if pick is None:  # a balance: momentum is said not to be measured, not a figure instead
        assert reply.text.startswith("Trade balance: momentum is not measured for a balance")
        # ... but its last three months are shown, so the desk sees whether it widens
        answering = resolve.Resolver(shipped_store, TODAY).series(SeriesKey("balance"))
        levels = history(answering).levels
        months = sorted(levels)[-3:]
        steps = " → ".join(f"{month_name(m)}: {balance(levels[m])}" for m in months)
        assert f"The last 3 months: {steps}" in reply.text
        return
    levels = history(shipped_store.series(SeriesKey(flow))).levels
    found = pick(levels, key=levels.__getitem__)
    assert reply.kind == "record"
    assert f"{month_name(found, 'ko')}, {money(levels[found], 'ko')}" in reply.text


@pytest.mark.parametrize(
    "question,flow,month,pick,expected",
    [
        ("highest January exports", "export", 1, max, "the highest January on record here is"),
        ("lowest December imports", "import", 12, min, "the lowest December on record here is"),
        ("1월 수출 역대 최고", "export", 1, max, "집계 이래 1월 최고치는"),
    ],
)
def test_a_calendar_month_record_is_among_that_month_only(
    shipped_store, question, flow, month, pick, expected
):
    levels = history(shipped_store.series(SeriesKey(flow))).levels
    same = {p: v for p, v in levels.items() if int(p[5:]) == month}
    peak = pick(same, key=same.__getitem__)
    assert peak != pick(levels, key=levels.__getitem__)  # not the all-months record
    reply = answer(question, store=shipped_store, today=TODAY)
    lang = reply.lang
    joint = ": " if lang == "en" else ", "
    assert f"{expected} {month_name(peak, lang)}{joint}{money(levels[peak], lang)}" in reply.text


# -- asking back, help, unknown ------------------------------------------------------------------


def _offered_partners(store) -> list[str]:
    """The release's regions, then each country with exports stored (read from the data)."""
    countries = sorted(
        {k.partner for k in store.series_keys(flow="export", product="all")}
        - {"world", "others", *REGIONS},
        key=[row["slug"] for row in store.names()].index,
    )
    return [*REGIONS, *countries]


@pytest.mark.parametrize(
    "question,lang", [("exports to Narnia", "en"), ("imports from Atlantis 2020", "en")]
)
def test_an_unknown_place_lists_the_partners_not_the_items(shipped_store, question, lang):
    reply = answer(question, store=shipped_store, today=TODAY)
    names = store_view(shipped_store).vocabulary
    assert reply.kind == "unknown"
    assert reply.text.splitlines()[0].startswith("There is no trading partner called")
    assert reply.text.splitlines()[-1] == (
        "Partners: "
        + ", ".join(names.name(slug) for slug in _offered_partners(shipped_store))
        + "."
    )
    item = answer("banana exports", store=shipped_store, today=TODAY)
    assert item.text.splitlines()[-1].startswith("Items: ")


@pytest.mark.parametrize(
    "question,first,listed",
    [
        ("exports to indonesia", "There is no trading partner called", "Partners: "),
        # near a partner's name, yet not a typo of it: never Australia's or Latin America's figure
        ("exports to austria", "There is no trading partner called “austria”", "Partners: "),
        ("exports to south africa", "There is no trading partner called “south", "Partners: "),
        ("인도네시아 수출", "“인도네시아”라는 교역 상대는 자료에 없습니다.", "교역 상대: "),
        ("카타르 수입", "“카타르”라는 교역 상대는 자료에 없습니다.", "교역 상대: "),
    ],
)
def test_a_real_country_without_figures_is_a_partner_not_a_typo(
    shipped_store, question, first, listed
):
    """Indonesia is a country we hold no figures for, not a misspelt India (nor Austria a
    misspelt Australia): no "did you mean", no figure for the near name, and the partners
    listed (in Korean too, where no "to" marks the place)."""
    reply = answer(question, store=shipped_store, today=TODAY)
    names = store_view(shipped_store).vocabulary
    lines = reply.text.splitlines()
    assert reply.kind == "unknown"
    assert lines[0].startswith(first)
    offered = _offered_partners(shipped_store)
    assert lines[1] == listed + ", ".join(names.name(slug, reply.lang) for slug in offered) + "."
    assert not any(line.startswith(("Did you mean", "혹시")) for line in lines)


@pytest.mark.parametrize(
    "question,lang", [("when did the surplus start", "en"), ("흑자 언제부터", "ko")]
)
def test_when_a_run_started_names_its_first_month(shipped_store, question, lang):
    """ "When did the surplus start": the run going on now, with the month it began."""
    answering = resolve.Resolver(shipped_store, TODAY).series(SeriesKey("balance"))
    levels = history(answering).levels
    start = max(levels)
    assert levels[start] > 0  # the data ends in a surplus run, as the question presumes
    while levels.get(add_months(start, -1), 0) > 0:
        start = add_months(start, -1)
    reply = answer(question, store=shipped_store, today=TODAY)
    assert reply.kind == "streak"
    first = reply.text.splitlines()[0]
    if lang == "en":
        assert first.endswith(f"in a row (since {month_name(start)}).")
    else:
        assert first.endswith(f"연속 흑자 ({month_name(start, 'ko')}부터).")


def test_an_ambiguous_word_asks_back_with_complete_questions(shipped_store):
    reply = answer("hips exports Jan 2021", store=shipped_store, today=TODAY)
    assert reply.kind == "clarify" and len(reply.buttons) >= 2
    for button in reply.buttons:
        # ships have no January 2021 figure: "missing" is an answer too, not a new question
        pressed = answer(button.query, store=shipped_store, today=TODAY)
        assert pressed.kind in ("figure", "missing")
        assert pressed.extra.get("periods", ["2021-01"]) == ["2021-01"]


def test_every_help_example_is_answered(shipped_store):
    reply = answer("help", store=shipped_store, today=TODAY)
    examples = [line[2:] for line in reply.text.splitlines() if line.startswith("• ")]
    assert len(examples) >= 6
    for example in examples:
        for question in example.replace(" (with a chart)", "").split(" / "):
            got = answer(question, store=shipped_store, today=TODAY)
            assert got.kind not in ("unknown", "clarify", "error"), question


def test_an_unknown_item_lists_the_items(shipped_store):
    reply = answer("banana exports", store=shipped_store, today=TODAY)
    assert reply.kind == "unknown"
    names = store_view(shipped_store).vocabulary
    assert all(names.name(slug) in reply.text for slug in MAJOR_ITEMS)
    assert reply.buttons


# -- charts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question,start,end",
    [
        ("exports January 2021", "2019-02", "2021-01"),
        ("HS 8542 exports to China March 2020", "2020-01", "2020-03"),
        ("exports Q1 2021", "2019-04", "2021-03"),
    ],
)
def test_a_figure_reply_carries_a_chart_of_the_months_to_the_asked_one(
    shipped_store, question, start, end
):
    chart = answer(question, store=shipped_store, today=TODAY).chart
    assert chart is not None
    assert (chart.start, chart.end) == (start, end)


@pytest.mark.parametrize(
    "question,start,end,title",
    [
        (
            "plot semiconductor exports 2024",
            "2024-01",
            "2024-12",
            "Exports of semiconductors, 2024",
        ),
        ("chart exports Q1 2021", "2020-04", "2021-03", "Exports, April 2020–March 2021"),
        (
            "semiconductors vs autos 2024",
            "2024-01",
            "2024-12",
            "Exports: semiconductors vs automobiles, 2024",
        ),
    ],
)
def test_a_chart_asked_for_a_span_draws_that_span(shipped_store, question, start, end, title):
    chart = answer(question, store=shipped_store, today=TODAY).chart
    assert chart is not None
    assert (chart.start, chart.end, chart.title) == (start, end, title)


# -- never fails --------------------------------------------------------------------------------


def test_a_bug_costs_one_apology_and_a_log_line(shipped_store, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(resolve.Resolver, "line", broken)
    with caplog.at_level(logging.ERROR):
        reply = answer("exports January 2021", store=shipped_store, today=TODAY, lang="ko")
    assert reply.kind == "error"
    assert reply.text == say("sorry", "ko")
    assert "boom" in caplog.text


@pytest.mark.parametrize("produced", ["", "x\n" * 5000, "y" * 9000])
def test_every_reply_is_non_empty_and_fits_telegram(shipped_store, monkeypatch, produced):
    monkeypatch.setattr(figures_module, "figure_text", lambda *a, **k: produced)
    reply = answer("exports January 2021", store=shipped_store, today=TODAY)
    assert reply.text.strip()
    assert len(reply.text) <= MAX_REPLY_CHARS
    if len(produced) > MAX_REPLY_CHARS:
        assert reply.text.endswith("…")


def test_a_gap_names_the_measure_the_month_lacks(shipped_store, dataset_rows):
    """June 2020 states a chip export level but no growth: "no figure" would be false."""
    june = [
        r
        for r in dataset_rows
        if (r["period"], r["product"], r["basis"]) == ("2020-06", "semiconductors", "release")
    ]
    assert june and june[0]["value_usd_mn"] and not june[0]["yoy_pct"]
    text = answer("semiconductor exports January 2021", store=shipped_store, today=TODAY).text
    assert "(no growth figure for June 2020)" in text


@pytest.mark.parametrize(
    "question,lang", [("what data do you have", "en"), ("어떤 자료가 있어?", "ko")]
)
def test_what_data_do_you_have_is_the_about_reply(shipped_store, question, lang):
    reply = answer(question, store=shipped_store, today=TODAY)
    assert reply.kind == "about"
    assert reply.text == about_reply(shipped_store, lang)


def test_two_partners_compared_without_a_month_are_compared_in_the_same_month(shipped_store):
    """ "Germany vs Japan": the newest month both have, not June for one and July for the
    other; the month comes from the data (each series' last month)."""
    view = resolve.Resolver(shipped_store, TODAY)
    lasts = {
        slug: view.series(SeriesKey("export", "all", slug)).last for slug in ("germany", "japan")
    }
    assert len(set(lasts.values())) == 2  # the data has them end apart: the case asked about
    common = min(lasts.values())
    reply = answer("compare exports to germany and japan", store=shipped_store, today=TODAY)
    assert f"\n{month_name(common)} · " in reply.text
    assert f"({month_name(max(lasts.values()))})" not in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "vietnam semiconductor imports june 2026 vs june 2025",
        "베트남 반도체 수입 2026년 6월 2025년 6월 비교",
    ],
)
def test_a_series_the_data_lacks_is_said_missing_once_in_a_comparison(shipped_store, question):
    key = SeriesKey("import", "semiconductors", "vietnam")
    assert key not in store_view(shipped_store).keys  # the case asked about
    reply = answer(question, store=shipped_store, today=TODAY)
    missing = "in the data." if reply.lang == "en" else "자료에 없습니다."
    assert reply.text.count(missing) == 1


@pytest.mark.parametrize("question", ["top export partners in 2025", "2025년 수출 상위 국가"])
def test_top_partners_over_a_year_are_ranked_by_their_summed_value(shipped_store, question):
    """ "Top partners in 2025" asks for the biggest totals, not growth over the span: each
    row is the partner's summed 2025 exports (from the data), highest first."""
    from kortrade.data.facts import span_facts

    reply = answer(question, store=shipped_store, today=TODAY)
    lang = reply.lang
    names = store_view(shipped_store).vocabulary
    head, *rest = reply.text.splitlines()
    assert ("ranked by value" if lang == "en" else "금액 순위") in head
    rows = [row for row in rest if row[:1].isdigit()]
    assert len(rows) >= 2
    totals = []
    for row in rows:
        shown = row.split(". ", 1)[1].split(":", 1)[0]
        slug = next(
            s for s in names.slugs("partner") if names.name(s, lang).lower() == shown.lower()
        )
        span = span_facts(
            shipped_store.series(SeriesKey("export", "all", slug)), "2025-01", "2025-12"
        )
        assert span.total_usd_mn is not None
        assert f": {money(span.total_usd_mn, lang)}" in row
        totals.append(span.total_usd_mn)
    assert totals == sorted(totals, reverse=True)


@pytest.mark.parametrize(
    "question,pick,expected",
    [
        ("fastest export growth on record", max, "the fastest growth on record here is"),
        ("lowest export growth ever", min, "the weakest growth on record here is"),
        ("수출 증가율 가장 높았던 달", max, "집계 이래 최고 증가율은"),
    ],
)
def test_a_record_of_growth_names_the_month_of_the_fastest_growth(
    shipped_store, question, pick, expected
):
    rates = history(shipped_store.series(SeriesKey("export"))).growth
    peak = pick(rates, key=rates.__getitem__)
    reply = answer(question, store=shipped_store, today=TODAY)
    assert reply.kind == "record"
    lang = reply.lang
    joint = ": " if lang == "en" else ", 전년 동월 대비 "
    assert f"{expected} {month_name(peak, lang)}{joint}{growth(rates[peak], lang)}" in reply.text


def test_a_year_on_year_comparison_with_no_level_a_year_earlier_still_leads_with_the_growth(
    shipped_store,
):
    """July 2025 crude imports have no level here, but July 2026's release states its growth
    on a year earlier: the comparison leads with it instead of leaving the answer blank."""
    series = shipped_store.series(SeriesKey("import", "crude_oil"))
    found = history(series)
    assert "2025-07" not in found.levels and "2026-07" in found.growth  # the case asked about
    reply = answer("crude oil imports july 2026 vs july 2025", store=shipped_store, today=TODAY)
    first = reply.text.splitlines()[0]
    assert first == (
        f"Imports of crude oil: {growth(found.growth['2026-07'])} in July 2026 on July 2025"
        " (growth as stated for July 2026)."
    )


def test_since_when_for_a_month_that_is_no_low_says_so_not_that_it_lacks_a_level(shipped_store):
    """The largest surplus stored is no low: "smallest surplus since when" says so, never
    that the month (which has a level) has no dollar figure."""
    from kortrade.data.answering import answering_series

    series = answering_series(shipped_store, SeriesKey("balance"))
    assert series is not None
    months = {**series.customs, **series.release}
    peak = max(months, key=lambda p: months[p].value_usd_mn or 0)
    question = f"smallest surplus since when {month_name(peak)}"
    reply = answer(question, store=shipped_store, today=TODAY)
    assert reply.text.splitlines()[0].endswith("not a low: earlier months were lower.")
    assert "no dollar level" not in reply.text
