"""Charts for Telegram: a `ChartRequest` -> PNG bytes (matplotlib, Agg backend).

Figures come from the series that answers each key (`kortrade.data.answering`, the rule
the replies use) through `kortrade.data.history`, the same latest-vintage history the
streak and record facts read, so a chart draws the months its reply answers and never
shows a number the replies would not. A month without a figure is a gap in the line, never
interpolated. matplotlib is imported on the first chart only (the bot starts without
it) and drawn through `matplotlib.figure.Figure`, not pyplot, so no global figure
state is shared; a lock serialises renders because the font cache is process-global.

Korean labels need a Hangul font. The `koreanize-matplotlib` dependency ships NanumGothic;
its file is registered with matplotlib directly (the package itself is never imported: it
rewrites global rcParams on import and imports distutils, gone in Python 3.12). Where no
Hangul font can be had, the chart falls back to English labels rather than empty boxes.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kortrade.bot.replies.phrases import label
from kortrade.bot.texts import say
from kortrade.data.answering import answering_series
from kortrade.data.history import history
from kortrade.months import month_range, to_index
from kortrade.resolve import store_view

if TYPE_CHECKING:
    from kortrade.bot.replies.reply import ChartRequest
    from kortrade.data.store import Store

__all__ = ["ChartData", "ChartLine", "chart_data", "chart_png", "draw", "render_png"]

logger = logging.getLogger(__name__)

_HANGUL_FONTS = ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "UnDotum", "Baekmuk Gulim")
_RENDER_LOCK = threading.Lock()
_hangul_font: list[str | None] = []  # memo: [font family or None] once looked up


@dataclass(frozen=True, slots=True)
class ChartLine:
    """One series: per month its level (US$ mn) and y/y growth (%); NaN marks a gap."""

    label: str
    periods: tuple[str, ...]
    levels: tuple[float, ...]
    growth: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class ChartData:
    """Everything `render_png` needs: plain numbers, so rendering can run in a thread."""

    title: str
    lines: tuple[ChartLine, ...]
    font: str | None = None
    note: str = ""

    @property
    def has_levels(self) -> bool:
        return any(not math.isnan(v) for line in self.lines for v in line.levels)

    @property
    def has_growth(self) -> bool:
        return any(not math.isnan(v) for line in self.lines for v in line.growth)

    @property
    def months_drawn(self) -> int:
        """Months with a figure in some line (a month of gaps only is not drawn)."""
        return sum(
            any(not (math.isnan(ln.levels[i]) and math.isnan(ln.growth[i])) for ln in self.lines)
            for i in range(len(self.lines[0].periods) if self.lines else 0)
        )


def _register_packaged_font(font_manager: Any) -> None:
    """Add NanumGothic from koreanize-matplotlib's folder, without importing that package."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "fonts" / "NanumGothic.ttf"
        if path.is_file():
            font_manager.fontManager.addfont(str(path))
            return


def _find_hangul_font() -> str | None:
    """The first installed font family that has Hangul, looked up once per process."""
    if not _hangul_font:
        from matplotlib import font_manager

        _register_packaged_font(font_manager)
        found = None
        for family in _HANGUL_FONTS:
            try:
                font_manager.findfont(
                    font_manager.FontProperties(family=family), fallback_to_default=False
                )
            except ValueError:
                continue
            found = family
            break
        _hangul_font.append(found)
    return _hangul_font[0]


def chart_data(store: Store, request: ChartRequest) -> ChartData:
    """Read the requested series from the store, month by month over the request's span."""
    lang = request.lang
    font = _find_hangul_font() if lang == "ko" else None
    if lang == "ko" and font is None:
        lang = "en"
    names = store_view(store).vocabulary
    periods = tuple(month_range(request.start, request.end))
    lines = []
    for key in request.keys:
        series = answering_series(store, key)
        past = history(series) if series is not None else None
        levels = past.levels if past is not None else {}
        growth = past.growth if past is not None else {}
        lines.append(
            ChartLine(
                label=label(key, names, lang),
                periods=periods,
                levels=tuple(levels.get(p, math.nan) for p in periods),
                growth=tuple(growth.get(p, math.nan) for p in periods),
            )
        )
    title = request.title
    if lang != request.lang:  # no Hangul font: an English title from the labels
        title = f"{' vs '.join(line.label for line in lines)}, {request.start} to {request.end}"
    return ChartData(title=title, lines=tuple(lines), font=font, note=say("chart_note", lang))


def _ticks(periods: tuple[str, ...]) -> list[int]:
    """Positions of about eight month labels: every month, quarter, half year, January, ...

    Months are drawn at plain positions 0..n-1 with fixed `YYYY-MM` labels, which is
    cheaper than matplotlib's date locators and reads like the data.
    """
    step = next((step for step in (1, 3, 6, 12, 24, 60) if len(periods) <= 9 * step), 120)
    return [i for i, period in enumerate(periods) if to_index(period) % step == 0] or [0]


def render_png(data: ChartData) -> bytes:
    """Draw levels (US$ bn) above y/y growth (%); a panel without any figure is left out."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = [("levels", "US$ bn")] if data.has_levels else []
    panels += [("growth", "y/y %")] if data.has_growth else []
    fonts = {"font.sans-serif": [data.font, "DejaVu Sans"]} if data.font else {}
    with _RENDER_LOCK, matplotlib.rc_context(fonts):  # type: ignore[arg-type]
        fig = Figure(figsize=(8, 1.6 + 2.4 * max(len(panels), 1)), dpi=100)
        FigureCanvasAgg(fig)
        axes = fig.subplots(max(len(panels), 1), 1, sharex=True, squeeze=False)[:, 0]
        for ax, (field, unit) in zip(axes, panels, strict=False):
            scale = 1000.0 if field == "levels" else 1.0
            for line in data.lines:
                values = line.levels if field == "levels" else line.growth
                ax.plot(
                    range(len(line.periods)),
                    [v / scale for v in values],
                    marker="o",  # a month between two gaps still shows
                    markersize=3 if len(line.periods) <= 60 else 1.2,
                    label=line.label,
                )
            if field == "growth":
                ax.axhline(0, color="0.5", linewidth=0.8)
            ax.set_ylabel(unit)
            ax.grid(True, alpha=0.3)
        if len(data.lines) > 1 and panels:
            axes[0].legend(loc="best", fontsize=8)
        fig.suptitle(data.title, fontsize=11)
        fig.text(0.01, 0.01, data.note, fontsize=7, color="0.4")
        periods = data.lines[0].periods if data.lines else ()
        ticks = _ticks(periods)
        axes[-1].set_xticks(ticks, [periods[i] for i in ticks], rotation=30, ha="right")
        fig.subplots_adjust(left=0.09, right=0.98, top=0.92, bottom=0.12, hspace=0.12)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def chart_png(store: Store, request: ChartRequest) -> bytes | None:
    """The chart as PNG bytes, or None when the store has no figure in the span."""
    drawn = draw(store, request)
    return drawn[1] if drawn is not None else None


def draw(store: Store, request: ChartRequest) -> tuple[ChartData, bytes] | None:
    """What is drawn and the PNG, or None when the store has no figure in the span."""
    data = chart_data(store, request)
    if not (data.has_levels or data.has_growth):
        return None
    return data, render_png(data)
