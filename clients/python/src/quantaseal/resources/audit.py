"""``qs.audit``: the tenant's audit records and signed checkpoints, and verifying a range of them
against each other (docs/api.md#audit-records, docs/api.md#audit-checkpoints, docs/audit.md).

Records and checkpoints are kept exactly as the service answered them (parsed strictly, no model
in between): the verifier hashes a record's RFC 8785 canonical JSON, so any member a model would
drop or reshape would break the Merkle root.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from quantaseal._codec import StrictDecodeError, decode_utf8, loads_strict
from quantaseal._context import SERVER_KEYS_PATH
from quantaseal._transport import Response
from quantaseal.audit import AuditVerification, verify_audit_trail
from quantaseal.models.encryption import ServerKey
from quantaseal.pagination import Page, paginate
from quantaseal.resources._base import Resource, list_params

RECORDS = "/api/v2/audit"
CHECKPOINTS = "/api/v2/audit/checkpoints"
CURRENT_API_KEY = "/api/v2/api-keys/current"
MAX_PAGE_CHARS = 64 << 20
"""A page of 200 checkpoints is about 1 MB; a page beyond 64 MiB is refused, not parsed."""

Time = str | datetime


def audit_time(value: Time, name: str) -> str:
    """The audit format (``2026-12-04T18:39:00.000000Z``) of a time; a string is kept as given
    (the verifier refuses one of another shape)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"{name} must be timezone-aware")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, str) and value:
        return value
    raise TypeError(f"{name} is a datetime or an RFC 3339 string")


def _strict(response: Response) -> Any:
    try:
        return loads_strict(decode_utf8(response.content), max_chars=MAX_PAGE_CHARS)
    except StrictDecodeError as problem:
        raise response.unexpected(f"the answer is not strict JSON: {problem}") from None


def _raw_page(response: Response, member: str) -> Page[dict[str, Any]]:
    """A page of ``member`` objects, each exactly as answered."""
    data = _strict(response)
    if not isinstance(data, dict) or not isinstance(data.get(member), list):
        raise response.unexpected(f"the answer has no {member} list")
    items = data[member]
    if not all(isinstance(item, dict) for item in items):
        raise response.unexpected(f"an item of {member} is not an object")
    cursor = data.get("next_cursor")
    if cursor is not None and not isinstance(cursor, str):
        raise response.unexpected("next_cursor is not a string")
    return Page(items=tuple(items), next_cursor=cursor or None)


def _range_params(from_time: Time | None, to_time: Time | None) -> dict[str, str]:
    params: dict[str, str] = {}
    if from_time is not None:
        params["from"] = audit_time(from_time, "from_time")
    if to_time is not None:
        params["to"] = audit_time(to_time, "to_time")
    return params


def _period_bounds(checkpoints: list[dict[str, Any]]) -> tuple[str, str] | None:
    """The first ``period_start`` and the last ``period_end`` the checkpoints claim (times of
    one fixed width compare as text); None when none claims a readable period."""
    starts, ends = [], []
    for checkpoint in checkpoints:
        body = checkpoint.get("body")
        if isinstance(body, dict):
            if isinstance(body.get("period_start"), str):
                starts.append(body["period_start"])
            if isinstance(body.get("period_end"), str):
                ends.append(body["period_end"])
    if not starts or not ends:
        return None
    return min(starts), max(ends)


class Audit(Resource):
    """The audit trail: list records and checkpoints, and :meth:`verify` a range."""

    def list_records(
        self,
        *,
        from_time: Time | None = None,
        to_time: Time | None = None,
        action: str | None = None,
        outcome: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[dict[str, Any]]:
        """``listAuditRecords``: one page of the tenant's records with ``from_time`` <= ``time``
        < ``to_time``, in order of (``time``, ``audit_id``); each record as the service answered
        it. Needs scope ``admin``."""
        params = _range_params(from_time, to_time)
        if action is not None:
            params["action"] = action
        if outcome is not None:
            params["outcome"] = outcome
        params.update(list_params(limit, cursor) or {})
        response = self._context.transport.send("GET", RECORDS, params=params or None)
        return _raw_page(response, "records")

    def paginate_records(
        self,
        *,
        from_time: Time | None = None,
        to_time: Time | None = None,
        action: str | None = None,
        outcome: str | None = None,
        page_size: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every record of the query, page after page."""
        return paginate(
            lambda cursor: self.list_records(
                from_time=from_time,
                to_time=to_time,
                action=action,
                outcome=outcome,
                limit=page_size,
                cursor=cursor,
            )
        )

    def list_checkpoints(
        self,
        *,
        from_time: Time | None = None,
        to_time: Time | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[dict[str, Any]]:
        """``listAuditCheckpoints``: one page of the tenant's signed checkpoints whose period meets
        [``from_time``, ``to_time``), oldest first, each ``{"body", "sig"}`` exactly as signed.
        Needs scope ``admin``."""
        params = _range_params(from_time, to_time)
        params.update(list_params(limit, cursor) or {})
        response = self._context.transport.send("GET", CHECKPOINTS, params=params or None)
        return _raw_page(response, "checkpoints")

    def paginate_checkpoints(
        self,
        *,
        from_time: Time | None = None,
        to_time: Time | None = None,
        page_size: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every checkpoint of the range, page after page."""
        return paginate(
            lambda cursor: self.list_checkpoints(
                from_time=from_time, to_time=to_time, limit=page_size, cursor=cursor
            )
        )

    def verification_keys(self) -> dict[str, bytes]:
        """Every ML-DSA-65 key that ever signed, by ``skid``: ``GET
        /api/v2/encryption/server-keys?include_retired=true`` (retired keys signed old
        checkpoints). Kept apart from the envelope keys' cache."""
        response = self._context.transport.send(
            "GET", SERVER_KEYS_PATH, params={"include_retired": "true"}
        )
        return {key.skid: key.public_key for key in response.parse(ServerKey.list_from_json)}

    def tenant_id(self) -> str:
        """The tenant of the calling API key (``GET /api/v2/api-keys/current``)."""
        response = self._context.transport.send("GET", CURRENT_API_KEY)
        data = response.json()
        tenant = data.get("tenant_id") if isinstance(data, dict) else None
        if not isinstance(tenant, str) or not tenant:
            raise response.unexpected("the answer names no tenant_id")
        return tenant

    def verify(
        self,
        from_time: Time,
        to_time: Time,
        anchor: Mapping[str, Any] | None = None,
        *,
        tenant_id: str | None = None,
        page_size: int | None = 200,
    ) -> AuditVerification:
        """Verifies the audit range [``from_time``, ``to_time``) without trusting the service.

        Lists every checkpoint of the range, every record of those checkpoints' whole periods
        (from the first one's ``period_start`` to the last one's ``period_end``) and every
        server key (retired ones included), then runs :func:`~quantaseal.verify_audit_trail`
        (docs/audit.md, "Verifying"). ``anchor`` is ``last_verified`` of the verification of the
        range before; ``tenant_id`` defaults to the calling key's tenant. Tampering is reported
        in the result (``result.failure`` names the first failing period), never raised.
        Needs scope ``admin``.
        """
        start = audit_time(from_time, "from_time")
        end = audit_time(to_time, "to_time")
        tenant = tenant_id if tenant_id is not None else self.tenant_id()
        checkpoints = list(
            self.paginate_checkpoints(from_time=start, to_time=end, page_size=page_size)
        )
        bounds = _period_bounds(checkpoints)
        records = (
            []
            if bounds is None
            else list(
                self.paginate_records(from_time=bounds[0], to_time=bounds[1], page_size=page_size)
            )
        )
        return verify_audit_trail(
            tenant_id=tenant,
            from_time=start,
            to_time=end,
            checkpoints=checkpoints,
            records=records,
            server_keys=self.verification_keys(),
            anchor=anchor,
        )
