package io.quantaseal.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.integrations.CreateIntegrationRequest;
import io.quantaseal.client.integrations.DatadogOperation;
import io.quantaseal.client.integrations.Integration;
import io.quantaseal.client.integrations.UpdateIntegrationRequest;
import java.util.List;

/**
 * {@code client.integrations()}: a sealed Datadog key, a Datadog site and a default-deny list of
 * operations (docs/openapi.yaml, tag {@code integrations}).
 */
public final class Integrations extends Resource {
  static final String INTEGRATIONS = "/api/v2/integrations";

  Integrations(Context context) {
    super(context);
  }

  /**
   * {@code createIntegration}: the service validates the key with Datadog first (422 {@code
   * credential_rejected}, 502 {@code upstream_unreachable}). Retried only with an {@code
   * Idempotency-Key}.
   *
   * @param request the integration
   * @return the integration created
   */
  public Integration create(CreateIntegrationRequest request) {
    ObjectNode body = Json.object();
    body.put("system_type", request.systemType());
    if (request.name() != null) {
      body.put("name", request.name());
    }
    body.put("credential_id", request.credentialId());
    body.putObject("config").put("site", request.config().site());
    if (request.allowedOperations() != null) {
      operations(body.putArray("allowed_operations"), request.allowedOperations());
    }
    return context
        .transport()
        .send(Transport.Call.post(INTEGRATIONS, body, request.idempotencyKey()))
        .parse(Answers::integration);
  }

  private static void operations(ArrayNode array, List<DatadogOperation> ops) {
    ops.forEach(o -> array.add(o.wireName()));
  }

  /**
   * {@code listIntegrations}: one page of the tenant's integrations.
   *
   * @param page which page
   * @return the page
   */
  public Page<Integration> list(PageRequest page) {
    return context
        .transport()
        .send(Transport.Call.get(INTEGRATIONS, query(page)))
        .parse(f -> Answers.page(f, "integrations", Answers::integration));
  }

  /**
   * {@code listIntegrations}: the first page.
   *
   * @return the page
   */
  public Page<Integration> list() {
    return list(PageRequest.first());
  }

  /**
   * Every integration, page after page.
   *
   * @return the integrations
   */
  public Iterable<Integration> paginate() {
    return new Paginator<>(PageRequest.first(), this::list);
  }

  /**
   * {@code getIntegration}.
   *
   * @param integrationId the integration ({@code int_…})
   * @return the integration
   */
  public Integration get(String integrationId) {
    return context
        .transport()
        .send(Transport.Call.get(INTEGRATIONS + "/" + segment(integrationId)))
        .parse(Answers::integration);
  }

  /**
   * {@code updateIntegration}: only the fields given change (another credential or site is
   * validated with Datadog again). Not retried (PATCH).
   *
   * @param integrationId the integration
   * @param request what to change
   * @return the integration as it is now
   */
  public Integration update(String integrationId, UpdateIntegrationRequest request) {
    ObjectNode body = Json.object();
    if (request.name() != null) {
      body.put("name", request.name());
    }
    if (request.credentialId() != null) {
      body.put("credential_id", request.credentialId());
    }
    if (request.config() != null) {
      body.putObject("config").put("site", request.config().site());
    }
    if (request.allowedOperations() != null) {
      operations(body.putArray("allowed_operations"), request.allowedOperations());
    }
    return context
        .transport()
        .send(Transport.Call.patch(INTEGRATIONS + "/" + segment(integrationId), body))
        .parse(Answers::integration);
  }

  /**
   * {@code deleteIntegration}: refused (409 {@code resource_in_use}) while a SIEM destination sends
   * through it.
   *
   * @param integrationId the integration
   */
  public void delete(String integrationId) {
    delete(integrationId, false);
  }

  /**
   * {@code deleteIntegration}; with {@code force}, even while SIEM destinations use it (their
   * records then go to the dead-letter queue).
   *
   * @param integrationId the integration
   * @param force delete even while in use
   */
  public void delete(String integrationId, boolean force) {
    context
        .transport()
        .send(Transport.Call.delete(INTEGRATIONS + "/" + segment(integrationId), force(force)));
  }
}
