"""``qs.integrations``: Datadog integrations (docs/openapi.yaml, tag ``integrations``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from quantaseal.models._fields import as_tuple
from quantaseal.models.common import DatadogOperation
from quantaseal.models.integrations import (
    CreateIntegrationRequest,
    Integration,
    IntegrationConfig,
    UpdateIntegrationRequest,
)
from quantaseal.pagination import Page, paginate
from quantaseal.resources._base import Resource, list_params, page_of, segment

INTEGRATIONS = "/api/v2/integrations"


class Integrations(Resource):
    """A sealed Datadog key, a Datadog site and a default-deny list of operations."""

    def create(
        self,
        *,
        credential_id: str,
        config: IntegrationConfig | Mapping[str, Any],
        system_type: str = "datadog",
        name: str | None = None,
        allowed_operations: Sequence[DatadogOperation] | None = None,
        idempotency_key: str | None = None,
    ) -> Integration:
        """``createIntegration``: the service validates the key with Datadog first (422
        ``credential_rejected``, 502 ``upstream_unreachable``). Retried only with an
        ``idempotency_key``."""
        request = CreateIntegrationRequest(
            credential_id=credential_id,
            config=IntegrationConfig.of(config),
            system_type=system_type,
            name=name,
            allowed_operations=as_tuple(allowed_operations, "allowed_operations"),
        )
        response = self._context.transport.send(
            "POST", INTEGRATIONS, body=request.to_body(), idempotency_key=idempotency_key
        )
        return response.parse(Integration.from_json)

    def list(self, *, limit: int | None = None, cursor: str | None = None) -> Page[Integration]:
        """``listIntegrations``: one page of the tenant's integrations."""
        response = self._context.transport.send(
            "GET", INTEGRATIONS, params=list_params(limit, cursor)
        )
        return page_of(response, "integrations", Integration.from_json)

    def paginate(self, *, page_size: int | None = None) -> Iterator[Integration]:
        """Every integration, page after page."""
        return paginate(lambda cursor: self.list(limit=page_size, cursor=cursor))

    def get(self, integration_id: str) -> Integration:
        """``getIntegration``."""
        response = self._context.transport.send("GET", f"{INTEGRATIONS}/{segment(integration_id)}")
        return response.parse(Integration.from_json)

    def update(
        self,
        integration_id: str,
        *,
        name: str | None = None,
        credential_id: str | None = None,
        config: IntegrationConfig | Mapping[str, Any] | None = None,
        allowed_operations: Sequence[DatadogOperation] | None = None,
    ) -> Integration:
        """``updateIntegration``: only the fields given change (a new credential or site is
        validated with Datadog again). Not retried (PATCH)."""
        request = UpdateIntegrationRequest(
            name=name,
            credential_id=credential_id,
            config=None if config is None else IntegrationConfig.of(config),
            allowed_operations=as_tuple(allowed_operations, "allowed_operations"),
        )
        response = self._context.transport.send(
            "PATCH", f"{INTEGRATIONS}/{segment(integration_id)}", body=request.to_body()
        )
        return response.parse(Integration.from_json)

    def delete(self, integration_id: str, *, force: bool = False) -> None:
        """``deleteIntegration``: refused (409 ``resource_in_use``) while a SIEM destination
        sends through it, unless ``force``."""
        self._context.transport.send(
            "DELETE",
            f"{INTEGRATIONS}/{segment(integration_id)}",
            params={"force": "true"} if force else None,
        )
