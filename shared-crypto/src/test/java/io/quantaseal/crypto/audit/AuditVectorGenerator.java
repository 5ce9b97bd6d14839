package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.internal.FixedBytesRandom;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes {@code docs/vectors/audit-v1.json}, the known answers of the audit checkpoints (format in
 * docs/audit.md, "Known-answer vectors"). Run from the repository root:
 *
 * <pre>
 * mvn -q -pl shared-crypto test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.quantaseal.crypto.audit.AuditVectorGenerator \
 *   -Dexec.args=docs/vectors/audit-v1.json
 * </pre>
 *
 * <p>Deterministic: the signing keys' seeds are SHA-256 of {@value #LABEL_PREFIX}{@code <name>} in
 * UTF-8, the records are written out below, and every signature is ML-DSA-65 with rnd = 32 zero
 * bytes ({@link CheckpointSigner#signDeterministically}). Nothing random is used: a signer built
 * here fails if anything asks it for randomness.
 */
public final class AuditVectorGenerator {
  static final String LABEL_PREFIX = "quantaseal/audit/v1/test-vectors/";
  static final String RELATIVE_PATH = "docs/vectors/audit-v1.json";

  static final String TENANT = "ten_01JE2F3G4H5J6K7M8N9P0Q1R2S";
  static final String OTHER_TENANT = "ten_01JE9Z8Y7X6W5V4T3S2R1Q0P9N";
  static final String SKID = "sk_audit_2026_12";
  static final String ATTACKER_SKID = "sk_audit_attacker";
  static final Instant START = Instant.parse("2026-12-04T18:39:00Z");
  static final Duration PERIOD = Duration.ofSeconds(60);
  static final int PERIODS = 3;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditVectorGenerator() {}

  /** The signing key {@code name}: its seed is SHA-256(LABEL_PREFIX + name). */
  static MlDsaPrivateKey key(String name) {
    return AuditFixtures.key(LABEL_PREFIX + name);
  }

  static byte[] seed(String name) {
    return AuditFixtures.sha256(LABEL_PREFIX + name);
  }

  static CheckpointSigner signer(String skid, String keyName) {
    // A random source with no bytes to give: signing here must be deterministic.
    return new CheckpointSigner(skid, key(keyName), new FixedBytesRandom(new byte[0]));
  }

  static Instant periodStart(int p) {
    return START.plus(PERIOD.multipliedBy(p));
  }

  /** The records of each period: three, none, five. */
  static List<List<ObjectNode>> records() {
    List<ObjectNode> first =
        List.of(
            record(
                "aud_01JE2FA0B1C2D3E4F5G6H7J8K9",
                "2026-12-04T18:39:04.018342Z",
                "proxy.outbound",
                "success",
                "req_01JE2FA0B1C2D3E4F5G6H7J8KA",
                "ak_01JE2F3G4H5J6K7M8N9P0Q1R2V",
                r -> r.put("integration_id", "int_01JE2F3G4H5J6K7M8N9P0Q1R2W"),
                d -> d.put("operation", "send_event").put("status", 202).put("latency_ms", 41)),
            record(
                "aud_01JE2FB7Q8R9S0T1V2W3X4Y5Z6",
                "2026-12-04T18:39:17.500000Z",
                "proxy.outbound",
                "denied",
                "req_01JE2FB7Q8R9S0T1V2W3X4Y5Z7",
                "ak_01JE2F3G4H5J6K7M8N9P0Q1R2V",
                r -> r.put("integration_id", "int_01JE2F3G4H5J6K7M8N9P0Q1R2W"),
                d -> d.put("operation", "delete_monitor").put("reason", "operation_not_allowed")),
            record(
                "aud_01JE2FC3D4E5F6G7H8J9K0M1N2",
                "2026-12-04T18:39:59.999999Z",
                "credential.create",
                "success",
                "req_01JE2FC3D4E5F6G7H8J9K0M1N3",
                "operator",
                r -> r.put("credential_id", "cred_01JE2FC3D4E5F6G7H8J9K0M1N4"),
                d ->
                    d.put("name", "Datadog — prod (Zürich) 🔐").put("credential_type", "api_key")));
    List<ObjectNode> third =
        List.of(
            record(
                "aud_01JE2FG0H1J2K3M4N5P6Q7R8S9",
                "2026-12-04T18:41:00.000000Z",
                "api_key.create",
                "success",
                "req_01JE2FG0H1J2K3M4N5P6Q7R8SA",
                "ak_01JE2F3G4H5J6K7M8N9P0Q1R2V",
                r -> r.put("api_key_id", "ak_01JE2FG0H1J2K3M4N5P6Q7R8SB"),
                d -> d.put("scopes", 2)),
            record(
                "aud_01JE2FH2J3K4M5N6P7Q8R9S0T1",
                "2026-12-04T18:41:12.000001Z",
                "auth.failed",
                "denied",
                "req_01JE2FH2J3K4M5N6P7Q8R9S0T2",
                "system",
                r -> {},
                d -> d.put("reason", "unknown_api_key").put("source_ip_class", "public")),
            record(
                "aud_01JE2FJ5K6M7N8P9Q0R1S2T3V4",
                "2026-12-04T18:41:30.250000Z",
                "integration.update",
                "success",
                "req_01JE2FJ5K6M7N8P9Q0R1S2T3V5",
                "ak_01JE2F3G4H5J6K7M8N9P0Q1R2V",
                r -> r.put("integration_id", "int_01JE2F3G4H5J6K7M8N9P0Q1R2W"),
                d -> {
                  d.put("note", "line 1\nline 2\t\"quoted\" \\ \u0007");
                  d.putArray("allow").add("send_event").add("submit_metrics").add("send_logs");
                }),
            // The next two share a time: audit_id orders them.
            record(
                "aud_01JE2FK9M0N1P2Q3R4S5T6V7W8",
                "2026-12-04T18:41:45.123456Z",
                "siem.push",
                "failure",
                "req_01JE2FK9M0N1P2Q3R4S5T6V7W9",
                "system",
                r -> r.put("integration_id", "int_01JE2F3G4H5J6K7M8N9P0Q1R2W"),
                d -> {
                  d.putObject("counts").put("sent", 12).put("failed", 1).put("retried", 0);
                  d.put("status", 503);
                }),
            record(
                "aud_01JE2FK9M0N1P2Q3R4S5T6V7WA",
                "2026-12-04T18:41:45.123456Z",
                "security.alert",
                "success",
                "req_01JE2FK9M0N1P2Q3R4S5T6V7WB",
                "system",
                r -> {},
                d -> d.put("alert", "repeated_denials").put("window_s", 60)));
    return List.of(first, List.of(), third);
  }

  private static ObjectNode record(
      String auditId,
      String time,
      String action,
      String outcome,
      String requestId,
      String actor,
      Consumer<ObjectNode> resource,
      Consumer<ObjectNode> details) {
    ObjectNode r = F.objectNode();
    r.put("audit_id", auditId);
    r.put("tenant_id", TENANT);
    r.put("time", time);
    r.put("action", action);
    r.put("outcome", outcome);
    r.put("request_id", requestId);
    r.put("actor", actor);
    resource.accept(r.putObject("resource"));
    details.accept(r.putObject("details"));
    return r;
  }

  /** The clean range: its checkpoints, seq 0 to 2, and the records of each period. */
  record Range(List<SignedCheckpoint> checkpoints, List<List<AuditRecord>> periods) {
    List<AuditRecord> records() {
      return periods.stream().flatMap(List::stream).toList();
    }

    CheckpointBody body(int seq) {
      return checkpoints.get(seq).body();
    }
  }

  static Range range() {
    CheckpointSigner signer = signer(SKID, "server");
    List<SignedCheckpoint> checkpoints = new ArrayList<>();
    List<List<AuditRecord>> periods = new ArrayList<>();
    Optional<CheckpointBody> previous = Optional.empty();
    List<List<ObjectNode>> records = records();
    for (int p = 0; p < PERIODS; p++) {
      List<AuditRecord> rs = records.get(p).stream().map(AuditRecord::fromJson).toList();
      CheckpointBody body =
          CheckpointBody.forPeriod(previous, TENANT, periodStart(p), periodStart(p + 1), rs, SKID);
      checkpoints.add(signer.signDeterministically(body));
      periods.add(rs.stream().sorted(AuditRecord.ORDER).toList());
      previous = Optional.of(body);
    }
    return new Range(List.copyOf(checkpoints), List.copyOf(periods));
  }

  /** The whole file as a tree. */
  static ObjectNode build() {
    Range range = range();
    ObjectNode root = F.objectNode();
    root.put("format", "quantaseal-audit-v1-vectors");
    root.put(
        "about",
        "Known answers for the audit checkpoints of docs/audit.md: a range of three periods"
            + " (three records, none, five) with every intermediate value, then verification cases"
            + " whose expected outcome is either valid (expect null) or the first failing period."
            + " Generated by io.quantaseal.crypto.audit.AuditVectorGenerator; signatures are"
            + " deterministic ML-DSA-65 (rnd = 32 zero bytes).");
    root.put("context", SignedCheckpoint.CONTEXT);
    root.put("tenant_id", TENANT);
    ArrayNode keys = root.putArray("keys");
    keys.add(keyJson(SKID, "server", true));
    keys.add(keyJson(ATTACKER_SKID, "attacker", false));

    ArrayNode periods = root.putArray("periods");
    for (int p = 0; p < PERIODS; p++) {
      SignedCheckpoint c = range.checkpoints().get(p);
      ObjectNode o = periods.addObject();
      o.put("seq", p);
      o.put("period_start", AuditTime.format(periodStart(p)));
      o.put("period_end", AuditTime.format(periodStart(p + 1)));
      ArrayNode records = o.putArray("records");
      for (AuditRecord r : range.periods().get(p)) {
        ObjectNode e = records.addObject();
        e.set("record", r.toJson());
        e.put("jcs", r.canonicalString());
        e.put("leaf", Base64Url.encode(r.leafHash()));
      }
      o.put("root", Base64Url.encode(c.body().root()));
      o.set("body", c.body().toJson());
      o.put("body_jcs", c.body().canonicalString());
      o.put("body_hash", Base64Url.encode(c.body().hash()));
      o.put("sig", Base64Url.encode(c.sig()));
    }

    ArrayNode cases = root.putArray("verifications");
    for (VerificationCase v : VerificationCase.all(range)) {
      cases.add(v.toJson());
    }
    return root;
  }

  private static ObjectNode keyJson(String skid, String name, boolean trusted) {
    ObjectNode k = F.objectNode();
    k.put("skid", skid);
    k.put("seed", Base64Url.encode(seed(name)));
    k.put("public_key", Base64Url.encode(key(name).publicKey().toBytes()));
    k.put("trusted", trusted);
    return k;
  }

  /**
   * The file's exact text: two-space indentation, "\n" line ends, UTF-8 unescaped, final newline.
   */
  static String render() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    try {
      return MAPPER.writer(printer).writeValueAsString(build()) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One input to the verifier and what it must say. */
  record VerificationCase(
      String name,
      String description,
      Instant from,
      Instant to,
      CheckpointBody anchor,
      List<SignedCheckpoint> checkpoints,
      List<AuditRecord> records,
      AuditFailure.Kind kind,
      Long seq,
      Instant failingStart,
      Instant failingEnd) {

    static VerificationCase valid(
        String name,
        String description,
        Instant from,
        Instant to,
        CheckpointBody anchor,
        List<SignedCheckpoint> checkpoints,
        List<AuditRecord> records) {
      return new VerificationCase(
          name, description, from, to, anchor, checkpoints, records, null, null, null, null);
    }

    static VerificationCase failing(
        String name,
        String description,
        List<SignedCheckpoint> checkpoints,
        List<AuditRecord> records,
        AuditFailure.Kind kind,
        Long seq,
        Instant start,
        Instant end) {
      return new VerificationCase(
          name,
          description,
          periodStart(0),
          periodStart(PERIODS),
          null,
          checkpoints,
          records,
          kind,
          seq,
          start,
          end);
    }

    static List<VerificationCase> all(Range range) {
      CheckpointSigner server = signer(SKID, "server");
      List<VerificationCase> out = new ArrayList<>();
      List<SignedCheckpoint> cps = range.checkpoints();
      List<AuditRecord> all = range.records();
      AuditRecord victim = range.periods().get(2).get(1);

      out.add(
          valid(
              "clean",
              "The range as the service wrote it.",
              periodStart(0),
              periodStart(PERIODS),
              null,
              cps,
              all));
      out.add(
          valid(
              "tail-with-anchor",
              "Seq 1 and 2 only, with the body of seq 0 (verified earlier) as the anchor: the"
                  + " first prev link is checked against it.",
              periodStart(1),
              periodStart(PERIODS),
              range.body(0),
              cps.subList(1, PERIODS),
              range.periods().get(2)));

      out.add(
          failing(
              "deleted-record",
              "One record of seq 2 is deleted from the store.",
              cps,
              without(all, victim),
              AuditFailure.Kind.RECORD_MISSING,
              2L,
              periodStart(2),
              periodStart(3)));

      AuditRecord original = range.periods().get(2).get(2);
      ObjectNode altered = original.toJson();
      altered.put(
          "outcome", "success".equals(altered.get("outcome").textValue()) ? "denied" : "success");
      out.add(
          failing(
              "altered-field",
              "The outcome of one record of seq 2 is changed.",
              cps,
              replace(all, original, AuditRecord.fromJson(altered)),
              AuditFailure.Kind.ROOT_MISMATCH,
              2L,
              periodStart(2),
              periodStart(3)));

      ObjectNode forged = range.periods().get(0).get(0).toJson();
      forged.put("audit_id", "aud_01JE2FD0000000000000000000");
      forged.put("time", "2026-12-04T18:40:30.000000Z");
      List<AuditRecord> inserted = new ArrayList<>(all);
      inserted.add(AuditRecord.fromJson(forged));
      out.add(
          failing(
              "inserted-record",
              "A forged record is inserted into the empty period seq 1.",
              cps,
              inserted,
              AuditFailure.Kind.RECORD_EXTRA,
              1L,
              periodStart(1),
              periodStart(2)));

      out.add(
          failing(
              "deleted-checkpoint",
              "The checkpoint seq 1 is deleted.",
              List.of(cps.get(0), cps.get(2)),
              all,
              AuditFailure.Kind.CHECKPOINT_MISSING,
              1L,
              periodStart(1),
              periodStart(2)));

      out.add(
          failing(
              "truncated",
              "The last checkpoint and its records are deleted; the range asked for still ends"
                  + " where seq 2 ended.",
              cps.subList(0, 2),
              range.records().subList(0, 3),
              AuditFailure.Kind.CHECKPOINT_MISSING,
              2L,
              periodStart(2),
              periodStart(3)));

      List<AuditRecord> kept = without(range.periods().get(2), victim);
      CheckpointBody recomputed =
          CheckpointBody.forPeriod(
              Optional.of(range.body(1)), TENANT, periodStart(2), periodStart(3), kept, SKID);
      out.add(
          failing(
              "re-signed-with-another-key",
              "A record of seq 2 is deleted and seq 2 recomputed to match, then signed with"
                  + " another key under the server's skid.",
              replace(cps, cps.get(2), signer(SKID, "attacker").signDeterministically(recomputed)),
              without(all, victim),
              AuditFailure.Kind.BAD_SIGNATURE,
              2L,
              periodStart(2),
              periodStart(3)));

      CheckpointBody recomputedOwnSkid =
          CheckpointBody.forPeriod(
              Optional.of(range.body(1)),
              TENANT,
              periodStart(2),
              periodStart(3),
              kept,
              ATTACKER_SKID);
      out.add(
          failing(
              "re-signed-with-unknown-key",
              "As above, but signed under the other key's own skid, which the verifier does not"
                  + " trust.",
              replace(
                  cps,
                  cps.get(2),
                  signer(ATTACKER_SKID, "attacker").signDeterministically(recomputedOwnSkid)),
              without(all, victim),
              AuditFailure.Kind.UNKNOWN_KEY,
              2L,
              periodStart(2),
              periodStart(3)));

      CheckpointBody b2 = range.body(2);
      CheckpointBody fewer =
          AuditFixtures.changed(
              b2,
              b ->
                  b.put("count", b2.count() - 1)
                      .put(
                          "root",
                          Base64Url.encode(
                              MerkleTree.root(kept.stream().map(AuditRecord::leafHash).toList()))));
      out.add(
          failing(
              "altered-body",
              "A record of seq 2 is deleted and the body's count and root changed to match,"
                  + " keeping the old signature.",
              replace(cps, cps.get(2), SignedCheckpoint.of(fewer, cps.get(2).sig())),
              without(all, victim),
              AuditFailure.Kind.BAD_SIGNATURE,
              2L,
              periodStart(2),
              periodStart(3)));

      CheckpointBody rewritten =
          CheckpointBody.forPeriod(
              Optional.of(range.body(0)),
              TENANT,
              periodStart(1),
              periodStart(2),
              List.of(AuditRecord.fromJson(forged)),
              SKID);
      out.add(
          failing(
              "rewritten-period",
              "Seq 1 is rewritten and re-signed with the server's own key to hold a forged"
                  + " record; seq 2 still links to the original seq 1.",
              replace(cps, cps.get(1), server.signDeterministically(rewritten)),
              inserted,
              AuditFailure.Kind.PREV_MISMATCH,
              2L,
              periodStart(2),
              periodStart(3)));

      ObjectNode foreign = range.periods().get(0).get(1).toJson();
      foreign.put("tenant_id", OTHER_TENANT);
      out.add(
          failing(
              "other-tenants-record",
              "A record of seq 0 is replaced by the same record of another tenant.",
              cps,
              replace(all, range.periods().get(0).get(1), AuditRecord.fromJson(foreign)),
              AuditFailure.Kind.TENANT_MISMATCH,
              0L,
              periodStart(0),
              periodStart(1)));

      List<AuditRecord> twice = new ArrayList<>(all);
      twice.add(range.periods().get(0).get(2));
      out.add(
          failing(
              "duplicated-record",
              "A record of seq 0 is listed twice.",
              cps,
              twice,
              AuditFailure.Kind.DUPLICATE_RECORD,
              0L,
              periodStart(0),
              periodStart(1)));
      return out;
    }

    ObjectNode toJson() {
      ObjectNode o = F.objectNode();
      o.put("name", name);
      o.put("description", description);
      o.put("from", AuditTime.format(from));
      o.put("to", AuditTime.format(to));
      if (anchor == null) {
        o.putNull("anchor");
      } else {
        o.set("anchor", anchor.toJson());
      }
      ArrayNode c = o.putArray("checkpoints");
      checkpoints.forEach(x -> c.add(x.toJson()));
      ArrayNode r = o.putArray("records");
      records.stream().sorted(AuditRecord.ORDER).forEach(x -> r.add(x.toJson()));
      if (kind == null) {
        o.putNull("expect");
      } else {
        ObjectNode e = o.putObject("expect");
        e.put("kind", kind.code());
        if (seq == null) {
          e.putNull("seq");
        } else {
          e.put("seq", seq);
        }
        e.put("period_start", AuditTime.format(failingStart));
        e.put("period_end", AuditTime.format(failingEnd));
      }
      return o;
    }
  }

  private static <T> List<T> without(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    if (!out.remove(item)) {
      throw new IllegalArgumentException("not in the list");
    }
    return List.copyOf(out);
  }

  private static <T> List<T> replace(List<T> list, T item, T with) {
    List<T> out = new ArrayList<>(list);
    int i = out.indexOf(item);
    if (i < 0) {
      throw new IllegalArgumentException("not in the list");
    }
    out.set(i, with);
    return List.copyOf(out);
  }

  /** Writes the vectors file to {@code args[0]} (default {@value #RELATIVE_PATH}). */
  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : RELATIVE_PATH).toAbsolutePath();
    Files.createDirectories(out.getParent());
    String text = render();
    Files.writeString(out, text, StandardCharsets.UTF_8);
    JsonNode written = Jcs.parse(text);
    System.out.printf(
        "wrote %d periods and %d verification cases (%d bytes) to %s%n",
        written.get("periods").size(),
        written.get("verifications").size(),
        text.getBytes(StandardCharsets.UTF_8).length,
        out);
  }
}
