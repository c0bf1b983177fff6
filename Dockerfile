# Créneau API server image. Untested here (this repository's machines have no Docker):
# see docs/DEPLOYMENT.md, « Docker ».
#
#   docker build -t creneau .
#   docker run --env-file creneau.env -p 8000:8000 -v creneau-var:/var/lib/creneau creneau
#   docker run --env-file creneau.env -v creneau-var:/var/lib/creneau creneau creneau migrate
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
# Only what the package needs (no .venv, var/, tests or node_modules in the image).
COPY pyproject.toml constraints.txt README.md ./
COPY server ./server
COPY kernel ./kernel
COPY models ./models
COPY domain ./domain
COPY schema ./schema
COPY resolvers ./resolvers
COPY subscriptions ./subscriptions
COPY migrations ./migrations
COPY seed ./seed
COPY bench ./bench
# Runtime dependencies only (no dev extras), at the versions the project pins.
RUN pip install --constraint constraints.txt . \
    && useradd --system --home-dir /var/lib/creneau --create-home --shell /usr/sbin/nologin creneau \
    && rm -rf /src

USER creneau
WORKDIR /var/lib/creneau
ENV CRENEAU_ENV=production \
    CRENEAU_HOST=0.0.0.0 \
    CRENEAU_PORT=8000 \
    CRENEAU_VAR_DIR=/var/lib/creneau \
    CRENEAU_LOG_FORMAT=json
VOLUME ["/var/lib/creneau"]
EXPOSE 8000

# /readyz: the database answers at the revision this image expects (503 before `migrate`).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status == 200 else 1)"]

CMD ["creneau", "serve"]
