"""Command-line commands over the event store: ingest, export, dyad, sql, quarantine, demo.

Each is a standalone click command; :data:`COMMANDS` lists them for
``main.add_command``. Like :mod:`tidings.cli`, this module prints; the library
does not.
"""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tidings import io as tio
from tidings.store import DEFAULT_DB, EventStore, StoreError

if TYPE_CHECKING:
    from tidings.engines import Engine

__all__ = ["COMMANDS", "code_parquet", "demo", "dyad", "export", "ingest", "load_parquet",
           "quarantine", "sql"]

_DB_HELP = f"The DuckDB event database (default ./{DEFAULT_DB})."
_DEMO_DB = "tidings-demo.duckdb"
_F = TypeVar("_F", bound=Callable[..., Any])


def _db_option(default: str = DEFAULT_DB) -> Callable[[_F], _F]:
    return click.option("--db", "db", default=default, show_default=True,
                        type=click.Path(dir_okay=False), help=_DB_HELP)


def _date(_ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return tio.parse_date(value, where=f"--{param.name}")
    except ValueError as err:
        raise click.BadParameter(str(err)) from err


@contextmanager
def _open(db: str, *, read_only: bool) -> Iterator[EventStore]:
    try:
        store = EventStore(db, read_only=read_only)
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    try:
        yield store
    finally:
        store.close()


# --------------------------------------------------------------------------- ingest


@click.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option()
@click.option("--date", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none.")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1),
              help="Articles per committed transaction.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="Where the pipeline runs.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (local, default: all cores) or Ray actors.")
@click.option("--address", default=None, help="Ray cluster address (ray engine only).")
def ingest(paths: tuple[str, ...], db: str, date: dt.date | None, batch_size: int, engine: str,
           workers: int | None, address: str | None) -> None:
    """Code articles into the event database (files, folders, globs, WARC).

    Re-running adds nothing new; an interrupted run picks up where it stopped.
    """
    from tidings.engines import make_engine

    try:
        runner = make_engine(engine, workers=workers, address=address)
    except ImportError as err:
        raise click.ClickException(str(err)) from err
    summary = _run_ingest(list(paths), db, date=date, batch_size=batch_size, engine=runner)
    click.echo(summary)


def _run_ingest(paths: list[str], db: str, *, date: dt.date | None, batch_size: int,
                engine: Engine | None = None) -> str:
    from tidings.ingest import Ingester, read_inputs

    with _open(db, read_only=False) as store:
        items = read_inputs(paths, date=date)
        if sys.stderr.isatty():
            stats = _ingest_with_bar(store, items, paths, batch_size, engine)
        else:
            stats = Ingester(store, batch_size=batch_size, engine=engine).run(items)
        counts = store.counts()
    lines = [
        f"ingested {stats.added} new article(s) into {db} in {stats.seconds:.1f} s "
        f"({stats.rate:.1f} articles/s)",
        f"  {stats.events} new event(s); {stats.merged_mentions} mention(s) merged into "
        f"events of syndicated copies; {stats.joined_stories} article(s) joined a story",
        f"  skipped: {stats.already_stored} already stored, {stats.quarantined} quarantined",
        f"  database: {counts['articles']} articles, {counts['stories']} stories, "
        f"{counts['events']} events, {counts['corroborations']} corroboration links",
    ]
    if stats.quarantined:
        lines.append(f"  see the skipped inputs with: tidings quarantine --db {db}")
    return "\n".join(lines)


def _ingest_with_bar(store: EventStore, items: Any, paths: list[str], batch_size: int,
                     engine: Engine | None) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from tidings.ingest import Ingester, IngestStats

    console = Console(stderr=True)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} art/s  events {task.fields[events]}  "
                          "skipped {task.fields[skipped]}"),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("ingest", total=_estimate(paths), rate=0.0, events=0, skipped=0)

        def update(stats: IngestStats) -> None:
            done = stats.added + stats.already_stored + stats.quarantined
            bar.update(task, completed=done, rate=stats.rate, events=stats.events,
                       skipped=stats.already_stored + stats.quarantined)

        return Ingester(store, batch_size=batch_size, progress=update, engine=engine).run(items)


def _estimate(paths: list[str]) -> int | None:
    """Records to expect, for the ETA; None when a format cannot be counted cheaply."""
    from tidings.ingest import expand_paths

    total = 0
    for name in expand_paths(paths):
        lower = name.lower()
        try:
            if lower.endswith(".jsonl"):
                with open(name, "rb") as stream:
                    total += sum(1 for line in stream if line.strip())
            elif lower.endswith(".jsonl.gz"):
                with gzip.open(name, "rb") as stream:
                    total += sum(1 for line in stream if line.strip())
            elif lower.endswith((".txt", ".html", ".htm")):
                total += 1
            else:
                return None
        except (OSError, EOFError):
            total += 1
    return total


# --------------------------------------------------------------------------- parquet


@click.command("code-parquet")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", "out_dir", required=True,
              help="Folder (or s3://, gs:// URI) to write articles/, events/, problems/ to.")
@click.option("--date", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Ray actors, one pipeline each (default: grow to the cluster's CPUs).")
@click.option("--address", default=None,
              help="Ray cluster: ray://HEAD:10001 or auto (default: a local Ray).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(dir_okay=False),
              help="A TSV of your own actors.")
def code_parquet(inputs: tuple[str, ...], out_dir: str, date: dt.date | None,
                 workers: int | None, address: str | None, actor_files: tuple[str, ...]) -> None:
    """Code INPUTS on Ray into Parquet partitioned by month (no database needed).

    INPUTS are files, folders, globs or object-store URIs (.jsonl, .jsonl.gz, .json, .csv,
    .txt, .html, .warc, .parquet with a text column). Load the result into a database with
    tidings load-parquet, or query OUTPUT/events in place with DuckDB.
    """
    try:
        from tidings.ray_engine import RayEngine

        engine = RayEngine(workers=workers, address=address, actor_files=actor_files)
    except ImportError as err:
        raise click.ClickException(str(err)) from err
    try:
        done = engine.write_parquet(list(inputs), out_dir, date=date)
    except (FileExistsError, FileNotFoundError) as err:
        raise click.ClickException(str(err)) from err
    finally:
        engine.ray.shutdown()
    click.echo(f"coded {done.articles} article(s) into {done.events} event(s) in "
               f"{done.seconds:.1f} s; {done.problems} input(s) could not be read")
    click.echo(f"  {done.out_dir}/articles/month=*/  {done.out_dir}/events/month=*/  "
               f"{done.out_dir}/problems/")
    click.echo(f"  load: tidings load-parquet {done.out_dir} --db {DEFAULT_DB}")


@click.command("load-parquet")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@_db_option()
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1),
              help="Articles per committed transaction.")
def load_parquet(directory: str, db: str, batch_size: int) -> None:
    """Store what tidings code-parquet wrote to DIRECTORY (de-duplicated like ingest).

    Loading the same folder again adds nothing.
    """
    from tidings.ingest import Ingester, read_parquet_output

    with _open(db, read_only=False) as store:
        try:
            stats = Ingester(store, batch_size=batch_size).run_coded(
                read_parquet_output(directory))
        except FileNotFoundError as err:
            raise click.ClickException(str(err)) from err
        counts = store.counts()
    click.echo(f"loaded {stats.added} new article(s) into {db}; {stats.events} new event(s), "
               f"{stats.merged_mentions} mention(s) merged into syndicated copies' events")
    click.echo(f"  skipped: {stats.already_stored} already stored, "
               f"{stats.quarantined} quarantined")
    click.echo(f"  database: {counts['articles']} articles, {counts['stories']} stories, "
               f"{counts['events']} events")


# --------------------------------------------------------------------------- export


@click.command()
@_db_option()
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]),
              default="jsonl", show_default=True)
@click.option("--schema", type=click.Choice(["tidings", "polecat", "cameo"]), default="tidings",
              show_default=True, help="Column layout: ours, POLECAT-like PLOVER, GDELT-like CAMEO.")
@click.option("--output", type=click.Path(dir_okay=False),
              help="File to write (needed for parquet; default standard output).")
def export(db: str, fmt: str, schema: str, output: str | None) -> None:
    """Export the stored events."""
    from tidings.export import export_events

    if fmt == "parquet" and output is None:
        raise click.UsageError("parquet is binary: give a file with --output FILE")
    with _open(db, read_only=True) as store:
        count = export_events(store, fmt=fmt, schema=schema, output=output, stream=sys.stdout)
    if output is not None:
        click.echo(f"wrote {count} event(s) to {output} ({fmt}, {schema} schema)", err=True)


# --------------------------------------------------------------------------- dyad


@click.command()
@click.argument("actor_a")
@click.argument("actor_b")
@_db_option()
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month",
              show_default=True, help="Length of a period.")
@click.option("--from", "start", callback=_date, metavar="YYYY-MM-DD", help="First day.")
@click.option("--to", "end", callback=_date, metavar="YYYY-MM-DD", help="Last day.")
def dyad(actor_a: str, actor_b: str, db: str, by: str, start: dt.date | None,
         end: dt.date | None) -> None:
    """Events between two actors over time (either direction): counts per type and
    mean Goldstein. Actors are country (CHN), organisation (NATO) or full codes (RUSGOV)."""
    a, b = actor_a.upper(), actor_b.upper()
    with _open(db, read_only=True) as store:
        rows = store.dyad_timeline(a, b, by=by, start=start, end=end)
    if not rows:
        click.echo(f"no events between {a} and {b}" + (" in that period" if start or end else ""))
        return
    click.echo(f"{a} - {b}, by {by}")
    click.echo(f"{'period':10}  {'events':>6}  {'goldstein':>9}  types (events, mean goldstein)")
    periods: dict[dt.date, list[tuple[str, int, float]]] = {}
    for period, kind, count, goldstein in rows:
        periods.setdefault(period, []).append((kind, count, goldstein))
    for period, kinds in periods.items():
        total = sum(c for _, c, _ in kinds)
        mean = sum(c * g for _, c, g in kinds) / total
        detail = ", ".join(f"{k} {c} ({g:+.1f})" for k, c, g in kinds)
        click.echo(f"{_period_label(period, by):10}  {total:>6}  {mean:>+9.2f}  {detail}")


def _period_label(period: dt.date, by: str) -> str:
    if by == "month":
        return period.strftime("%Y-%m")
    if by == "year":
        return str(period.year)
    return period.isoformat()


# --------------------------------------------------------------------------- sql


@click.command()
@click.argument("query")
@_db_option()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
              show_default=True)
@click.option("--limit", default=200, show_default=True, type=click.IntRange(0),
              help="Rows to print in table format (0: all).")
def sql(query: str, db: str, fmt: str, limit: int) -> None:
    """Run one read-only SELECT (or WITH) query against the database."""
    import duckdb

    from tidings.store import ReadOnlyQueryError

    with _open(db, read_only=True) as store:
        try:
            names, rows = store.select(query)
        except ReadOnlyQueryError as err:
            raise click.UsageError(str(err)) from err
        except duckdb.Error as err:
            raise click.ClickException(f"query failed: {err}") from err
    _print_rows(names, rows, fmt, limit)


def _print_rows(names: list[str], rows: list[tuple[Any, ...]], fmt: str, limit: int) -> None:
    import csv
    import json

    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(rows)
        return
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(dict(zip(names, row, strict=True)), default=str,
                                  ensure_ascii=False))
        return
    shown = rows if limit == 0 else rows[:limit]
    cells = [[_cell(v) for v in row] for row in shown]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    click.echo("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip())
    for line in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    more = f" (showing {len(shown)}; --limit 0 for all)" if len(shown) < len(rows) else ""
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''}){more}")


def _cell(value: Any, width: int = 60) -> str:
    text = "NULL" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 3] + "..."


# --------------------------------------------------------------------------- quarantine


@click.command()
@_db_option()
def quarantine(db: str) -> None:
    """List the inputs that could not be ingested, with the reason."""
    with _open(db, read_only=True) as store:
        rows = store.quarantined()
    if not rows:
        click.echo("nothing quarantined")
        return
    for place, code, reason, _when in rows:
        click.echo(f"{place}: [{code}] {reason}")
    click.echo(f"{len(rows)} input(s) quarantined")


# --------------------------------------------------------------------------- demo


@click.command()
@_db_option(default=_DEMO_DB)
def demo(db: str) -> None:
    """Ingest the bundled sample corpus into a fresh database and show what it found."""
    _fresh_database(Path(db))
    corpus = resources.files("tidings") / "data" / "sample" / "corpus.jsonl"
    with resources.as_file(corpus) as path:
        click.echo(f"ingesting the sample corpus ({path.name}) into {db} ...")
        click.echo(_run_ingest([str(path)], db, date=None, batch_size=64))
    with _open(db, read_only=True) as store:
        _demo_report(store, db)


def _fresh_database(path: Path) -> None:
    if not path.exists():
        return
    try:
        EventStore(path, read_only=True).close()
    except StoreError as err:
        raise click.ClickException(
            f"{path} exists and is not a tidings database; pick another --db") from err
    for stale in (path, Path(f"{path}.wal")):
        if stale.exists():
            stale.unlink()


def _demo_report(store: EventStore, db: str) -> None:
    _, dyads = store.select("""
        SELECT least(source_country, target_country) AS a,
               greatest(source_country, target_country) AS b, count(*) AS n,
               round(avg(goldstein), 1) AS g
        FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL
          AND source_country <> target_country
        GROUP BY ALL ORDER BY n DESC, a, b LIMIT 8""")
    click.echo("\nTop dyads (events, mean Goldstein):")
    for a, b, n, g in dyads:
        click.echo(f"  {a}-{b}: {n} events, {g:+.1f}")
    _, stories = store.select("""
        SELECT s.id, s.n_articles, s.n_outlets, s.title,
               string_agg(a.outlet, ', ' ORDER BY a.seq) AS outlets
        FROM stories s JOIN articles a ON a.story_id = s.id
        WHERE s.n_articles > 1 GROUP BY s.id, s.n_articles, s.n_outlets, s.title, s.first_date
        ORDER BY s.n_articles DESC, s.first_date LIMIT 5""")
    click.echo("\nSyndicated stories (copies grouped by MinHash):")
    for _sid, n, n_out, title, outlets in stories:
        click.echo(f"  {n} copies from {n_out} outlets: {_cell(title, 70)}")
        click.echo(f"     {_cell(outlets, 90)}")
    _demo_event(store)
    click.echo(f"\nExplore: tidings dyad CHN RUS --db {db}   tidings sql \"SELECT type, count(*) "
               f"FROM events GROUP BY type\" --db {db}")
    click.echo(f"Web page: pip install 'tidings[web]', then tidings serve --db {db} "
               "and open http://127.0.0.1:8000/")


def _demo_event(store: EventStore) -> None:
    _, picked = store.select("""
        SELECT id, type, cameo, goldstein, source_code, target_code, date, n_articles, n_outlets
        FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL
        ORDER BY n_articles DESC, date, id LIMIT 1""")
    if not picked:
        return
    eid, kind, cameo, gold, src, tgt, when, n_art, n_out = picked[0]
    click.echo(f"\nA sample event: {src} -> {tgt} {kind} (CAMEO {cameo}, Goldstein {gold:+.1f}) "
               f"on {when}, reported by {n_art} article(s) from {n_out} outlet(s):")
    _, mentions = store.select("""
        SELECT a.outlet, a.url, m.trigger_text, m.sentence FROM event_mentions m
        JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY a.seq""", [eid])
    for outlet, url, trigger, sentence in mentions:
        click.echo(f"  {outlet or '-'} <{url or '-'}>")
        click.echo(f"     [{trigger}] {_cell(sentence, 100)}")


COMMANDS: list[click.Command] = [ingest, code_parquet, load_parquet, export, dyad, sql,
                                 quarantine, demo]


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log progress to standard error.")
def _standalone(verbose: bool) -> None:
    """Store commands, runnable before they are registered in ``tidings``."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


for _command in COMMANDS:
    _standalone.add_command(_command)

if __name__ == "__main__":
    _standalone(prog_name=os.path.basename(sys.argv[0]))
