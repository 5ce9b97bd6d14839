package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One audit record as the API lists it (docs/audit.md, "Records"), with its canonical bytes and its
 * leaf hash, {@code SHA-256(0x00 || JCS(record))}.
 *
 * <p>A record is a JSON object with at least the string members {@code audit_id}, {@code
 * tenant_id}, {@code time}, {@code action}, {@code outcome}, {@code request_id} and {@code actor}
 * and the object members {@code resource} and {@code details}; other members are kept and hashed
 * like these. {@code time} is in the {@link AuditTime} format; every number anywhere in the record
 * is an integer of magnitude at most 2^53 - 1; every string is valid Unicode. Immutable: the JSON
 * is copied in and out.
 */
public final class AuditRecord {
  /** The members every record has. */
  public static final List<String> REQUIRED_MEMBERS =
      List.of(
          "audit_id",
          "tenant_id",
          "time",
          "action",
          "outcome",
          "request_id",
          "actor",
          "resource",
          "details");

  /** The order of records in a period: by {@code time}, then by {@code audit_id}. */
  public static final Comparator<AuditRecord> ORDER =
      Comparator.comparing(AuditRecord::time)
          .thenComparing(AuditRecord::auditId, AuditRecord::compareCodePoints);

  private final ObjectNode json;
  private final String auditId;
  private final String tenantId;
  private final Instant time;
  private final byte[] canonical;
  private final byte[] leafHash;

  private AuditRecord(ObjectNode json, String auditId, String tenantId, Instant time, byte[] jcs) {
    this.json = json;
    this.auditId = auditId;
    this.tenantId = tenantId;
    this.time = time;
    this.canonical = jcs;
    this.leafHash = MerkleTree.leafHash(jcs);
  }

  /** Parses the JSON text of one record. */
  public static AuditRecord parse(String json) {
    return fromJson(Jcs.parse(json));
  }

  /** The record {@code json} (copied), checked against docs/audit.md. */
  public static AuditRecord fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new AuditFormatException("an audit record is a JSON object");
    }
    ObjectNode copy = ((ObjectNode) json).deepCopy();
    byte[] jcs = Jcs.canonicalize(copy);
    AuditJsonValues.requireSafeIntegers(copy, "record");
    String auditId = AuditJsonValues.nonEmptyString(copy, "audit_id");
    String tenantId = AuditJsonValues.nonEmptyString(copy, "tenant_id");
    Instant time = AuditTime.parse(AuditJsonValues.string(copy, "time"));
    for (String name : List.of("action", "outcome", "request_id", "actor")) {
      AuditJsonValues.string(copy, name);
    }
    for (String name : List.of("resource", "details")) {
      if (!AuditJsonValues.member(copy, name).isObject()) {
        throw new AuditFormatException(name + " must be a JSON object");
      }
    }
    return new AuditRecord(copy, auditId, tenantId, time, jcs);
  }

  public String auditId() {
    return auditId;
  }

  public String tenantId() {
    return tenantId;
  }

  public Instant time() {
    return time;
  }

  /** The record's JSON (a copy). */
  public ObjectNode toJson() {
    return json.deepCopy();
  }

  /** JCS(record): the bytes the leaf hash is taken over. */
  public byte[] canonicalBytes() {
    return canonical.clone();
  }

  /** {@link #canonicalBytes()} as text. */
  public String canonicalString() {
    return new String(canonical, StandardCharsets.UTF_8);
  }

  /** The Merkle leaf: SHA-256(0x00 || JCS(record)). */
  public byte[] leafHash() {
    return leafHash.clone();
  }

  /** Whether the two records have the same canonical form. */
  @Override
  public boolean equals(Object o) {
    return o instanceof AuditRecord r && Arrays.equals(canonical, r.canonical);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(canonical);
  }

  /** Names the record; its details are not printed. */
  @Override
  public String toString() {
    return "AuditRecord[audit_id=" + auditId + ", time=" + AuditTime.format(time) + "]";
  }

  /** Unicode code point order, which is also the order of the UTF-8 bytes. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
