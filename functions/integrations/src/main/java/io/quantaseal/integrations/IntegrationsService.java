package io.quantaseal.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.CredentialRejectedException;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.api.PayloadTooLargeException;
import io.quantaseal.common.api.ResourceInUseException;
import io.quantaseal.common.api.UpstreamUnreachableException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.json.JsonFields;
import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.vault.CredentialType;
import io.quantaseal.common.vault.CredentialValues;
import io.quantaseal.common.vault.CredentialVault;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.datadog.DatadogOperation;
import io.quantaseal.datadog.DatadogResponse;
import io.quantaseal.datadog.DatadogSite;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The integration endpoints (docs/api.md#integrations and docs/api.md#datadog): an integration ties
 * a sealed {@code api_key} vault entry to a Datadog site and a default-deny list of operations.
 *
 * <ul>
 *   <li>Creating one, and any change that can change what the key means upstream (another {@code
 *       credential_id}, another {@code config.site}, or the credential rotated since it was last
 *       checked), validates the key with Datadog ({@code GET /api/v1/validate}). A 403 there is 422
 *       {@code credential_rejected}, audited as a security alert.
 *   <li>Health: the proxy marks an integration unhealthy when Datadog answers 403; it is healthy
 *       again once the credential changes (rotated past the refused version, or another entry).
 *   <li>Answers never hold the key; another tenant's ids are 404.
 * </ul>
 */
public final class IntegrationsService {
  public static final String SYSTEM_DATADOG = "datadog";
  public static final String STATUS_HEALTHY = "healthy";
  public static final String STATUS_UNHEALTHY = "unhealthy";

  /** Reason stored when Datadog refused the key (403). */
  public static final String REASON_REJECTED = "credential_rejected";

  static final int MAX_BODY_CHARS = 16 * 1024;
  private static final int MAX_NAME = 128;
  private static final Set<String> CREATE_FIELDS =
      Set.of("system_type", "name", "credential_id", "config", "allowed_operations");
  private static final Set<String> CONFIG_FIELDS = Set.of("site");

  private final IntegrationRepository integrations;
  private final VaultEntryRepository entries;
  private final CredentialVault vault;
  private final SiemDestinationRepository siemDestinations;
  private final DatadogClient datadog;
  private final IdempotentRequests idempotency;
  private final AuditLog audit;
  private final Ids ids;
  private final Clock clock;
  private final Pagination pagination;

  /**
   * @param vault opens a key to validate it with Datadog
   * @param siemDestinations to refuse deleting an integration a SIEM destination uses
   */
  public IntegrationsService(
      IntegrationRepository integrations,
      VaultEntryRepository entries,
      CredentialVault vault,
      SiemDestinationRepository siemDestinations,
      DatadogClient datadog,
      IdempotentRequests idempotency,
      AuditLog audit,
      Ids ids,
      Clock clock,
      Pagination pagination) {
    this.integrations = integrations;
    this.entries = entries;
    this.vault = vault;
    this.siemDestinations = siemDestinations;
    this.datadog = datadog;
    this.idempotency = idempotency;
    this.audit = audit;
    this.ids = ids;
    this.clock = clock;
    this.pagination = pagination;
  }

  // POST /api/v2/integrations
  public ApiResponse create(ApiRequest request, Deadline deadline) {
    Caller caller = request.caller();
    return idempotency.run(
        request,
        true,
        () -> {
          ObjectNode body = parse(request);
          JsonFields.allowOnly(body, "the request", CREATE_FIELDS);
          systemType(JsonFields.requiredString(body, "system_type", 64));
          Optional<String> name = JsonFields.optionalString(body, "name", MAX_NAME);
          String credentialId = JsonFields.requiredString(body, "credential_id", 64);
          DatadogSite site = site(JsonFields.requiredObject(body, "config"));
          List<String> operations = operations(body).orElse(List.of());
          VaultEntryRecord entry =
              apiKeyEntry(request, AuditActions.INTEGRATION_CREATE, credentialId);

          String integrationId = ids.next(Ids.INTEGRATION);
          validateKey(request, integrationId, entry, site, deadline);

          Instant now = clock.instant();
          IntegrationRecord record =
              new IntegrationRecord(
                  caller.tenantId(),
                  integrationId,
                  SYSTEM_DATADOG,
                  name,
                  entry.entryId(),
                  site.id(),
                  operations,
                  Optional.empty(),
                  0,
                  now,
                  now,
                  entry.currentVersion());
          integrations.put(record);
          audit(request, AuditActions.INTEGRATION_CREATE, integrationId)
              .detail("system_type", SYSTEM_DATADOG)
              .detail("site", site.id())
              .detail("credential_id", entry.entryId())
              .detail("credential_version", entry.currentVersion())
              .detail("allowed_operations", String.join(" ", operations))
              .write();
          return ApiResponse.json(201, view(record, Optional.of(entry)));
        });
  }

  // GET /api/v2/integrations
  public ApiResponse list(ApiRequest request) {
    String tenantId = request.caller().tenantId();
    Page<IntegrationRecord> page = integrations.page(tenantId, pagination.read(request, LIST));
    List<Map<String, Object>> out = new ArrayList<>();
    for (IntegrationRecord r : page.items()) {
      out.add(view(r, entries.find(tenantId, r.credentialId())));
    }
    return ApiResponse.json(200, pagination.body(request, LIST, "integrations", page, out));
  }

  /** The integration list's name in its cursors. */
  static final String LIST = "integrations";

  // GET /api/v2/integrations/{id}
  public ApiResponse get(ApiRequest request) {
    IntegrationRecord r = integration(request, AuditActions.INTEGRATION_READ);
    return ApiResponse.json(200, view(r, entries.find(r.tenantId(), r.credentialId())));
  }

  // PATCH /api/v2/integrations/{id}
  public ApiResponse update(ApiRequest request, Deadline deadline) {
    Caller caller = request.caller();
    IntegrationRecord current = integration(request, AuditActions.INTEGRATION_UPDATE);
    ObjectNode body = parse(request);
    JsonFields.allowOnly(body, "the request", CREATE_FIELDS);
    JsonFields.optionalString(body, "system_type", 64).ifPresent(this::systemType);
    Optional<String> name = JsonFields.optionalString(body, "name", MAX_NAME);
    Optional<String> credentialId = JsonFields.optionalString(body, "credential_id", 64);
    Optional<DatadogSite> newSite = JsonFields.optionalObject(body, "config").map(this::site);
    Optional<List<String>> operations = operations(body);

    boolean repointed =
        credentialId.isPresent() && !credentialId.get().equals(current.credentialId());
    VaultEntryRecord entry =
        repointed
            ? apiKeyEntry(request, AuditActions.INTEGRATION_UPDATE, credentialId.get())
            : entries
                .find(caller.tenantId(), current.credentialId())
                .orElseThrow(
                    () ->
                        new InvalidRequestException(
                            "The integration's credential was deleted; give a new"
                                + " 'credential_id'."));
    DatadogSite site = newSite.orElse(DatadogSite.parse(current.site()));
    boolean siteChanged = !site.id().equals(current.site());
    boolean rotated = entry.currentVersion() != current.credentialVersion();
    boolean validate = repointed || siteChanged || rotated;

    if (validate) {
      try {
        validateKey(request, current.integrationId(), entry, site, deadline);
      } catch (CredentialRejectedException e) {
        if (!repointed && !siteChanged) {
          // Only the rotation is new: the integration now runs on a refused key.
          integrations.markUnhealthy(
              caller.tenantId(),
              current.integrationId(),
              REASON_REJECTED,
              entry.currentVersion(),
              clock.instant());
        }
        throw e;
      }
    }

    boolean clearHealth = validate;
    IntegrationRecord updated =
        new IntegrationRecord(
            current.tenantId(),
            current.integrationId(),
            current.systemType(),
            name.isPresent() ? name : current.name(),
            entry.entryId(),
            site.id(),
            operations.orElse(current.allowedOperations()),
            clearHealth ? Optional.empty() : current.unhealthyReason(),
            clearHealth ? 0 : current.unhealthyAtCredentialVersion(),
            current.createdAt(),
            clock.instant(),
            validate ? entry.currentVersion() : current.credentialVersion());
    integrations.put(updated);
    List<String> changed = new ArrayList<>();
    if (name.isPresent()) {
      changed.add("name");
    }
    if (repointed) {
      changed.add("credential_id");
    }
    if (siteChanged) {
      changed.add("config.site");
    }
    if (operations.isPresent()) {
      changed.add("allowed_operations");
    }
    audit(request, AuditActions.INTEGRATION_UPDATE, current.integrationId())
        .detail("changed", String.join(" ", changed))
        .detail("site", site.id())
        .detail("credential_id", entry.entryId())
        .detail("credential_version", entry.currentVersion())
        .detail("allowed_operations", String.join(" ", updated.allowedOperations()))
        .detail("validated", validate)
        .write();
    return ApiResponse.json(200, view(updated, Optional.of(entry)));
  }

  // DELETE /api/v2/integrations/{id}
  public ApiResponse delete(ApiRequest request) {
    IntegrationRecord r = integration(request, AuditActions.INTEGRATION_DELETE);
    boolean force = request.queryParameter("force").map("true"::equals).orElse(false);
    List<String> destinations =
        siemDestinations.list(r.tenantId()).stream()
            .filter(d -> d.integrationId().equals(r.integrationId()))
            .map(SiemDestination::destinationId)
            .toList();
    if (!destinations.isEmpty() && !force) {
      throw new ResourceInUseException(
          "The integration delivers SIEM destination(s) "
              + String.join(", ", destinations)
              + "; delete them first or pass force=true.");
    }
    integrations.delete(r.tenantId(), r.integrationId());
    audit(request, AuditActions.INTEGRATION_DELETE, r.integrationId())
        .detail("site", r.site())
        .detail("credential_id", r.credentialId())
        .write();
    return ApiResponse.empty(204);
  }

  // ---- the key check ----------------------------------------------------------------------

  /**
   * GET /api/v1/validate with the entry's current key: 200 passes; 403 (or 401) is 422 {@code
   * credential_rejected}, audited as a security alert; anything else means the key could not be
   * checked (502).
   */
  private void validateKey(
      ApiRequest request,
      String integrationId,
      VaultEntryRecord entry,
      DatadogSite site,
      Deadline deadline) {
    CredentialValues values = vault.open(entry);
    String apiKey =
        values
            .get("api_key")
            .orElseThrow(
                () -> new InvalidRequestException("The credential has no 'api_key' value."));
    DatadogResponse r = datadog.validate(site, apiKey, deadline);
    if (r.status() == 200 && validFlag(r)) {
      return;
    }
    if (r.status() == 401 || r.status() == 403 || r.status() == 200) {
      audit(request, AuditActions.CREDENTIAL_REJECTED, integrationId)
          .outcome(AuditRecord.FAILURE)
          .detail("system_type", SYSTEM_DATADOG)
          .detail("site", site.id())
          .detail("credential_id", entry.entryId())
          .detail("credential_version", entry.currentVersion())
          .detail("upstream_status", r.status())
          .securityAlert(AuditActions.ALERT_CREDENTIAL_REJECTED)
          .write();
      throw new CredentialRejectedException(
          "Datadog refused the API key in "
              + entry.entryId()
              + " for site "
              + site.id()
              + " ("
              + r.status()
              + "). A Datadog key belongs to one organisation and one site: check that the key"
              + " is active and that config.site is the site of its organisation.");
    }
    throw new UpstreamUnreachableException(
        "Datadog could not check the key right now (status "
            + r.status()
            + " after "
            + r.attempts()
            + " attempt(s)); try again later.");
  }

  private static boolean validFlag(DatadogResponse r) {
    JsonNode n = Json.parseLenient(r.body());
    // Datadog answers {"valid":true}; an answer without the member is taken as valid.
    return n == null || !n.has("valid") || n.get("valid").asBoolean(false);
  }

  // ---- parsing ------------------------------------------------------------------------------

  private static ObjectNode parse(ApiRequest request) {
    if (request.body() != null && request.body().length() > MAX_BODY_CHARS) {
      throw new PayloadTooLargeException(
          "Integration requests are limited to " + MAX_BODY_CHARS + " characters.");
    }
    return Json.parseObject(request.body());
  }

  private void systemType(String systemType) {
    if (!SYSTEM_DATADOG.equals(systemType)) {
      throw new InvalidRequestException("Unknown system_type; only datadog is supported.");
    }
  }

  private DatadogSite site(ObjectNode config) {
    JsonFields.allowOnly(config, "config", CONFIG_FIELDS);
    return DatadogSite.parse(JsonFields.requiredString(config, "site", 64));
  }

  private static Optional<List<String>> operations(JsonNode body) {
    List<String> raw = JsonFields.optionalStringList(body, "allowed_operations", 16, 64);
    if (raw == null) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (String op : raw) {
      out.add(DatadogOperation.parse(op).id());
    }
    return Optional.of(List.copyOf(out));
  }

  /** The caller's api_key entry {@code credentialId}; an unknown id is 404, audited. */
  private VaultEntryRecord apiKeyEntry(ApiRequest request, String action, String credentialId) {
    String tenant = request.caller().tenantId();
    VaultEntryRecord entry =
        audit
            .lookup(
                request,
                action,
                "vault_entry",
                Ids.VAULT_ENTRY,
                credentialId,
                id -> entries.find(tenant, id))
            .orElseThrow(() -> new NotFoundException("No such vault entry."));
    if (!CredentialType.API_KEY.id().equals(entry.credentialType())) {
      throw new InvalidRequestException(
          "A Datadog integration needs a credential of type api_key; "
              + credentialId
              + " is "
              + entry.credentialType()
              + ".");
    }
    return entry;
  }

  /**
   * The caller's integration named by the path; anything else is 404, audited as {@code action}.
   */
  private IntegrationRecord integration(ApiRequest request, String action) {
    String tenant = request.caller().tenantId();
    return audit
        .lookup(
            request,
            action,
            "integration",
            Ids.INTEGRATION,
            request.pathParameter("id").orElse(""),
            id -> integrations.find(tenant, id))
        .orElseThrow(() -> new NotFoundException("No such integration."));
  }

  // ---- answers ------------------------------------------------------------------------------

  /**
   * Whether the integration is usable: not refused upstream at the credential's current version.
   */
  public static boolean healthy(IntegrationRecord r, Optional<VaultEntryRecord> entry) {
    if (entry.isEmpty()) {
      return false;
    }
    return r.unhealthyReason().isEmpty()
        || entry.get().currentVersion() != r.unhealthyAtCredentialVersion();
  }

  static Map<String, Object> view(IntegrationRecord r, Optional<VaultEntryRecord> entry) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("integration_id", r.integrationId());
    m.put("system_type", r.systemType());
    r.name().ifPresent(n -> m.put("name", n));
    m.put("credential_id", r.credentialId());
    m.put("config", Map.of("site", r.site()));
    m.put("allowed_operations", r.allowedOperations());
    boolean healthy = healthy(r, entry);
    m.put("status", healthy ? STATUS_HEALTHY : STATUS_UNHEALTHY);
    if (!healthy) {
      m.put(
          "unhealthy_reason",
          entry.isEmpty() ? "credential_deleted" : r.unhealthyReason().orElse(REASON_REJECTED));
    }
    m.put("created_at", r.createdAt().toString());
    m.put("updated_at", r.updatedAt().toString());
    return m;
  }

  private AuditLog.Entry audit(ApiRequest request, String action, String target) {
    return audit
        .record(request.caller().tenantId(), action, request.requestId())
        .actor(request.caller().apiKeyId())
        .target(target);
  }
}
