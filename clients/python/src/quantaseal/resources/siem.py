"""``qs.siem``: where QuantaSeal's own metrics, audit trail and alerts go (tag ``siem``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from quantaseal.models._fields import as_tuple
from quantaseal.models.common import SiemStream
from quantaseal.models.siem import CreateSiemDestinationRequest, SiemDestination, SiemTestResult
from quantaseal.pagination import Page, paginate
from quantaseal.resources._base import Resource, list_params, page_of, segment

DESTINATIONS = "/api/v2/siem/destinations"


class Siem(Resource):
    """SIEM destinations: Datadog integrations that receive QuantaSeal's own streams."""

    def create_destination(
        self,
        *,
        integration_id: str,
        streams: Sequence[SiemStream] | None = None,
        system_type: str = "datadog",
        idempotency_key: str | None = None,
    ) -> SiemDestination:
        """``createSiemDestination``: streams default to all three (metrics, audit,
        security_alerts). Retried only with an ``idempotency_key``."""
        request = CreateSiemDestinationRequest(
            integration_id=integration_id,
            streams=as_tuple(streams, "streams"),
            system_type=system_type,
        )
        response = self._context.transport.send(
            "POST", DESTINATIONS, body=request.to_body(), idempotency_key=idempotency_key
        )
        return response.parse(SiemDestination.from_json)

    def list_destinations(
        self, *, limit: int | None = None, cursor: str | None = None
    ) -> Page[SiemDestination]:
        """``listSiemDestinations``: one page of the tenant's destinations."""
        response = self._context.transport.send(
            "GET", DESTINATIONS, params=list_params(limit, cursor)
        )
        return page_of(response, "destinations", SiemDestination.from_json)

    def paginate_destinations(self, *, page_size: int | None = None) -> Iterator[SiemDestination]:
        """Every destination, page after page."""
        return paginate(lambda cursor: self.list_destinations(limit=page_size, cursor=cursor))

    def get_destination(self, destination_id: str) -> SiemDestination:
        """``getSiemDestination``."""
        response = self._context.transport.send("GET", f"{DESTINATIONS}/{segment(destination_id)}")
        return response.parse(SiemDestination.from_json)

    def delete_destination(self, destination_id: str) -> None:
        """``deleteSiemDestination``: stops sending to the destination."""
        self._context.transport.send("DELETE", f"{DESTINATIONS}/{segment(destination_id)}")

    def test_destination(self, destination_id: str) -> SiemTestResult:
        """``testSiemDestination``: sends one test item to Datadog and answers what Datadog
        said (a refusal is ``delivered=False`` with ``error``, not an exception)."""
        response = self._context.transport.send(
            "POST", f"{DESTINATIONS}/{segment(destination_id)}/test"
        )
        return response.parse(SiemTestResult.from_json)
