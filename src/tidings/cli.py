"""The command line: thin wrappers over the library. Only this module prints."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import textwrap
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TextIO

import click

from tidings import io as tio
from tidings.records import Article, CodedArticle, InputProblem
from tidings.serialize import article_json

TABLE_WIDTH = 100
SAMPLE_ARTICLE = Path(str(resources.files("tidings").joinpath("data", "sample",
                                                              "sample_article.txt")))
SAMPLE_DATE = dt.date(2023, 10, 12)


def _date_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return tio.parse_date(value, where="--date")
    except ValueError as e:
        raise click.BadParameter(str(e)) from e


@click.group()
@click.version_option(package_name="tidings")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to standard error.")
def main(verbose: bool) -> None:
    """tidings: political event data (PLOVER/CAMEO) from news text."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--sample", is_flag=True,
              help="Code the bundled sample article (published 2023-10-12).")
@click.option("--date", callback=_date_option, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
              show_default=True, help="Output format; jsonl prints one line per article.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(dir_okay=False),
              help="A TSV of your own actors (name, aliases, country, org, sector, start, end).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="Where the pipeline runs.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (local) or actors (ray).")
@click.option("--address", default=None, help="Ray cluster address (ray engine only).")
def code(paths: tuple[str, ...], sample: bool, date: dt.date | None, fmt: str,
         actor_files: tuple[str, ...], engine: str, workers: int, address: str | None) -> None:
    """Code articles (.txt, .html, .json, .jsonl, .csv or - for stdin) into events."""
    from tidings.engines import make_engine

    if sample:
        paths = (*paths, str(SAMPLE_ARTICLE))
        date = date or SAMPLE_DATE
    if not paths:
        raise click.UsageError("give one or more PATHs (or - for standard input), or --sample")
    try:
        runner = make_engine(engine, workers=workers, address=address, actor_files=actor_files)
    except ImportError as e:
        raise click.ClickException(str(e)) from e
    except (OSError, ValueError) as e:
        raise click.ClickException(f"{e}\nCheck the file given with --actors.") from e
    problems: list[InputProblem] = []
    articles = _articles(tio.read_articles(paths, date=date), problems)
    coded = runner.pipe(articles)
    if fmt == "jsonl":
        for item in coded:
            click.echo(json.dumps(article_json(item), ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps([article_json(item) for item in coded], ensure_ascii=False,
                              indent=2))
    else:
        for item in coded:
            _print_table(item, sys.stdout)
    _report(problems)


def _articles(items: Iterable[Article | InputProblem],
              problems: list[InputProblem]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputProblem):
            problems.append(item)
            click.echo(f"skipped {item.where}: {item.message}", err=True)
        else:
            yield item


def _report(problems: list[InputProblem]) -> None:
    if problems:
        click.echo(f"{len(problems)} input(s) skipped; see the messages above.", err=True)
        sys.exit(1)


def _clip(line: str) -> str:
    line = " ".join(line.split("\n"))
    return line if len(line) <= TABLE_WIDTH else line[: TABLE_WIDTH - 3] + "..."


def _print_table(coded: CodedArticle, out: TextIO) -> None:
    a = coded.article
    head = f"{a.id}  {a.date.isoformat() if a.date else 'no date'}  {a.title or ''}"
    out.write(textwrap.shorten(head, TABLE_WIDTH, placeholder="...") + "\n")
    if a.byline or a.outlet:
        out.write(f"  byline: {a.byline or '-'}  outlet: {a.outlet or '-'}\n")
    out.write(f"  {'date':10} {'type':9} {'mode':9} {'source':8} {'target':8} {'modality':10} "
              f"trigger / sentence\n")
    for e in coded.events:
        src = e.source.actor.code if e.source else "-"
        tgt = e.target.actor.code if e.target else "-"
        when = e.date.date.isoformat() if e.date.date else "-"
        line = (f"  {when:10} {e.type:9} {(e.mode or '-')[:9]:9} {src[:8]:8} {tgt[:8]:8} "
                f"{e.modality[:10]:10} {e.trigger.text}: {e.sentence_text}")
        out.write(_clip(line) + "\n")
    for n in coded.non_events:
        out.write(textwrap.shorten(f"  not coded: {n.type} '{n.trigger.text}' ({n.reason})",
                                   TABLE_WIDTH, placeholder="...") + "\n")
    for w in coded.warnings:
        out.write(textwrap.shorten(f"  warning {w.code}: {w.message}", TABLE_WIDTH,
                                   placeholder="...") + "\n")
    out.write("\n")


def _register() -> None:
    """Commands that live in their own modules (evaluation, corpus store)."""
    from tidings.cli_corpus import COMMANDS
    from tidings.cli_eval import eval_command
    from tidings.cli_web import serve_command

    main.add_command(eval_command)
    main.add_command(serve_command)
    for command in COMMANDS:
        main.add_command(command)


_register()
