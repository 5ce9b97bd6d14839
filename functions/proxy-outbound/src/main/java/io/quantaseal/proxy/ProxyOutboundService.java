package io.quantaseal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.ApiException;
import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.ClientKeyNotUsableException;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.api.OperationNotAllowedException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.json.JsonFields;
import io.quantaseal.common.store.ClientKeyRecord;
import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.vault.CredentialValues;
import io.quantaseal.common.vault.CredentialVault;
import io.quantaseal.common.vault.EnvelopeAnswer;
import io.quantaseal.common.vault.EnvelopeIssuer;
import io.quantaseal.common.vault.EnvelopeReplays;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.datadog.DatadogLimits;
import io.quantaseal.datadog.DatadogOperation;
import io.quantaseal.datadog.DatadogResponse;
import io.quantaseal.datadog.DatadogSite;
import io.quantaseal.datadog.DatadogUnreachableException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outbound proxy (docs/api.md#outbound-proxy and docs/api.md#datadog;
 * docs/envelope.md#plaintext-of-a-proxy-answer):
 *
 * <ol>
 *   <li>the integration must be the caller's (else 404, audited as a refused access that counts
 *       towards the auth-failure burst) and allow the operation (else 403 {@code
 *       operation_not_allowed}, audited as a policy-denial security alert);
 *   <li>the envelope can go only to a client key the calling API key registered ({@code rkid}, or
 *       the newest it registered), else 403 or 400 before anything is sent;
 *   <li>the payload is checked against Datadog's limits (400/413) before anything is sent;
 *   <li>the sealed key is opened and Datadog called within the time budget (429/5xx retried);
 *   <li>a {@code proxy.call} audit record is written (operation, outcome, upstream status, latency,
 *       attempts; never the payload or the key), then the answer is sealed in an envelope whose
 *       plaintext names that record: {@code {"integration_id","operation","upstream":{"status",
 *       "body","latency_ms"},"audit_id"}}; the HTTP status mirrors Datadog's, with {@code
 *       X-QS-Source: upstream}.
 * </ol>
 *
 * No answer from Datadog at all is 502 {@code upstream_unreachable} (the service's JSON error, not
 * an envelope). A Datadog 403 marks the integration unhealthy and still comes back in the envelope.
 */
public final class ProxyOutboundService {
  public static final String SOURCE_HEADER = "X-QS-Source";
  public static final String SOURCE_UPSTREAM = "upstream";

  /** Reason stored on the integration when Datadog refused the key. */
  public static final String REASON_REJECTED = "credential_rejected";

  private static final Set<String> FIELDS =
      Set.of("integration_id", "operation", "payload", "rkid");

  private final IntegrationRepository integrations;
  private final VaultEntryRepository entries;
  private final CredentialVault vault;
  private final EnvelopeIssuer envelopes;
  private final EnvelopeReplays envelopeReplays;
  private final DatadogClient datadog;
  private final IdempotentRequests idempotency;
  private final AuditLog audit;
  private final Clock clock;

  /**
   * @param integrations read for the caller's integration; marked unhealthy on a Datadog 403
   * @param vault opens the integration's key for the one upstream call
   * @param envelopeReplays seals a 2xx answer at rest and re-seals it for a replay
   */
  public ProxyOutboundService(
      IntegrationRepository integrations,
      VaultEntryRepository entries,
      CredentialVault vault,
      EnvelopeIssuer envelopes,
      EnvelopeReplays envelopeReplays,
      DatadogClient datadog,
      IdempotentRequests idempotency,
      AuditLog audit,
      Clock clock) {
    this.integrations = integrations;
    this.entries = entries;
    this.vault = vault;
    this.envelopes = envelopes;
    this.envelopeReplays = envelopeReplays;
    this.datadog = datadog;
    this.idempotency = idempotency;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * POST /api/v2/proxy/outbound, with or without {@code Idempotency-Key}. A retried call whose
   * first attempt got a 2xx from Datadog is not sent again: its answer's plaintext, kept sealed at
   * rest, comes back in a freshly sealed envelope (new {@code iat}, the retry's own request id) to
   * the client key the retrying API key may use (EnvelopeReplays). Non-2xx answers are not kept:
   * the retry goes upstream.
   */
  public ApiResponse callOnce(ApiRequest request, Deadline deadline) {
    return idempotency.run(
        request, () -> call(request, deadline), envelopeReplays.policy(this::replayRecipient));
  }

  /**
   * The client key a replay's envelope goes to: the body's {@code rkid} (the same as the first
   * call's, since the body is), resolved for the replaying API key like a first call's.
   */
  private ClientKeyRecord replayRecipient(ApiRequest request) {
    Call call = new Call(request);
    ObjectNode body = Json.parseObject(request.body());
    String integrationId = body.path("integration_id").asText("");
    if (Ids.looksLike(Ids.INTEGRATION, integrationId)) {
      call.integrationId = integrationId;
    }
    try {
      return recipient(call, JsonFields.optionalString(body, "rkid", 64));
    } catch (ApiException e) {
      if (!call.audited) {
        call.audit(AuditRecord.FAILURE)
            .detail("reason", e.code())
            .detail("status", e.status())
            .write();
      }
      throw e;
    }
  }

  /** One call: checks, Datadog, the audit record, and the answer for the envelope. */
  private EnvelopeAnswer call(ApiRequest request, Deadline deadline) {
    Caller caller = request.caller();
    Call call = new Call(request);
    try {
      ObjectNode body = Json.parseObject(request.body());
      JsonFields.allowOnly(body, "the request", FIELDS);
      String integrationId = JsonFields.requiredString(body, "integration_id", 64);
      if (Ids.looksLike(Ids.INTEGRATION, integrationId)) {
        call.integrationId = integrationId;
      }
      DatadogOperation operation =
          DatadogOperation.parse(JsonFields.requiredString(body, "operation", 64));
      call.operation = operation;
      Optional<String> rkid = JsonFields.optionalString(body, "rkid", 64);
      JsonNode payload = body.get("payload");
      if (payload == null || payload.isNull()) {
        throw new InvalidRequestException("Field 'payload' is required.");
      }

      IntegrationRecord integration = integration(call, integrationId);
      DatadogSite site = DatadogSite.parse(integration.site());
      call.site = site;
      if (!integration.allows(operation.id())) {
        call.audit(AuditRecord.DENIED)
            .detail("reason", "operation_not_allowed")
            .detail("allowed_operations", String.join(" ", integration.allowedOperations()))
            .securityAlert(AuditActions.ALERT_POLICY_DENIAL)
            .write();
        call.audited = true;
        throw new OperationNotAllowedException(
            "Operation "
                + operation.id()
                + " is not allowed for integration "
                + integration.integrationId()
                + " (allowed: "
                + (integration.allowedOperations().isEmpty()
                    ? "none"
                    : String.join(", ", integration.allowedOperations()))
                + ").");
      }
      String upstreamBody = DatadogLimits.prepare(operation, payload, clock.instant());
      // Refuse before calling Datadog if no envelope could carry the answer.
      ClientKeyRecord recipient = recipient(call, rkid);

      VaultEntryRecord entry =
          entries
              .find(caller.tenantId(), integration.credentialId())
              .orElseThrow(
                  () -> new NotFoundException("The integration's credential no longer exists."));
      call.credentialVersion = entry.currentVersion();
      DatadogResponse upstream;
      {
        CredentialValues credential = vault.open(entry);
        String apiKey =
            credential
                .get("api_key")
                .orElseThrow(
                    () -> new InvalidRequestException("The credential has no 'api_key' value."));
        upstream =
            datadog.send(
                operation, site, apiKey, credential.get("app_key"), upstreamBody, deadline);
      }

      if (upstream.credentialRejected()) {
        integrations.markUnhealthy(
            caller.tenantId(),
            integration.integrationId(),
            REASON_REJECTED,
            entry.currentVersion(),
            clock.instant());
      }
      AuditLog.Entry audit =
          call.audit(upstream.successful() ? AuditRecord.SUCCESS : AuditRecord.FAILURE)
              .detail("upstream_status", upstream.status())
              .detail("latency_ms", upstream.latencyMs())
              .detail("attempts", upstream.attempts());
      if (upstream.credentialRejected()) {
        audit.detail("reason", "credential_rejected_upstream");
        audit.securityAlert(AuditActions.ALERT_CREDENTIAL_REJECTED);
      }
      AuditRecord record = audit.write();
      call.audited = true;

      Map<String, Object> up = new LinkedHashMap<>();
      up.put("status", upstream.status());
      JsonNode json = Json.parseLenient(upstream.body());
      up.put("body", json != null ? json : upstream.body());
      up.put("latency_ms", upstream.latencyMs());
      Map<String, Object> plaintext = new LinkedHashMap<>();
      plaintext.put("integration_id", integration.integrationId());
      plaintext.put("operation", operation.id());
      plaintext.put("upstream", up);
      plaintext.put("audit_id", record.auditId());
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("Cache-Control", "no-store");
      headers.put(SOURCE_HEADER, SOURCE_UPSTREAM);
      if (upstream.status() == 429) {
        upstream.header("Retry-After").ifPresent(v -> headers.put("Retry-After", v));
      }
      return new EnvelopeAnswer(upstream.status(), headers, Json.writeBytes(plaintext), recipient);
    } catch (DatadogUnreachableException e) {
      if (!call.audited) {
        call.audit(AuditRecord.ERROR)
            .detail("reason", e.code())
            .detail("latency_ms", e.elapsedMs())
            .detail("attempts", e.attempts())
            .write();
      }
      throw e;
    } catch (ApiException e) {
      if (!call.audited) {
        call.audit(AuditRecord.FAILURE)
            .detail("reason", e.code())
            .detail("status", e.status())
            .write();
      }
      throw e;
    }
  }

  /** The client key the envelope goes to (EnvelopeIssuer#recipient); a refused rkid is audited. */
  private ClientKeyRecord recipient(Call call, Optional<String> rkid) {
    try {
      return envelopes.recipient(call.request.caller(), rkid);
    } catch (ClientKeyNotUsableException e) {
      call.audit(AuditRecord.DENIED)
          .detail("reason", AuditActions.REASON_CLIENT_KEY_NOT_USABLE)
          .detail("rkid", AuditLog.safeTarget(rkid.orElse("")))
          .securityAlert(AuditActions.ALERT_AUTH_FAILURE)
          .write();
      call.audited = true;
      throw e;
    }
  }

  /** The caller's integration; anything else is 404, audited as a refused access. */
  private IntegrationRecord integration(Call call, String integrationId) {
    Optional<IntegrationRecord> found =
        Ids.looksLike(Ids.INTEGRATION, integrationId)
            ? integrations.find(call.request.caller().tenantId(), integrationId)
            : Optional.empty();
    if (found.isEmpty()) {
      call.audit(AuditRecord.DENIED).deniedNotFound("integration", integrationId).write();
      call.audited = true;
      throw new NotFoundException("No such integration.");
    }
    return found.get();
  }

  /** What is known about the call so far, for its audit record. */
  private final class Call {
    final ApiRequest request;
    String integrationId;
    DatadogOperation operation;
    DatadogSite site;
    int credentialVersion;
    boolean audited;

    Call(ApiRequest request) {
      this.request = request;
    }

    AuditLog.Entry audit(String outcome) {
      Caller caller = request.caller();
      AuditLog.Entry e =
          audit
              .record(caller.tenantId(), AuditActions.PROXY_CALL, request.requestId())
              .actor(caller.apiKeyId())
              .target(integrationId)
              .outcome(outcome)
              .detail("system_type", "datadog")
              .detail("operation", operation == null ? null : operation.id())
              .detail("site", site == null ? null : site.id());
      if (credentialVersion > 0) {
        e.detail("credential_version", credentialVersion);
      }
      return e;
    }
  }
}
