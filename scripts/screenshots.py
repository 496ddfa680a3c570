"""Screenshots of the web page for the README: both views, in Debian's headless chromium.

    python3 scripts/screenshots.py [--out docs/img]

Ingests the bundled sample corpus into a temporary store, serves the app on
127.0.0.1, codes the sample article (hovering its first event) and opens the corpus
view, then writes ``web-code.png`` and ``web-corpus.png``.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from tidings.ingest import Ingester, read_inputs
from tidings.store import EventStore
from tidings.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_store(path: Path) -> None:
    corpus = resources.files("tidings").joinpath("data", "sample", "corpus.jsonl")
    with resources.as_file(corpus) as source, EventStore(path) as store:
        Ingester(store).run(read_inputs([str(source)]))


def shoot(base: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/")
        page.click("#load-sample")
        while len(page.input_value("#text")) < 100:  # the page's CSP rules out wait_for_function
            time.sleep(0.05)
        page.click("#code-button")
        page.wait_for_selector("#code-events tbody tr", timeout=120_000)
        page.hover("#code-events tbody tr >> nth=1")
        page.screenshot(path=str(out / "web-code.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": 1280, "height": 1250})
        page.click("#tab-corpus")
        for chart in ("timeline", "map", "network"):
            page.wait_for_selector(f"#{chart}-chart svg", timeout=60_000)
        time.sleep(0.5)
        page.screenshot(path=str(out / "web-corpus.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": 1280, "height": 1400})
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sample.duckdb"
        build_store(db)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(create_app(db=str(db), token=None),
                                               log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            shoot(f"http://127.0.0.1:{sock.getsockname()[1]}", args.out)
        finally:
            server.should_exit = True
            thread.join(10)
    print(f"wrote {args.out / 'web-code.png'} and {args.out / 'web-corpus.png'}")


if __name__ == "__main__":
    main()
