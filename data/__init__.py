"""The SQLite store of trade figures: schema, ingest, queries and the facts computed
from stored series. The only package that runs SQL; it never formats text for Telegram."""
