package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The signed part of a checkpoint (docs/audit.md, "Checkpoints"):
 *
 * <pre>
 * {"v":1, "tenant_id", "seq", "period_start", "period_end", "count", "root", "prev", "skid"}
 * </pre>
 *
 * <p>{@code seq} counts the tenant's checkpoints from 0; the period is [{@code period_start},
 * {@code period_end}); {@code count} records hash to {@code root} (32 bytes, the RFC 6962 root of
 * their leaves in {@link AuditRecord#ORDER}); {@code prev} is SHA-256 of the previous body's JCS
 * bytes (empty for seq 0); {@code skid} names the server key that signs it. Binary members are
 * unpadded base64url. Exactly these nine members: a body with any other is not version 1.
 */
public final class CheckpointBody {
  public static final int VERSION = 1;

  /** The members of a version 1 body. */
  public static final List<String> MEMBERS =
      List.of(
          "v", "tenant_id", "seq", "period_start", "period_end", "count", "root", "prev", "skid");

  private final String tenantId;
  private final long seq;
  private final Instant periodStart;
  private final Instant periodEnd;
  private final long count;
  private final byte[] root;
  private final byte[] prev;
  private final String skid;
  private final byte[] canonical;

  private CheckpointBody(
      String tenantId,
      long seq,
      Instant periodStart,
      Instant periodEnd,
      long count,
      byte[] root,
      byte[] prev,
      String skid) {
    this.tenantId = tenantId;
    this.seq = seq;
    this.periodStart = periodStart;
    this.periodEnd = periodEnd;
    this.count = count;
    this.root = root;
    this.prev = prev;
    this.skid = skid;
    this.canonical = Jcs.canonicalize(json());
  }

  /**
   * A body from its values, checked: non-empty {@code tenantId} and {@code skid}, {@code seq} and
   * {@code count} in [0, 2^53 - 1], a period of positive length in whole microseconds, a 32-byte
   * {@code root}, and a {@code prev} that is empty exactly when {@code seq} is 0, else 32 bytes.
   */
  public static CheckpointBody of(
      String tenantId,
      long seq,
      Instant periodStart,
      Instant periodEnd,
      long count,
      byte[] root,
      byte[] prev,
      String skid) {
    if (tenantId == null || tenantId.isEmpty()) {
      throw new AuditFormatException("tenant_id must not be empty");
    }
    if (skid == null || skid.isEmpty()) {
      throw new AuditFormatException("skid must not be empty");
    }
    Jcs.requireUnicode(tenantId);
    Jcs.requireUnicode(skid);
    if (seq < 0 || seq > AuditJsonValues.MAX_SAFE_INTEGER) {
      throw new AuditFormatException("seq must lie in [0, 2^53 - 1]");
    }
    if (count < 0 || count > AuditJsonValues.MAX_SAFE_INTEGER) {
      throw new AuditFormatException("count must lie in [0, 2^53 - 1]");
    }
    checkTime(periodStart, "period_start");
    checkTime(periodEnd, "period_end");
    if (!periodStart.isBefore(periodEnd)) {
      throw new AuditFormatException("period_end must be after period_start");
    }
    if (root == null || root.length != MerkleTree.HASH_LENGTH) {
      throw new AuditFormatException("root must be 32 bytes");
    }
    if (prev == null) {
      throw new AuditFormatException("prev is missing");
    }
    if (seq == 0 ? prev.length != 0 : prev.length != MerkleTree.HASH_LENGTH) {
      throw new AuditFormatException("prev must be empty for seq 0 and 32 bytes after");
    }
    return new CheckpointBody(
        tenantId, seq, periodStart, periodEnd, count, root.clone(), prev.clone(), skid);
  }

  /**
   * The body of the checkpoint for the period [{@code start}, {@code end}) of {@code tenantId}
   * holding {@code records} (in any order): seq 0 and an empty prev without {@code previous};
   * otherwise seq and prev follow {@code previous}, whose period must end where this one starts.
   *
   * @throws IllegalArgumentException if a record belongs to another tenant or lies outside the
   *     period, two records share an {@code audit_id}, or the period does not follow {@code
   *     previous}
   */
  public static CheckpointBody forPeriod(
      Optional<CheckpointBody> previous,
      String tenantId,
      Instant start,
      Instant end,
      List<AuditRecord> records,
      String skid) {
    long seq = 0;
    byte[] prev = new byte[0];
    if (previous.isPresent()) {
      CheckpointBody p = previous.get();
      if (!p.tenantId.equals(tenantId)) {
        throw new IllegalArgumentException("the previous checkpoint is another tenant's");
      }
      if (!p.periodEnd.equals(start)) {
        throw new IllegalArgumentException("the period must start where the previous one ended");
      }
      seq = p.seq + 1;
      prev = p.hash();
    }
    List<AuditRecord> sorted = new ArrayList<>(records);
    sorted.sort(AuditRecord.ORDER);
    Set<String> ids = new HashSet<>();
    List<byte[]> leaves = new ArrayList<>(sorted.size());
    for (AuditRecord r : sorted) {
      if (!r.tenantId().equals(tenantId)) {
        throw new IllegalArgumentException(r + " belongs to another tenant");
      }
      if (r.time().isBefore(start) || !r.time().isBefore(end)) {
        throw new IllegalArgumentException(r + " lies outside the period");
      }
      if (!ids.add(r.auditId())) {
        throw new IllegalArgumentException(r + " appears twice");
      }
      leaves.add(r.leafHash());
    }
    return of(tenantId, seq, start, end, sorted.size(), MerkleTree.root(leaves), prev, skid);
  }

  /** Parses a body (exactly the nine members of version 1, each of its type). */
  public static CheckpointBody fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new AuditFormatException("a checkpoint body is a JSON object");
    }
    Jcs.canonicalize(json); // depth, Unicode, finiteness
    if (json.size() != MEMBERS.size()) {
      for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!MEMBERS.contains(name)) {
          throw new AuditFormatException("a version 1 body has no member " + quote(name));
        }
      }
    }
    if (AuditJsonValues.count(json, "v") != VERSION) {
      throw new AuditFormatException("v must be 1");
    }
    long seq = AuditJsonValues.count(json, "seq");
    return of(
        AuditJsonValues.string(json, "tenant_id"),
        seq,
        AuditTime.parse(AuditJsonValues.string(json, "period_start")),
        AuditTime.parse(AuditJsonValues.string(json, "period_end")),
        AuditJsonValues.count(json, "count"),
        Base64Url.decode(AuditJsonValues.string(json, "root"), "root"),
        Base64Url.decode(AuditJsonValues.string(json, "prev"), "prev"),
        AuditJsonValues.string(json, "skid"));
  }

  public int version() {
    return VERSION;
  }

  public String tenantId() {
    return tenantId;
  }

  public long seq() {
    return seq;
  }

  public Instant periodStart() {
    return periodStart;
  }

  public Instant periodEnd() {
    return periodEnd;
  }

  public long count() {
    return count;
  }

  /** The Merkle root of the period's records (32 bytes, a copy). */
  public byte[] root() {
    return root.clone();
  }

  /** SHA-256 of the previous body's JCS bytes; empty for seq 0 (a copy). */
  public byte[] prev() {
    return prev.clone();
  }

  public String skid() {
    return skid;
  }

  /** The body as JSON, binary members in unpadded base64url. */
  public ObjectNode toJson() {
    return json();
  }

  /** JCS(body): the bytes that are signed and hashed. */
  public byte[] canonicalBytes() {
    return canonical.clone();
  }

  /** {@link #canonicalBytes()} as text. */
  public String canonicalString() {
    return new String(canonical, StandardCharsets.UTF_8);
  }

  /** SHA-256(JCS(body)): the next checkpoint's {@code prev}. */
  public byte[] hash() {
    return MerkleTree.sha256().digest(canonical);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CheckpointBody b && Arrays.equals(canonical, b.canonical);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(canonical);
  }

  @Override
  public String toString() {
    return "CheckpointBody[" + canonicalString() + "]";
  }

  private ObjectNode json() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("v", VERSION);
    o.put("tenant_id", tenantId);
    o.put("seq", seq);
    o.put("period_start", AuditTime.format(periodStart));
    o.put("period_end", AuditTime.format(periodEnd));
    o.put("count", count);
    o.put("root", Base64Url.encode(root));
    o.put("prev", Base64Url.encode(prev));
    o.put("skid", skid);
    return o;
  }

  private static void checkTime(Instant t, String name) {
    if (t == null) {
      throw new AuditFormatException(name + " is missing");
    }
    try {
      AuditTime.format(t);
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException(name + ": " + e.getMessage());
    }
  }

  private static String quote(String name) {
    return "\"" + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "\"";
  }
}
