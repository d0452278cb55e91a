"""Shared fixtures: a store built from the shipped CSV through the real ingest path."""
