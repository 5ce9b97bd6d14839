"""The verifiable audit trail: checks checkpoints and records without trusting the service.

The construction is docs/audit.md's: every record is hashed as its RFC 8785 canonical JSON (the
``rfc8785`` library, not a serializer of ours) into an RFC 6962 Merkle tree per period; each
period's checkpoint body commits to its records (``count``, ``root``) and to the previous body
(``prev``), and is signed with ML-DSA-65 under the context ``quantaseal/audit/v1`` by the server
key its ``skid`` names.

:func:`verify_audit_trail` checks a range the way the Java ``AuditTrailVerifier`` does, in the
same order, and names the first failing period with the same codes (docs/audit.md, "Verifying")::

    result = verify_audit_trail(
        tenant_id="ten_...", from_time="2026-12-04T18:39:00.000000Z",
        to_time="2026-12-04T18:42:00.000000Z", checkpoints=[...], records=[...],
        server_keys={"sk_audit_2026_12": public_key_bytes})
    if not result.valid:
        print(result.failure.kind, result.failure.period_start, result.failure.period_end)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA65PublicKey

from quantaseal._codec import StrictDecodeError, b64url_decode, b64url_encode

__all__ = [
    "CONTEXT",
    "FAILURE_KINDS",
    "AuditFailure",
    "AuditFormatError",
    "AuditVerification",
    "canonical_json",
    "checkpoint_body_hash",
    "leaf_hash",
    "merkle_root",
    "verify_audit_trail",
]

CONTEXT: Final = b"quantaseal/audit/v1"
"""The ML-DSA-65 context string of audit checkpoints (19 ASCII bytes)."""

FAILURE_KINDS: Final = (
    "no_checkpoints",
    "malformed_checkpoint",
    "tenant_mismatch",
    "unknown_key",
    "bad_signature",
    "checkpoint_missing",
    "sequence_broken",
    "prev_mismatch",
    "malformed_record",
    "duplicate_record",
    "record_missing",
    "record_extra",
    "root_mismatch",
    "record_outside_checkpoints",
)
"""Every failure code a verification can report (docs/audit.md's table)."""

MAX_SAFE_INTEGER: Final = 2**53 - 1
MAX_DEPTH: Final = 64
ML_DSA_65_SIGNATURE_LENGTH: Final = 3309
ML_DSA_65_PUBLIC_KEY_LENGTH: Final = 1952
HASH_LENGTH: Final = 32

REQUIRED_RECORD_STRINGS: Final = ("action", "outcome", "request_id", "actor")
BODY_MEMBERS: Final = frozenset(
    {"v", "tenant_id", "seq", "period_start", "period_end", "count", "root", "prev", "skid"}
)
_TIME: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_EMPTY_ROOT: Final = hashlib.sha256(b"").digest()


class AuditFormatError(ValueError):
    """A record or checkpoint that breaks docs/audit.md's rules; the message names the member,
    never its value."""


@dataclass(frozen=True)
class AuditFailure:
    """Why a range did not verify, and the period it names (docs/audit.md, "Verifying").

    ``seq`` is the checkpoint's sequence number when there is one to name; ``period_start`` and
    ``period_end`` bound the period (both None for ``record_outside_checkpoints`` and for a
    malformed checkpoint or a record whose time cannot be read).
    """

    kind: str
    seq: int | None
    period_start: str | None
    period_end: str | None
    detail: str


@dataclass(frozen=True)
class AuditVerification:
    """The outcome of :func:`verify_audit_trail`.

    ``last_verified`` is the body of the last checkpoint that verified: pass it as ``anchor`` when
    verifying the next range, so that its first ``prev`` link is checked too.
    """

    failure: AuditFailure | None
    checkpoints_verified: int
    records_verified: int
    last_verified: Mapping[str, Any] | None

    @property
    def valid(self) -> bool:
        """True when the whole range verified."""
        return self.failure is None


def canonical_json(value: Any) -> bytes:
    """RFC 8785 (JCS) bytes of ``value``, a parsed JSON value.

    Raises :class:`AuditFormatError` for what JCS cannot represent the same in every language:
    floats, integers beyond 2^53 - 1, NaN, lone surrogates, nesting deeper than 64 levels.
    """
    _require_plain_json(value, 1)
    try:
        return rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, ValueError, TypeError):
        raise AuditFormatError("the value has no RFC 8785 form") from None


def leaf_hash(canonical: bytes) -> bytes:
    """RFC 6962's leaf hash, SHA-256(0x00 || data)."""
    return hashlib.sha256(b"\x00" + canonical).digest()


def _node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def merkle_root(leaves: Sequence[bytes]) -> bytes:
    """RFC 6962 section 2.1's Merkle Tree Hash of the leaf hashes ``leaves`` (split at the largest
    power of two below n, not the midpoint); SHA-256("") for none."""
    if not leaves:
        return _EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return _node_hash(merkle_root(leaves[:k]), merkle_root(leaves[k:]))


def checkpoint_body_hash(body: Mapping[str, Any]) -> str:
    """base64url(SHA-256(JCS(body))): what the next checkpoint's ``prev`` must be."""
    return b64url_encode(hashlib.sha256(canonical_json(dict(body))).digest())


def _require_plain_json(value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise AuditFormatError(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, dict):
        for name, member in value.items():
            if not isinstance(name, str):
                raise AuditFormatError("member names are strings")
            _require_plain_json(member, depth + 1)
    elif isinstance(value, list):
        for element in value:
            _require_plain_json(element, depth + 1)
    elif isinstance(value, bool) or value is None or isinstance(value, str):
        return
    elif isinstance(value, int):
        if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            raise AuditFormatError("a number is not an integer in [-(2^53 - 1), 2^53 - 1]")
    else:
        raise AuditFormatError("a number is not an integer in [-(2^53 - 1), 2^53 - 1]")


def _parse_time(text: Any, name: str) -> str:
    """Checks the one audit time format; returns the text, whose order is time order."""
    if not isinstance(text, str) or _TIME.fullmatch(text) is None:
        raise AuditFormatError(f"{name} is not RFC 3339 UTC with microseconds")
    # datetime has no year 0; year 0 is a leap year of the proleptic calendar, like 2000.
    checked = "2000" + text[4:] if text.startswith("0000") else text
    try:
        datetime.strptime(checked, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        raise AuditFormatError(f"{name} is not a valid date and time") from None
    return text


def _member(obj: Mapping[str, Any], name: str) -> Any:
    if name not in obj:
        raise AuditFormatError(f"{name} is missing")
    return obj[name]


def _string(obj: Mapping[str, Any], name: str) -> str:
    value = _member(obj, name)
    if not isinstance(value, str):
        raise AuditFormatError(f"{name} must be a string")
    return value


def _non_empty(obj: Mapping[str, Any], name: str) -> str:
    value = _string(obj, name)
    if not value:
        raise AuditFormatError(f"{name} must not be empty")
    return value


def _count(obj: Mapping[str, Any], name: str) -> int:
    value = _member(obj, name)
    if type(value) is not int:  # not bool, not float, not the strict parser's NegativeZero
        raise AuditFormatError(f"{name} must be an integer")
    if not 0 <= value <= MAX_SAFE_INTEGER:
        raise AuditFormatError(f"{name} must lie in [0, 2^53 - 1]")
    return value


def _b64(obj: Mapping[str, Any], name: str) -> bytes:
    try:
        return b64url_decode(_string(obj, name))
    except StrictDecodeError:
        raise AuditFormatError(f"{name} is not canonical unpadded base64url") from None


@dataclass(frozen=True)
class _Record:
    audit_id: str
    tenant_id: str
    time: str
    leaf: bytes


def _record(value: Any) -> _Record:
    if not isinstance(value, dict):
        raise AuditFormatError("an audit record is a JSON object")
    canonical = canonical_json(value)
    audit_id = _non_empty(value, "audit_id")
    tenant_id = _non_empty(value, "tenant_id")
    time = _parse_time(_member(value, "time"), "time")
    for name in REQUIRED_RECORD_STRINGS:
        _string(value, name)
    for name in ("resource", "details"):
        if not isinstance(_member(value, name), dict):
            raise AuditFormatError(f"{name} must be a JSON object")
    return _Record(audit_id, tenant_id, time, leaf_hash(canonical))


@dataclass(frozen=True)
class _Body:
    json: Mapping[str, Any]
    tenant_id: str
    seq: int
    period_start: str
    period_end: str
    count: int
    root: bytes
    prev: bytes
    skid: str
    canonical: bytes

    @property
    def hash(self) -> bytes:
        return hashlib.sha256(self.canonical).digest()


def _body(value: Any) -> _Body:
    if not isinstance(value, dict):
        raise AuditFormatError("a checkpoint body is a JSON object")
    canonical = canonical_json(value)
    for name in value:
        if name not in BODY_MEMBERS:
            raise AuditFormatError("a version 1 body has an unknown member")
    if _count(value, "v") != 1:
        raise AuditFormatError("v must be 1")
    seq = _count(value, "seq")
    tenant_id = _non_empty(value, "tenant_id")
    start = _parse_time(_member(value, "period_start"), "period_start")
    end = _parse_time(_member(value, "period_end"), "period_end")
    if not start < end:
        raise AuditFormatError("period_end must be after period_start")
    count = _count(value, "count")
    root = _b64(value, "root")
    if len(root) != HASH_LENGTH:
        raise AuditFormatError("root must be 32 bytes")
    prev = _b64(value, "prev")
    if len(prev) != (0 if seq == 0 else HASH_LENGTH):
        raise AuditFormatError("prev must be empty for seq 0 and 32 bytes after")
    skid = _non_empty(value, "skid")
    return _Body(value, tenant_id, seq, start, end, count, root, prev, skid, canonical)


@dataclass(frozen=True)
class _Checkpoint:
    body: _Body
    sig: bytes


def _checkpoint(value: Any) -> _Checkpoint:
    if not isinstance(value, dict):
        raise AuditFormatError("a checkpoint is a JSON object")
    body = _body(_member(value, "body"))
    sig = _b64(value, "sig")
    if len(sig) != ML_DSA_65_SIGNATURE_LENGTH:
        raise AuditFormatError("sig must be an ML-DSA-65 signature (3309 bytes)")
    return _Checkpoint(body, sig)


def _claimed_seq(value: Any) -> int | None:
    body = value.get("body") if isinstance(value, dict) else None
    seq = body.get("seq") if isinstance(body, dict) else None
    return seq if type(seq) is int else None


def _public_key(skid: str, key: bytes | MLDSA65PublicKey) -> MLDSA65PublicKey:
    if isinstance(key, MLDSA65PublicKey):
        return key
    if len(key) != ML_DSA_65_PUBLIC_KEY_LENGTH:
        raise ValueError(f"server key {skid!r} is not a 1952-byte ML-DSA-65 public key")
    return MLDSA65PublicKey.from_public_bytes(bytes(key))


def _code_points(text: str) -> tuple[int, ...]:
    return tuple(ord(c) for c in text)


class _VerificationError(Exception):
    """Ends a verification with its first failure (internal: never leaves this module)."""

    def __init__(self, failure: AuditFailure) -> None:
        super().__init__(failure.kind)
        self.failure = failure


@dataclass(frozen=True)
class _Timed:
    """A record whose time could be read, with its position in the request."""

    time: str
    index: int
    json: Any


def _parse_checkpoints(values: Sequence[Any]) -> list[_Checkpoint]:
    checkpoints: list[_Checkpoint] = []
    for i, value in enumerate(values):
        try:
            checkpoints.append(_checkpoint(value))
        except AuditFormatError as e:
            raise _VerificationError(
                AuditFailure(
                    "malformed_checkpoint", _claimed_seq(value), None, None, f"checkpoint #{i}: {e}"
                )
            ) from None
    checkpoints.sort(key=lambda c: c.body.seq)
    return checkpoints


def _record_time(value: Any) -> str:
    if not isinstance(value, dict):
        raise AuditFormatError("an audit record is a JSON object")
    return _parse_time(_member(value, "time"), "time")


def _timed_records(values: Sequence[Any]) -> list[_Timed]:
    timed: list[_Timed] = []
    for i, value in enumerate(values):
        try:
            timed.append(_Timed(_record_time(value), i, value))
        except AuditFormatError as e:
            raise _VerificationError(
                AuditFailure("malformed_record", None, None, None, f"record #{i}: {e}")
            ) from None
    timed.sort(key=lambda t: (t.time, t.index))
    return timed


class _Run:
    """One verification: the request and how far it got."""

    def __init__(
        self,
        tenant_id: str,
        from_time: str,
        to_time: str,
        keys: Mapping[str, MLDSA65PublicKey],
        anchor: _Body | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.from_time = from_time
        self.to_time = to_time
        self.keys = keys
        self.anchor = anchor
        self.seen: set[str] = set()
        self.checkpoints_verified = 0
        self.records_verified = 0
        self.last_verified: _Body | None = None

    def result(self, failure: AuditFailure | None) -> AuditVerification:
        return AuditVerification(
            failure,
            self.checkpoints_verified,
            self.records_verified,
            None if self.last_verified is None else self.last_verified.json,
        )

    def verify(
        self, checkpoints_json: Sequence[Any], records_json: Sequence[Any]
    ) -> AuditVerification:
        try:
            checkpoints = _parse_checkpoints(checkpoints_json)
            self._require_checkpoints(checkpoints)
            timed = _timed_records(records_json)
            self._check_start(checkpoints[0].body, timed)
            nxt = 0
            previous = self.anchor
            for checkpoint in checkpoints:
                nxt = self._check_period(checkpoint, previous, timed, nxt)
                previous = checkpoint.body
            self._check_end(checkpoints[-1].body, timed, nxt)
        except _VerificationError as failed:
            return self.result(failed.failure)
        return self.result(None)

    def _require_checkpoints(self, checkpoints: list[_Checkpoint]) -> None:
        if not checkpoints:
            raise _VerificationError(
                AuditFailure(
                    "no_checkpoints",
                    None,
                    self.from_time,
                    self.to_time,
                    "no checkpoint was given for the range",
                )
            )

    def _check_start(self, first: _Body, timed: list[_Timed]) -> None:
        if self.from_time < first.period_start:
            raise _VerificationError(
                AuditFailure(
                    "checkpoint_missing",
                    first.seq - 1 if first.seq > 0 else None,
                    self.from_time,
                    first.period_start,
                    "no checkpoint covers the start of the range",
                )
            )
        if timed and timed[0].time < first.period_start:
            raise _VerificationError(_outside(timed[0].index))

    def _check_period(
        self, checkpoint: _Checkpoint, previous: _Body | None, timed: list[_Timed], nxt: int
    ) -> int:
        """Checks one checkpoint and its period's records; returns the next record's index."""
        body = checkpoint.body
        failure = self._signature(checkpoint)
        if failure is None and previous is not None:
            failure = _link(previous, body)
        period: list[_Timed] = []
        while nxt < len(timed) and timed[nxt].time < body.period_end:
            period.append(timed[nxt])
            nxt += 1
        if failure is None:
            failure = self._records(body, period)
        if failure is not None:
            raise _VerificationError(failure)
        self.checkpoints_verified += 1
        self.records_verified += len(period)
        self.last_verified = body
        return nxt

    def _check_end(self, last: _Body, timed: list[_Timed], nxt: int) -> None:
        if last.period_end < self.to_time:
            raise _VerificationError(
                AuditFailure(
                    "checkpoint_missing",
                    last.seq + 1,
                    last.period_end,
                    self.to_time,
                    "no checkpoint covers the end of the range",
                )
            )
        if nxt < len(timed):
            raise _VerificationError(_outside(timed[nxt].index))

    def _signature(self, checkpoint: _Checkpoint) -> AuditFailure | None:
        body = checkpoint.body
        if body.tenant_id != self.tenant_id:
            return _at("tenant_mismatch", body, "the checkpoint is another tenant's")
        key = self.keys.get(body.skid)
        if key is None:
            return _at("unknown_key", body, "the checkpoint names an unknown signing key")
        try:
            key.verify(checkpoint.sig, body.canonical, CONTEXT)
        except InvalidSignature:
            return _at(
                "bad_signature",
                body,
                "the signature does not verify under the key the checkpoint names",
            )
        return None

    def _records(self, body: _Body, period: list[_Timed]) -> AuditFailure | None:
        parsed: list[_Record] = []
        for t in period:
            failure = self._record(body, t)
            if isinstance(failure, AuditFailure):
                return failure
            parsed.append(failure)
        if len(parsed) != body.count:
            return _at(
                "record_missing" if len(parsed) < body.count else "record_extra",
                body,
                f"the checkpoint counts {body.count} records, {len(parsed)} given",
            )
        parsed.sort(key=lambda r: (r.time, _code_points(r.audit_id)))
        if merkle_root([r.leaf for r in parsed]) != body.root:
            return _at(
                "root_mismatch",
                body,
                "the records' Merkle root is not the checkpoint's: a record was altered",
            )
        return None

    def _record(self, body: _Body, t: _Timed) -> _Record | AuditFailure:
        """The record ``t`` of the period of ``body``, or why it is not a valid one of it."""
        try:
            record = _record(t.json)
        except AuditFormatError as e:
            return _at("malformed_record", body, f"record #{t.index}: {e}")
        if record.tenant_id != self.tenant_id:
            return _at("tenant_mismatch", body, f"record {record.audit_id} is another tenant's")
        if record.audit_id in self.seen:
            return _at("duplicate_record", body, f"record {record.audit_id} appears twice")
        self.seen.add(record.audit_id)
        return record


def _at(kind: str, body: _Body, detail: str) -> AuditFailure:
    return AuditFailure(kind, body.seq, body.period_start, body.period_end, detail)


def _outside(index: int) -> AuditFailure:
    return AuditFailure(
        "record_outside_checkpoints",
        None,
        None,
        None,
        f"record #{index} lies in no checkpoint's period",
    )


def _link(previous: _Body, body: _Body) -> AuditFailure | None:
    if body.seq <= previous.seq:
        return _at("sequence_broken", body, f"seq {body.seq} does not follow seq {previous.seq}")
    if body.seq > previous.seq + 1:
        missing = (
            f"checkpoint seq {previous.seq + 1} is missing"
            if body.seq == previous.seq + 2
            else f"checkpoints seq {previous.seq + 1} to {body.seq - 1} are missing"
        )
        return AuditFailure(
            "checkpoint_missing", previous.seq + 1, previous.period_end, body.period_start, missing
        )
    if body.period_start < previous.period_end:
        return _at(
            "sequence_broken",
            body,
            f"the period starts before the previous one (seq {previous.seq}) ends",
        )
    if body.period_start > previous.period_end:
        return AuditFailure(
            "checkpoint_missing",
            None,
            previous.period_end,
            body.period_start,
            f"no checkpoint covers the time between seq {previous.seq} and seq {body.seq}",
        )
    if body.prev != previous.hash:
        return _at("prev_mismatch", body, f"prev is not the hash of checkpoint seq {previous.seq}")
    return None


def verify_audit_trail(
    *,
    tenant_id: str,
    from_time: str,
    to_time: str,
    checkpoints: Iterable[Any],
    records: Iterable[Any],
    server_keys: Mapping[str, bytes | MLDSA65PublicKey],
    anchor: Mapping[str, Any] | None = None,
) -> AuditVerification:
    """Verifies the audit range [``from_time``, ``to_time``) of ``tenant_id``.

    ``checkpoints`` (``{"body": ..., "sig": ...}``) and ``records`` are as the API lists them,
    parsed JSON in any order; ``server_keys`` maps every ``skid`` to trust to its ML-DSA-65 public
    key (1952 bytes, or a loaded key), old keys included; ``anchor`` is the body of the checkpoint
    just before the range, verified earlier (``last_verified`` of that verification). Times are in
    the audit format (``2026-12-04T18:39:00.000000Z``).

    Tampering is reported in the result, never raised; a malformed ``from_time``, ``to_time``,
    key or anchor (the caller's own inputs) raises :class:`AuditFormatError` or ``ValueError``.
    """
    start = _parse_time(from_time, "from_time")
    end = _parse_time(to_time, "to_time")
    keys = {skid: _public_key(skid, key) for skid, key in server_keys.items()}
    parsed_anchor = None if anchor is None else _body(dict(anchor))
    return _Run(tenant_id, start, end, keys, parsed_anchor).verify(list(checkpoints), list(records))
