"""``qs.encryption``: the keys of the envelopes, and opening them (tag ``encryption``)."""

from __future__ import annotations

from collections.abc import Iterator

from quantaseal.envelope import EnvelopeSource
from quantaseal.keys import ClientKey, generate_seed, public_key_of
from quantaseal.models.encryption import (
    ClientKeyInfo,
    ClientKeyRegistration,
    ClientKeyRequest,
    ServerKey,
)
from quantaseal.pagination import Page, paginate
from quantaseal.resources._base import Resource, list_params, page_of, segment

CLIENT_KEYS = "/api/v2/encryption/client-keys"


class Encryption(Resource):
    """Client keys (register, create), the service's signing keys, and ``decrypt``."""

    def register_client_key(
        self, public_key: bytes, *, idempotency_key: str | None = None
    ) -> ClientKeyRegistration:
        """``registerClientKey``: registers a 1184-byte ML-KEM-768 encapsulation key.

        The answer's MAC key is shown once, so this call is never retried (a replay is 409).
        Most callers want :meth:`create_client_key`, which makes the key pair too.
        """
        request = ClientKeyRequest(public_key=public_key)
        response = self._context.transport.send(
            "POST",
            CLIENT_KEYS,
            body=request.to_body(),
            idempotency_key=idempotency_key,
            never_retry=True,
        )
        return response.parse(ClientKeyRegistration.from_json)

    def create_client_key(self) -> ClientKey:
        """Makes an ML-KEM-768 key pair locally (a fresh 64-byte seed), registers its public
        half and returns the complete :class:`ClientKey` (save it: the MAC key is shown once)."""
        seed = generate_seed()
        try:
            registration = self.register_client_key(public_key_of(seed))
            return ClientKey(
                rkid=registration.rkid,
                hkid=registration.hkid,
                seed=seed,
                mac_key=registration.hmac_key,
            )
        finally:
            seed[:] = bytes(len(seed))

    def list_client_keys(
        self, *, limit: int | None = None, cursor: str | None = None
    ) -> Page[ClientKeyInfo]:
        """``listClientKeys``: one page of the tenant's registered client keys (never their key
        material). Needs scope ``client_keys:manage`` or ``admin``."""
        response = self._context.transport.send(
            "GET", CLIENT_KEYS, params=list_params(limit, cursor)
        )
        return page_of(response, "client_keys", ClientKeyInfo.from_json)

    def paginate_client_keys(self, *, page_size: int | None = None) -> Iterator[ClientKeyInfo]:
        """Every registered client key, page after page."""
        return paginate(lambda cursor: self.list_client_keys(limit=page_size, cursor=cursor))

    def revoke_client_key(self, rkid: str) -> ClientKeyInfo:
        """``revokeClientKey``: nothing is sealed to the key any more (revoking a revoked key
        answers it again). Needs scope ``client_keys:manage`` or ``admin``."""
        response = self._context.transport.send("DELETE", f"{CLIENT_KEYS}/{segment(rkid)}")
        return response.parse(ClientKeyInfo.from_json)

    def list_server_keys(self) -> list[ServerKey]:
        """``listServerKeys``: the ML-DSA-65 keys that verify envelopes (active, retiring).

        The SDK's cache of signing keys takes this answer too.
        """
        return self._context.server_keys.fetch()

    def decrypt(self, envelope: EnvelopeSource, *, expected_request_id: str | None = None) -> bytes:
        """Verifies and decrypts any envelope (a dict, or its JSON text) for the held client key.

        ``rkid`` must name the held key; ``expected_request_id``, when given, must equal the
        envelope's ``rid``. Anything wrong is :class:`~quantaseal.errors.InvalidEnvelopeError`.
        """
        return self._context.open_envelope(envelope, expected_request_id=expected_request_id)
