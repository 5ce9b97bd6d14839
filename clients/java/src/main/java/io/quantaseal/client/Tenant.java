package io.quantaseal.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.tenant.ApiKey;
import io.quantaseal.client.tenant.AuditCheckpoint;
import io.quantaseal.client.tenant.AuditQuery;
import io.quantaseal.client.tenant.AuditRecord;
import io.quantaseal.client.tenant.CreateApiKeyRequest;
import io.quantaseal.client.tenant.CreatedApiKey;
import io.quantaseal.client.tenant.CurrentApiKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code client.tenant()}: the tenant's own API keys and audit trail; every call but {@link
 * #currentApiKey()} needs an API key with the {@code admin} scope (docs/openapi.yaml, tag {@code
 * tenant}).
 */
public final class Tenant extends Resource {
  static final String API_KEYS = "/api/v2/api-keys";
  static final String AUDIT = "/api/v2/audit";

  Tenant(Context context) {
    super(context);
  }

  /**
   * {@code createApiKey}: a new API key, shown once. Each scope must be one the calling key holds
   * (403 {@code operation_not_allowed} otherwise). Never retried: the key is shown once, so a
   * replay is 409.
   *
   * @param request the name, scopes and expiry
   * @return the key and its metadata
   */
  public CreatedApiKey createApiKey(CreateApiKeyRequest request) {
    ObjectNode body = Json.object();
    body.put("name", request.name());
    if (request.scopes() != null) {
      ArrayNode a = body.putArray("scopes");
      request.scopes().forEach(s -> a.add(s.wireName()));
    }
    if (request.expiresAt() != null) {
      body.put("expires_at", request.expiresAt().toString());
    }
    return context
        .transport()
        .send(Transport.Call.post(API_KEYS, body, request.idempotencyKey()).neverRetried())
        .parse(Answers::createdApiKey);
  }

  /**
   * {@code listApiKeys}: one page of the tenant's API keys (never a key or its hash), revoked and
   * expired ones with their status, in id order.
   *
   * @param page which page
   * @return the page
   */
  public Page<ApiKey> listApiKeys(PageRequest page) {
    return context
        .transport()
        .send(Transport.Call.get(API_KEYS, query(page)))
        .parse(f -> Answers.page(f, "api_keys", Answers::apiKey));
  }

  /**
   * {@code listApiKeys}: the first page.
   *
   * @return the page
   */
  public Page<ApiKey> listApiKeys() {
    return listApiKeys(PageRequest.first());
  }

  /**
   * Every API key of the tenant, page after page.
   *
   * @return the keys
   */
  public Iterable<ApiKey> paginateApiKeys() {
    return new Paginator<>(PageRequest.first(), this::listApiKeys);
  }

  /**
   * {@code getCurrentApiKey}: the calling API key, its tenant and scopes. Any key may read itself:
   * no scope is needed, and nothing is audited.
   *
   * @return the calling key as listed, with its tenant
   */
  public CurrentApiKey currentApiKey() {
    return context
        .transport()
        .send(Transport.Call.get(API_KEYS + "/current"))
        .parse(Answers::currentApiKey);
  }

  /**
   * {@code revokeApiKey}: the key stops working within the authorizer's cache time (up to a
   * minute). Revoking the tenant's last active admin key is 409 {@code last_admin_key}; revoking a
   * revoked key changes nothing.
   *
   * @param apiKeyId the key ({@code key_…})
   * @return the key as listed now
   */
  public ApiKey revokeApiKey(String apiKeyId) {
    return context
        .transport()
        .send(Transport.Call.delete(API_KEYS + "/" + segment(apiKeyId), Map.of()))
        .parse(Answers::apiKey);
  }

  /**
   * {@code listAuditRecords}: one page of the tenant's audit records, in order of time and id, as
   * JSON.
   *
   * @param filter which records
   * @param page which page (a cursor continues only the query it came from)
   * @return the page
   */
  public Page<AuditRecord> listAuditRecords(AuditQuery filter, PageRequest page) {
    Map<String, String> q = new LinkedHashMap<>(query(page));
    if (filter.from() != null) {
      q.put("from", filter.from().toString());
    }
    if (filter.to() != null) {
      q.put("to", filter.to().toString());
    }
    if (filter.action() != null) {
      q.put("action", filter.action());
    }
    if (filter.outcome() != null) {
      q.put("outcome", filter.outcome().wireName());
    }
    return context
        .transport()
        .send(Transport.Call.get(AUDIT, q))
        .parse(f -> Answers.page(f, "records", Answers::auditRecord));
  }

  /**
   * {@code listAuditCheckpoints}: one page of the tenant's signed checkpoints whose period meets
   * [{@code from}, {@code to}), oldest first, each exactly as signed (verify a range with these,
   * the records of {@link #listAuditRecords(AuditQuery, PageRequest)} and {@code
   * encryption().listServerKeys(true)}).
   *
   * @param from checkpoints whose period ends after this instant, or null
   * @param to checkpoints whose period starts before this instant, or null
   * @param page which page (a cursor continues only the query it came from)
   * @return the page
   */
  public Page<AuditCheckpoint> listAuditCheckpoints(
      java.time.Instant from, java.time.Instant to, PageRequest page) {
    Map<String, String> q = new LinkedHashMap<>(query(page));
    if (from != null) {
      q.put("from", from.toString());
    }
    if (to != null) {
      q.put("to", to.toString());
    }
    return context
        .transport()
        .send(Transport.Call.get(AUDIT + "/checkpoints", q))
        .parse(f -> Answers.page(f, "checkpoints", Answers::auditCheckpoint));
  }

  /**
   * Every checkpoint whose period meets [{@code from}, {@code to}), page after page.
   *
   * @param from checkpoints whose period ends after this instant, or null
   * @param to checkpoints whose period starts before this instant, or null
   * @return the checkpoints
   */
  public Iterable<AuditCheckpoint> paginateAuditCheckpoints(
      java.time.Instant from, java.time.Instant to) {
    return new Paginator<>(PageRequest.first(), page -> listAuditCheckpoints(from, to, page));
  }

  /**
   * {@code listAuditRecords}: the first page of every record.
   *
   * @return the page
   */
  public Page<AuditRecord> listAuditRecords() {
    return listAuditRecords(AuditQuery.all(), PageRequest.first());
  }

  /**
   * Every audit record of the query, page after page.
   *
   * @param filter which records
   * @return the records
   */
  public Iterable<AuditRecord> paginateAuditRecords(AuditQuery filter) {
    return new Paginator<>(PageRequest.first(), page -> listAuditRecords(filter, page));
  }
}
