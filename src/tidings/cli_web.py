"""``tidings serve``: the HTTP API and the web page.

A standalone click command (:data:`serve_command`) for ``main.add_command``.
Like :mod:`tidings.cli`, this module prints; the library does not.
"""

from __future__ import annotations

import ipaddress
import os

import click

__all__ = ["is_loopback", "serve_command"]

_MAX_BODY = 1_000_000


def is_loopback(host: str) -> bool:
    """True for addresses that only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so treat it as public


@click.command("serve")
@click.option("--db", type=click.Path(dir_okay=False),
              help="Event database to explore (from `tidings ingest` or `tidings demo`); "
                   "without it only POST /v1/code works.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="TIDINGS_TOKEN",
              help="Require `Authorization: Bearer TOKEN` on every API request "
                   "(or set TIDINGS_TOKEN).")
@click.option("--max-body", default=_MAX_BODY, show_default=True, type=click.IntRange(1),
              help="Largest request body in bytes; bigger ones get 413.")
def serve_command(db: str | None, host: str, port: int, token: str | None,
                  max_body: int) -> None:
    """Serve the HTTP API (/v1, docs at /docs) and the web page (/)."""
    if not is_loopback(host) and not token:
        raise click.ClickException(
            f"refusing to listen on {host} without a token: anyone who can reach it could "
            "use the API. Give --token (or TIDINGS_TOKEN), or keep the default "
            "--host 127.0.0.1.")
    if db is not None and not os.path.exists(db):
        raise click.ClickException(
            f"{db}: no such database; make one with `tidings demo --db {db}` or "
            "`tidings ingest FILES --db FILE`")
    try:
        import uvicorn

        from tidings.web.app import create_app
    except ImportError as err:
        raise click.ClickException(
            f"the web server needs the web extra: pip install 'tidings[web]' ({err})") from err
    from tidings.store import StoreError

    try:
        app = create_app(db=db, token=token, max_body=max_body)
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"tidings: web page http://{shown}:{port}/  API docs http://{shown}:{port}/docs",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
