package io.quantaseal.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.siem.CreateSiemDestinationRequest;
import io.quantaseal.client.siem.SiemDestination;
import io.quantaseal.client.siem.SiemDestinationTestResult;

/**
 * {@code client.siem()}: SIEM destinations, Datadog integrations that receive QuantaSeal's own
 * metrics, audit trail and alerts (docs/openapi.yaml, tag {@code siem}).
 */
public final class Siem extends Resource {
  static final String DESTINATIONS = "/api/v2/siem/destinations";

  Siem(Context context) {
    super(context);
  }

  /**
   * {@code createSiemDestination}: streams default to all three. Retried only with an {@code
   * Idempotency-Key}.
   *
   * @param request the destination
   * @return the destination created
   */
  public SiemDestination createDestination(CreateSiemDestinationRequest request) {
    ObjectNode body = Json.object();
    body.put("system_type", request.systemType());
    body.put("integration_id", request.integrationId());
    if (request.streams() != null) {
      ArrayNode a = body.putArray("streams");
      request.streams().forEach(s -> a.add(s.wireName()));
    }
    return context
        .transport()
        .send(Transport.Call.post(DESTINATIONS, body, request.idempotencyKey()))
        .parse(Answers::siemDestination);
  }

  /**
   * {@code listSiemDestinations}: one page of the tenant's destinations.
   *
   * @param page which page
   * @return the page
   */
  public Page<SiemDestination> listDestinations(PageRequest page) {
    return context
        .transport()
        .send(Transport.Call.get(DESTINATIONS, query(page)))
        .parse(f -> Answers.page(f, "destinations", Answers::siemDestination));
  }

  /**
   * {@code listSiemDestinations}: the first page.
   *
   * @return the page
   */
  public Page<SiemDestination> listDestinations() {
    return listDestinations(PageRequest.first());
  }

  /**
   * Every destination, page after page.
   *
   * @return the destinations
   */
  public Iterable<SiemDestination> paginateDestinations() {
    return new Paginator<>(PageRequest.first(), this::listDestinations);
  }

  /**
   * {@code getSiemDestination}: the destination with its delivery status ({@link
   * SiemDestination#delivery()}).
   *
   * @param destinationId the destination ({@code dst_…})
   * @return the destination
   */
  public SiemDestination getDestination(String destinationId) {
    return context
        .transport()
        .send(Transport.Call.get(DESTINATIONS + "/" + segment(destinationId)))
        .parse(Answers::siemDestination);
  }

  /**
   * {@code testSiemDestination}: sends one item tagged {@code quantaseal:test} through the
   * destination's integration and answers Datadog's status and body. A 403 from Datadog stops the
   * destination as a push would. Not retried (it sends to Datadog).
   *
   * @param destinationId the destination
   * @return what Datadog answered
   * @throws QuantaSealApiException 400 for a stopped destination, 502 {@code upstream_unreachable}
   */
  public SiemDestinationTestResult testDestination(String destinationId) {
    return context
        .transport()
        .send(
            Transport.Call.post(DESTINATIONS + "/" + segment(destinationId) + "/test", null, null))
        .parse(Answers::siemTestResult);
  }

  /**
   * {@code deleteSiemDestination}: stops sending to the destination.
   *
   * @param destinationId the destination
   */
  public void deleteDestination(String destinationId) {
    context
        .transport()
        .send(
            Transport.Call.delete(DESTINATIONS + "/" + segment(destinationId), java.util.Map.of()));
  }
}
