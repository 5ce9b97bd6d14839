package io.quantaseal.siem.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.json.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The fields of an audit record that may leave the service: ids, action, target, outcome, time and
 * the safe details. Used for Datadog logs and events and for dead-letter messages, so a replay
 * rebuilds exactly what the first attempt would have sent.
 *
 * <p>Audit details hold no secret by contract ({@link AuditRecord}); as a second line of defence,
 * details whose name looks like a secret ({@code password}, {@code token}, {@code api_key}, …) are
 * dropped, and values are cut at {@value #MAX_DETAIL_CHARS} characters.
 */
public final class SafeAuditJson {
  static final int MAX_DETAIL_CHARS = 256;
  static final int MAX_DETAILS = 32;

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(secret|passw|token|api_?key|app_?key|private|payload|authori[sz]ation|cookie"
              + "|credential_value|values?$|plaintext|hmac_key|mac_key).*");
  private static final Set<String> SAFE_NAMES =
      Set.of("api_key_id", "credential_type", "token_url", "value_count", "rkid", "hkid");

  private SafeAuditJson() {}

  /** The record as a JSON object: event_id, tenant_id, time, action, … */
  public static ObjectNode toJson(AuditRecord r) {
    ObjectNode o = Json.newObject();
    o.put("event_id", r.auditId());
    o.put("tenant_id", r.tenantId());
    o.put("time", r.time().toString());
    o.put("action", r.action());
    o.put("target", r.target());
    o.put("outcome", r.outcome());
    o.put("request_id", r.requestId());
    r.actorKeyId().ifPresent(a -> o.put("actor_key_id", a));
    r.securityAlert().ifPresent(a -> o.put("security_alert", a));
    ObjectNode d = o.putObject("details");
    safeDetails(r.details()).forEach(d::put);
    return o;
  }

  /** Reads what {@link #toJson} wrote. */
  public static AuditRecord fromJson(JsonNode o) {
    Map<String, String> details = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : o.path("details").properties()) {
      details.put(e.getKey(), e.getValue().asText());
    }
    return new AuditRecord(
        text(o, "event_id"),
        text(o, "tenant_id"),
        Instant.parse(text(o, "time")),
        Optional.ofNullable(o.path("actor_key_id").textValue()),
        text(o, "action"),
        o.path("target").asText(""),
        text(o, "outcome"),
        o.path("request_id").asText(""),
        details,
        Optional.ofNullable(o.path("security_alert").textValue()));
  }

  /** The details that may be sent, sorted by name. */
  public static Map<String, String> safeDetails(Map<String, String> details) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
      if (out.size() >= MAX_DETAILS) {
        break;
      }
      String name = e.getKey();
      if (!SAFE_NAMES.contains(name) && SECRET_NAME.matcher(name).matches()) {
        continue;
      }
      String v = e.getValue() == null ? "" : e.getValue();
      out.put(name, v.length() > MAX_DETAIL_CHARS ? v.substring(0, MAX_DETAIL_CHARS) : v);
    }
    return out;
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return n.textValue();
  }
}
