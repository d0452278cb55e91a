.PHONY: setup test lint bench run dataset

setup:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'

test:
	.venv/bin/python -m pytest

lint:
	.venv/bin/python -m ruff check . && .venv/bin/python -m ruff format --check . && .venv/bin/python -m mypy kortrade intents data bot resolve

bench:
	.venv/bin/python benchmarks/bench_store.py
	.venv/bin/python benchmarks/bench_answer.py
	.venv/bin/python benchmarks/bench_fanout.py

run:
	.venv/bin/kortrade run

dataset:
	.venv/bin/python -m kortrade.data.dataset_sync
