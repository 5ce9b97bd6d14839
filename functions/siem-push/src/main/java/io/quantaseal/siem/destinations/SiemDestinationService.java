package io.quantaseal.siem.destinations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.ApiException;
import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.api.PayloadTooLargeException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.json.JsonFields;
import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.siem.DeliveryStatus;
import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.datadog.DatadogOperation;
import io.quantaseal.siem.SiemActions;
import io.quantaseal.siem.delivery.DestinationTester;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v2/siem/destinations} (docs/api.md#siem-destinations; docs/siem.md#destinations):
 * create, list, read (with its delivery status) and delete a tenant's SIEM destinations, and send
 * one test item through one. A destination names one of the tenant's Datadog integrations, which
 * must allow every operation its streams need.
 */
public final class SiemDestinationService {
  public static final String SYSTEM_DATADOG = "datadog";

  /** Most destinations per tenant. */
  public static final int MAX_DESTINATIONS = 10;

  static final int MAX_BODY_CHARS = 4096;

  private final SiemDestinations destinations;
  private final DestinationTester tester;
  private final IntegrationRepository integrations;
  private final IdempotentRequests idempotency;
  private final AuditLog audit;
  private final Ids ids;
  private final Clock clock;
  private final Pagination pagination;

  /**
   * @param tester sends a destination's test item
   * @param integrations the tenant's integrations a destination may name
   * @param pagination the list's limit and cursors
   */
  public SiemDestinationService(
      SiemDestinations destinations,
      DestinationTester tester,
      IntegrationRepository integrations,
      IdempotentRequests idempotency,
      AuditLog audit,
      Ids ids,
      Clock clock,
      Pagination pagination) {
    this.pagination = pagination;
    this.destinations = destinations;
    this.tester = tester;
    this.integrations = integrations;
    this.idempotency = idempotency;
    this.audit = audit;
    this.ids = ids;
    this.clock = clock;
  }

  // POST /api/v2/siem/destinations
  public ApiResponse create(ApiRequest request) {
    Caller caller = request.caller();
    return idempotency.run(
        request,
        true,
        () -> {
          ObjectNode body = parse(request);
          JsonFields.allowOnly(
              body, "the request", Set.of("system_type", "integration_id", "streams"));
          String systemType = JsonFields.requiredString(body, "system_type", 32);
          if (!SYSTEM_DATADOG.equals(systemType)) {
            throw new InvalidRequestException(
                "Field 'system_type' must be \"datadog\" (the only SIEM supported).");
          }
          String integrationId = JsonFields.requiredString(body, "integration_id", 64);
          List<String> streamIds = JsonFields.optionalStringList(body, "streams", 8, 32);
          if (streamIds == null || streamIds.isEmpty()) {
            throw new InvalidRequestException(
                "Field 'streams' must name at least one of " + SiemStream.ids() + ".");
          }
          List<SiemStream> streams = new ArrayList<>();
          for (String id : streamIds) {
            streams.add(SiemStream.parse(id));
          }
          IntegrationRecord integration = integration(request, integrationId);
          checkOperations(integration, streams);
          List<SiemDestination> existing = destinations.repository().list(caller.tenantId());
          checkNoOverlap(existing, integrationId, streams);
          if (existing.size() >= MAX_DESTINATIONS) {
            throw new InvalidRequestException(
                "A tenant may have at most " + MAX_DESTINATIONS + " SIEM destinations.");
          }
          SiemDestination d =
              new SiemDestination(
                  caller.tenantId(),
                  ids.next(Ids.SIEM_DESTINATION),
                  SYSTEM_DATADOG,
                  integrationId,
                  streams,
                  clock.instant(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty());
          if (!destinations.repository().create(d)) {
            throw new IllegalStateException("destination id collision");
          }
          audit
              .record(caller.tenantId(), AuditActions.SIEM_DESTINATION_CREATE, request.requestId())
              .actor(caller.apiKeyId())
              .target(d.destinationId())
              .detail("integration_id", integrationId)
              .detail("streams", String.join(" ", streamIds))
              .write();
          return ApiResponse.json(201, view(destinations.resolve(d)));
        });
  }

  // GET /api/v2/siem/destinations
  public ApiResponse list(ApiRequest request) {
    Page<SiemDestination> page =
        destinations.repository().page(request.caller().tenantId(), pagination.read(request, LIST));
    List<Map<String, Object>> out = new ArrayList<>();
    for (SiemDestination d : page.items()) {
      out.add(view(destinations.resolve(d)));
    }
    return ApiResponse.json(200, pagination.body(request, LIST, "destinations", page, out));
  }

  /** The destination list's name in its cursors. */
  static final String LIST = "siem_destinations";

  // GET /api/v2/siem/destinations/{id}: the destination and its delivery status
  public ApiResponse get(ApiRequest request) {
    SiemDestination d = destination(request, AuditActions.SIEM_DESTINATION_READ);
    Map<String, Object> out = view(destinations.resolve(d));
    out.put(
        "delivery",
        deliveryView(destinations.repository().deliveryStatus(d.tenantId(), d.destinationId())));
    return ApiResponse.json(200, out);
  }

  // POST /api/v2/siem/destinations/{id}/test: one test item to Datadog, and Datadog's answer
  public ApiResponse test(ApiRequest request) {
    Caller caller = request.caller();
    SiemDestination d = destination(request, SiemActions.DESTINATION_TEST);
    Instant sentAt = clock.instant();
    DestinationTester.Result r;
    try {
      r = tester.test(destinations.resolve(d), request.requestId());
    } catch (ApiException e) {
      audit
          .record(caller.tenantId(), SiemActions.DESTINATION_TEST, request.requestId())
          .actor(caller.apiKeyId())
          .target(d.destinationId())
          .outcome(e.status() >= 500 ? AuditRecord.ERROR : AuditRecord.FAILURE)
          .detail("reason", e.code())
          .write();
      throw e;
    }
    audit
        .record(caller.tenantId(), SiemActions.DESTINATION_TEST, request.requestId())
        .actor(caller.apiKeyId())
        .target(d.destinationId())
        .outcome(r.delivered() ? AuditRecord.SUCCESS : AuditRecord.FAILURE)
        .detail("operation", r.operation().id())
        .detail("upstream_status", r.answer().status())
        .write();
    return ApiResponse.json(200, r.view(d.destinationId(), sentAt));
  }

  static Map<String, Object> deliveryView(DeliveryStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("last_delivery_at", s.lastDeliveryAt().map(Instant::toString).orElse(null));
    m.put("last_error", s.lastError().orElse(null));
    m.put("last_error_at", s.lastErrorAt().map(Instant::toString).orElse(null));
    m.put("delivered_count", s.delivered());
    m.put("failed_count", s.failed());
    m.put("dead_letter_depth", s.deadLetters());
    return m;
  }

  // DELETE /api/v2/siem/destinations/{id}
  public ApiResponse delete(ApiRequest request) {
    Caller caller = request.caller();
    SiemDestination d = destination(request, AuditActions.SIEM_DESTINATION_DELETE);
    if (!destinations.repository().delete(caller.tenantId(), d.destinationId())) {
      throw new NotFoundException("No such SIEM destination.");
    }
    audit
        .record(caller.tenantId(), AuditActions.SIEM_DESTINATION_DELETE, request.requestId())
        .actor(caller.apiKeyId())
        .target(d.destinationId())
        .detail("integration_id", d.integrationId())
        .write();
    return ApiResponse.empty(204);
  }

  /**
   * The caller's destination named by the path; anything else is 404, audited as {@code action}.
   */
  private SiemDestination destination(ApiRequest request, String action) {
    String tenant = request.caller().tenantId();
    return audit
        .lookup(
            request,
            action,
            "siem_destination",
            Ids.SIEM_DESTINATION,
            request.pathParameter("id").orElse(""),
            id -> destinations.repository().find(tenant, id))
        .orElseThrow(() -> new NotFoundException("No such SIEM destination."));
  }

  private IntegrationRecord integration(ApiRequest request, String integrationId) {
    String tenant = request.caller().tenantId();
    IntegrationRecord integration =
        audit
            .lookup(
                request,
                AuditActions.SIEM_DESTINATION_CREATE,
                "integration",
                Ids.INTEGRATION,
                integrationId,
                id -> integrations.find(tenant, id))
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "Field 'integration_id' names no integration of this tenant; create the"
                            + " Datadog integration first (POST /api/v2/integrations)."));
    if (!SYSTEM_DATADOG.equals(integration.systemType())) {
      throw new InvalidRequestException(
          "The integration is not a Datadog integration; a Datadog SIEM destination needs one.");
    }
    return integration;
  }

  /** Every operation the streams need must be in the integration's allowed_operations. */
  static void checkOperations(IntegrationRecord integration, List<SiemStream> streams) {
    for (SiemStream stream : streams) {
      List<String> missing = new ArrayList<>();
      for (DatadogOperation op : StreamOperations.required(stream)) {
        if (!integration.allows(op.id())) {
          missing.add(op.id());
        }
      }
      if (!missing.isEmpty()) {
        throw new InvalidRequestException(
            "The integration "
                + integration.integrationId()
                + " does not allow "
                + String.join(" and ", missing)
                + ", which the '"
                + stream.id()
                + "' stream needs; add "
                + (missing.size() == 1 ? "it" : "them")
                + " to its allowed_operations or leave the stream out.");
      }
    }
  }

  /** Two destinations on one integration must not both receive a stream (double delivery). */
  static void checkNoOverlap(
      List<SiemDestination> existing, String integrationId, List<SiemStream> streams) {
    for (SiemDestination other : existing) {
      if (!other.integrationId().equals(integrationId)) {
        continue;
      }
      for (SiemStream s : streams) {
        if (other.receives(s)) {
          throw new InvalidRequestException(
              "SIEM destination "
                  + other.destinationId()
                  + " already sends the '"
                  + s.id()
                  + "' stream through this integration; delete it first or choose other streams.");
        }
      }
    }
  }

  static Map<String, Object> view(ResolvedDestination r) {
    SiemDestination d = r.destination();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("destination_id", d.destinationId());
    m.put("system_type", d.systemType());
    m.put("integration_id", d.integrationId());
    m.put("streams", d.streams().stream().map(SiemStream::id).toList());
    m.put("created_at", d.createdAt().toString());
    m.put("status", r.status().id());
    if (r.status() == ResolvedDestination.Status.STOPPED_CREDENTIAL_REJECTED) {
      d.unhealthyReason().ifPresent(v -> m.put("stopped_reason", v));
      d.unhealthyAt().map(Instant::toString).ifPresent(v -> m.put("stopped_at", v));
    }
    return m;
  }

  private static ObjectNode parse(ApiRequest request) {
    if (request.body() != null && request.body().length() > MAX_BODY_CHARS) {
      throw new PayloadTooLargeException(
          "SIEM destination requests are limited to " + MAX_BODY_CHARS + " characters.");
    }
    return Json.parseObject(request.body());
  }
}
