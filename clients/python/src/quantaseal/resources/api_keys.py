"""``qs.api_keys``: the tenant's API keys (tag ``api-keys``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from quantaseal.models._fields import as_tuple
from quantaseal.models.api_keys import ApiKey, ApiKeyCreated, CreateApiKeyRequest, CurrentApiKey
from quantaseal.models.common import Scope
from quantaseal.pagination import Page, paginate
from quantaseal.resources._base import Resource, list_params, page_of, segment

API_KEYS = "/api/v2/api-keys"


class ApiKeys(Resource):
    """Create, list and revoke the tenant's API keys; the calling key (:meth:`current`)."""

    def create(
        self,
        *,
        name: str,
        scopes: Sequence[Scope] | None = None,
        expires_at: datetime | None = None,
        idempotency_key: str | None = None,
    ) -> ApiKeyCreated:
        """``createApiKey``: a new key of the caller's tenant, each scope one the calling key
        holds (default none). Needs scope ``admin``. The answer's ``api_key`` is shown once,
        so this call is never retried (a replay is 409)."""
        request = CreateApiKeyRequest(
            name=name, scopes=as_tuple(scopes, "scopes"), expires_at=expires_at
        )
        response = self._context.transport.send(
            "POST",
            API_KEYS,
            body=request.to_body(),
            idempotency_key=idempotency_key,
            never_retry=True,
        )
        return response.parse(ApiKeyCreated.from_json)

    def list(self, *, limit: int | None = None, cursor: str | None = None) -> Page[ApiKey]:
        """``listApiKeys``: one page of the tenant's API keys. Needs scope ``admin``."""
        response = self._context.transport.send("GET", API_KEYS, params=list_params(limit, cursor))
        return page_of(response, "api_keys", ApiKey.from_json)

    def paginate(self, *, page_size: int | None = None) -> Iterator[ApiKey]:
        """Every API key of the tenant, page after page."""
        return paginate(lambda cursor: self.list(limit=page_size, cursor=cursor))

    def current(self) -> CurrentApiKey:
        """``getCurrentApiKey``: the calling key as listed, with its tenant."""
        response = self._context.transport.send("GET", f"{API_KEYS}/current")
        return response.parse(CurrentApiKey.from_json)

    def revoke(self, api_key_id: str) -> ApiKey:
        """``revokeApiKey``: revokes the key (revoking a revoked key answers it again). The
        tenant's last active admin key is 409 ``last_admin_key``. Needs scope ``admin``."""
        response = self._context.transport.send("DELETE", f"{API_KEYS}/{segment(api_key_id)}")
        return response.parse(ApiKey.from_json)
