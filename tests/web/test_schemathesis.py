"""Property-based requests generated from the OpenAPI schema: no operation may answer 5xx.

Every operation is exercised (nothing excluded), with a bounded number of examples each,
against the real app on a real store.
"""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

pytestmark = pytest.mark.issue(6)


@pytest.fixture(scope="session")
def web_schema(base_url: str) -> Any:
    return schemathesis.openapi.from_url(base_url + "/openapi.json")


schema = schemathesis.pytest.from_fixture("web_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_conforms_and_never_fails(case: Any) -> None:
    # A cursor is opaque: the schema cannot tell a real one from any other string, so a
    # made-up cursor is rightly refused (422) although it "matches the schema".
    made_up_cursor = bool(case.query and case.query.get("cursor"))
    excluded = [positive_data_acceptance] if made_up_cursor else []
    response = case.call_and_validate(excluded_checks=excluded)
    assert response.status_code < 500
