"""Uploaded files told apart by their header, and zips of a figures and a sources CSV."""

from __future__ import annotations

import io
import zipfile

import pytest

from kortrade.data.ingest import IngestError
from kortrade.data.uploads import FIGURES, SOURCES, kind_of, unzip_pair

FIGURES_CSV = b"period,flow,product,partner,value_usd_mn,yoy_pct,basis,source,published_on\n"
SOURCES_CSV = b"\xef\xbb\xbfid,publisher,title,url,via\n"  # with a byte-order mark


def _zip(**files: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "content,kind",
    [
        (FIGURES_CSV, FIGURES),
        (SOURCES_CSV, SOURCES),
        (b"\n\nid,publisher,title,url,via\n", SOURCES),
        (b"name,value\n", None),
        (b"", None),
    ],
)
def test_a_file_is_known_by_its_header_line(content: bytes, kind: str | None) -> None:
    assert kind_of(content) == kind


def test_a_zip_gives_its_figures_and_sources_whatever_their_names() -> None:
    assert unzip_pair(_zip(**{"a.csv": SOURCES_CSV, "b.txt": FIGURES_CSV})) == (
        FIGURES_CSV,
        SOURCES_CSV,
    )
    assert unzip_pair(_zip(only=FIGURES_CSV)) == (FIGURES_CSV, None)


@pytest.mark.parametrize(
    "content,message",
    [
        (b"not a zip", "not a readable zip"),
        (_zip(a=SOURCES_CSV), "one figures CSV"),
        (_zip(a=FIGURES_CSV, b=FIGURES_CSV), "found 2 and 0"),
    ],
)
def test_a_zip_without_exactly_one_figures_csv_is_refused(content: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        unzip_pair(content)
