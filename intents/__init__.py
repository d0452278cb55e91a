"""Question understanding: text -> Intent. Pure functions, no Telegram, no SQLite, no network."""
