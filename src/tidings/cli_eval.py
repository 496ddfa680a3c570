"""``tidings eval``: score the coder against a gold JSONL file (registered in tidings.cli)."""

from __future__ import annotations

import json

import click


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--show-misses", is_flag=True,
              help="List every missed gold event and every extra coded event with its text.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Plain-text report or one JSON object.")
def eval_command(gold: str, show_misses: bool, fmt: str) -> None:
    """Code the texts of GOLD.jsonl and score the events against its gold (docs/gold-format.md).

    Prints precision, recall and F1 on (source, type, target), type-only F1, per-type figures,
    a confusion table of types, actor and date accuracy and false positives on negative items.
    """
    from tidings.evaluate import evaluate_file, report

    try:
        scores = evaluate_file(gold)
    except ValueError as e:
        raise click.ClickException(f"{e}\nSee docs/gold-format.md for the gold format.") from e
    if fmt == "json":
        out = scores.to_json()
        if not show_misses:
            del out["misses"]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        click.echo(report(scores, show_misses=show_misses), nl=False)
