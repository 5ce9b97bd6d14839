package io.quantaseal.common.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.json.Json;
import io.quantaseal.crypto.audit.AuditTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An audit record as the API lists it ({@code GET /api/v2/audit}; docs/api.md#audit-records,
 * docs/audit.md, "Records"). The checkpoint writer hashes exactly this form, so the listing and the
 * Merkle leaves cannot disagree: both come from here.
 */
public final class AuditRecordJson {
  private AuditRecordJson() {}

  /** The listed members, in a stable order (JCS sorts them again before hashing). */
  public static Map<String, Object> toMap(AuditRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("audit_id", r.auditId());
    m.put("tenant_id", r.tenantId());
    m.put("time", AuditTime.format(AuditTime.truncate(r.time())));
    m.put("action", r.action());
    m.put("outcome", r.outcome());
    m.put("request_id", r.requestId());
    m.put("actor", actor(r));
    m.put("resource", r.target().isEmpty() ? Map.of() : Map.of("id", r.target()));
    m.put("details", new TreeMap<>(r.details()));
    r.securityAlert().ifPresent(a -> m.put("security_alert", a));
    return m;
  }

  /** {@link #toMap} as JSON. */
  public static JsonNode toJson(AuditRecord r) {
    return Json.mapper().valueToTree(toMap(r));
  }

  /** The record as the verifiable audit library reads it: its canonical bytes and leaf hash. */
  public static io.quantaseal.crypto.audit.AuditRecord toVerifiable(AuditRecord r) {
    return io.quantaseal.crypto.audit.AuditRecord.fromJson(toJson(r));
  }

  /** The API key id; else {@code operator} for operator commands, {@code system} otherwise. */
  public static String actor(AuditRecord r) {
    if (r.actorKeyId().isPresent()) {
      return r.actorKeyId().get();
    }
    return "operator".equals(r.requestId()) ? "operator" : "system";
  }
}
