"""Question understanding: text -> Intent. Pure functions, no Telegram, no SQLite, no network.

```python
vocab = Vocabulary.from_rows(store.names())
intent = parse("chip exports to China Jan 2021", vocab, today=dt.date(2026, 10, 15))
```
dateparser is imported only when a question needs it, so importing this package is cheap.
"""

from kortrade.intents.followup import follow_up
from kortrade.intents.model import (
    Clarification,
    Intent,
    Match,
    Option,
    PeriodSpec,
    Subject,
)
from kortrade.intents.parse import parse
from kortrade.intents.spans import resolve_period, shifted
from kortrade.intents.vocabulary import Vocabulary

__all__ = [
    "Clarification",
    "Intent",
    "Match",
    "Option",
    "PeriodSpec",
    "Subject",
    "Vocabulary",
    "follow_up",
    "parse",
    "resolve_period",
    "shifted",
]
