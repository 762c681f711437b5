# Kakehashi: web app and workers from one image.
# Build:  docker build -t kakehashi .
# Run:    docker run -p 8000:8000 -v kakehashi-data:/data kakehashi
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/kakehashi
# CPU torch first: argostranslate depends on it through stanza; the default wheel is a CUDA build.
RUN /opt/kakehashi/bin/pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md /src/
COPY gateway /src/gateway
COPY translation /src/translation
COPY faq_i18n /src/faq_i18n
COPY mail /src/mail
RUN /opt/kakehashi/bin/pip install /src

FROM python:3.11-slim-bookworm
RUN useradd --system --create-home --home-dir /home/kakehashi kakehashi \
    && mkdir -p /data/models && chown -R kakehashi /data
COPY --from=build /opt/kakehashi /opt/kakehashi
COPY locales /app/locales
ENV PATH=/opt/kakehashi/bin:$PATH \
    KAKEHASHI_LOCALES_DIR=/app/locales \
    KAKEHASHI_DATABASE_URL=sqlite:////data/kakehashi.db \
    KAKEHASHI_MODELS_DIR=/data/models \
    PYTHONUNBUFFERED=1
USER kakehashi
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000 2525
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["kakehashi", "serve", "--host", "0.0.0.0", "--port", "8000"]
