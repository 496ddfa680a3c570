"""The HTTP API and the web page, in one FastAPI app.

>>> app = create_app(db="tidings.duckdb", token=None, max_body=1_000_000)

The page (``/``) and the API docs (``/docs``) are static files that fetch the
JSON API; no data is ever rendered into HTML on the server. With a token,
every API request needs ``Authorization: Bearer TOKEN``; the static files,
which hold no data, stay public so that a browser can load the page that asks
for the token.
"""

from __future__ import annotations

import datetime as dt
import hmac
import io
import json
import logging
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import duckdb
from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from tidings import io as tio
from tidings.records import Article, InputProblem
from tidings.serialize import article_json
from tidings.store import EventStore, ReadOnlyQueryError
from tidings.web import queries
from tidings.web.errors import (
    ApiError,
    ErrorBody,
    SafeJSONResponse,
    error_response,
    install_handlers,
)

if TYPE_CHECKING:
    from tidings.pipeline import Pipeline

__all__ = ["DEFAULT_MAX_BODY", "CodeRequest", "create_app"]

logger = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 1_000_000
SAMPLE_DATE = dt.date(2023, 10, 12)  # the sample article's publication date, as in `tidings code`
STATIC = Path(str(resources.files("tidings.web").joinpath("static")))
JSON = dict[str, Any]
_T = TypeVar("_T")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]

# No inline script and no eval: the page runs Vega through its expression interpreter.
# Inline styles stay allowed because Vega and Swagger UI set them on elements.
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}
_PUBLIC_PATHS = ("/", "/docs", "/favicon.ico")
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in ((400, "Malformed request body"),
                         (401, "Missing or wrong bearer token"),
                         (413, "Request body over the size limit"),
                         (422, "Invalid parameters or body"))
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found"}}
_NO_DB: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorBody, "description": "The server was started without --db"}}


# --------------------------------------------------------------------------- state


@dataclass
class _State:
    """What the routes share: the read-only store and the lazily loaded pipeline.

    One DuckDB connection and one spaCy pipeline are not safe to use from several
    threads at once, and FastAPI runs plain ``def`` routes in a thread pool, so
    each has a lock.
    """

    store: EventStore | None
    pipeline: Pipeline | None = None
    store_lock: threading.Lock = field(default_factory=threading.Lock)
    pipeline_lock: threading.Lock = field(default_factory=threading.Lock)

    def code(self, article: Article) -> JSON:
        with self.pipeline_lock:
            if self.pipeline is None:
                from tidings.pipeline import Pipeline

                logger.info("loading the pipeline")
                self.pipeline = Pipeline()
            coded = self.pipeline.code(article)
        # Offsets count from the coded text, which can differ from the posted text
        # (byline lines are taken out), so the page needs that text to highlight.
        return {**article_json(coded), "text": coded.article.text}

    def query(self, run: Callable[[EventStore], _T]) -> _T:
        if self.store is None:
            raise ApiError(503, "this server has no event database; start it with "
                                "`tidings serve --db FILE` (make one with `tidings demo`)")
        with self.store_lock:
            try:
                return run(self.store)
            except queries.BadCursor as err:
                raise ApiError(422, str(err)) from err
            except (ReadOnlyQueryError, duckdb.Error) as err:
                logger.error("query failed: %s", err)
                raise ApiError(500, "the database query failed; the server log has the "
                                    "details") from err


def _state(request: Request) -> _State:
    state: _State = request.app.state.tidings
    return state


StateDep = Annotated[_State, Depends(_state)]


# --------------------------------------------------------------------------- middleware


def _guard(app: Asgi, *, token: str | None, max_body: int) -> Asgi:
    """Security headers on every response, then the token check, then the body limit."""
    expected = f"Bearer {token}".encode() if token else None

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode().lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = headers
            await send(message)

        headers = dict(scope.get("headers") or [])
        if expected is not None and not _public(scope["path"]):
            given = headers.get(b"authorization", b"")
            if not hmac.compare_digest(given, expected):
                await error_response(
                    401, "missing or wrong token: send the header `Authorization: Bearer TOKEN`",
                    headers={"www-authenticate": "Bearer"})(scope, receive, send_with_headers)
                return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            await _too_large(max_body)(scope, receive, send_with_headers)
            return
        await app(scope, _limited(receive, max_body), send_with_headers)

    return guarded


def _public(path: str) -> bool:
    return path in _PUBLIC_PATHS or path.startswith("/static/")


def _too_large(max_body: int) -> Any:
    return error_response(413, f"request body is larger than the limit of {max_body:,} bytes")


def _limited(receive: Receive, max_body: int) -> Receive:
    """``receive`` that fails once a chunked body passes the limit (no Content-Length)."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > max_body:
                raise ApiError(413, f"request body is larger than the limit of {max_body:,} "
                                    "bytes")
        return message

    return wrapped


# --------------------------------------------------------------------------- parameters

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip  # = tidings.ontology.PLOVER_TYPES (a test keeps them equal)
# Days are strings with a pattern, parsed by us: pydantic would also take "0" as a date.
_DAY = {"pattern": r"^\d{4}-\d{2}-\d{2}$", "json_schema_extra": {"format": "date"}}
FromDay = Annotated[str | None, Query(alias="from", description="First day, YYYY-MM-DD", **_DAY)]
ToDay = Annotated[str | None, Query(alias="to", description="Last day, YYYY-MM-DD", **_DAY)]


def _day(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise ApiError(422, f"query parameter {name!r}: {err}; expected YYYY-MM-DD") from err


ActorCode = Annotated[str | None, Query(
    pattern=r"^[A-Za-z0-9]{1,32}$", description="Country (CHN), organisation (NATO) or full "
    "actor code (RUSGOV); matches any of the three.")]


def event_filter(
    source: ActorCode = None,
    target: ActorCode = None,
    country: Annotated[str | None, Query(
        pattern=r"^[A-Za-z]{3}$", description="ISO3 country on either side or the place")] = None,
    type: Annotated[list[EventType] | None, Query(
        description="PLOVER event type; repeat for several")] = None,
    start: FromDay = None,
    end: ToDay = None,
    q: Annotated[str | None, Query(max_length=200,
                                   description="Text the sentence contains")] = None,
    story: Annotated[str | None, Query(max_length=2000, description="Story id")] = None,
) -> queries.EventFilter:
    return queries.EventFilter(
        source=source.upper() if source else None, target=target.upper() if target else None,
        country=country.upper() if country else None, types=tuple(type or ()),
        start=_day(start, "from"), end=_day(end, "to"),
        q=q or None, story=story or None)


FilterDep = Annotated[queries.EventFilter, Depends(event_filter)]


class CodeRequest(BaseModel):
    """Text to code, or an article object (the fields of a JSONL input record)."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [
        {"text": "Russia and Ukraine signed a grain deal in Istanbul on Friday.",
         "date": "2022-07-22"}]})

    # NUL characters mark binary data, which tidings refuses as input (like `tidings code`).
    text: str = Field(min_length=1, pattern=r"^[^\x00]*$",
                      description="The article: headline on the first line; no NUL characters")
    # A string, not a date: pydantic would also take numbers (epoch seconds) as dates.
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                             json_schema_extra={"format": "date"},
                             description="Publication date, YYYY-MM-DD")
    id: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=2000)
    byline: str | None = Field(None, max_length=2000)


def _article(body: CodeRequest) -> Article:
    """The request as ``tidings code`` would read it: plain text, or a JSON record."""
    if not body.text.strip():
        raise ApiError(422, "body field 'text': only whitespace; expected the article text")
    meta = {k: v for k, v in body.model_dump(exclude={"text", "date"}).items() if v is not None}
    plain = not meta and not body.text.lstrip().startswith("{")
    payload = body.text if plain else json.dumps({**meta, "text": body.text})
    try:
        date = dt.date.fromisoformat(body.date) if body.date else None
    except ValueError as err:
        raise ApiError(422, f"body field 'date': {err}; expected YYYY-MM-DD") from err
    items = list(tio.read_articles(["-"], date=date, stdin=io.StringIO(payload)))
    first = items[0] if items else InputProblem("request", "empty", "no article in the request")
    if isinstance(first, InputProblem):
        raise ApiError(422, f"body field 'text': {first.message}")
    return replace(first, id=body.id or "article", source="api")


# --------------------------------------------------------------------------- routes


def _routes(app: FastAPI) -> None:
    @app.post("/v1/code", tags=["code"], responses=_ERRORS)
    def code(body: CodeRequest, state: StateDep) -> JSON:
        """Code one article. The answer is the article JSON of `tidings code --format json`
        plus `text`, the coded text that the character offsets refer to."""
        return state.code(_article(body))

    @app.get("/v1/events", tags=["corpus"], responses={**_ERRORS, **_NO_DB})
    def events(where: FilterDep, state: StateDep,
               limit: Annotated[int, Query(ge=1, le=500)] = 100,
               cursor: Annotated[str | None, Query(max_length=500, description=(
                   "next_cursor of the previous page"))] = None) -> JSON:
        """Stored events, newest first, with filters and cursor pagination."""
        return state.query(lambda s: queries.events_page(s, where, limit=limit, cursor=cursor))

    @app.get("/v1/dyads/{a}/{b}/timeline", tags=["corpus"], responses={**_ERRORS, **_NO_DB})
    def dyad_timeline(
        a: Annotated[str, PathParam(pattern=r"^[A-Za-z0-9]{1,32}$")],
        b: Annotated[str, PathParam(pattern=r"^[A-Za-z0-9]{1,32}$")],
        state: StateDep, by: Literal["day", "week", "month", "year"] = "month",
        start: FromDay = None,
        end: ToDay = None,
    ) -> JSON:
        """Events between two actors (either direction) per period and type, mean Goldstein."""
        first, last = _day(start, "from"), _day(end, "to")
        return state.query(lambda s: queries.timeline(
            s, a.upper(), b.upper(), by=by, start=first, end=last))

    @app.get("/v1/actors", tags=["corpus"], responses={**_ERRORS, **_NO_DB})
    def actors(state: StateDep, q: Annotated[str | None, Query(max_length=200)] = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 100) -> JSON:
        """Actors by the number of events they take part in."""
        return state.query(lambda s: queries.actors(s, q=q or None, limit=limit))

    @app.get("/v1/network", tags=["corpus"], responses={**_ERRORS, **_NO_DB})
    def network(where: FilterDep, state: StateDep,
                limit: Annotated[int, Query(ge=1, le=500)] = 60) -> JSON:
        """The busiest actor-to-actor links (source -> target) under the filters."""
        return state.query(lambda s: queries.network(s, where, limit=limit))

    @app.get("/v1/stories/{story_id:path}", tags=["corpus"],
             responses={**_ERRORS, **_NOT_FOUND, **_NO_DB})
    def story(story_id: str, state: StateDep) -> JSON:
        """A story (an article and its syndicated copies): articles, events, mentions."""
        found = state.query(lambda s: queries.story(s, story_id))
        if found is None:
            raise ApiError(404, "no story with that id")
        return found

    @app.get("/v1/stats", tags=["corpus"], responses={**_ERRORS, **_NO_DB})
    def stats(where: FilterDep, state: StateDep) -> JSON:
        """Totals, events per type and per country (with world-atlas ids), top dyads."""
        return state.query(lambda s: queries.stats(s, where))

    @app.get("/v1/sample", tags=["code"], responses=_ERRORS)
    def sample() -> JSON:
        """The bundled sample article and its publication date, to try `POST /v1/code`."""
        text = resources.files("tidings").joinpath("data", "sample", "sample_article.txt")
        return {"text": text.read_text(encoding="utf-8"), "date": SAMPLE_DATE.isoformat()}

    @app.get("/v1/health", tags=["meta"], responses=_ERRORS)
    def health(state: StateDep) -> JSON:
        """Whether the server has a database and has loaded the model yet."""
        return {"ok": True, "db": state.store is not None,
                "model_loaded": state.pipeline is not None}


def _pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


class _App(FastAPI):
    """FastAPI with the guard around everything, Starlette's own error pages included."""

    guard: dict[str, Any]

    def build_middleware_stack(self) -> Asgi:
        inner = super().build_middleware_stack()
        return _guard(inner, token=self.guard["token"], max_body=self.guard["max_body"])


def create_app(*, db: str | None, token: str | None, max_body: int = DEFAULT_MAX_BODY,
               pipeline: Pipeline | None = None) -> FastAPI:
    """The app over the database ``db`` (opened read-only; None: coding only).

    ``pipeline`` lets a caller share an already loaded pipeline; by default the
    first ``POST /v1/code`` loads one.
    """
    from importlib.metadata import version

    store = EventStore(db, read_only=True) if db else None
    app = _App(title="tidings", version=version("tidings"),
        description="Political event data (PLOVER/CAMEO) from news text. "
                    "Every error is `{\"ok\": false, \"error\": \"...\", \"status\": N}`.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        default_response_class=SafeJSONResponse)
    app.state.tidings = _State(store=store, pipeline=pipeline)
    install_handlers(app)
    _routes(app)
    _pages(app)
    app.guard = {"token": token, "max_body": max_body}
    return app
