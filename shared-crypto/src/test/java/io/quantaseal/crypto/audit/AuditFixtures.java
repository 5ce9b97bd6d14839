package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A small audit trail for tests: a tenant, a server signing key (and a second one an attacker might
 * hold), and helpers that build records and chains of checkpoints. Keys come from SHA-256 of a
 * label, so every run uses the same ones.
 */
final class AuditFixtures {
  static final String TENANT = "ten_01JE2F3G4H5J6K7M8N9P0Q1R2S";
  static final String OTHER_TENANT = "ten_01JE2F3G4H5J6K7M8N9P0Q1R2T";
  static final String SKID = "sk_audit_2026_12";
  static final String OTHER_SKID = "sk_audit_attacker";
  static final Instant T0 = Instant.parse("2026-12-04T18:39:00Z");
  static final Duration PERIOD = Duration.ofSeconds(60);

  static final MlDsaPrivateKey KEY = key("quantaseal/audit/v1/tests/server-key");
  static final MlDsaPrivateKey OTHER_KEY = key("quantaseal/audit/v1/tests/attacker-key");
  static final CheckpointSigner SIGNER = new CheckpointSigner(SKID, KEY, new SecureRandom());
  static final Map<String, MlDsaPublicKey> SERVER_KEYS = Map.of(SKID, KEY.publicKey());

  private AuditFixtures() {}

  static MlDsaPrivateKey key(String label) {
    try (SecretBytes seed = SecretBytes.wrap(sha256(label))) {
      return MlDsaPrivateKey.fromSeed(seed);
    }
  }

  static byte[] sha256(String label) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code body} with its JSON changed by {@code change} (checked like any parsed body). */
  static CheckpointBody changed(CheckpointBody body, Consumer<ObjectNode> change) {
    ObjectNode json = body.toJson();
    change.accept(json);
    return CheckpointBody.fromJson(json);
  }

  static Instant periodStart(int period) {
    return T0.plus(PERIOD.multipliedBy(period));
  }

  /** Record {@code n} of {@code tenant}, {@code offsetMillis} into period {@code period}. */
  static ObjectNode recordJson(String tenant, int period, long offsetMillis, int n) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("audit_id", String.format("aud_%02d_%04d", period, n));
    r.put("tenant_id", tenant);
    r.put(
        "time",
        AuditTime.format(periodStart(period).plusMillis(offsetMillis).plusNanos(1_000L * n)));
    r.put("action", "proxy.outbound");
    r.put("outcome", n % 3 == 0 ? "denied" : "success");
    r.put("request_id", "req_" + period + "_" + n);
    r.put("actor", "ak_01JE2F3G4H5J6K7M8N9P0Q1R2V");
    r.putObject("resource").put("integration_id", "int_01JE2F3G4H5J6K7M8N9P0Q1R2W");
    r.putObject("details").put("operation", "send_event").put("status", 202);
    return r;
  }

  static AuditRecord record(int period, long offsetMillis, int n) {
    return AuditRecord.fromJson(recordJson(TENANT, period, offsetMillis, n));
  }

  /** A trail: its checkpoints and the records of each period. */
  record Trail(List<SignedCheckpoint> checkpoints, List<List<AuditRecord>> periods) {
    List<AuditRecord> records() {
      return periods.stream().flatMap(List::stream).toList();
    }

    Instant from() {
      return checkpoints.get(0).body().periodStart();
    }

    Instant to() {
      return checkpoints.get(checkpoints.size() - 1).body().periodEnd();
    }

    VerificationRequest request() {
      return VerificationRequest.ofParsed(TENANT, from(), to(), checkpoints, records());
    }
  }

  /** Checkpoints seq 0.. of consecutive periods holding {@code counts[i]} records each. */
  static Trail trail(int... counts) {
    List<SignedCheckpoint> checkpoints = new ArrayList<>();
    List<List<AuditRecord>> periods = new ArrayList<>();
    Optional<CheckpointBody> previous = Optional.empty();
    for (int p = 0; p < counts.length; p++) {
      List<AuditRecord> records = new ArrayList<>();
      for (int n = 0; n < counts[p]; n++) {
        records.add(record(p, 1_000L * (n + 1), n));
      }
      SignedCheckpoint c =
          SIGNER.next(previous, TENANT, periodStart(p), periodStart(p + 1), records);
      checkpoints.add(c);
      periods.add(List.copyOf(records));
      previous = Optional.of(c.body());
    }
    return new Trail(List.copyOf(checkpoints), List.copyOf(periods));
  }
}
