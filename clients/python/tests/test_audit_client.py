"""``qs.audit`` against the fake API: the docs/vectors/audit-v1.json cases served as paginated
answers of ``GET /api/v2/audit`` and ``GET /api/v2/audit/checkpoints``, verified as a caller
verifies them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from typing import Any

import httpx
import pytest

from quantaseal._codec import b64url_decode
from quantaseal.errors import UnexpectedResponseError
from tests.support.fake_api import FakeApi
from tests.support.vectors import VECTORS


@cache
def _vectors_text() -> str:
    return (VECTORS / "audit-v1.json").read_text(encoding="utf-8")


def _vectors() -> Any:
    return json.loads(_vectors_text())


def _case(name: str) -> dict[str, Any]:
    case: dict[str, Any] = next(c for c in _vectors()["verifications"] if c["name"] == name)
    return case


def _api(name: str, *, page_size: int = 2) -> FakeApi:
    """A fake API holding the case's records and checkpoints, the vectors' trusted key listed
    only as a retired key, and pages of ``page_size`` items."""
    vectors = _vectors()
    case = _case(name)
    return FakeApi(
        tenant_id=vectors["tenant_id"],
        audit_records=case["records"],
        audit_checkpoints=case["checkpoints"],
        audit_page_size=page_size,
        retired_keys={
            k["skid"]: b64url_decode(k["public_key"]) for k in vectors["keys"] if k["trusted"]
        },
    )


def _requests(api: FakeApi, path: str) -> list[httpx.Request]:
    return [r for r in api.requests if r.url.path == path]


def test_a_clean_range_verifies_through_every_page() -> None:
    case = _case("clean")
    api = _api("clean")
    with api.client() as qs:
        result = qs.audit.verify(case["from"], case["to"], page_size=None)
    assert result.valid, result.failure
    assert result.checkpoints_verified == 3
    assert result.records_verified == len(case["records"])
    assert result.last_verified == max(case["checkpoints"], key=lambda c: c["body"]["seq"])["body"]
    # 3 checkpoints and 8 records in pages of 2: every page was asked for, each cursor followed.
    checkpoint_calls = _requests(api, "/api/v2/audit/checkpoints")
    record_calls = _requests(api, "/api/v2/audit")
    assert len(checkpoint_calls) == 2
    assert len(record_calls) == 4
    assert next(r.url.params.get("cursor") for r in checkpoint_calls) is None
    assert all(r.url.params.get("cursor") for r in checkpoint_calls[1:] + record_calls[1:])


def test_the_query_asks_for_the_range_and_records_of_the_checkpoints_whole_periods() -> None:
    case = _case("clean")
    api = _api("clean")
    with api.client() as qs:
        # A range inside the periods: the records are still asked for the periods' full span.
        assert qs.audit.verify(
            "2026-12-04T18:39:30.000000Z", "2026-12-04T18:41:30.000000Z", page_size=100
        ).valid
    (checkpoints,) = _requests(api, "/api/v2/audit/checkpoints")
    assert dict(checkpoints.url.params) == {
        "from": "2026-12-04T18:39:30.000000Z",
        "to": "2026-12-04T18:41:30.000000Z",
        "limit": "100",
    }
    (records,) = _requests(api, "/api/v2/audit")
    assert dict(records.url.params) == {
        "from": case["checkpoints"][0]["body"]["period_start"],
        "to": case["checkpoints"][-1]["body"]["period_end"],
        "limit": "100",
    }
    (keys,) = _requests(api, "/api/v2/encryption/server-keys")
    assert keys.url.params.get("include_retired") == "true"
    assert all(r.headers["X-API-Key"] for r in api.requests)


@pytest.mark.parametrize(
    "name",
    [
        c["name"]
        for c in json.loads((VECTORS / "audit-v1.json").read_text(encoding="utf-8"))[
            "verifications"
        ]
        if c["expect"] is not None and c["anchor"] is None
    ],
)
def test_a_tampered_range_names_its_failure_and_period(name: str) -> None:
    case = _case(name)
    with _api(name).client() as qs:
        result = qs.audit.verify(case["from"], case["to"])
    assert result.failure is not None
    got = {
        "kind": result.failure.kind,
        "seq": result.failure.seq,
        "period_start": result.failure.period_start,
        "period_end": result.failure.period_end,
    }
    assert got == case["expect"], result.failure.detail


def test_an_anchor_checks_the_first_prev_link() -> None:
    case = _case("tail-with-anchor")
    with _api("tail-with-anchor").client() as qs:
        assert qs.audit.verify(case["from"], case["to"], anchor=case["anchor"]).valid
        wrong = dict(case["anchor"], root=case["anchor"]["prev"] or "A" * 43)
        failure = qs.audit.verify(case["from"], case["to"], anchor=wrong).failure
    assert failure is not None
    assert failure.kind == "prev_mismatch"


def test_a_datetime_range_is_sent_in_the_audit_format() -> None:
    api = _api("clean", page_size=50)
    start = datetime(2026, 12, 4, 18, 39, tzinfo=UTC)
    with api.client() as qs:
        assert qs.audit.verify(start, datetime(2026, 12, 4, 18, 42, tzinfo=UTC)).valid
        with pytest.raises(ValueError, match="timezone"):
            qs.audit.verify(datetime(2026, 12, 4, 18, 39), start)
    (checkpoints,) = _requests(api, "/api/v2/audit/checkpoints")
    assert checkpoints.url.params["from"] == "2026-12-04T18:39:00.000000Z"


def test_without_the_retired_keys_the_checkpoints_are_under_an_unknown_key() -> None:
    case = _case("clean")
    api = _api("clean")
    api.retired_keys = {}
    with api.client() as qs:
        failure = qs.audit.verify(case["from"], case["to"]).failure
    assert failure is not None
    assert (failure.kind, failure.seq) == ("unknown_key", 0)


def test_no_checkpoints_in_the_range_is_reported_not_raised() -> None:
    api = _api("clean")
    api.audit_checkpoints = []
    with api.client() as qs:
        failure = qs.audit.verify(
            "2026-12-04T18:39:00.000000Z", "2026-12-04T18:42:00.000000Z"
        ).failure
    assert failure is not None
    assert failure.kind == "no_checkpoints"
    assert _requests(api, "/api/v2/audit") == []


def test_the_lists_page_through_the_raw_items() -> None:
    case = _case("clean")
    with _api("clean", page_size=3).client() as qs:
        first = qs.audit.list_records(from_time=case["from"], to_time=case["to"])
        assert len(first) == 3
        assert first.next_cursor
        assert list(
            qs.audit.paginate_records(from_time=case["from"], to_time=case["to"])
        ) == sorted(case["records"], key=lambda r: (r["time"], r["audit_id"]))
        page = qs.audit.list_checkpoints(from_time=case["from"], to_time=case["to"], limit=1)
        assert page.items == (case["checkpoints"][0],)
        assert list(qs.audit.paginate_checkpoints()) == case["checkpoints"]


def test_filters_go_into_the_query() -> None:
    api = _api("clean")
    with api.client() as qs:
        qs.audit.list_records(action="vault.unseal", outcome="denied", limit=5)
    (request,) = _requests(api, "/api/v2/audit")
    assert dict(request.url.params) == {"action": "vault.unseal", "outcome": "denied", "limit": "5"}


def test_records_are_parsed_strictly() -> None:
    api = _api("clean")
    body = b'{"records": [{"audit_id": "a", "audit_id": "b"}], "next_cursor": null}'
    api.scripted["/api/v2/audit"] = [
        httpx.Response(200, content=body, headers={"Content-Type": "application/json"})
    ]
    with api.client() as qs, pytest.raises(UnexpectedResponseError, match="strict JSON"):
        qs.audit.list_records()


def test_a_cursor_answered_twice_is_refused() -> None:
    api = _api("clean")
    page = {"checkpoints": [], "next_cursor": "same"}
    api.scripted["/api/v2/audit/checkpoints"] = [
        httpx.Response(200, json=page),
        httpx.Response(200, json=page),
    ]
    with api.client() as qs, pytest.raises(UnexpectedResponseError, match="twice"):
        list(qs.audit.paginate_checkpoints())
