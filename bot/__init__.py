"""The Telegram adapter and the console chat: who asked, where, in which language.

Holds no trade logic: handlers call `kortrade.answer.answer` and send what it returns."""
