import { RDS_CA_BUNDLE } from '../components/rds-ca-bundle';
import { serviceDependencies } from '../service-options';
import type { ServiceSettings } from '../settings';

/**
 * The team-owned code of a new Python service, written once by `projen new` and never again: a FastAPI application
 * served by uvicorn, with JSON logs, `/health`, `/ready` (checks the declared dependencies), `/metrics`
 * (prometheus-client, the same histogram as the Node.js services) and a drain period after SIGTERM. The code is
 * formatted as `ruff format` leaves it, type-checks under `mypy --strict`, and its tests keep it above the coverage
 * gate. `m` is the Python package (the service name with underscores).
 */
export function pythonSourceFiles(s: ServiceSettings, m: string): { [file: string]: string } {
  return {
    [`${m}/__init__.py`]: srcInit(s),
    [`${m}/__main__.py`]: srcMain(m),
    [`${m}/settings.py`]: srcSettings(s),
    [`${m}/logs.py`]: srcLogs(),
    [`${m}/readiness.py`]: srcReadiness(),
    [`${m}/metrics.py`]: srcMetrics(),
    [`${m}/app.py`]: srcApp(),
    [`${m}/dependencies.py`]: srcDependencies(s),
    [`${m}/server.py`]: srcServer(),
    ...(s.postgres || s.redis ? { [`${m}/aws_auth.py`]: srcAwsAuth(s) } : {}),
  };
}

/** The sample's pytest suite (`tests/`), written once like the sources. */
export function pythonTestFiles(s: ServiceSettings, m: string): { [file: string]: string } {
  return {
    'conftest.py': testConftest(m, s),
    'test_app.py': testTestApp(m),
    'test_settings.py': testTestSettings(m, s),
    'test_readiness.py': testTestReadiness(m),
    'test_server.py': testTestServer(m),
    'test_logs.py': testTestLogs(m),
    ...(serviceDependencies(s).length > 0 ? { 'test_dependencies.py': testTestDependencies(m, s) } : {}),
    ...(s.postgres || s.redis ? { 'test_aws_auth.py': testTestAwsAuth(m, s) } : {}),
  };
}

function py(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

function settingsFields(s: ServiceSettings): string {
  return [
    ...(s.postgres ? ["    # PostgreSQL connection string; when empty, libpq's PG* variables apply (PGHOST, PGUSER, PGPASSWORD, ...).", '    database_url: str = ""'] : []),
    ...(s.postgres ? ['    # IAM login to RDS where the platform runs the service (DATABASE_AUTH=iam); otherwise database_url applies.', '    postgres_iam: PostgresIam | None = None'] : []),
    ...(s.redis ? ['    redis_url: str = "redis://localhost:6379"'] : []),
    ...(s.redis ? ['    # IAM login to ElastiCache where the platform runs the service (REDIS_AUTH=iam); otherwise redis_url applies.', '    redis_iam: RedisIam | None = None'] : []),
  ].map((l) => l + '\n').join('');
}

function settingsFromEnv(s: ServiceSettings): string {
  return [
    ...(s.postgres ? ['            database_url=env.get("DATABASE_URL", cls.database_url),'] : []),
    ...(s.postgres ? ['            postgres_iam=_postgres_iam(env) if env.get("DATABASE_AUTH") == "iam" else None,'] : []),
    ...(s.redis ? ['            redis_url=env.get("REDIS_URL", cls.redis_url),'] : []),
    ...(s.redis ? ['            redis_iam=_redis_iam(env) if env.get("REDIS_AUTH") == "iam" else None,'] : []),
  ].map((l) => l + '\n').join('');
}

/** settings.py: what an IAM login needs (dataclasses before `Settings`, which holds them). */
function settingsIamTypes(s: ServiceSettings): string {
  if (!s.postgres && !s.redis) return '';
  return [
    ...(s.postgres
      ? [
        '# The RDS certificate authorities in the image (the Dockerfile adds them): PGSSLROOTCERT when the platform sets none.',
        `RDS_CA_BUNDLE_PATH = "${RDS_CA_BUNDLE.path}"`,
      ]
      : []),
    '# Region of the tokens when the pod names none (AWS_REGION, AWS_DEFAULT_REGION): the region of the registry.',
    `DEFAULT_AWS_REGION = "${s.awsRegion}"`,
    ...(s.postgres
      ? [
        '',
        '',
        '@dataclass(frozen=True)',
        'class PostgresIam:',
        '    """An IAM login to PostgreSQL: the PG* variables the platform sets, and the region the token is signed for."""',
        '',
        '    host: str',
        '    port: int',
        '    user: str',
        '    database: str',
        '    region: str',
        '    # Certificate authorities the server certificate must chain to (sslmode=verify-full).',
        '    ca_file: str',
      ]
      : []),
    ...(s.redis
      ? [
        '',
        '',
        '@dataclass(frozen=True)',
        'class RedisIam:',
        '    """An IAM login to ElastiCache: the user (REDIS_USER) and the replication group of the token (REDIS_CACHE_NAME)."""',
        '',
        '    user: str',
        '    cache_name: str',
        '    region: str',
      ]
      : []),
    '',
    '',
    '',
  ].join('\n');
}

/** settings.py: the readers of the IAM variables, used only when the platform switches IAM on. */
function settingsIamReaders(s: ServiceSettings): string {
  if (!s.postgres && !s.redis) return '';
  return [
    ...(s.postgres
      ? [
        '',
        '',
        'def _postgres_iam(env: Mapping[str, str]) -> PostgresIam:',
        '    user = _required(env, "PGUSER", "DATABASE_AUTH=iam")',
        '    return PostgresIam(',
        '        host=_required(env, "PGHOST", "DATABASE_AUTH=iam"),',
        '        port=_integer(env, "PGPORT", 5432, 1, 65535),',
        '        user=user,',
        '        database=env.get("PGDATABASE") or user,',
        '        region=_aws_region(env),',
        '        ca_file=env.get("PGSSLROOTCERT") or RDS_CA_BUNDLE_PATH,',
        '    )',
      ]
      : []),
    ...(s.redis
      ? [
        '',
        '',
        'def _redis_iam(env: Mapping[str, str]) -> RedisIam:',
        '    return RedisIam(',
        '        user=_required(env, "REDIS_USER", "REDIS_AUTH=iam"),',
        '        cache_name=_required(env, "REDIS_CACHE_NAME", "REDIS_AUTH=iam"),',
        '        region=_aws_region(env),',
        '    )',
      ]
      : []),
    '',
    '',
    'def _aws_region(env: Mapping[str, str]) -> str:',
    '    return env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or DEFAULT_AWS_REGION',
    '',
    '',
    'def _required(env: Mapping[str, str], name: str, reason: str) -> str:',
    '    value = env.get(name, "")',
    '    if value == "":',
    '        raise SettingsError(f"{name} must be set when {reason}")',
    '    return value',
  ].map((l) => l + '\n').join('');
}

function conftestSettings(s: ServiceSettings): string {
  if (!s.postgres && !s.redis) return '    return Settings(shutdown_delay_s=0, readiness_timeout_s=1.0)';
  return [
    '    # Unreachable dependencies: checks fail fast with "connection refused".',
    '    return Settings(',
    '        shutdown_delay_s=0,',
    '        readiness_timeout_s=1.0,',
    ...(s.postgres ? ['        database_url="postgresql://nobody@127.0.0.1:1/nothing",'] : []),
    ...(s.redis ? ['        redis_url="redis://127.0.0.1:1",'] : []),
    '    )',
  ].join('\n');
}

// src/<module>/__init__.py
function srcInit(s: ServiceSettings): string {
  return `"""The ${s.serviceName} service."""
`;
}

// src/<module>/__main__.py
function srcMain(m: string): string {
  return `"""Entry point of the container: \`python -m ${m}\`."""

from .logs import configure_logging
from .server import serve
from .settings import Settings


def main() -> None:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    serve(settings)


if __name__ == "__main__":
    main()
`;
}

// src/<module>/logs.py
function srcLogs(): string {
  return `"""JSON log lines on stdout, one object per line, for the platform's log pipeline."""

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any


class JsonFormatter(logging.Formatter):
    """\`time\`, \`level\`, \`logger\`, \`msg\`, the record's \`fields\` (pass \`extra={"fields": {...}}\`) and \`exc\`."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str) -> None:
    """Every logger, uvicorn's included, writes JSON lines to stdout at \`level\`."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
`;
}

// src/<module>/readiness.py
function srcReadiness(): string {
  return `"""Readiness: the dependencies the service cannot serve without, checked in parallel within a time budget."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DependencyCheck:
    name: str
    # Returns when the dependency answers, raises otherwise.
    check: Callable[[], Awaitable[None]]
    # Releases connections at shutdown.
    close: Callable[[], Awaitable[None]]


@dataclass
class Readiness:
    checks: Sequence[DependencyCheck]
    timeout_s: float
    # Set at SIGTERM: readiness fails from then on, so the load balancer stops sending traffic before the server stops.
    draining: bool = field(default=False)

    async def report(self) -> tuple[bool, dict[str, Any]]:
        """\`(ready, body)\` of the readiness endpoint."""
        if self.draining:
            return False, {"status": "draining", "checks": {}}
        results = await asyncio.gather(*(self._run(dependency) for dependency in self.checks))
        ready = all(result["status"] == "up" for _, result in results)
        return ready, {"status": "ready" if ready else "not ready", "checks": dict(results)}

    async def close(self) -> None:
        await asyncio.gather(*(dependency.close() for dependency in self.checks), return_exceptions=True)

    async def _run(self, dependency: DependencyCheck) -> tuple[str, dict[str, str]]:
        try:
            await asyncio.wait_for(dependency.check(), self.timeout_s)
        except TimeoutError:
            return dependency.name, {"status": "down", "error": f"no answer within {self.timeout_s:g} s"}
        # Whatever a client raises, the dependency is not usable now.
        except Exception as error:  # noqa: BLE001
            return dependency.name, {"status": "down", "error": str(error) or type(error).__name__}
        return dependency.name, {"status": "up"}
`;
}

// src/<module>/metrics.py
function srcMetrics(): string {
  return `"""Prometheus metrics in a registry per app (no global state): process metrics and request durations by route."""

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        GCCollector(registry=self.registry)
        self.http_duration = Histogram(
            "http_request_duration_seconds",
            "Duration of HTTP requests in seconds, by method, route template and status code",
            ["method", "route", "status_code"],
            buckets=BUCKETS,
            registry=self.registry,
        )

    def observe(self, method: str, route: str, status_code: int, seconds: float) -> None:
        self.http_duration.labels(method, route, str(status_code)).observe(seconds)

    def render(self) -> tuple[bytes, str]:
        """The exposition body and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
`;
}

// src/<module>/app.py
function srcApp(): string {
  return `"""The HTTP application: health, readiness, metrics and your routes."""

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.routing import Match

from .metrics import Metrics
from .readiness import DependencyCheck, Readiness
from .settings import Settings

LIVENESS_PATH = "/health"
READINESS_PATH = "/ready"
METRICS_PATH = "/metrics"
# Probes and scrapes are not the traffic the request metrics describe.
UNOBSERVED = frozenset({LIVENESS_PATH, READINESS_PATH, METRICS_PATH})

log = logging.getLogger(__name__)


def create_app(settings: Settings, checks: Sequence[DependencyCheck], metrics: Metrics | None = None) -> FastAPI:
    readiness = Readiness(checks, settings.readiness_timeout_s)
    registry = metrics or Metrics()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        log.info("service started", extra={"fields": {"service": settings.service_name, "port": settings.port}})
        yield
        await readiness.close()
        log.info("service stopped")

    # No interactive docs in production images: the API contract lives in the repository.
    app = FastAPI(title=settings.service_name, lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.readiness = readiness

    @app.middleware("http")
    async def observe(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        route = _route_template(app, request)
        if route not in UNOBSERVED:
            registry.observe(request.method, route, response.status_code, time.perf_counter() - started)
        return response

    @app.get(LIVENESS_PATH)
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(READINESS_PATH)
    async def ready() -> JSONResponse:
        is_ready, body = await readiness.report()
        return JSONResponse(body, status_code=200 if is_ready else 503)

    @app.get(METRICS_PATH)
    async def metrics_endpoint() -> Response:
        body, content_type = registry.render()
        return Response(body, media_type=content_type)

    @app.get("/")
    async def root() -> dict[str, Any]:
        return {"service": settings.service_name}

    return app


def _route_template(app: FastAPI, request: Request) -> str:
    """The matched route's path template (\`/items/{id}\`), so that metrics stay bounded; \`unmatched\` otherwise."""
    for route in app.router.routes:
        match, _ = route.matches(request.scope)
        if match is Match.FULL:
            return str(getattr(route, "path", "unmatched"))
    return "unmatched"
`;
}

// src/<module>/server.py
function srcServer(): string {
  return `"""uvicorn with a drain period: after SIGTERM, readiness fails for \`shutdown_delay_s\` before the server stops."""

import logging
import threading
from types import FrameType

import uvicorn

from .app import create_app
from .dependencies import create_dependency_checks
from .readiness import Readiness
from .settings import Settings

log = logging.getLogger(__name__)


class DrainingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, readiness: Readiness, delay_s: float) -> None:
        super().__init__(config)
        self.readiness = readiness
        self.delay_s = delay_s
        self.drain_timer: threading.Timer | None = None

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.readiness.draining:
            # A second signal stops at once.
            super().handle_exit(sig, frame)
            return
        self.readiness.draining = True
        log.info("shutdown started, readiness now fails", extra={"fields": {"delay_s": self.delay_s}})
        self.drain_timer = threading.Timer(self.delay_s, super().handle_exit, args=(sig, frame))
        self.drain_timer.daemon = True
        self.drain_timer.start()


def build_server(settings: Settings) -> DrainingServer:
    app = create_app(settings, create_dependency_checks(settings))
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        server_header=False,
        # Only the ingress controller reaches the pod (NetworkPolicy), so its forwarded headers are trusted.
        proxy_headers=True,
        forwarded_allow_ips="*",
        timeout_graceful_shutdown=settings.shutdown_timeout_s,
    )
    return DrainingServer(config, app.state.readiness, settings.shutdown_delay_s)


def serve(settings: Settings) -> None:  # pragma: no cover - runs until a signal; the parts are tested
    build_server(settings).run()
`;
}

// src/<module>/settings.py
function srcSettings(s: ServiceSettings): string {
  return `"""Runtime configuration, read once from the environment."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Self

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


class SettingsError(ValueError):
    """A variable holds a value the service cannot use; the message names it and what is allowed."""


${settingsIamTypes(s)}@dataclass(frozen=True)
class Settings:
    service_name: str = "${s.serviceName}"
    # The pod network is the container's only interface.
    host: str = "0.0.0.0"  # noqa: S104
    port: int = ${s.port}
    log_level: str = "info"
    # After SIGTERM, readiness fails this long before the server stops accepting connections, so traffic drains.
    shutdown_delay_s: float = 5.0
    # Requests still running this long after the server stopped accepting are cancelled.
    shutdown_timeout_s: int = 20
    # Time budget of each readiness check.
    readiness_timeout_s: float = 2.0
${settingsFields(s)}
    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Self:
        log_level = env.get("LOG_LEVEL", cls.log_level).lower()
        if log_level not in LOG_LEVELS:
            raise SettingsError(f"LOG_LEVEL is {log_level!r}; expected one of {', '.join(LOG_LEVELS)}")
        return cls(
            host=env.get("HOST", cls.host),
            port=_integer(env, "PORT", cls.port, 1, 65535),
            log_level=log_level,
            shutdown_delay_s=_integer(env, "SHUTDOWN_DELAY_MS", 5000, 0, 600_000) / 1000,
            shutdown_timeout_s=_integer(env, "SHUTDOWN_TIMEOUT_MS", 20_000, 1000, 600_000) // 1000,
            readiness_timeout_s=_integer(env, "READINESS_TIMEOUT_MS", 2000, 100, 60_000) / 1000,
${settingsFromEnv(s)}        )


def _integer(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} is {raw!r}; expected an integer from {low} to {high}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} is {value}; expected an integer from {low} to {high}")
    return value
${settingsIamReaders(s)}`;
}

// src/<module>/dependencies.py
function srcDependencies(s: ServiceSettings): string {
  const docs = '"""Clients of the dependencies declared in paved.service.json, and their readiness checks."""';
  const create = (param: string, checks: string[]) => [
    `def create_dependency_checks(${param}: Settings) -> list[DependencyCheck]:`,
    '    """The dependencies readiness checks: keep in line with `dependsOn` in paved.service.json (a test does)."""',
    // As \`ruff format\` writes it: one line when it fits in 120 characters, else one check per line.
    ...(`    return [${checks.join(', ')}]`.length <= 120 ? [`    return [${checks.join(', ')}]`] : ['    return [', ...checks.map((c) => `        ${c},`), '    ]']),
  ];
  if (!s.postgres && !s.redis) {
    return py(docs, '', 'from .readiness import DependencyCheck', 'from .settings import Settings', '', '', ...create('_settings', []));
  }
  const auth = [...(s.redis ? ['elasticache_auth_token'] : []), ...(s.postgres ? ['rds_token_signer'] : [])];
  const settings = [...(s.postgres ? ['PostgresIam'] : []), ...(s.redis ? ['RedisIam'] : []), 'Settings'];
  return py(
    docs,
    '',
    ...(s.postgres ? ['import asyncio'] : []),
    ...(s.redis ? ['import time', 'from urllib.parse import urlsplit, urlunsplit'] : []),
    '',
    'import boto3',
    ...(s.postgres ? ['import psycopg'] : []),
    ...(s.redis ? ['from redis.asyncio import Redis', 'from redis.credentials import CredentialProvider'] : []),
    '',
    `from .aws_auth import ${auth.join(', ')}`,
    'from .readiness import DependencyCheck',
    `from .settings import ${settings.join(', ')}`,
    '',
    ...(s.postgres
      ? [
        '',
        'def postgres_check(url: str, iam: PostgresIam | None = None, session: boto3.Session | None = None) -> DependencyCheck:',
        '    """Opens a short connection per check: readiness must see the database as a new request would. With `iam` (where',
        '    the platform runs the service), every connection logs in with a fresh IAM token over verified TLS."""',
        '    sign = rds_token_signer(iam, session) if iam else None',
        '',
        '    async def connect() -> psycopg.AsyncConnection[tuple[object, ...]]:',
        '        if iam is None or sign is None:',
        '            return await psycopg.AsyncConnection.connect(url, connect_timeout=2)',
        '        # Signing may ask the Pod Identity agent for credentials: off the event loop.',
        '        token = await asyncio.to_thread(sign)',
        '        return await psycopg.AsyncConnection.connect(',
        '            host=iam.host,',
        '            port=iam.port,',
        '            user=iam.user,',
        '            dbname=iam.database,',
        '            password=token,',
        '            # The server certificate must chain to the RDS CAs and name the host.',
        '            sslmode="verify-full",',
        '            sslrootcert=iam.ca_file,',
        '            connect_timeout=2,',
        '        )',
        '',
        '    async def check() -> None:',
        '        async with await connect() as connection:',
        '            await connection.execute("SELECT 1")',
        '',
        '    async def close() -> None:',
        '        return None',
        '',
        '    return DependencyCheck(name="postgres", check=check, close=close)',
        '',
      ]
      : []),
    ...(s.redis
      ? [
        '',
        'class ElastiCacheIamCredentials(CredentialProvider):',
        '    """redis-py asks for credentials at every new connection: the IAM user and a token, signed again once 10 of its',
        '    15 minutes have passed, so a reconnection never presents an expired one."""',
        '',
        '    refresh_after_s = 600.0',
        '',
        '    def __init__(self, auth: RedisIam, session: boto3.Session | None = None) -> None:',
        '        self.auth = auth',
        '        self.session = session',
        '        self._token: str | None = None',
        '        self._signed_at = 0.0',
        '',
        '    def get_credentials(self) -> tuple[str, str]:',
        '        now = time.monotonic()',
        '        if self._token is None or now - self._signed_at >= self.refresh_after_s:',
        '            self._token = elasticache_auth_token(self.auth, self.session)',
        '            self._signed_at = now',
        '        return self.auth.user, self._token',
        '',
        '',
        'def redis_check(url: str, iam: RedisIam | None = None, session: boto3.Session | None = None) -> DependencyCheck:',
        '    """PING. With `iam` (where the platform runs the service): TLS (`rediss://`) and IAM tokens as credentials."""',
        '    if iam is None:',
        '        client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)',
        '    else:',
        '        # redis-py refuses a user in the URL next to a credential provider, which names the user itself.',
        '        parts = urlsplit(url)',
        '        url = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))',
        '        credentials = ElastiCacheIamCredentials(iam, session)',
        '        client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2, credential_provider=credentials)',
        '',
        '    async def check() -> None:',
        '        await client.ping()',
        '',
        '    async def close() -> None:',
        '        await client.aclose()',
        '',
        '    return DependencyCheck(name="redis", check=check, close=close)',
        '',
      ]
      : []),
    '',
    ...create('settings', [
      ...(s.postgres ? ['postgres_check(settings.database_url, settings.postgres_iam)'] : []),
      ...(s.redis ? ['redis_check(settings.redis_url, settings.redis_iam)'] : []),
    ]),
  );
}

// tests/conftest.py
function testConftest(m: string, s: ServiceSettings): string {
  return `from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ${m}.app import create_app
from ${m}.readiness import DependencyCheck
from ${m}.settings import Settings


async def _nothing() -> None:
    return None


@pytest.fixture
def settings() -> Settings:
${conftestSettings(s)}


@pytest.fixture
def healthy() -> list[DependencyCheck]:
    return [DependencyCheck(name="fake", check=_nothing, close=_nothing)]


@pytest.fixture
def client(settings: Settings, healthy: list[DependencyCheck]) -> Iterator[TestClient]:
    with TestClient(create_app(settings, healthy)) as test_client:
        yield test_client
`;
}

// tests/test_app.py
function testTestApp(m: string): string {
  return `import json
from pathlib import Path

from fastapi.testclient import TestClient

from ${m}.app import LIVENESS_PATH, READINESS_PATH, create_app
from ${m}.dependencies import create_dependency_checks
from ${m}.readiness import DependencyCheck
from ${m}.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


async def _refused() -> None:
    raise ConnectionRefusedError("connection refused")


async def _nothing() -> None:
    return None


def test_health_answers_ok(client: TestClient) -> None:
    response = client.get(LIVENESS_PATH)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_when_every_dependency_answers(client: TestClient) -> None:
    response = client.get(READINESS_PATH)
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"fake": {"status": "up"}}}


def test_not_ready_when_a_dependency_fails(settings: Settings) -> None:
    failing = DependencyCheck(name="postgres", check=_refused, close=_nothing)
    with TestClient(create_app(settings, [failing])) as client:
        response = client.get(READINESS_PATH)
    assert response.status_code == 503
    assert response.json()["checks"]["postgres"] == {"status": "down", "error": "connection refused"}


def test_not_ready_while_draining(settings: Settings, healthy: list[DependencyCheck]) -> None:
    app = create_app(settings, healthy)
    app.state.readiness.draining = True
    with TestClient(app) as client:
        response = client.get(READINESS_PATH)
    assert response.status_code == 503
    assert response.json() == {"status": "draining", "checks": {}}


def test_metrics_count_requests_by_route_template(client: TestClient) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/no/such/path").status_code == 404
    client.get(LIVENESS_PATH)
    body = client.get("/metrics").text
    assert 'http_request_duration_seconds_count{method="GET",route="/",status_code="200"} 1.0' in body
    assert 'route="unmatched",status_code="404"' in body
    assert f'route="{LIVENESS_PATH}"' not in body
    assert "python_info" in body


def test_readiness_checks_the_dependencies_the_descriptor_declares() -> None:
    # paved.service.json is generated from .projenrc.ts; this keeps the hand-written code in line with it.
    descriptor = json.loads((ROOT / "paved.service.json").read_text())
    defaults = Settings()
    assert [check.name for check in create_dependency_checks(defaults)] == descriptor.get("dependsOn", [])
    assert descriptor["port"] == defaults.port
    assert descriptor["health"] == {"liveness": LIVENESS_PATH, "readiness": READINESS_PATH}
`;
}

// tests/test_settings.py
function testTestSettings(m: string, s: ServiceSettings): string {
  const names = [
    ...(s.postgres || s.redis ? ['DEFAULT_AWS_REGION'] : []),
    ...(s.postgres ? ['RDS_CA_BUNDLE_PATH', 'PostgresIam'] : []),
    ...(s.redis ? ['RedisIam'] : []),
    'Settings',
    'SettingsError',
  ];
  return `import pytest

from ${m}.settings import ${names.join(', ')}


def test_defaults_apply_without_variables() -> None:
    settings = Settings.from_env({})
    assert settings.port == ${s.port}
    assert settings.log_level == "info"
    assert settings.shutdown_delay_s == 5.0


def test_variables_override_defaults() -> None:
    env = {"PORT": "9000", "LOG_LEVEL": "DEBUG", "SHUTDOWN_DELAY_MS": "0", "READINESS_TIMEOUT_MS": "500"}
    settings = Settings.from_env(env)
    assert settings.port == 9000
    assert settings.log_level == "debug"
    assert settings.shutdown_delay_s == 0
    assert settings.readiness_timeout_s == 0.5


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORT": "http"}, "PORT is 'http'; expected an integer from 1 to 65535"),
        ({"PORT": "70000"}, "PORT is 70000; expected an integer from 1 to 65535"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL is 'loud'; expected one of critical, error"),
    ],
)
def test_invalid_values_name_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)${testSettingsIam(s)}
`;
}

// tests/test_readiness.py
function testTestReadiness(m: string): string {
  return `import asyncio

from ${m}.readiness import DependencyCheck, Readiness


async def _nothing() -> None:
    return None


async def _slow() -> None:
    await asyncio.sleep(5)


async def _broken_close() -> None:
    raise RuntimeError("already closed")


def test_a_check_over_the_time_budget_is_down() -> None:
    readiness = Readiness([DependencyCheck(name="slow", check=_slow, close=_nothing)], timeout_s=0.05)
    ready, body = asyncio.run(readiness.report())
    assert not ready
    assert body["checks"]["slow"] == {"status": "down", "error": "no answer within 0.05 s"}


def test_close_releases_every_client_even_when_one_fails() -> None:
    closed: list[str] = []

    async def close() -> None:
        closed.append("second")

    readiness = Readiness(
        [
            DependencyCheck(name="a", check=_nothing, close=_broken_close),
            DependencyCheck(name="b", check=_nothing, close=close),
        ],
        timeout_s=1,
    )
    asyncio.run(readiness.close())
    assert closed == ["second"]
`;
}

// tests/test_server.py
function testTestServer(m: string): string {
  return `import signal
from dataclasses import replace

from ${m}.server import build_server
from ${m}.settings import Settings


def test_the_first_signal_drains_then_stops(settings: Settings) -> None:
    server = build_server(replace(settings, shutdown_delay_s=0.01))
    server.handle_exit(signal.SIGTERM, None)
    assert server.readiness.draining
    assert server.drain_timer is not None
    server.drain_timer.join(timeout=5)
    assert server.should_exit


def test_a_second_signal_stops_at_once(settings: Settings) -> None:
    server = build_server(replace(settings, shutdown_delay_s=60))
    server.handle_exit(signal.SIGTERM, None)
    assert not server.should_exit
    server.handle_exit(signal.SIGTERM, None)
    assert server.should_exit
    assert server.drain_timer is not None
    server.drain_timer.cancel()
`;
}

// tests/test_logs.py
function testTestLogs(m: string): string {
  return `import json
import logging

import pytest

from ${m}.logs import configure_logging


def test_logs_are_json_lines_with_fields_and_exceptions(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("info")
    logger = logging.getLogger("${m}.test")
    logger.debug("not written at info")
    logger.info("order placed", extra={"fields": {"order_id": 42}})
    try:
        raise ValueError("bad order")
    except ValueError:
        logger.exception("order failed")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["level"], line["msg"]) for line in lines] == [("info", "order placed"), ("error", "order failed")]
    assert lines[0]["order_id"] == 42
    assert "ValueError: bad order" in lines[1]["exc"]
`;
}

// tests/test_dependencies.py
function testTestDependencies(m: string, s: ServiceSettings): string {
  const iamImports = [...(s.postgres ? ['PostgresIam'] : []), ...(s.redis ? ['RedisIam'] : []), 'Settings'];
  const checks = [...(s.postgres ? ['postgres_check'] : []), ...(s.redis ? ['redis_check'] : [])];
  return `import asyncio
from typing import Any

import boto3

from ${m}.dependencies import ${[...(s.redis ? ['ElastiCacheIamCredentials'] : []), 'create_dependency_checks', ...checks].join(', ')}
from ${m}.readiness import Readiness
from ${m}.settings import ${iamImports.join(', ')}

# Fake static credentials: tokens are signed locally, nothing is sent to AWS.
SESSION = boto3.Session(
    aws_access_key_id="AKIDEXAMPLE",
    aws_secret_access_key="not-a-secret",  # noqa: S106
    region_name="eu-west-1",
)


def _report(readiness: Readiness) -> tuple[bool, dict[str, Any]]:
    async def report_then_close() -> tuple[bool, dict[str, Any]]:
        try:
            return await readiness.report()
        finally:
            await readiness.close()

    return asyncio.run(report_then_close())


def test_unreachable_dependencies_are_reported_down(settings: Settings) -> None:
    checks = create_dependency_checks(settings)
    ready, body = _report(Readiness(checks, timeout_s=settings.readiness_timeout_s))
    assert not ready
    assert {name: result["status"] for name, result in body["checks"].items()} == {${serviceDependencies(s).map((d) => `"${d}": "down"`).join(', ')}}


def test_iam_logins_sign_tokens_and_report_unreachable_stores_down() -> None:
${[
  ...(s.postgres ? ['    postgres_auth = PostgresIam("127.0.0.1", 1, "orders", "orders", "eu-west-1", "/nonexistent-ca.pem")'] : []),
  ...(s.redis ? ['    redis_auth = RedisIam("paved-redis-orders", "paved-redis", "eu-west-1")'] : []),
  '    checks = [',
  ...(s.postgres ? ['        postgres_check("", postgres_auth, SESSION),'] : []),
  ...(s.redis ? ['        redis_check("rediss://paved-redis-orders@127.0.0.1:1", redis_auth, SESSION),'] : []),
  '    ]',
].join('\n')}
    ready, body = _report(Readiness(checks, timeout_s=2.0))
    assert not ready
    assert {name: result["status"] for name, result in body["checks"].items()} == {${serviceDependencies(s).map((d) => `"${d}": "down"`).join(', ')}}
${s.redis ? `

def test_the_redis_token_is_signed_again_after_ten_minutes() -> None:
    credentials = ElastiCacheIamCredentials(RedisIam("paved-redis-orders", "paved-redis", "eu-west-1"), SESSION)
    user, first = credentials.get_credentials()
    assert user == "paved-redis-orders"
    assert first.startswith("paved-redis/?Action=connect&User=paved-redis-orders&")
    assert credentials.get_credentials()[1] == first
    credentials.refresh_after_s = 0
    assert credentials.get_credentials()[1].startswith("paved-redis/?Action=connect&")
` : ''}`;
}

// tests/test_settings.py: the IAM variables the platform sets.
function testSettingsIam(s: ServiceSettings): string {
  if (!s.postgres && !s.redis) return '';
  const env = [
    ...(s.postgres ? ['"DATABASE_AUTH": "iam"', '"PGHOST": "db.internal"', '"PGPORT": "5433"', '"PGUSER": "orders"'] : []),
    ...(s.redis ? ['"REDIS_AUTH": "iam"', '"REDIS_USER": "paved-redis-orders"', '"REDIS_CACHE_NAME": "paved-redis"'] : []),
  ];
  return `


def test_iam_logins_where_the_platform_switches_them_on() -> None:
    env = {
${[...env, '"AWS_REGION": "us-east-2"'].map((e) => `        ${e},`).join('\n')}
    }
    settings = Settings.from_env(env)
${[
  ...(s.postgres ? ['    postgres = PostgresIam("db.internal", 5433, "orders", "orders", "us-east-2", RDS_CA_BUNDLE_PATH)', '    assert settings.postgres_iam == postgres'] : []),
  ...(s.redis ? ['    assert settings.redis_iam == RedisIam("paved-redis-orders", "paved-redis", "us-east-2")'] : []),
].join('\n')}


def test_iam_logins_need_their_variables() -> None:
${[
  ...(s.postgres ? [
    '    with pytest.raises(SettingsError, match="PGUSER must be set when DATABASE_AUTH=iam"):',
    '        Settings.from_env({"DATABASE_AUTH": "iam"})',
    '    settings = Settings.from_env({"DATABASE_AUTH": "iam", "PGHOST": "db", "PGUSER": "orders"})',
    '    assert settings.postgres_iam is not None',
    '    assert settings.postgres_iam.region == DEFAULT_AWS_REGION',
  ] : []),
  ...(s.redis ? [
    '    with pytest.raises(SettingsError, match="REDIS_CACHE_NAME must be set when REDIS_AUTH=iam"):',
    '        Settings.from_env({"REDIS_AUTH": "iam", "REDIS_USER": "u"})',
    '    redis = Settings.from_env({"REDIS_AUTH": "iam", "REDIS_USER": "u", "REDIS_CACHE_NAME": "c"}).redis_iam',
    '    assert redis is not None',
    '    assert redis.region == DEFAULT_AWS_REGION',
  ] : []),
].join('\n')}`;
}

// src/<module>/aws_auth.py
function srcAwsAuth(s: ServiceSettings): string {
  const imports = [...(s.postgres ? ['PostgresIam'] : []), ...(s.redis ? ['RedisIam'] : [])];
  return py(
    '"""IAM logins to the platform\'s data stores: no password exists, the service signs 15-minute tokens with its',
    'pod\'s credentials (EKS Pod Identity, found by boto3\'s default chain) and passes them as the password of a new',
    'connection."""',
    '',
    ...(s.postgres ? ['from collections.abc import Callable', ''] : []),
    'import boto3',
    ...(s.redis ? ['from botocore.auth import SigV4QueryAuth', 'from botocore.awsrequest import AWSRequest'] : []),
    '',
    `from .settings import ${imports.join(', ')}`,
    '',
    '# Lifetime of RDS and ElastiCache IAM tokens: 15 minutes, the longest either accepts.',
    'TOKEN_LIFETIME_S = 900',
    ...(s.postgres
      ? [
        '',
        '',
        'def rds_token_signer(auth: PostgresIam, session: boto3.Session | None = None) -> Callable[[], str]:',
        '    """Signs an RDS token for `auth.user` on each call: RDS checks it when a connection logs in, never after."""',
        '    client = (session or boto3.Session()).client("rds", region_name=auth.region)',
        '',
        '    def sign() -> str:',
        '        token = client.generate_db_auth_token(',
        '            DBHostname=auth.host, Port=auth.port, DBUsername=auth.user, Region=auth.region',
        '        )',
        '        return str(token)',
        '',
        '    return sign',
      ]
      : []),
    ...(s.redis
      ? [
        '',
        '',
        'def elasticache_auth_token(auth: RedisIam, session: boto3.Session | None = None) -> str:',
        '    """A SigV4-presigned `connect` request to the replication group as `auth.user`, without its `http://` scheme."""',
        '    credentials = (session or boto3.Session()).get_credentials()',
        '    if credentials is None:',
        '        raise RuntimeError("no AWS credentials to sign the ElastiCache token with")',
        '    query = {"Action": "connect", "User": auth.user}',
        '    request = AWSRequest(method="GET", url=f"http://{auth.cache_name}/", params=query)',
        '    SigV4QueryAuth(credentials, "elasticache", auth.region, expires=TOKEN_LIFETIME_S).add_auth(request)',
        '    return str(request.url).removeprefix("http://")',
      ]
      : []),
  );
}

// tests/test_aws_auth.py
function testTestAwsAuth(m: string, s: ServiceSettings): string {
  const names = [...(s.redis ? ['elasticache_auth_token'] : []), ...(s.postgres ? ['rds_token_signer'] : [])];
  const types = [...(s.postgres ? ['PostgresIam'] : []), ...(s.redis ? ['RedisIam'] : [])];
  return py(
    'from urllib.parse import parse_qs, urlsplit',
    '',
    'import boto3',
    '',
    `from ${m}.aws_auth import TOKEN_LIFETIME_S, ${names.join(', ')}`,
    `from ${m}.settings import ${types.join(', ')}`,
    '',
    '# Fake static credentials: tokens are signed locally, nothing is sent to AWS.',
    'SESSION = boto3.Session(',
    '    aws_access_key_id="AKIDEXAMPLE",',
    '    aws_secret_access_key="not-a-secret",  # noqa: S106',
    '    region_name="eu-west-1",',
    ')',
    '',
    '',
    'def _query(token: str) -> dict[str, str]:',
    '    return {name: values[0] for name, values in parse_qs(urlsplit("https://" + token).query).items()}',
    ...(s.postgres
      ? [
        '',
        '',
        'def test_postgres_logs_in_with_a_token_for_its_user_over_verified_tls() -> None:',
        '    auth = PostgresIam("db.abc.eu-west-1.rds.amazonaws.com", 5432, "orders", "orders", "eu-west-1", "/ca.pem")',
        '    token = rds_token_signer(auth, SESSION)()',
        '    assert token.startswith("db.abc.eu-west-1.rds.amazonaws.com:5432/?")',
        '    query = _query(token)',
        '    assert query["Action"] == "connect"',
        '    assert query["DBUser"] == "orders"',
        '    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"',
        '    assert query["X-Amz-Expires"] == str(TOKEN_LIFETIME_S)',
        '    assert query["X-Amz-Credential"].endswith("/eu-west-1/rds-db/aws4_request")',
      ]
      : []),
    ...(s.redis
      ? [
        '',
        '',
        'def test_redis_token_is_a_presigned_connect_request_for_the_user() -> None:',
        '    token = elasticache_auth_token(RedisIam("paved-redis-orders", "paved-redis", "eu-west-1"), SESSION)',
        '    assert token.startswith("paved-redis/?Action=connect&User=paved-redis-orders&")',
        '    query = _query(token)',
        '    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"',
        '    assert query["X-Amz-Expires"] == str(TOKEN_LIFETIME_S)',
        '    assert query["X-Amz-Credential"].endswith("/eu-west-1/elasticache/aws4_request")',
      ]
      : []),
  );
}
