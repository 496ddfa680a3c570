"""Reading the package's data tables: one TSV reader for every stage.

Tables have a header row, tab-separated cells, ``|`` between several values in a cell and ``#``
comment lines. Knowledge lives in these files (ontology, lexicons, gazetteer, actor dictionaries),
not in code.

>>> for line, row in package_rows("data", "cameo.tsv"):
...     row["cameo"], row["type"]
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def package_rows(*parts: str, package: str = "tidings") -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a TSV shipped in ``package`` at ``parts``, as dicts keyed by the header, with the
    file's line number; cells are stripped and missing trailing cells are empty."""
    text = resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    lines = [(i, ln) for i, ln in enumerate(text.splitlines(), 1)
             if ln.strip() and not ln.startswith("#")]
    if not lines:
        return
    header = [cell.strip() for cell in lines[0][1].split("\t")]
    for number, line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, (c.strip() for c in cells), strict=False))
