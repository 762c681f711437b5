# Kakehashi: one image for the web processes and the workers (docs/deployment.md).
#   docker build -t kakehashi .
#   docker run -p 8000:8000 -v kakehashi-data:/data -v kakehashi-models:/models kakehashi
# Web:    kakehashi serve --host 0.0.0.0 --port 8000 [--no-workers]   (the default command)
# Worker: kakehashi worker --concurrency 2   (with KAKEHASHI_METRICS_LISTEN=0.0.0.0:9100 and
#         KAKEHASHI_HEALTH_URL=http://127.0.0.1:9100/healthz for its health check)

# --- build: a virtual environment with Kakehashi and its dependencies ---------------------------
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/kakehashi
# The pinned runtime from the lock file (the same one `make serve` and CI use), then Kakehashi
# itself without resolving again. No torch: translation runs on CTranslate2 (CPU or CUDA).
COPY requirements.lock /src/
RUN /opt/kakehashi/bin/pip install -r /src/requirements.lock
COPY pyproject.toml README.md /src/
COPY gateway /src/gateway
COPY translation /src/translation
COPY faq_i18n /src/faq_i18n
COPY mail /src/mail
RUN /opt/kakehashi/bin/pip install --no-deps /src

# --- runtime: no compilers, no pip cache, not root ---------------------------------------------
FROM python:3.11-slim-bookworm
ARG UID=10001
RUN useradd --system --uid "${UID}" --user-group --create-home --home-dir /home/kakehashi kakehashi \
    && mkdir -p /data /models \
    && chown kakehashi:kakehashi /data /models
COPY --from=build /opt/kakehashi /opt/kakehashi
COPY locales /app/locales
ENV PATH=/opt/kakehashi/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    KAKEHASHI_LOCALES_DIR=/app/locales \
    KAKEHASHI_DATABASE_URL=sqlite:////data/kakehashi.db \
    KAKEHASHI_MODELS_DIR=/models \
    KAKEHASHI_LOG_FORMAT=json \
    KAKEHASHI_HEALTH_URL=http://127.0.0.1:8000/healthz
USER kakehashi
WORKDIR /data
# /data: the SQLite database of a single-container install (and backups); /models: Argos models,
# shared read-mostly by every process (install them once: kakehashi models install ...).
VOLUME ["/data", "/models"]
EXPOSE 8000 2525 9100
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(os.environ['KAKEHASHI_HEALTH_URL'], timeout=4)"]
CMD ["kakehashi", "serve", "--host", "0.0.0.0", "--port", "8000"]
