"""One error shape for every failure: ``{"ok": false, "error": "...", "status": N}``.

FastAPI answers validation errors, unknown paths and crashes each in its own
shape; the handlers here replace all of them, so a client (and the web page)
reads one field for the message whatever went wrong.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = ["ApiError", "ErrorBody", "SafeJSONResponse", "error_response", "install_handlers",
           "validation_message"]

logger = logging.getLogger(__name__)

# Messages for statuses that Starlette raises with a bare reason phrase.
_PLAIN = {
    404: "no such path; see /docs for the API",
    405: "method not allowed on this path; see /docs",
}


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` written as ``\\u003c``-style escapes.

    The same JSON to a parser, but no response can carry markup that a browser
    mis-sniffing it (or a careless client pasting it into HTML) would run.
    """

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
            text = text.replace(char, escape)
        return text.encode("utf-8")


class ErrorBody(BaseModel):
    """The body of every error response."""

    ok: bool = False
    error: str
    status: int


class ApiError(HTTPException):
    """An error with a message meant for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status_code=status, detail=message)


def error_response(status: int, message: str,
                   headers: Mapping[str, str] | None = None) -> SafeJSONResponse:
    return SafeJSONResponse({"ok": False, "error": message, "status": status}, status_code=status,
                        headers=headers)


def _where(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"query", "path", "header"}:
        return f"{parts[0]} parameter {'.'.join(parts[1:])!r}"
    if parts and parts[0] == "body":
        rest = ".".join(parts[1:])
        return f"body field {rest!r}" if rest else "request body"
    return ".".join(parts) or "request"


def validation_message(errors: Sequence[Any]) -> str:
    """``query parameter 'limit': Input should be less than or equal to 500; ...``"""
    parts = []
    for err in errors[:5]:
        if isinstance(err, dict) and err.get("type") == "json_invalid":
            reason = (err.get("ctx") or {}).get("error", "")
            parts.append(f"request body: not valid JSON ({reason})" if reason
                         else "request body: not valid JSON")
        elif isinstance(err, dict):
            parts.append(f"{_where(err.get('loc', ()))}: {err.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return ("; ".join(parts) or "invalid request") + more


async def _on_validation(_request: Request, exc: Exception) -> JSONResponse:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return error_response(422, validation_message(errors))


async def _on_http(_request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):
        return await _on_crash(_request, exc)
    message = exc.detail if isinstance(exc, ApiError) else _PLAIN.get(exc.status_code, exc.detail)
    return error_response(exc.status_code, str(message), headers=exc.headers)


async def _on_crash(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the server log only: it can name files and data.
    logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal server error; the server log has the details")


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_crash)
