"""The fast path of CSV validation: a clean file is checked a column at a time.

Checking a million rows one at a time in Python costs about 3 µs a row, and the million
lists of nine fresh strings that `csv.reader` builds first cost as much again in memory
traffic. A clean file needs neither: a block of ~1,700 lines is split into fields with
one `str.split`, each column is sliced out of that flat list, and every rule of the
per-row checker becomes a C-level pass over a column (a set difference against the
vocabulary, one `float` map, a `min` for signs, a set for duplicates). Blocks are small
so their strings stay in the CPU cache and are freed before the next block is read.

This path only ever *accepts*. On anything it does not handle (quotes, lone carriage
returns, a blank line in the middle, any bad value, a duplicate) it returns None and
`Validator.check_csv` runs the exact per-row checker over the whole file, so every error
message, line number and count still comes from one place, and both paths accept the
same files and produce the same rows.
"""

from __future__ import annotations

import io
import math
import operator
from collections.abc import Callable, Iterator, Sequence
from itertools import compress, repeat
from typing import Protocol

__all__ = ["COLUMNS", "LEVEL_FLOWS", "Row", "Vocabulary", "clean_rows", "csv_lines"]

#: One valid row: flow, product, partner, basis, period, value, growth, source, published_on.
Row = tuple[str, str, str, str, str, float | None, float | None, str, str | None]

#: Flows that are levels: their values are never negative, their growth never below -100 %.
LEVEL_FLOWS = frozenset({"export", "import", "export_daily_avg"})

#: Characters per block: about 1,700 dataset lines, whose strings fit in the CPU cache.
_BLOCK_CHARS = 1 << 17

#: The dataset's columns (trade_monthly.csv), in the order the checks read them; a file
#: must have exactly these, in any order. Defined here, re-exported by `validate`.
COLUMNS: tuple[str, ...] = (
    "period",
    "flow",
    "product",
    "partner",
    "value_usd_mn",
    "yoy_pct",
    "basis",
    "source",
    "published_on",
)


class Vocabulary(Protocol):
    """What the checks look values up in: `Validator`'s dicts (text -> interned text)."""

    flows: dict[str, str]
    bases: dict[str, str]
    products: dict[str, str]
    partners: dict[str, str]
    sources: dict[str, str]
    periods: dict[str, str]
    dates: dict[str, str]

    def accept_period(self, text: str) -> bool: ...

    def accept_date(self, text: str) -> bool: ...

    def accept_product(self, text: str) -> bool: ...


def clean_rows(
    vocabulary: Vocabulary, text: str, header: Sequence[str], header_line: int
) -> list[Row] | None:
    """The rows after `header_line` when every one is valid, else None (check per row).

    `header` is the file's validated header (the dataset's columns in any order).
    """
    if '"' in text:
        return None  # quoted fields (commas or line breaks inside) belong to the csv module
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    start = 0
    for _ in range(header_line):
        start = text.find("\n", start) + 1
        if start == 0:
            return []  # the header is the last line
    end = _trim_blank_tail(text, start)
    width = len(header)
    order = [header.index(column) for column in COLUMNS]
    seen: set[int] = set()
    rows: list[Row] = []
    commas = width - 1
    pos = start
    while pos < end:
        cut = text.find("\n", min(pos + _BLOCK_CHARS, end), end)
        if cut == -1:
            cut = end
        block = text[pos:cut]
        pos = cut + 1
        # Every line exactly `width` fields wide, so the flat field list slices into columns.
        if not all(map(commas.__eq__, map(str.count, block.split("\n"), repeat(",")))):
            return None
        fields = block.replace("\n", ",").split(",")
        checked = _check_block(vocabulary, [fields[i::width] for i in order], seen)
        if checked is None:
            return None
        rows += checked
    return rows


def csv_lines(text: str) -> Iterator[str]:
    """The lines of `text` as `io.StringIO(text, newline="")` yields them to `csv.reader`.

    Lazily and without a copy where the text has no carriage return: StringIO first copies
    the whole text at four bytes a character (0.4 s for a million-row file) even when only
    its header line is read.
    """
    if "\r" in text:
        yield from io.StringIO(text, newline="")
        return
    start = 0
    while (end := text.find("\n", start) + 1) > 0:
        yield text[start:end]
        start = end
    if start < len(text):
        yield text[start:]


def _trim_blank_tail(text: str, start: int) -> int:
    """Where the data ends: trailing blank or comma-only lines are skipped, as per row."""
    end = len(text)
    while end > start:
        if text[end - 1] == "\n":
            end -= 1
            continue
        line_start = text.rfind("\n", start, end) + 1 or start
        if text[line_start:end].replace(",", "").strip():
            break
        end = line_start
    return end


def _known(
    known: dict[str, str], column: list[str], accept: Callable[[str], bool] | None = None
) -> bool:
    """Whether every value is known, or new and accepted (which makes it known)."""
    new = set(column).difference(known)
    if not new:
        return True
    return accept is not None and all(map(accept, new))


def _check_block(
    vocabulary: Vocabulary, columns: list[list[str]], seen: set[int]
) -> list[Row] | None:
    periods, flows, products, partners, values, growths, bases, sources, published = columns
    v = vocabulary
    if not (
        _known(v.periods, periods, v.accept_period)
        and _known(v.flows, flows)
        and _known(v.products, products, v.accept_product)
        and _known(v.partners, partners)
        and _known(v.bases, bases)
        and _known(v.sources, sources)
    ):
        return None
    dated = set(published)
    dated.discard("")
    if dated and not _known(v.dates, list(dated), v.accept_date):
        return None
    numbers = _numbers(values, growths)
    if numbers is None:
        return None
    levels, growth = numbers
    flow = list(map(v.flows.__getitem__, flows))
    if not _signs_allowed(flow, levels, growth):
        return None
    key = (
        flow,
        list(map(v.products.__getitem__, products)),
        list(map(v.partners.__getitem__, partners)),
        list(map(v.bases.__getitem__, bases)),
        list(map(v.periods.__getitem__, periods)),
    )
    # Hashes of the keys, not the keys: a million ints free faster than a million tuples,
    # and a (rare) collision only sends the file to the per-row checker, which is exact.
    keys = set(map(hash, zip(*key, strict=True)))
    if len(keys) != len(flow) or not seen.isdisjoint(keys):
        return None  # a duplicate: the per-row checker names both lines
    seen |= keys
    dates = map(v.dates.get, published) if dated else repeat(None, len(flow))
    return list(zip(*key, levels, growth, map(v.sources.__getitem__, sources), dates, strict=True))


def _floats(column: list[str]) -> list[float | None] | None:
    """Empty cells as None; None when a cell is not a finite number or has an underscore."""
    try:
        if "" in column:
            numbers: list[float | None] = [float(x) if x else None for x in column]
        else:
            numbers = list(map(float, column))
    except ValueError:
        return None
    if not all(map(math.isfinite, filter(None, numbers))) or "_" in "".join(column):
        return None  # float() takes "inf", "nan" and "1_000"; the dataset does not
    return numbers


def _numbers(
    values: list[str], growths: list[str]
) -> tuple[list[float | None], list[float | None]] | None:
    levels = _floats(values)
    growth = _floats(growths)
    if levels is None or growth is None:
        return None
    if "" in values and not all(compress(growths, map(operator.not_, values))):
        return None  # a row with neither value nor growth
    return levels, growth


def _signs_allowed(
    flows: list[str], levels: list[float | None], growth: list[float | None]
) -> bool:
    """Levels not negative and their growth not below -100 % (balances may be either)."""
    if min(filter(None, levels), default=0.0) < 0 and any(
        x is not None and x < 0 and f in LEVEL_FLOWS for f, x in zip(flows, levels, strict=True)
    ):
        return False
    return not (
        min(filter(None, growth), default=0.0) < -100
        and any(
            x is not None and x < -100 and f in LEVEL_FLOWS
            for f, x in zip(flows, growth, strict=True)
        )
    )
