FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango (>= 1.44); the pack's fonts come from Debian too.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install .

RUN DJANGO_SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input

RUN useradd --create-home --uid 10001 boardpapers && mkdir -p /app/media \
    && chown boardpapers /app/media
USER boardpapers

EXPOSE 8000
CMD ["gunicorn", "boardpapers.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
