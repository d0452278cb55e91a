"""Files a bot administrator uploads to ingest: a figures CSV, a sources CSV, or a zip of
both, told apart by their header line (never by the sender's file name).

A new month usually cites a new source (the ministry's press release), so the figures
and their sources must be validated and loaded together, all or nothing, exactly as
`kortrade ingest FILE --sources SOURCES` does. Telegram sends one document per message,
so the bot keeps the first of the pair until the other arrives (`bot/handlers_admin.py`);
this module only reads the files and runs the ingest.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from kortrade.data.ingest import IngestError, IngestReport, ingest_file, read_sources

if TYPE_CHECKING:
    from kortrade.data.store import Store

__all__ = ["FIGURES", "SOURCES", "check_sources", "ingest_upload", "kind_of", "unzip_pair"]

FIGURES = "figures"
SOURCES = "sources"
#: An upload bigger than this, unpacked, is refused (a zip bomb, or the wrong file).
_MAX_BYTES = 64 * 1024 * 1024


def kind_of(content: bytes) -> str | None:
    """FIGURES or SOURCES by the CSV's header line, None when it is neither."""
    text = content[:4096].decode("utf-8-sig", errors="replace")
    for row in csv.reader(io.StringIO(text)):
        if not any(cell.strip() for cell in row):
            continue
        header = tuple(cell.strip().lower() for cell in row)
        if {"period", "flow"} <= set(header):  # validation names any other column missing
            return FIGURES
        if {"id", "publisher"} <= set(header):
            return SOURCES
        return None
    return None


def unzip_pair(content: bytes) -> tuple[bytes, bytes | None]:
    """(figures, sources) from a zip holding one figures CSV and at most one sources CSV."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise IngestError("the upload is not a readable zip file") from None
    found: dict[str, list[bytes]] = {FIGURES: [], SOURCES: []}
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if sum(m.file_size for m in members) > _MAX_BYTES:
            raise IngestError(f"the zip unpacks to more than {_MAX_BYTES >> 20} MB")
        for member in members:
            data = archive.read(member)
            kind = kind_of(data)
            if kind is not None:
                found[kind].append(data)
    if len(found[FIGURES]) != 1 or len(found[SOURCES]) > 1:
        raise IngestError(
            "the zip must hold one figures CSV and at most one sources CSV "
            f"(found {len(found[FIGURES])} and {len(found[SOURCES])})"
        )
    return found[FIGURES][0], (found[SOURCES][0] if found[SOURCES] else None)


def check_sources(content: bytes) -> int:
    """How many sources a sources CSV holds; IngestError names each bad line."""
    with tempfile.TemporaryDirectory(prefix="kortrade-upload-") as folder:
        path = Path(folder) / "sources.csv"
        path.write_bytes(content)
        return len(read_sources(path))


def ingest_upload(store: Store, figures: bytes, sources: bytes | None = None) -> IngestReport:
    """Validate and load the figures (with their sources) in one transaction, or nothing."""
    with tempfile.TemporaryDirectory(prefix="kortrade-upload-") as folder:
        figures_path = Path(folder) / "upload.csv"  # never a name chosen by the sender
        figures_path.write_bytes(figures)
        sources_path = None
        if sources is not None:
            sources_path = Path(folder) / "sources.csv"
            sources_path.write_bytes(sources)
        return ingest_file(store, figures_path, sources=sources_path)
