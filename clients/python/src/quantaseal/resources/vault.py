"""``qs.vault``: sealed credentials (docs/openapi.yaml, tag ``vault``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from quantaseal._transport import new_idempotency_key
from quantaseal.models.common import CredentialType
from quantaseal.models.vault import (
    RotateRequest,
    SealRequest,
    UnsealedCredential,
    UnsealRequest,
    VaultEntry,
    VaultEntryDetail,
)
from quantaseal.pagination import Page, paginate
from quantaseal.resources._base import Resource, list_params, page_of, plaintext_json, segment

ENTRIES = "/api/v2/vault/entries"


class Vault(Resource):
    """Seal, list, rotate and erase credentials; unseal one into an envelope for the held key."""

    def seal(
        self,
        *,
        credential_type: CredentialType,
        name: str | None = None,
        value: str | None = None,
        values: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> VaultEntry:
        """``sealCredential``: stores a credential sealed (version 1); answers its metadata.

        Give exactly one of ``value`` or ``values``. An ``Idempotency-Key`` is generated unless
        given, so the call is retried safely.
        """
        request = SealRequest(
            credential_type=credential_type, name=name, value=value, values=values
        )
        response = self._context.transport.send(
            "POST",
            "/api/v2/vault/seal",
            body=request.to_body(),
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        return response.parse(VaultEntry.from_json)

    def unseal(
        self, vault_entry_id: str, *, idempotency_key: str | None = None
    ) -> UnsealedCredential:
        """``unsealCredential``: the credential, opened from an envelope to the held client key.

        Needs an API key with the ``vault:unseal`` scope (403 ``operation_not_allowed``
        otherwise) and a client key (:meth:`QuantaSeal.with_client_key`).
        """
        client_key = self._context.require_client_key()
        request = UnsealRequest(vault_entry_id=vault_entry_id, rkid=client_key.rkid)
        response = self._context.transport.send(
            "POST",
            "/api/v2/vault/unseal",
            body=request.to_body(),
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        plaintext = self._context.open_answer(response)
        data = plaintext_json(response, plaintext)
        request_id = response.request_id or ""
        return response.parse(lambda _: UnsealedCredential.from_json(data, request_id=request_id))

    def list_entries(
        self, *, limit: int | None = None, cursor: str | None = None
    ) -> Page[VaultEntry]:
        """``listEntries``: one page of the tenant's entries (metadata only)."""
        response = self._context.transport.send("GET", ENTRIES, params=list_params(limit, cursor))
        return page_of(response, "entries", VaultEntry.from_json)

    def paginate_entries(self, *, page_size: int | None = None) -> Iterator[VaultEntry]:
        """Every entry, page after page (``listEntries`` with ``cursor``)."""
        return paginate(lambda cursor: self.list_entries(limit=page_size, cursor=cursor))

    def get_entry(self, vault_entry_id: str) -> VaultEntryDetail:
        """``getEntry``: one entry with its versions (metadata only)."""
        response = self._context.transport.send("GET", f"{ENTRIES}/{segment(vault_entry_id)}")
        return response.parse(VaultEntryDetail.from_json)

    def rotate_entry(
        self,
        vault_entry_id: str,
        *,
        value: str | None = None,
        values: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> VaultEntryDetail:
        """``rotateEntry``: seals new values as version + 1 (older versions kept until retired).

        Retried only when ``idempotency_key`` is given.
        """
        request = RotateRequest(value=value, values=values)
        response = self._context.transport.send(
            "POST",
            f"{ENTRIES}/{segment(vault_entry_id)}/rotate",
            body=request.to_body(),
            idempotency_key=idempotency_key,
        )
        return response.parse(VaultEntryDetail.from_json)

    def delete_entry(self, vault_entry_id: str, *, force: bool = False) -> None:
        """``deleteEntry``: crypto-erases every version. While an integration uses the entry it
        is refused (409 ``resource_in_use``) unless ``force``."""
        self._context.transport.send(
            "DELETE",
            f"{ENTRIES}/{segment(vault_entry_id)}",
            params={"force": "true"} if force else None,
        )

    def retire_version(self, vault_entry_id: str, version: int) -> None:
        """``retireVersion``: crypto-erases one old version (not the current one: 400)."""
        if type(version) is not int or version < 1:
            raise ValueError("version is a positive integer")
        self._context.transport.send(
            "DELETE", f"{ENTRIES}/{segment(vault_entry_id)}/versions/{version}"
        )
