# kortrade in a container: `kortrade run` with its store on a volume.
#
#   docker build -t kortrade .
#   docker run -d --name kortrade --restart unless-stopped \
#       -e TELEGRAM_BOT_TOKEN=... -v kortrade-data:/data kortrade
#
# One container per store: a second `kortrade run` on the same volume refuses to start.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    KORTRADE_DB=/data/kortrade.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY kortrade ./kortrade
COPY bot ./bot
COPY intents ./intents
COPY data ./data
RUN pip install . && useradd --system --home-dir /data kortrade \
    && mkdir -p /data && chown kortrade /data

USER kortrade
VOLUME /data
WORKDIR /data

# Unhealthy when the store is missing, unreadable or read-only (exit 1); `kortrade status`
# prints the newest months, subscribers, outbox and sender to `docker inspect`.
HEALTHCHECK --interval=60s --timeout=20s --start-period=60s --retries=3 \
    CMD ["kortrade", "status"]

# SIGTERM (docker stop) lets messages in flight finish; queued alerts wait for the restart.
STOPSIGNAL SIGTERM
CMD ["kortrade", "run"]
