"""Reading articles from files, directories and standard input (tidings.io)."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from tidings.io import parse_byline, parse_date, read_articles
from tidings.records import Article, InputProblem

INPUTS = Path(__file__).parent / "data" / "inputs"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_cf4130f4cd584bf7.txt"
PUBLISHED = dt.date(2022, 6, 15)


def read(*paths: str | Path, **kwargs: object) -> list[Article | InputProblem]:
    kwargs.setdefault("date", PUBLISHED)
    return list(read_articles([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def articles(items: list[Article | InputProblem]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items: list[Article | InputProblem]) -> list[InputProblem]:
    return [i for i in items if isinstance(i, InputProblem)]


def only_problem(items: list[Article | InputProblem]) -> InputProblem:
    assert len(items) == 1, items
    assert isinstance(items[0], InputProblem), items
    return items[0]


# --------------------------------------------------------------------------- .txt


def test_txt_headline_paragraphs_and_trailing_byline() -> None:
    [article] = read(INPUTS / "talks.txt")
    assert isinstance(article, Article)
    assert article.id == "talks"
    assert article.title == "Ministers agree to resume border talks"
    assert article.text == (
        "Ministers agree to resume border talks\n"
        "The foreign ministers of Armenia and Azerbaijan agreed on Monday to resume talks"
        " on their border.\n"
        "The next round will take place in Brussels, officials said."
    )
    assert (article.byline, article.outlet) == ("J. Smith", "AFP")
    assert article.date == PUBLISHED
    assert article.source == str(INPUTS / "talks.txt")


def test_txt_without_byline_keeps_last_line_and_has_no_date(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Headline here\r\n\r\nFirst paragraph.\r\nLast paragraph ends it.\r\n")
    [article] = read(path, date=None)
    assert isinstance(article, Article)
    assert article.text == "Headline here\nFirst paragraph.\nLast paragraph ends it."
    assert article.byline is None and article.outlet is None and article.date is None


def test_txt_by_line_under_headline_is_metadata(tmp_path: Path) -> None:
    path = tmp_path / "by.txt"
    path.write_text("Headline\nBy Jane Doe, Reuters\n\nRussia recalled its ambassador.\n")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.text == "Headline\nRussia recalled its ambassador."
    assert (article.byline, article.outlet) == ("Jane Doe", "Reuters")


def test_txt_byline_only_line_is_not_removed(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("N.Taylor--TNT\n")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.text == "N.Taylor--TNT" and article.byline is None


def test_seed_article() -> None:
    if not SEED.exists():
        pytest.skip(f"../shared not present: seed article {SEED} is needed for this test")
    [article] = read(SEED)
    assert isinstance(article, Article)
    assert article.id == "000_cf4130f4cd584bf7"
    assert article.title is not None and article.title.startswith("Xi tells Putin")
    assert article.text.startswith(article.title + "\n")
    assert (article.byline, article.outlet) == ("N. Taylor", "TNT")
    assert "TNT" not in article.text
    assert "\n\n" not in article.text and article.text == article.text.rstrip()


# --------------------------------------------------------------------------- .html


def test_html_text_and_metadata() -> None:
    [article] = read(INPUTS / "page.html")
    assert isinstance(article, Article)
    assert article.id == "page"
    assert article.title == "Leaders meet in Geneva"
    assert article.text.startswith("Leaders meet in Geneva\nThe presidents of two")
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert article.date == dt.date(2022, 6, 14)  # the page's own date wins over --date
    assert article.url == "https://example.org/geneva"
    assert article.outlet == "Example News"


def test_html_without_date_uses_date_argument(tmp_path: Path) -> None:
    path = tmp_path / "nodate.htm"
    body = "<p>The army withdrew its troops from the northern province on orders of the court.</p>"
    path.write_text(f"<html><body><article>{body * 3}</article></body></html>")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.id == "nodate"
    assert article.date == PUBLISHED
    assert "army withdrew" in article.text


def test_html_without_article_body(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><script>1</script></body></html>")
    problem = only_problem(read(path))
    assert problem.code == "no_article_body"
    assert problem.where == str(path)
    assert "no article text" in problem.message


# --------------------------------------------------------------------------- .json


def test_json_list_of_records() -> None:
    first, second = read(INPUTS / "records.json")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, first.title, first.date) == ("r1", "Talks resume", dt.date(2021, 3, 2))
    assert first.text == "Talks resume\nThe two sides met in Doha."  # headline not doubled
    assert (first.url, first.outlet) == ("https://example.org/r1", "Example")
    assert first.source == f"{INPUTS / 'records.json'}#1"
    assert (second.id, second.date) == ("records:2", PUBLISHED)


def test_json_single_object_with_datetime() -> None:
    [article] = read(INPUTS / "single.json")
    assert isinstance(article, Article)
    assert (article.id, article.date) == ("single", dt.date(2020, 1, 5))


def test_json_title_is_put_on_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "titled.json"
    path.write_text(json.dumps({"id": 7, "title": "Deal signed", "text": "Both sides signed."}))
    [article] = read(path)
    assert isinstance(article, Article)
    assert (article.id, article.text) == ("7", "Deal signed\nBoth sides signed.")


def test_json_invalid_and_empty_list(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "x",\n "id": }')
    empty = tmp_path / "none.json"
    empty.write_text("[]")
    first, second = read(bad, empty)
    assert isinstance(first, InputProblem) and isinstance(second, InputProblem)
    assert (first.code, first.where) == ("bad_json", str(bad))
    assert "line 2 column" in first.message and '"text"' in first.message
    assert (second.code, second.where) == ("empty", str(empty))


# --------------------------------------------------------------------------- .jsonl


def test_jsonl_good_records_survive_bad_ones() -> None:
    items = read(INPUTS / "corpus.jsonl")
    where = str(INPUTS / "corpus.jsonl")
    assert [a.id for a in articles(items)] == ["a", "c", "corpus:10"]
    assert [(p.where, p.code) for p in problems(items)] == [
        (f"{where}:2", "bad_json"),
        (f"{where}:5", "missing_text"),
        (f"{where}:6", "bad_date"),
        (f"{where}:7", "missing_text"),
        (f"{where}:8", "no_text"),
        (f"{where}:9", "not_object"),
    ]
    # input order is kept: problems sit between the articles they came between
    assert [type(i).__name__ for i in items][:3] == ["Article", "InputProblem", "Article"]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        pytest.param(
            2, ["not valid JSON", "column", "each line must be one JSON object"], id="json"
        ),
        pytest.param(5, ['no "text" field', "body, id"], id="missing"),
        pytest.param(6, ["'15/06/2022'", "YYYY-MM-DD", "skipped"], id="date"),
        pytest.param(7, ["JSON number", "expected a string"], id="number"),
        pytest.param(8, ['"text" is empty'], id="blank-text"),
        pytest.param(9, ["JSON list", "expected an object"], id="list"),
    ],
)
def test_jsonl_problem_messages(line: int, words: list[str]) -> None:
    by_where = {p.where: p for p in problems(read(INPUTS / "corpus.jsonl"))}
    message = by_where[f"{INPUTS / 'corpus.jsonl'}:{line}"].message
    for word in words:
        assert word in message


def test_jsonl_record_date_wins_and_extra_fields_ignored() -> None:
    by_id = {a.id: a for a in articles(read(INPUTS / "corpus.jsonl"))}
    assert by_id["a"].date == dt.date(2019, 5, 1)
    assert by_id["c"].date == PUBLISHED
    assert by_id["corpus:10"].text == "Japan and India signed a trade deal."


def test_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write('{"text": "One."}\n\n{"text": "Two."}\n')
    items = read(path)
    assert [(a.id, a.source) for a in articles(items)] == [
        ("batch:1", f"{path}:1"),
        ("batch:3", f"{path}:3"),
    ]
    assert problems(items) == []


def test_truncated_gzip_keeps_records_before_the_break(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"id": str(i), "text": f"Line {i} " * 40}) + "\n" for i in range(400)
    )
    whole = gzip.compress(lines.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    items = read(path)
    assert len(articles(items)) > 10
    assert [a.id for a in articles(items)] == [str(i) for i in range(len(articles(items)))]
    last = items[-1]
    assert isinstance(last, InputProblem)
    assert (last.code, last.where) == ("truncated_gzip", str(path))
    assert "ends early" in last.message and "were read" in last.message


def test_gz_that_is_not_gzip(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl.gz"
    path.write_text('{"text": "x"}\n')
    problem = only_problem(read(path))
    assert problem.code == "bad_gzip" and "gzip" in problem.message


def test_jsonl_bad_utf8_line_loses_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "fine"}\n')
    items = read(path)
    assert [a.text for a in articles(items)] == ["ok", "fine"]
    [problem] = problems(items)
    assert (problem.where, problem.code) == (f"{path}:2", "not_utf8")
    assert "byte offset 28" in problem.message and "iconv" in problem.message


# --------------------------------------------------------------------------- .csv


def test_csv_records_with_line_numbers() -> None:
    items = read(INPUTS / "corpus.csv")
    where = str(INPUTS / "corpus.csv")
    first, bad, third = items
    assert isinstance(first, Article) and isinstance(third, Article)
    assert (first.id, first.title, first.date) == ("c1", "Strike reported", dt.date(2022, 2, 25))
    assert first.text == "Strike reported\nAircraft struck a depot on Friday."
    assert first.source == f"{where}:2"
    assert isinstance(bad, InputProblem)
    assert (bad.where, bad.code) == (f"{where}:4", "no_text")  # the quoted text spans lines 2-3
    assert (third.id, third.date, third.source) == ("corpus:5", PUBLISHED, f"{where}:5")


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "cols.csv"
    path.write_text("id,body\n1,hello\n")
    problem = only_problem(read(path))
    assert (problem.code, problem.where) == ("missing_text", str(path))
    assert 'no "text" column' in problem.message and "id, body" in problem.message


def test_csv_row_with_too_many_fields(tmp_path: Path) -> None:
    path = tmp_path / "commas.csv"
    path.write_text("id,text\n1,Troops, tanks and ships moved\n2,Talks began.\n")
    bad, good = read(path)
    assert isinstance(bad, InputProblem) and isinstance(good, Article)
    assert (bad.where, bad.code) == (f"{path}:2", "bad_csv")
    assert "double quotes" in bad.message
    assert good.text == "Talks began."


def test_csv_long_text_over_csv_module_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("text\n" + "word " * 40_000 + "\n")
    [article] = read(path)
    assert isinstance(article, Article) and len(article.text) > 131_072


# --------------------------------------------------------------------------- stdin


def test_stdin_plain_text() -> None:
    [article] = read("-", stdin=io.StringIO("Headline\n\nBody text here.\nN.Taylor--TNT\n"))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.byline, article.outlet) == (
        "stdin",
        "Headline",
        "N. Taylor",
        "TNT",
    )
    assert article.text == "Headline\nBody text here."


def test_stdin_jsonl() -> None:
    stdin = io.StringIO('{"id": "x", "text": "One."}\nnot json\n{"text": "Two."}\n')
    first, bad, second = read("-", stdin=stdin)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, second.id) == ("x", "stdin:3")
    assert isinstance(bad, InputProblem)
    assert (bad.where, bad.code) == ("<stdin>:2", "bad_json")


def test_stdin_empty() -> None:
    problem = only_problem(read("-", stdin=io.StringIO("  \n")))
    assert (problem.where, problem.code) == ("<stdin>", "empty")


# --------------------------------------------------------------------------- directories


def test_directory_recursion_sorted_and_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two\nBody.\n")
    (tmp_path / "a.txt").write_text("One\nBody.\n")
    (tmp_path / "c.jsonl").write_text('{"text": "Three."}\n')
    (tmp_path / ".secret.txt").write_text("Hidden\n")
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden\n")
    (tmp_path / "notes.md").write_text("not an article format\n")
    items = read(tmp_path)
    assert [a.id for a in articles(items)] == ["a", "two", "c:1"]
    assert problems(items) == []


def test_empty_directory(tmp_path: Path) -> None:
    problem = only_problem(read(tmp_path))
    assert problem.code == "empty" and "no readable files" in problem.message


# --------------------------------------------------------------------------- bad inputs


def _latin1(path: Path) -> None:
    path.write_bytes("Headline\nCaf\xe9 owners protested.\n".encode("latin-1"))


BAD_FILES = [
    pytest.param("gone.txt", None, "not_found", ["no such file"], id="missing"),
    pytest.param("empty.txt", b"", "empty", ["empty"], id="empty"),
    pytest.param("blank.txt", b" \n\t\n", "empty", ["empty"], id="whitespace"),
    pytest.param("blank.jsonl", b"\n\n", "empty", ["no records"], id="blank-jsonl"),
    pytest.param("empty.csv", b"", "empty", ["empty"], id="empty-csv"),
    pytest.param("header.csv", b"id,text\n", "empty", ["no rows"], id="header-only-csv"),
    pytest.param(
        "latin.txt", _latin1, "not_utf8", ["0xe9", "byte offset 12", "iconv"], id="latin1"
    ),
    pytest.param("pic.txt", b"\x89PNG\r\n\x1a\n\0\0\0", "binary", ["binary"], id="binary"),
    pytest.param("pic.jsonl", b"\0\0\0\n", "binary", ["binary"], id="binary-jsonl"),
    pytest.param("notes.pdf", b"%PDF", "unknown_extension", [".pdf", ".jsonl.gz", "'-'"], id="pdf"),
    pytest.param("noext", b"text", "unknown_extension", ["(none)"], id="no-extension"),
]


@pytest.mark.parametrize(("name", "content", "code", "words"), BAD_FILES)
def test_bad_files(tmp_path: Path, name: str, content: object, code: str, words: list[str]) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif callable(content):
        content(path)
    problem = only_problem(read(path))
    assert (problem.code, problem.where) == (code, str(path))
    for word in words:
        assert word in problem.message


def test_bad_file_does_not_stop_the_next_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    items = read(tmp_path / "missing.txt", bad, INPUTS / "talks.txt")
    assert [type(i).__name__ for i in items] == ["InputProblem", "InputProblem", "Article"]


@pytest.mark.parametrize(
    ("name", "content", "where_suffix"),
    [
        pytest.param("big.txt", "Headline\n" + "x" * 200, "", id="txt"),
        pytest.param("big.jsonl", json.dumps({"text": "y" * 200}) + "\n", ":1", id="jsonl"),
        pytest.param("big.json", json.dumps({"text": "y" * 200}), "", id="json"),
    ],
)
def test_too_large(tmp_path: Path, name: str, content: str, where_suffix: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    problem = only_problem(read(path, max_chars=100))
    assert (problem.code, problem.where) == ("too_large", f"{path}{where_suffix}")
    assert "over the limit of 100" in problem.message and "max_chars" in problem.message


def test_too_large_txt_by_file_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("z" * 1000)
    problem = only_problem(read(path, max_chars=10))
    assert problem.code == "too_large" and "1,000 bytes" in problem.message


# --------------------------------------------------------------------------- bylines and dates


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("N.Taylor--TNT", ("N. Taylor", "TNT"), id="glued-initial"),
        pytest.param("J. Smith -- AFP", ("J. Smith", "AFP"), id="spaced-dashes"),
        pytest.param("Jane Doe \u2014 Reuters", ("Jane Doe", "Reuters"), id="em-dash"),
        pytest.param("A.B.Jones--AP", ("A. B. Jones", "AP"), id="two-initials"),
        pytest.param(
            "Jean-Paul van der Berg--Agence France-Presse",
            ("Jean-Paul van der Berg", "Agence France-Presse"),
            id="particles-and-long-outlet",
        ),
        pytest.param("By Jane Doe", ("Jane Doe", ""), id="by-name"),
        pytest.param("BY JANE DOE, Reuters", ("JANE DOE", "Reuters"), id="by-name-outlet"),
        pytest.param(
            "By Jane Doe, John Roe and Ann Lee",
            ("Jane Doe, John Roe and Ann Lee", ""),
            id="by-several-names",
        ),
        pytest.param(
            "(Reporting by Jane Doe in Moscow; Editing by John Roe)",
            ("Jane Doe", ""),
            id="reporting-by",
        ),
        pytest.param("  N.Taylor--TNT  ", ("N. Taylor", "TNT"), id="padded"),
        pytest.param("He said -- no.", None, id="sentence-with-dashes"),
        pytest.param("By the way, talks failed.", None, id="by-in-a-sentence"),
        pytest.param("Russia and China signed the deal.", None, id="plain-sentence"),
        pytest.param("N.T.--TNT", None, id="initials-only"),
        pytest.param("", None, id="empty"),
        pytest.param("Jane Doe--" + "Reuters " * 20, None, id="too-long"),
    ],
)
def test_parse_byline(line: str, expected: tuple[str, str] | None) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2022-06-15", dt.date(2022, 6, 15), id="date"),
        pytest.param(" 2022-06-15 ", dt.date(2022, 6, 15), id="padded"),
        pytest.param("2022-06-15T23:30:00", dt.date(2022, 6, 15), id="datetime"),
        pytest.param("2022-06-15T23:30:00Z", dt.date(2022, 6, 15), id="utc-z"),
        pytest.param("2022-06-15 08:00:00-05:00", dt.date(2022, 6, 15), id="offset-kept"),
    ],
)
def test_parse_date(value: str, expected: dt.date) -> None:
    assert parse_date(value, where="--date") == expected


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("15/06/2022", id="day-first"),
        pytest.param("2022-13-01", id="bad-month"),
        pytest.param("2022-06", id="month-only"),
        pytest.param("20220615", id="basic-format"),
        pytest.param("2022-06-15x", id="trailing-junk"),
        pytest.param("", id="empty"),
    ],
)
def test_parse_date_errors(value: str) -> None:
    with pytest.raises(ValueError, match=r"^--date: bad date .*YYYY-MM-DD"):
        parse_date(value, where="--date")


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
def test_stdin_not_utf8(errors: str) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Caf\xe9 news\n"), encoding="utf-8", errors=errors)
    problem = only_problem(read("-", stdin=stdin))
    assert (problem.where, problem.code) == ("<stdin>", "not_utf8")
    assert "iconv" in problem.message


def test_paths_may_be_path_objects() -> None:
    [article] = list(read_articles([INPUTS / "talks.txt"]))
    assert isinstance(article, Article) and article.id == "talks" and article.date is None


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    body = "<p>Le gouvernement fran\xe7ais a condamn\xe9 l'attaque contre l'ambassade hier.</p>"
    page = f'<html><head><meta charset="iso-8859-1"></head><body><article>{body * 3}</article>'
    path.write_bytes((page + "</body></html>").encode("latin-1"))
    [article] = read(path)
    assert isinstance(article, Article)
    assert "fran\xe7ais a condamn\xe9" in article.text
