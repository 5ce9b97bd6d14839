"""An in-process stand-in for the QuantaSeal API (an ``httpx.MockTransport`` handler) that seals
real envelopes, for the client's unit tests. The live tests drive ./run-local instead."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from quantaseal import ClientKey, QuantaSeal, RetryPolicy
from quantaseal._codec import b64url_decode, b64url_encode
from tests.support.sealer import Recipient, Signer, seal

NOW = 1_796_400_000
CREATED = "2026-12-04T21:41:41.725595414Z"

Handler = Callable[[httpx.Request], httpx.Response]


def error(
    status: int, code: str, message: str, request_id: str = "req_err", **headers: str
) -> httpx.Response:
    body = {"error": {"code": code, "message": message, "request_id": request_id}}
    return httpx.Response(status, json=body, headers={"X-Request-Id": request_id, **headers})


@dataclass
class FakeApi:
    """Answers like the service; ``scripted`` answers (by path) are served first, in order."""

    signers: list[Signer] = field(default_factory=lambda: [Signer.new("sk_one")])
    upstream_status: int = 202
    requests: list[httpx.Request] = field(default_factory=list)
    scripted: dict[str, list[httpx.Response]] = field(default_factory=dict)
    keys: dict[str, Recipient] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)
    tamper: Callable[[dict[str, Any], httpx.Request], dict[str, Any]] | None = None
    envelope_rid: str | None = None
    """When set, envelopes name this rid instead of the answer's X-Request-Id."""
    seal_to: str | None = None
    """When set, envelopes go to this registered rkid instead of the one the request names."""
    tenant_id: str = "ten_fake"
    audit_records: list[dict[str, Any]] = field(default_factory=list)
    audit_checkpoints: list[dict[str, Any]] = field(default_factory=list)
    audit_page_size: int = 50
    """The service's default page (``limit`` when the request names none)."""
    retired_keys: dict[str, bytes] = field(default_factory=dict)
    """Public keys listed (status ``retired``) only with ``include_retired=true``."""
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def signer(self) -> Signer:
        return self.signers[0]

    def client(
        self, *, client_key: ClientKey | None = None, retry: RetryPolicy | None = None
    ) -> QuantaSeal:
        http = httpx.Client(transport=httpx.MockTransport(self))
        return QuantaSeal(
            "https://api.example.test/",
            "qs_test_" + "a" * 43,
            client_key=client_key,
            retry=retry or RetryPolicy(base_delay=0, max_retry_after=0),
            clock=lambda: NOW,
            http_client=http,
        )

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.requests if r.method == method and r.url.path == path)

    def register(self, key: ClientKey) -> None:
        self.keys[key.rkid] = Recipient.of(key)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        queue = self.scripted.get(request.url.path)
        if queue:
            return queue.pop(0)
        rid = f"req_{next(self._ids):04d}"
        route = (request.method, request.url.path)
        if route == ("GET", "/api/v2/encryption/server-keys"):
            keys = [
                {
                    "skid": s.skid,
                    "alg": "ML-DSA-65",
                    "public_key": b64url_encode(s.public_bytes()),
                    "created_at": CREATED,
                    "status": "active",
                }
                for s in self.signers
            ]
            if request.url.params.get("include_retired") == "true":
                keys += [
                    {
                        "skid": skid,
                        "alg": "ML-DSA-65",
                        "public_key": b64url_encode(public),
                        "created_at": CREATED,
                        "status": "retired",
                    }
                    for skid, public in self.retired_keys.items()
                ]
            return self._json(200, {"keys": keys}, rid)
        if route == ("GET", "/api/v2/api-keys/current"):
            return self._json(200, {"tenant_id": self.tenant_id, "api_key_id": "key_1"}, rid)
        if route == ("GET", "/api/v2/audit"):
            start, end = self._range(request)
            records = sorted(
                (r for r in self.audit_records if start <= r["time"] < end),
                key=lambda r: (r["time"], r["audit_id"]),
            )
            return self._audit_page(request, "records", records, rid)
        if route == ("GET", "/api/v2/audit/checkpoints"):
            start, end = self._range(request)
            checkpoints = sorted(
                (
                    c
                    for c in self.audit_checkpoints
                    if c["body"]["period_end"] > start and c["body"]["period_start"] < end
                ),
                key=lambda c: c["body"]["seq"],
            )
            return self._audit_page(request, "checkpoints", checkpoints, rid)
        if route == ("POST", "/api/v2/encryption/client-keys"):
            body = json.loads(request.content)
            n = next(self._ids)
            mac_key = os.urandom(64)
            rkid, hkid = f"ck_{n:026d}", f"hk_{n:026d}"
            self.keys[rkid] = Recipient(rkid, hkid, b64url_decode(body["public_key"]), mac_key)
            return self._json(
                201,
                {
                    "rkid": rkid,
                    "hkid": hkid,
                    "hmac_key": b64url_encode(mac_key),
                    "created_at": CREATED,
                },
                rid,
                **{"Cache-Control": "no-store"},
            )
        if route == ("POST", "/api/v2/vault/seal"):
            body = json.loads(request.content)
            entry = {
                "vault_entry_id": f"vlt_{next(self._ids):026d}",
                "credential_type": body["credential_type"],
                "version": 1,
                "created_at": CREATED,
                "rotated_at": CREATED,
            }
            self.entries.append(entry)
            return self._json(201, entry, rid)
        if route == ("GET", "/api/v2/vault/entries"):
            return self._page(request, rid)
        if route == ("POST", "/api/v2/vault/unseal"):
            body = json.loads(request.content)
            plaintext = {
                "vault_entry_id": body["vault_entry_id"],
                "credential_type": "api_key",
                "version": 1,
                "values": {"api_key": "0123456789abcdef0123456789abcdef"},
            }
            return self._envelope(200, plaintext, body.get("rkid"), rid, request)
        if route == ("POST", "/api/v2/proxy/outbound"):
            body = json.loads(request.content)
            plaintext = {
                "integration_id": body["integration_id"],
                "operation": body["operation"],
                "upstream": {
                    "status": self.upstream_status,
                    "body": {"status": "ok"},
                    "latency_ms": 3,
                },
                "audit_id": "aud_1",
            }
            return self._envelope(
                self.upstream_status,
                plaintext,
                body.get("rkid"),
                rid,
                request,
                **{"X-QS-Source": "upstream"},
            )
        return error(404, "not_found", "no such route", rid)

    def _json(self, status: int, body: Any, rid: str, **headers: str) -> httpx.Response:
        return httpx.Response(status, json=body, headers={"X-Request-Id": rid, **headers})

    def _page(self, request: httpx.Request, rid: str) -> httpx.Response:
        limit = int(request.url.params.get("limit", "1000"))
        start = int(request.url.params.get("cursor", "0"))
        items = self.entries[start : start + limit]
        body: dict[str, Any] = {"entries": items}
        if start + limit < len(self.entries):
            body["next_cursor"] = str(start + limit)
        return self._json(200, body, rid)

    @staticmethod
    def _range(request: httpx.Request) -> tuple[str, str]:
        """``from`` / ``to`` of an audit query (audit-format times compare as text)."""
        params = request.url.params
        return params.get("from", ""), params.get("to", "\uffff")

    def _audit_page(
        self, request: httpx.Request, member: str, items: list[dict[str, Any]], rid: str
    ) -> httpx.Response:
        """One page; the cursor names the query it continues, as the service's does."""
        params = request.url.params
        limit = int(params.get("limit", str(self.audit_page_size)))
        query = f"{member}|{params.get('from', '')}|{params.get('to', '')}"
        cursor = params.get("cursor")
        start = 0
        if cursor is not None:
            made_for, _, offset = cursor.rpartition("|")
            if made_for != query:
                return error(400, "invalid_request", "the cursor is not this query's", rid)
            start = int(offset)
        body: dict[str, Any] = {member: items[start : start + limit], "next_cursor": None}
        if start + limit < len(items):
            body["next_cursor"] = f"{query}|{start + limit}"
        return self._json(200, body, rid)

    def _envelope(
        self,
        status: int,
        plaintext: Any,
        rkid: str | None,
        rid: str,
        request: httpx.Request,
        **headers: str,
    ) -> httpx.Response:
        rkid = self.seal_to or rkid
        if rkid not in self.keys:
            return error(404, "not_found", "no such client key", rid)
        envelope = seal(
            json.dumps(plaintext).encode(),
            recipient=self.keys[rkid],
            signer=self.signer,
            rid=self.envelope_rid or rid,
            iat=NOW,
        )
        if self.tamper is not None:
            envelope = self.tamper(envelope, request)
        return self._json(status, envelope, rid, **headers)
