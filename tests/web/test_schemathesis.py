"""Property-based requests generated from the OpenAPI schema: no operation may answer 5xx.

Every operation is exercised (nothing excluded), with a bounded number of examples each,
against the real app on a real store.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

pytestmark = pytest.mark.issue(6)


def _operations(base_url: str) -> list[Any]:
    schema = schemathesis.openapi.from_url(base_url + "/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


def _check(case: Any) -> None:
    # A cursor is opaque: the schema cannot tell a real one from any other string, so a
    # made-up cursor is rightly refused (422) although it "matches the schema".
    made_up_cursor = bool(case.query and case.query.get("cursor"))
    excluded = [positive_data_acceptance] if made_up_cursor else []
    response = case.call_and_validate(excluded_checks=excluded)
    assert response.status_code < 500


def test_api_conforms_and_never_fails(base_url: str) -> None:
    # Driven through hypothesis directly rather than schemathesis' pytest plugin, which
    # breaks with newer pytest releases (it reads private pytest attributes).
    operations = _operations(base_url)
    assert len(operations) >= 9
    for operation in operations:
        # CI runs a fixed sequence of examples so one commit always passes or always fails;
        # local runs draw new examples each time to keep finding bugs.
        run = settings(max_examples=25, deadline=None, database=None,
                       derandomize=os.environ.get("CI") == "true",
                       suppress_health_check=[HealthCheck.function_scoped_fixture,
                                              HealthCheck.too_slow,
                                              HealthCheck.filter_too_much])(
            given(case=operation.as_strategy())(_check))
        run()
