"""Wording of question replies (`bot.replies` figures, comparisons, runs, records, ranks, guidance).

Outcomes are built by hand around real facts from the shipped store; names come from
the shipped vocabulary; money, growth and months through `phrases`, so the tests say
how a reply reads without retyping a figure.
"""

from __future__ import annotations

import datetime as dt

import pytest
from intents_support import names_rows, shipped_vocabulary

from kortrade.bot.replies.comparisons import compare_text
from kortrade.bot.replies.figures import figure_text, no_figure, span_line, stand_in
from kortrade.bot.replies.guidance import clarify_text, help_text, unknown_text
from kortrade.bot.replies.phrases import (
    HS_NOTE,
    balance,
    figure,
    growth,
    label,
    money,
    month_name,
    months_list,
    question_for,
    source_lines,
    span_range,
)
from kortrade.bot.replies.ranks import rank_text
from kortrade.bot.replies.records import record_text
from kortrade.bot.replies.runs import streak_text
from kortrade.data.digest import SourceRef
from kortrade.data.facts import month_facts, rank, span_facts
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store
from kortrade.intents import Clarification, Option, parse
from kortrade.resolve.outcomes import (
    MonthLine,
    NoFigure,
    PeriodComparison,
    RankOutcome,
    RecordOutcome,
    SpanLine,
    StreakOutcome,
)

NAMES = {row["slug"]: row for row in names_rows()}
VOCAB = shipped_vocabulary()
TODAY = dt.date(2026, 10, 15)


def line_of(store: Store, key: SeriesKey, period: str, **kwargs) -> MonthLine:
    facts = month_facts(store.series(key), period)
    assert facts is not None
    return MonthLine(key, facts, **kwargs)


# -- labels --------------------------------------------------------------------------------------


def _n(slug: str, lang: str = "en") -> str:
    return NAMES[slug]["ko" if lang == "ko" else "en"]


@pytest.mark.parametrize(
    "key,lang,expected",
    [
        (SeriesKey("export"), "en", "Exports"),
        (SeriesKey("balance"), "en", "Trade balance"),
        (SeriesKey("export", "semiconductors"), "en", f"Exports of {_n('semiconductors')}"),
        (SeriesKey("export", "all", "china"), "en", f"Exports to {_n('china')}"),
        (SeriesKey("import", "all", "china"), "en", f"Imports from {_n('china')}"),
        (SeriesKey("balance", "all", "china"), "en", f"Trade balance with {_n('china')}"),
        (
            SeriesKey("export", "hs8542", "vietnam"),
            "en",
            f"Exports of {_n('hs8542')} to {_n('vietnam')}",
        ),
        (SeriesKey("export"), "ko", _n("export", "ko")),
        (
            SeriesKey("export", "semiconductors"),
            "ko",
            f"{_n('semiconductors', 'ko')} {_n('export', 'ko')}",
        ),
        (SeriesKey("export", "all", "china"), "ko", f"대{_n('china', 'ko')} {_n('export', 'ko')}"),
        # Korean reports' short forms: 대미 수출, 대일 수입, 대EU 무역수지
        (SeriesKey("export", "all", "united_states"), "ko", f"대미 {_n('export', 'ko')}"),
        (SeriesKey("import", "all", "japan"), "ko", f"대일 {_n('import', 'ko')}"),
        (SeriesKey("balance", "all", "eu"), "ko", f"대EU {_n('balance', 'ko')}"),
        (
            SeriesKey("export", "hs8542", "others"),
            "ko",
            f"{_n('others', 'ko')} {_n('hs8542', 'ko')} {_n('export', 'ko')}",
        ),
    ],
)
def test_a_series_is_named_by_flow_item_and_partner(key, lang, expected):
    assert label(key, VOCAB, lang) == expected


def test_a_label_inside_a_sentence_starts_lower_case():
    assert label(SeriesKey("export", "automobiles"), VOCAB, "en", start=False).startswith("exports")


# -- one figure ----------------------------------------------------------------------------------


def test_a_stated_figure_reads_level_then_growth_year_on_year(shipped_store, dataset_rows):
    facts = month_facts(shipped_store.series(SeriesKey("export")), "2021-01")
    assert (
        figure(facts, "en", other=False)
        == f"{money(facts.value_usd_mn)}, {growth(facts.yoy_pct)} y/y"
    )
    assert figure(facts, "ko", other=False) == (
        f"{money(facts.value_usd_mn, 'ko')}, 전년 동월 대비 {growth(facts.yoy_pct, 'ko')}"
    )


def test_growth_without_a_level_says_no_dollar_figure(shipped_store):
    facts = month_facts(shipped_store.series(SeriesKey("export", "semiconductors")), "2021-01")
    assert facts.value_usd_mn is None
    assert figure(facts, "en") == f"{growth(facts.yoy_pct)} y/y (no dollar figure stated)"
    assert figure(facts, "ko").endswith("(금액 미발표)")


def test_growth_without_a_level_takes_the_customs_level_without_saying_none(
    shipped_store, dataset_rows
):
    release = {
        r["period"]: r
        for r in dataset_rows
        if (r["flow"], r["product"], r["partner"], r["basis"])
        == ("export", "all", "world", "release")
    }
    month = next(p for p, r in sorted(release.items()) if not r["value_usd_mn"])
    facts = month_facts(shipped_store.series(SeriesKey("export")), month)
    text = figure(facts, "en")
    assert text.startswith(
        f"{growth(facts.yoy_pct)} y/y (preliminary release); customs final (revised): "
    )
    assert "no dollar figure" not in text
    assert money(facts.other_basis.value_usd_mn) in text


def test_growth_computed_from_customs_levels_says_so(shipped_store):
    facts = month_facts(shipped_store.series(SeriesKey("export")), "2005-06")
    assert facts.basis == "customs" and facts.yoy_computed
    assert "y/y (computed from customs levels)" in figure(facts, "en")
    assert "(관세청 수치로 계산)" in figure(facts, "ko")


def test_the_other_basis_is_added_when_it_tells_more_saying_which_is_which(shipped_store):
    facts = month_facts(shipped_store.series(SeriesKey("import")), "2021-01")
    assert facts.other_basis is not None
    text = figure(facts, "en")
    assert (
        f"(preliminary release); customs final (revised): {money(facts.other_basis.value_usd_mn)}"
        in text
    )
    assert "customs final" not in figure(facts, "en", other=False)


def test_a_balance_reads_as_surplus_or_deficit(shipped_store):
    facts = month_facts(shipped_store.series(SeriesKey("balance")), "2021-01")
    assert figure(facts, "en") == balance(facts.value_usd_mn)
    assert figure(facts, "ko") == balance(facts.value_usd_mn, "ko")


# -- lines -----------------------------------------------------------------------------------------


def test_a_stand_in_month_says_why(shipped_store):
    line = line_of(shipped_store, SeriesKey("export"), "2026-09", asked="2026-10", why="not_out")
    assert (
        stand_in(line, VOCAB, "en") == "October 2026 is not out yet; the latest is September 2026:"
    )
    assert stand_in(line, VOCAB, "ko").startswith("2026년 10월 수치는 아직 발표되지 않았습니다")
    due = line_of(shipped_store, SeriesKey("export"), "2026-09", asked="2026-10", why="not_loaded")
    assert stand_in(due, VOCAB, "en") == (
        "October 2026 is not in my data yet; the latest I have is September 2026:"
    )
    assert stand_in(due, VOCAB, "ko").startswith("2026년 10월 수치는 아직 자료에 없습니다")
    behind = line_of(
        shipped_store, SeriesKey("export", "steel"), "2026-07", asked="2026-09", why="series_behind"
    )
    assert stand_in(behind, VOCAB, "en") == (
        f"No figure for exports of {_n('steel')} in September 2026 yet; the latest is July 2026:"
    )
    assert stand_in(line_of(shipped_store, SeriesKey("export"), "2021-01"), VOCAB, "en") is None


@pytest.mark.parametrize(
    "periods,lang,expected",
    [
        (["2026-03"], "en", "March 2026"),
        (["2026-03", "2026-05", "2026-06", "2026-07"], "en", "March 2026, May–July 2026"),
        (["2025-12", "2026-01"], "en", "December 2025–January 2026"),
        (["2026-03", "2026-05", "2026-06"], "ko", "2026년 3월, 2026년 5~6월"),
        ([f"20{y}-01" for y in range(10, 20)], "en", "January 2010, January 2011"),
    ],
)
def test_missing_months_are_listed_as_runs(periods, lang, expected):
    assert months_list(periods, lang).startswith(expected)


def test_a_long_list_of_months_ends_in_and_more():
    periods = [f"20{y}-01" for y in range(10, 20)]
    assert months_list(periods, "en", limit=3).endswith("and 7 more")


@pytest.mark.parametrize(
    "start,end,lang,expected",
    [
        ("2021-01", "2021-03", "en", "January–March 2021"),
        ("2021-01", "2021-12", "en", "2021"),
        ("2021-01", "2021-12", "ko", "2021년"),
        ("2020-11", "2021-02", "ko", "2020년 11월~2021년 2월"),
        ("2021-05", "2021-05", "en", "May 2021"),
    ],
)
def test_a_span_reads_as_a_range(start, end, lang, expected):
    assert span_range(start, end, lang) == expected


@pytest.mark.parametrize(
    "label,label_ko,lang,expected",
    [
        # "2021 so far" asked after 2021 ended: the whole year, not "year to date".
        ("2021 year to date", "2021년 누계", "en", "Exports, 2021: "),
        ("2021 year to date", "2021년 누계", "ko", "2021년 수출: "),
        ("2021", "2021년", "ko", "2021년 수출: "),
    ],
)
def test_a_span_head_names_the_period_plainly(shipped_store, label, label_ko, lang, expected):
    span = span_facts(shipped_store.series(SeriesKey("export")), "2021-01", "2021-12")
    line = SpanLine(SeriesKey("export"), span, label, label_ko)
    first = span_line(line, VOCAB, lang)[0]
    assert first.startswith(expected + money(span.total_usd_mn, lang))


def test_a_span_without_levels_says_no_dollar_figure(shipped_store, dataset_rows):
    by_series: dict[tuple[str, str, str], dict[str, list[dict[str, str]]]] = {}
    for r in dataset_rows:
        key = (r["flow"], r["product"], r["partner"])
        by_series.setdefault(key, {}).setdefault(r["period"][:4], []).append(r)
    key, year = next(
        (key, year)
        for key, years in sorted(by_series.items())
        if key[0] == "export"
        for year, rows in sorted(years.items())
        if not any(r["value_usd_mn"] for r in rows)
    )
    series_key = SeriesKey(*key)
    span = span_facts(shipped_store.series(series_key), f"{year}-01", f"{year}-12")
    line = SpanLine(series_key, span, str(year), f"{year}년")
    assert span_line(line, VOCAB, "en")[0].endswith(f": no total — no dollar figure for {year}.")


@pytest.mark.parametrize(
    "lang,expected",
    [("en", "Latest month with a figure, {month}: "), ("ko", "수치가 있는 최근 월({month}): ")],
)
def test_a_span_without_a_total_names_its_latest_month_once(shipped_store, lang, expected):
    series = shipped_store.series(SeriesKey("export", "semiconductors"))
    span = span_facts(series, "2020-01", "2020-12")
    assert span.total_usd_mn is None
    latest = month_facts(series, max(p for p in series.periods if p <= "2020-12"))
    line = SpanLine(SeriesKey("export", "semiconductors"), span, "2020", "2020년", latest=latest)
    last = span_line(line, VOCAB, lang)[-1]
    assert last.startswith(expected.format(month=month_name(latest.period, lang)))
    assert last.count(month_name(latest.period, lang)) == 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_before_the_start_names_the_first_month(lang):
    key = SeriesKey("export", "automobiles")
    missing = NoFigure(key, "before_start", asked="1990-03", first="2018-11", last="2026-07")
    text = "\n".join(no_figure(missing, VOCAB, lang))
    assert month_name("2018-11", lang) in text and month_name("1990-03", lang) in text


def test_an_impossible_date_is_quoted_back():
    missing = NoFigure(SeriesKey("export"), "invalid", asked="2021-13", asked_ko="2021-13")
    assert no_figure(missing, VOCAB, "en")[0].startswith("“2021-13” is not a month I can read")


def test_hs8542_always_carries_the_narrower_note(shipped_store):
    line = line_of(shipped_store, SeriesKey("export", "hs8542", "china"), "2021-01")
    assert HS_NOTE[0] in figure_text([line], VOCAB, "en")
    assert HS_NOTE[1] in figure_text([line], VOCAB, "ko")
    plain = line_of(shipped_store, SeriesKey("export", "semiconductors"), "2021-01")
    assert HS_NOTE[0] not in figure_text([plain], VOCAB, "en")


def test_one_subject_reads_figure_then_facts_then_period_and_basis(shipped_store):
    line = line_of(shipped_store, SeriesKey("balance"), "2021-01")
    first, footer = figure_text([line], VOCAB, "en").splitlines()[:2]
    assert first.startswith(f"Trade balance: {balance(line.facts.value_usd_mn)} — in surplus for")
    assert footer.startswith("January 2021 · preliminary release")


def test_korean_replies_use_eok_and_korean_months(shipped_store):
    line = line_of(shipped_store, SeriesKey("export"), "2021-01")
    text = figure_text([line], VOCAB, "ko")
    assert "억 달러" in text and "2021년 1월" in text and "$" not in text


# -- questions and sources ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        SeriesKey("export", "hs8542", "china"),
        SeriesKey("export", "semiconductors"),
        SeriesKey("export", "all", "united_states"),
        SeriesKey("import", "all", "china"),
        SeriesKey("balance"),
        SeriesKey("export_daily_avg"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_button_question_is_understood_as_the_same_series_and_month(key, lang):
    intent = parse(question_for(key, "2021-01", VOCAB, lang), VOCAB, today=TODAY)
    subject = intent.subjects[0]
    assert (subject.flow, subject.product, subject.partner) == (key.flow, key.product, key.partner)
    assert intent.period.start == "2021-01"


def test_sources_show_every_url_once_and_cap_the_list():
    long_url = "https://example.org/" + "x" * 200
    refs = [
        SourceRef("a", "Publisher A", None, "https://a.example/1"),
        SourceRef("b", "Publisher B", None, long_url),
        SourceRef("c", "Publisher A", None, "https://a.example/1"),
    ]
    lines = source_lines(refs, "en")
    assert lines == [
        "Sources:",
        "• Publisher A — https://a.example/1",
        f"• Publisher B — {long_url}",
    ]
    many = [SourceRef(str(n), f"P{n}") for n in range(7)]
    assert source_lines(many, "en")[-1] == "• and 3 more"
    assert source_lines(refs[:1], "ko") == ["출처: Publisher A — https://a.example/1"]


def test_a_spans_many_releases_are_grouped_by_publisher():
    ministry = "Ministry of Trade, Industry and Energy"
    refs = [
        SourceRef(str(n), ministry, f"monthly export and import release for 2021-{n + 1:02d}",
                  f"https://s{n}.kr", f"news report: site{n}.example")
        for n in range(6)
    ]  # fmt: skip
    refs.append(SourceRef("kcs", "Korea Customs Service", None, "https://kcs.example"))
    assert source_lines(refs, "en") == [
        "Sources:",
        f"• {ministry} (6 releases, as reported by site0.example, site1.example, site2.example, …)",
        "• Korea Customs Service — https://kcs.example",
    ]
    assert source_lines(refs, "ko")[1].startswith("• 산업통상자원부 (발표 6건, site0.example")
    assert source_lines(refs[:1], "ko") == [
        "출처: 산업통상자원부 2021년 1월 수출입 동향 (site0.example 보도) — https://s0.kr"
    ]
    assert source_lines(refs[:1], "en") == [
        f"Source: {ministry}, release for January 2021 (as reported by site0.example)"
        " — https://s0.kr"
    ]


# -- kinds ---------------------------------------------------------------------------------------


def test_a_ranking_is_numbered_and_names_what_is_missing(shipped_store):
    keys = [SeriesKey("export", slug) for slug in ("semiconductors", "automobiles", "ships")]
    ranked = rank([shipped_store.series(k) for k in keys], "2021-01")
    outcome = RankOutcome(
        "export", "product", "growth", "2021-01", tuple(ranked.ranked), missing=("ships",)
    )
    text = rank_text(outcome, VOCAB, "en")
    first = ranked.ranked[0]
    assert f"1. {_n(first.key.product).capitalize()}: {growth(first.yoy_pct)}" in text
    assert f"No figure stored: {_n('ships')}." in text


@pytest.mark.parametrize(
    "why,lang,expected",
    [
        (
            "not_out",
            "en",
            "October 2026 is not out yet; the latest item figures are for July 2026:",
        ),
        (
            "not_loaded",
            "en",
            "October 2026 is not in my data yet; the latest item figures I have are for July 2026:",
        ),
        (
            "series_behind",
            "en",
            "No item figures for October 2026 yet; the latest are for July 2026:",
        ),
        (
            "series_behind",
            "ko",
            "2026년 10월 품목별 수치는 아직 없습니다. 가장 최근은 2026년 7월입니다:",
        ),
    ],
)
def test_a_later_month_ranking_says_which_month_answers(shipped_store, why, lang, expected):
    chips = shipped_store.series(SeriesKey("export", "semiconductors"))
    ranked = tuple(rank([chips], "2026-07").ranked)
    assert ranked  # the shipped July 2026 release states chip growth
    outcome = RankOutcome(
        "export", "product", "growth", "2026-07", ranked, asked="2026-10", why=why
    )
    assert rank_text(outcome, VOCAB, lang).splitlines()[0] == expected


def test_a_streak_the_month_breaks_is_answered_with_what_it_shows(shipped_store):
    line = line_of(shipped_store, SeriesKey("export"), "2021-01")
    rise = line.facts.streak("rise")
    outcome = StreakOutcome(line, "decline", None, (rise,))
    text = streak_text([outcome], VOCAB, "en")
    assert text.startswith("Exports: not falling — up for the")


def test_a_record_names_the_month_and_the_history_it_covers(dataset_rows):
    balances = {
        r["period"]: r
        for r in dataset_rows
        if (r["flow"], r["product"], r["partner"], r["basis"])
        == ("balance", "all", "world", "release")
    }
    first, last = min(balances), max(balances)
    low = float(balances["2022-01"]["value_usd_mn"])
    outcome = RecordOutcome(SeriesKey("balance"), "low", "2022-01", low, first, last, "release")
    text = record_text([outcome], VOCAB, "en")
    assert f"the largest deficit on record here is January 2022: {balance(low)}" in text
    assert f"{month_name(first)} to {month_name(last)}" in text


def test_a_change_computed_from_customs_levels_reads_naturally_in_korean(shipped_store):
    now = line_of(shipped_store, SeriesKey("export"), "2021-01")
    before = line_of(shipped_store, SeriesKey("export"), "2020-12")
    comparison = PeriodComparison(
        SeriesKey("export"),
        (now, before),
        change_pct=-5.0,
        computed_from="customs",
        earlier=("2020-12", "2020-12"),
        later=("2021-01", "2021-01"),
    )
    first = compare_text([comparison], VOCAB, "ko").splitlines()[0]
    assert first.endswith("(관세청 확정치로 계산).")
    english = compare_text([comparison], VOCAB, "en").splitlines()[0]
    assert english.endswith("(computed from customs final levels).")


def test_a_year_apart_change_is_the_stated_growth(shipped_store):
    now = line_of(shipped_store, SeriesKey("export"), "2021-01")
    before = line_of(shipped_store, SeriesKey("export"), "2020-01")
    comparison = PeriodComparison(
        SeriesKey("export"),
        (now, before),
        change_pct=now.facts.yoy_pct,
        stated=True,
        earlier=("2020-01", "2020-01"),
        later=("2021-01", "2021-01"),
    )
    text = compare_text([comparison], VOCAB, "en")
    assert text.startswith(
        f"Exports: {growth(now.facts.yoy_pct)} in January 2021 on January 2020 "
        "(growth as stated for January 2021)."
    )
    assert text.splitlines()[1] == f"• January 2021: {figure(now.facts, 'en', other=False)}"
    ko = compare_text([comparison], VOCAB, "ko")
    assert ko.startswith(
        f"수출: 2021년 1월, 2020년 1월 대비 {growth(now.facts.yoy_pct, 'ko')} "
        "(2021년 1월 발표 증감률)."
    )


@pytest.mark.parametrize("lang,examples", [("en", "Examples:"), ("ko", "예시:")])
def test_help_gives_examples_in_the_language(lang, examples):
    text = help_text(lang)
    assert examples in text
    assert text.count("• ") >= 6


def test_an_ambiguous_word_is_quoted_with_its_options():
    ask = Clarification(
        "ambiguous_term",
        (Option("semiconductors", "반도체", "q1"), Option("ships", "선박", "q2")),
        term="hips",
    )
    assert clarify_text(ask, VOCAB, "en") == (
        "Did you mean semiconductors or ships (you typed “hips”)? Pick one:"
    )
    assert "반도체 또는 선박" in clarify_text(ask, VOCAB, "ko")


def test_an_unknown_word_gets_suggestions_and_the_items():
    text = unknown_text(["chipz"], ["semiconductors"], ["semiconductors", "steel"], VOCAB, "en")
    assert "no item called “chipz”" in text
    assert f"Did you mean {_n('semiconductors')}?" in text
    assert text.endswith(f"Items: {_n('semiconductors')}, {_n('steel')}.")


def test_grouped_releases_compiled_in_a_public_repository_are_not_called_reported():
    """A repository (github.com/...) compiles figures, it does not report them: the grouped
    row says so, as a single citation does."""
    ministry = "Ministry of Trade, Industry and Energy"
    refs = [
        SourceRef(str(n), ministry, f"monthly export and import release for 2021-{n + 1:02d}",
                  f"https://s{n}.kr", "news report: github.com/someone/trade")
        for n in range(5)
    ]  # fmt: skip
    refs.append(SourceRef("y", ministry, "monthly export and import release for 2021-07",
                          "https://y.kr", "news report: en.yna.co.kr"))  # fmt: skip
    refs.append(SourceRef("kcs", "Korea Customs Service", None, "https://kcs.example"))
    rows = source_lines(refs, "en")
    assert rows[1] == (
        f"• {ministry} (6 releases, as reported by en.yna.co.kr;"
        " as compiled in github.com/someone/trade)"
    )
    assert "as reported by github.com" not in " ".join(rows)
    assert source_lines(refs, "ko")[1] == (
        "• 산업통상자원부 (발표 6건, en.yna.co.kr 보도; github.com/someone/trade 정리)"
    )
