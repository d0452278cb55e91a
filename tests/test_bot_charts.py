"""Charts: what is drawn comes from the store month by month, gaps stay gaps, and the
result is a PNG. (Render time is printed by benchmarks/bench_charts.py, not asserted.)"""

from __future__ import annotations

import math

import data_facts
import pytest
from bot_support import PNG_SIGNATURE

from kortrade.answer import ChartRequest, answer
from kortrade.bot import charts
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store
from kortrade.intents import parse
from kortrade.months import month_range
from kortrade.resolve import resolve, store_view
from kortrade.resolve.outcomes import Figures, SpanLine

CHIPS = SeriesKey("export", "semiconductors")
CHINA = SeriesKey("export", "all", "china")


def stored_values(rows: list[dict[str, str]], key: SeriesKey, period: str) -> set[float]:
    """Every level the CSV holds for the series and month, of either basis."""
    return {
        float(row["value_usd_mn"])
        for row in rows
        if (row["period"], row["flow"], row["product"], row["partner"])
        == (period, key.flow, key.product, key.partner)
        and row["value_usd_mn"]
    }


@pytest.mark.parametrize(
    "keys", [(CHIPS,), (CHIPS, SeriesKey("export", "automobiles")), (SeriesKey("balance"),)]
)
def test_a_chart_is_a_png(shipped_store: Store, keys):
    request = ChartRequest(keys, "2020-01", "2021-12", "test chart")
    png = charts.chart_png(shipped_store, request)
    assert png is not None and png.startswith(PNG_SIGNATURE)


@pytest.mark.parametrize("key", [CHIPS, CHINA])
def test_every_point_is_a_stored_figure_and_missing_months_stay_gaps(
    shipped_store: Store, dataset_rows, key
):
    request = ChartRequest((key,), "2019-01", "2021-12", "t")
    [line] = charts.chart_data(shipped_store, request).lines
    assert line.periods == tuple(month_range("2019-01", "2021-12"))
    for period, level in zip(line.periods, line.levels, strict=True):
        stored = stored_values(dataset_rows, key, period)
        if stored:
            assert level in stored, period
        else:
            assert math.isnan(level), period


def test_semiconductor_gaps_exist_in_the_data_this_test_relies_on(dataset_rows):
    gaps = [
        p for p in month_range("2019-01", "2021-12") if not stored_values(dataset_rows, CHIPS, p)
    ]
    assert gaps  # otherwise the gap test above proves nothing


def test_a_span_without_figures_draws_nothing(shipped_store: Store):
    request = ChartRequest((CHIPS,), "1980-01", "1980-12", "before the data")
    assert charts.chart_png(shipped_store, request) is None


def test_labels_come_from_the_vocabulary(shipped_store: Store):
    request = ChartRequest((CHIPS, CHINA), "2021-01", "2021-03", "t")
    labels = [line.label for line in charts.chart_data(shipped_store, request).lines]
    assert labels == ["Exports of semiconductors", "Exports to China"]  # as replies word them


def test_korean_chart_without_a_hangul_font_falls_back_to_english(
    shipped_store: Store, monkeypatch
):
    monkeypatch.setattr(charts, "_hangul_font", [None])
    request = ChartRequest((CHIPS,), "2021-01", "2021-03", "반도체 수출", lang="ko")
    data = charts.chart_data(shipped_store, request)
    assert data.title == "Exports of semiconductors, 2021-01 to 2021-03"
    assert charts.render_png(data).startswith(PNG_SIGNATURE)


def test_korean_chart_uses_the_packaged_hangul_font(shipped_store: Store, monkeypatch, recwarn):
    monkeypatch.setattr(charts, "_hangul_font", [])  # look the font up afresh
    request = ChartRequest((CHIPS,), "2021-01", "2021-03", "반도체 수출", lang="ko")
    data = charts.chart_data(shipped_store, request)
    assert data.font == "NanumGothic"
    assert data.lines[0].label.startswith("반도체")
    assert charts.render_png(data).startswith(PNG_SIGNATURE)
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


@pytest.mark.parametrize("question", ["trade balance 2005", "trade balance 2026"])
def test_a_replys_chart_draws_every_month_its_text_sums(shipped_store: Store, question: str):
    """The chart reads the series the text reads (`kortrade.data.answering`): the 2005
    balance (customs exports minus imports) and 2026's customs-only months are drawn."""
    today = data_facts.TODAY
    outcome = resolve(
        parse(question, store_view(shipped_store).vocabulary, today), shipped_store, today
    )
    assert isinstance(outcome, Figures) and isinstance(outcome.lines[0], SpanLine)
    span = outcome.lines[0].span
    summed = set(month_range(span.start, span.end)) - set(span.missing)
    reply = answer(question, store=shipped_store, today=today)
    assert reply.chart is not None and summed
    (line,) = charts.chart_data(shipped_store, reply.chart).lines
    drawn = {p for p, v in zip(line.periods, line.levels, strict=True) if not math.isnan(v)}
    assert summed <= drawn
