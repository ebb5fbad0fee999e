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
  };
}

function py(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

function settingsFields(s: ServiceSettings): string {
  return [
    ...(s.postgres ? ["    # PostgreSQL connection string; when empty, libpq's PG* variables apply (PGHOST, PGUSER, PGPASSWORD, ...).", '    database_url: str = ""'] : []),
    ...(s.redis ? ['    redis_url: str = "redis://localhost:6379"'] : []),
  ].map((l) => l + '\n').join('');
}

function settingsFromEnv(s: ServiceSettings): string {
  return [
    ...(s.postgres ? ['            database_url=env.get("DATABASE_URL", cls.database_url),'] : []),
    ...(s.redis ? ['            redis_url=env.get("REDIS_URL", cls.redis_url),'] : []),
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


@dataclass(frozen=True)
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
`;
}

// src/<module>/dependencies.py
function srcDependencies(s: ServiceSettings): string {
  const docs = '"""Clients of the dependencies declared in paved.service.json, and their readiness checks."""';
  const create = (param: string, checks: string[]) => [
    `def create_dependency_checks(${param}: Settings) -> list[DependencyCheck]:`,
    '    """The dependencies readiness checks: keep in line with `dependsOn` in paved.service.json (a test does)."""',
    `    return [${checks.join(', ')}]`,
  ];
  if (!s.postgres && !s.redis) {
    return py(docs, '', 'from .readiness import DependencyCheck', 'from .settings import Settings', '', '', ...create('_settings', []));
  }
  return py(
    docs,
    '',
    ...(s.postgres ? ['import psycopg'] : []),
    ...(s.redis ? ['from redis.asyncio import Redis'] : []),
    '',
    'from .readiness import DependencyCheck',
    'from .settings import Settings',
    '',
    ...(s.postgres
      ? [
        '',
        'def postgres_check(url: str) -> DependencyCheck:',
        '    """Opens a short connection per check: readiness must see the database as a new request would."""',
        '',
        '    async def check() -> None:',
        '        async with await psycopg.AsyncConnection.connect(url, connect_timeout=2) as connection:',
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
        'def redis_check(url: str) -> DependencyCheck:',
        '    client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)',
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
      ...(s.postgres ? ['postgres_check(settings.database_url)'] : []),
      ...(s.redis ? ['redis_check(settings.redis_url)'] : []),
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
  return `import pytest

from ${m}.settings import Settings, SettingsError


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
        Settings.from_env(env)
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
  return `import asyncio
from typing import Any

from ${m}.dependencies import create_dependency_checks
from ${m}.readiness import Readiness
from ${m}.settings import Settings


def test_unreachable_dependencies_are_reported_down(settings: Settings) -> None:
    checks = create_dependency_checks(settings)
    readiness = Readiness(checks, timeout_s=settings.readiness_timeout_s)

    async def report_then_close() -> tuple[bool, dict[str, Any]]:
        try:
            return await readiness.report()
        finally:
            await readiness.close()

    ready, body = asyncio.run(report_then_close())
    assert not ready
    assert {name: result["status"] for name, result in body["checks"].items()} == {${serviceDependencies(s).map((d) => `"${d}": "down"`).join(', ')}}
`;
}
