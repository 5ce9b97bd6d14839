"""``qs.proxy``: calls to Datadog with a sealed key (docs/openapi.yaml, tag ``proxy``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from quantaseal._transport import new_idempotency_key
from quantaseal.models.common import DatadogOperation
from quantaseal.models.proxy import ProxyAnswer, ProxyRequest
from quantaseal.resources._base import Resource, plaintext_json


class Proxy(Resource):
    """``proxy.outbound``: the answer is verified, bound to its request and decrypted."""

    def outbound(
        self,
        integration_id: str,
        operation: DatadogOperation,
        payload: Mapping[str, Any] | Sequence[Any],
        *,
        idempotency_key: str | None = None,
    ) -> ProxyAnswer:
        """``proxyOutbound``: calls Datadog through the integration; returns Datadog's answer.

        Whatever Datadog answers (a 4xx or 5xx too) comes back as a :class:`ProxyAnswer`
        (``answer.upstream.status``); errors of QuantaSeal itself raise
        :class:`~quantaseal.errors.QuantaSealError` (403 ``operation_not_allowed`` when the
        integration does not allow the operation). An ``Idempotency-Key`` is generated unless
        given, so Datadog is not called twice when the SDK retries.
        """
        client_key = self._context.require_client_key()
        request = ProxyRequest(
            integration_id=integration_id,
            operation=operation,
            payload=payload,
            rkid=client_key.rkid,
        )
        response = self._context.transport.send(
            "POST",
            "/api/v2/proxy/outbound",
            body=request.to_body(),
            idempotency_key=idempotency_key or new_idempotency_key(),
            accept_upstream=True,
        )
        data = plaintext_json(response, self._context.open_answer(response))
        request_id = response.request_id or ""
        return response.parse(
            lambda _: ProxyAnswer.from_json(
                data,
                request_id=request_id,
                http_status=response.status,
                idempotent_replayed=response.idempotent_replayed,
            )
        )
