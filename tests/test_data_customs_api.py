"""The customs API importer against recorded answers served from a loopback HTTP server.

The fixtures in tests/fixtures/customs_api are real answers of data.go.kr; expected
figures come from the shipped trade_monthly.csv. The only XML built here (for HS 8542)
follows the recorded getNitemtradeList shape and carries the shipped CSV's own figures.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from kortrade.data import customs_api
from kortrade.data.customs_api import CustomsApiError, import_items, import_range
from kortrade.data.series import SeriesKey
from kortrade.data.store import Store
from kortrade.months import months_between

FIXTURES = Path(__file__).parent / "fixtures" / "customs_api"
NEWTRADE_2026_01 = "customs_Newtrade_getNewtradeList_excerpt_2026-01.xml"
ITEM_CN_2026_08 = "customs_nitemtrade_getNitemtradeList_excerpt_hs8518309000_CN_2026-08.xml"
EMPTY = "customs_nitemtrade_empty.xml"
SPAN_ERROR = "customs_error_period_over_1year_code99.xml"
KEY = "test-key"

Answer = Callable[[str, dict[str, str]], tuple[int, bytes]]


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class _Api:
    """Plays data.go.kr: records each request's path and parameters, answers via `answer`."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.answer: Answer = lambda path, params: (200, _fixture(EMPTY))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/1220000"

    def spans(self) -> list[int]:
        """Months covered by each request, both ends included."""
        return [
            months_between(_dash(p["strtYymm"]), _dash(p["endYymm"])) + 1 for _, p in self.requests
        ]


def _dash(yyyymm: str) -> str:
    return f"{yyyymm[:4]}-{yyyymm[4:]}"


@pytest.fixture
def api() -> Iterator[_Api]:
    fake = _Api()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = dict(parse_qsl(parts.query))
            fake.requests.append((parts.path, params))
            status, body = fake.answer(parts.path, params)
            self.send_response(status)
            self.send_header("Content-Type", "application/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.port = server.server_address[1]  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


def _csv_value(rows: list[dict[str, str]], period: str, flow: str, product: str = "all",
               partner: str = "world") -> float:  # fmt: skip
    (row,) = [
        r for r in rows
        if (r["period"], r["flow"], r["product"], r["partner"], r["basis"])
        == (period, flow, product, partner, "customs")
    ]  # fmt: skip
    return float(row["value_usd_mn"])


def _forget(store: Store, period: str, product: str) -> None:
    """Remove stored customs figures so the import has something to add back."""
    store.db.conn.execute(
        "DELETE FROM figures WHERE period = ? AND product = ? AND basis = 'customs'",
        [period, product],
    )
    store.db.conn.commit()


# -- monthly totals ---------------------------------------------------------------------------


def test_parse_totals_reads_months_in_millions_and_skips_the_total_row(
    dataset_rows: list[dict[str, str]],
) -> None:
    parsed = customs_api.parse_totals(_fixture(NEWTRADE_2026_01))
    assert [(p, f, float(v)) for p, f, v in parsed] == [
        ("2026-01", "export", _csv_value(dataset_rows, "2026-01", "export")),
        ("2026-01", "import", _csv_value(dataset_rows, "2026-01", "import")),
    ]


def test_reimporting_a_month_the_dataset_has_changes_nothing(
    store: Store, api: _Api, db_sha256: Callable[[Store], str]
) -> None:
    api.answer = lambda path, params: (200, _fixture(NEWTRADE_2026_01))
    report = import_range(store, "2026-01", "2026-01", api_key=KEY, base_url=api.base_url)
    assert (report.rows, report.added, report.revised, report.unchanged) == (2, 0, 0, 2)
    assert api.requests == [
        ("/1220000/Newtrade/getNewtradeList",
         {"serviceKey": KEY, "strtYymm": "202601", "endYymm": "202601"}),
    ]  # fmt: skip


def test_imported_totals_land_as_customs_figures_of_the_validated_store(
    store: Store, api: _Api, dataset_rows: list[dict[str, str]]
) -> None:
    _forget(store, "2026-01", "all")
    api.answer = lambda path, params: (200, _fixture(NEWTRADE_2026_01))
    report = import_range(store, "2026-01", "2026-01", api_key=KEY, base_url=api.base_url)
    assert (report.added, report.unchanged) == (2, 0)
    for flow in ("export", "import"):
        figure = store.series(SeriesKey(flow)).customs["2026-01"]
        assert (figure.value_usd_mn, figure.yoy_pct, figure.source) == (
            _csv_value(dataset_rows, "2026-01", flow),
            None,
            "kcs-newtrade",
        )


def test_a_span_over_twelve_months_is_split_into_requests_the_api_accepts(
    store: Store, api: _Api
) -> None:
    def answer(path: str, params: dict[str, str]) -> tuple[int, bytes]:
        start, end = params["strtYymm"], params["endYymm"]
        if months_between(_dash(start), _dash(end)) >= 12:
            return 200, _fixture(SPAN_ERROR)  # what the real API says
        return 200, _fixture(NEWTRADE_2026_01 if start <= "202601" <= end else EMPTY)

    api.answer = answer
    report = import_range(store, "2024-01", "2026-03", api_key=KEY, base_url=api.base_url)
    assert [(p["strtYymm"], p["endYymm"]) for _, p in api.requests] == [
        ("202401", "202412"),
        ("202501", "202512"),
        ("202601", "202603"),
    ]
    assert max(api.spans()) <= 12
    assert (report.requests, report.rows, report.unchanged) == (3, 2, 2)


@pytest.mark.parametrize(
    "start,end,pieces",
    [
        ("2026-01", "2026-01", [("2026-01", "2026-01")]),
        ("2025-01", "2025-12", [("2025-01", "2025-12")]),
        ("2025-02", "2026-02", [("2025-02", "2026-01"), ("2026-02", "2026-02")]),
    ],
)
def test_spans(start: str, end: str, pieces: list[tuple[str, str]]) -> None:
    assert customs_api.spans(start, end) == pieces


def test_an_empty_answer_is_zero_rows_not_an_error(store: Store, api: _Api) -> None:
    report = import_range(store, "2026-01", "2026-02", api_key=KEY, base_url=api.base_url)
    assert (report.rows, report.added) == (0, 0)
    assert "0 rows in 1 requests" in report.summary()


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status,body,message",
    [
        (200, _fixture("datagokr_error_key_not_registered_code30.xml"), "30: the key in "
         "KORTRADE_CUSTOMS_API_KEY is not registered"),
        (200, _fixture("datagokr_error_rate_limit_code22.xml"), "22: the key's request quota"),
        (200, _fixture(SPAN_ERROR), "99: a request may span at most 12 months"),
        (500, b"Internal Server Error", "not XML"),
        (503, b"<response><header><resultCode>00</resultCode></header></response>", "HTTP 503"),
        (200, b"<html>maintenance</html>", "unexpected answer (no result code)"),
        (200, b"<response><header><resultCode>04</resultCode><resultMsg>HTTP_ERROR</resultMsg>"
              b"</header></response>", "customs API error 04: HTTP_ERROR"),
    ],
)  # fmt: skip
def test_api_errors_become_clear_messages_and_store_nothing(
    store: Store, api: _Api, db_sha256: Callable[[Store], str],
    status: int, body: bytes, message: str,
) -> None:  # fmt: skip
    before = db_sha256(store)
    api.answer = lambda path, params: (status, body)
    with pytest.raises(CustomsApiError, match=re.escape(message)) as caught:
        import_range(store, "2026-01", "2026-01", api_key=KEY, base_url=api.base_url)
    assert KEY not in str(caught.value)
    assert db_sha256(store) == before


def test_an_error_halfway_keeps_the_spans_stored_before_it(store: Store, api: _Api) -> None:
    _forget(store, "2026-01", "all")
    quota = _fixture("datagokr_error_rate_limit_code22.xml")
    api.answer = lambda path, params: (
        (200, _fixture(NEWTRADE_2026_01)) if params["strtYymm"] == "202601" else (200, quota)
    )
    with pytest.raises(CustomsApiError, match=r"stopped at 2027-01\.\.2027-12; .* added 2"):
        import_range(store, "2026-01", "2027-12", api_key=KEY, base_url=api.base_url)
    assert "2026-01" in store.series(SeriesKey("export")).customs


@pytest.mark.parametrize("key", [None, "", "   "])
def test_a_missing_key_is_named_before_any_request(
    store: Store, api: _Api, key: str | None
) -> None:
    with pytest.raises(CustomsApiError, match="KORTRADE_CUSTOMS_API_KEY is not set"):
        import_range(store, "2026-01", "2026-01", api_key=key, base_url=api.base_url)
    assert api.requests == []


def test_an_encoded_key_is_sent_decoded_once(store: Store, api: _Api) -> None:
    import_range(store, "2026-01", "2026-01", api_key="ab%2Bc%2Fd%3D%3D", base_url=api.base_url)
    assert api.requests[0][1]["serviceKey"] == "ab+c/d=="


def test_an_unreachable_api_is_named_without_the_key(store: Store) -> None:
    secret = "never-print-this-key"
    unreachable = r"cannot reach the customs API at 127\.0\.0\.1"
    with pytest.raises(CustomsApiError, match=unreachable) as err:
        import_range(store, "2026-01", "2026-01", api_key=secret, base_url="http://127.0.0.1:9")
    assert secret not in str(err.value)


@pytest.mark.parametrize(
    "start,end,message",
    [("2026-13", "2026-12", "not a real month"), ("2026-05", "2026-01", "ends before it starts")],
)
def test_a_bad_span_is_refused(store: Store, api: _Api, start: str, end: str, message: str) -> None:
    with pytest.raises(CustomsApiError, match=message):
        import_range(store, start, end, api_key=KEY, base_url=api.base_url)
    assert api.requests == []


# -- HS code by country -----------------------------------------------------------------------


def test_parse_items_reads_the_recorded_country_answer() -> None:
    content = _fixture(ITEM_CN_2026_08)
    # 50,463 dollars, stored to the dataset's precision of a thousand dollars.
    assert customs_api.parse_items(content, "8518309000", "CN") == [("2026-08", "0.050")]
    assert customs_api.parse_items(content, "8542", "CN") == []


def _item_answer(period: str, code: str | None, dollars: int) -> bytes:
    """A getNitemtradeList answer in the recorded shape, carrying one shipped figure."""
    year = period.replace("-", ".")
    stat = code or "-"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><response><header>'
        "<resultCode>00</resultCode><resultMsg>정상서비스.</resultMsg></header><body><items>"
        f"<item><expDlr>{dollars}</expDlr><hsCd>-</hsCd><statCd>-</statCd><year>총계</year></item>"
        f"<item><expDlr>{dollars}</expDlr><hsCd>8542</hsCd><statCd>{stat}</statCd>"
        f"<year>{year}</year></item></items></body></response>"
    ).encode()


def test_hs_exports_by_country_are_imported_for_known_partners_only(
    store: Store, api: _Api, dataset_rows: list[dict[str, str]]
) -> None:
    period = "2026-08"
    slugs = {"CN": "china", "VN": "vietnam", None: "world"}
    shipped = {
        code: _csv_value(dataset_rows, period, "export", "hs8542", slug)
        for code, slug in slugs.items()
    }
    _forget(store, period, "hs8542")
    api.answer = lambda path, params: (
        200, _item_answer(period, params.get("cntyCd"), round(shipped[params.get("cntyCd")] * 1e6))
    )  # fmt: skip
    report = import_items(
        store, "8542", period, period, api_key=KEY, base_url=api.base_url,
        countries=("CN", "VN", "DE"),
    )  # fmt: skip
    assert [(p["hsSgn"], p.get("cntyCd")) for _, p in api.requests] == [
        ("8542", None), ("8542", "CN"), ("8542", "VN"),
    ]  # fmt: skip
    assert report.skipped == {"unknown country code 'DE'": 1}
    assert (report.added, report.rows) == (3, 3)
    for code, slug in slugs.items():
        figure = store.series(SeriesKey("export", "hs8542", slug)).customs[period]
        assert (figure.value_usd_mn, figure.source) == (shipped[code], "kcs-nitemtrade-8542")


@pytest.mark.parametrize(
    "hs,message",
    [("85x2", "must be 2, 4, 6 or 10 digits"), ("8518", "no source 'kcs-nitemtrade-8518'")],
)
def test_an_hs_code_without_a_source_or_shape_is_refused(
    store: Store, api: _Api, hs: str, message: str
) -> None:
    with pytest.raises(CustomsApiError, match=message):
        import_items(store, hs, "2026-08", "2026-08", api_key=KEY, base_url=api.base_url)
    assert api.requests == []
