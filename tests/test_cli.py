"""The `tidings code` command: formats, inputs, bad input and exit status."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import main

SAMPLE = Path(str(resources.files("tidings").joinpath("data", "sample", "sample_article.txt")))


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_cli_code_jsonl_contract(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", str(SAMPLE), "--date", "2023-10-12", "--format",
                                  "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("{")]
    assert len(lines) == 1
    article = json.loads(lines[0])
    for key in ("id", "title", "date", "url", "outlet", "byline", "events", "warnings"):
        assert key in article
    assert article["byline"] == "L. Haddad" and article["outlet"] == "GWR"
    assert article["events"], "the sample article must yield events"
    event = article["events"][0]
    for key in ("id", "type", "mode", "contexts", "cameo", "goldstein", "source", "target",
                "date", "date_text", "date_method", "date_precision", "sentence", "text",
                "trigger", "modality", "method"):
        assert key in event
    actor = next(e["source"] for e in article["events"] if e["source"])
    assert set(actor) >= {"text", "start", "end", "name", "country", "org", "sector", "code"}
    text = SAMPLE.read_text(encoding="utf-8")
    trig = event["trigger"]
    assert trig["text"] in text


def test_cli_code_table_fits_100_columns(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", str(SAMPLE), "--date", "2023-10-12"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("CONSULT" in ln for ln in lines)
    assert max(len(ln) for ln in lines) <= 100


def test_cli_code_json_is_a_list(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert isinstance(data, list) and data[0]["id"] == "sample_article"


def test_cli_code_stdin(runner: CliRunner) -> None:
    text = "Russian forces shelled the Ukrainian city of Kharkiv on Monday.\n"
    result = runner.invoke(main, ["code", "-", "--date", "2022-05-04", "--format", "jsonl"],
                           input=text)
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)["events"]
    assert [(e["type"], e["source"]["country"]) for e in events] == [("ASSAULT", "RUS")]
    assert events[0]["date"] == "2022-05-02"


def test_cli_bad_inputs_are_reported_and_good_ones_kept(runner: CliRunner,
                                                        tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(
        '{"id": "g1", "date": "2023-01-05", "text": "Iran condemned the Israeli airstrike."}\n'
        "not json\n"
        '{"id": "g2", "title": "no text"}\n', encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 talks".encode("latin-1"))
    unknown = tmp_path / "notes.pdf"
    unknown.write_text("x", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("Headline\n" + "word " * 2_100_000, encoding="utf-8")
    paths = [str(p) for p in (good, empty, binary, latin, unknown, big,
                              tmp_path / "missing.txt")]
    result = runner.invoke(main, ["code", *paths, "--format", "jsonl"])
    assert result.exit_code == 1
    out = [json.loads(ln) for ln in result.stdout.splitlines() if ln.startswith("{")]
    assert [a["id"] for a in out] == ["g1"]
    assert out[0]["events"][0]["type"] == "ACCUSE"
    err = result.stderr
    assert "good.jsonl:2" in err and "JSON" in err
    assert "good.jsonl:3" in err and "text" in err
    assert "empty.txt" in err and "blob.txt" in err and "latin.txt" in err
    assert "notes.pdf" in err and ".pdf" in err
    assert "big.txt" in err and "missing.txt" in err
    assert "Traceback" not in result.output
    assert "8 input(s) skipped" in err


def test_cli_bad_date_option(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", str(SAMPLE), "--date", "15/06/2022"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_cli_user_actor_file(runner: CliRunner, tmp_path: Path) -> None:
    actors = tmp_path / "mine.tsv"
    actors.write_text("name\taliases\tcountry\torg\tsector\tstart\tend\n"
                      "Zorblat Front\tZorblat\tMLI\t\tREB\t\t\n", encoding="utf-8")
    text = "Headline\nThe Zorblat Front attacked Malian troops near Gao on Monday.\n"
    result = runner.invoke(main, ["code", "-", "--date", "2023-03-01", "--format", "jsonl",
                                  "--actors", str(actors)], input=text)
    assert result.exit_code == 0, result.output
    event = json.loads(result.output)["events"][0]
    assert event["type"] == "ASSAULT"
    assert event["source"]["code"] == "MLIREB"


def test_cli_bad_actor_file(runner: CliRunner, tmp_path: Path) -> None:
    actors = tmp_path / "bad.tsv"
    actors.write_text("nom\tpays\nX\tY\n", encoding="utf-8")
    result = runner.invoke(main, ["code", str(SAMPLE), "--actors", str(actors)])
    assert result.exit_code == 1
    assert "bad.tsv" in result.output and "--actors" in result.output
