"""Wording: facts -> reply text in English or Korean. Imports nothing from telegram."""
