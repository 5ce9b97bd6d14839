package io.quantaseal.tenantadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.CheckpointRepository;
import io.quantaseal.common.store.SigningKeyRecord;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.crypto.audit.AuditFailure;
import io.quantaseal.crypto.audit.AuditTime;
import io.quantaseal.crypto.audit.AuditTrailVerifier;
import io.quantaseal.crypto.audit.CheckpointSigner;
import io.quantaseal.crypto.audit.SignedCheckpoint;
import io.quantaseal.crypto.audit.VerificationRequest;
import io.quantaseal.crypto.audit.VerificationResult;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import io.quantaseal.tenantadmin.checkpoints.AuditCheckpointFunction;
import io.quantaseal.tenantadmin.checkpoints.AuditCheckpointHandler;
import io.quantaseal.tenantadmin.checkpoints.CheckpointWriter;
import io.quantaseal.testsupport.TestEvents;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The verifiable audit trail end to end on DynamoDB Local (docs/audit.md): the scheduled
 * AuditCheckpointFunction signs each tenant's closed periods; {@code GET /api/v2/audit/checkpoints}
 * and {@code GET /api/v2/audit} list them as a caller reads them; the audit library's verifier
 * accepts the clean range and names the period of each kind of tampering done to the table.
 */
class AuditCheckpointsIntegrationTest {
  static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
  static final Instant THREE_MINUTES = T0.plus(Duration.ofMinutes(3));

  private AdminTestBed bed;
  private AuditCheckpointHandler writer;

  @BeforeEach
  void start() {
    bed = new AdminTestBed();
    writer =
        AuditCheckpointFunction.builder()
            .config(bed.config)
            .dynamoDb(bed.db.client())
            .keyring(bed.keyring)
            .random(bed.random)
            .clock(bed.clock)
            .settings(
                new CheckpointWriter.Settings(Duration.ofSeconds(60), Duration.ofSeconds(120), 240))
            .build()
            .handler();
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  /** Runs the function once on the schedule's sample event; its answer. */
  private JsonNode runSchedule() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.handleRequest(
        new ByteArrayInputStream(
            TestEvents.repo()
                .read("tenant-admin/checkpoint-schedule.json")
                .getBytes(StandardCharsets.UTF_8)),
        out,
        null);
    return io.quantaseal.common.json.Json.parseObject(out.toString(StandardCharsets.UTF_8));
  }

  /** Some activity in the first three minutes: key creations and denials, in two periods. */
  private void activity() {
    for (int second : new int[] {5, 20, 70, 130, 131}) {
      bed.clock.set(T0.plusSeconds(second));
      assertEquals(
          201,
          bed.request("create-api-key.json")
              .key(bed.adminA)
              .body("{\"name\":\"k" + second + "\"}")
              .send()
              .status());
    }
    bed.clock.set(T0.plusSeconds(75));
    bed.request("list-api-keys.json").key(bed.plainA).send(); // denied: no admin scope
  }

  private List<JsonNode> checkpoints(String key, Instant from, Instant to) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      AdminTestBed.Request q =
          bed.request("list-audit-checkpoints.json")
              .key(key)
              .query("from", AuditTime.format(from))
              .query("to", AuditTime.format(to))
              .query("limit", "2");
      if (cursor != null) {
        q.query("cursor", cursor);
      }
      ApiGatewayTestClient.Response r = q.send();
      assertEquals(200, r.status(), r.body());
      r.json().path("checkpoints").forEach(out::add);
      cursor = r.json().path("next_cursor").isNull() ? null : r.json().path("next_cursor").asText();
    } while (cursor != null);
    return out;
  }

  private List<JsonNode> records(String key, Instant from, Instant to) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      AdminTestBed.Request q =
          bed.request("list-audit.json")
              .key(key)
              .query("from", AuditTime.format(from))
              .query("to", AuditTime.format(to))
              .query("limit", "200");
      if (cursor != null) {
        q.query("cursor", cursor);
      }
      JsonNode page = q.send().json();
      page.path("records").forEach(out::add);
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
    } while (cursor != null);
    return out;
  }

  private Map<String, MlDsaPublicKey> serverKeys() {
    Map<String, MlDsaPublicKey> keys = new HashMap<>();
    for (SigningKeyRecord k :
        new SigningKeyRepository(bed.db.client(), bed.config.vaultTable()).all()) {
      keys.put(k.skid(), MlDsaPublicKey.fromBytes(k.publicKey()));
    }
    return keys;
  }

  /** What a tenant's SDK does: list both, verify with the server keys. */
  private VerificationResult verify(String tenant, String key, Instant from, Instant to) {
    return new AuditTrailVerifier(serverKeys())
        .verify(
            VerificationRequest.of(
                tenant, from, to, checkpoints(key, from, to), records(key, from, to)));
  }

  @Test
  void closedPeriodsAreSignedAfterTheLag_andTheCleanRangeVerifies() throws Exception {
    activity();
    bed.clock.set(T0.plus(Duration.ofMinutes(5)).plusSeconds(1));
    JsonNode first = runSchedule();
    // [12:00, 12:01), [12:01, 12:02), [12:02, 12:03) are 120 s closed by 12:05:01; 12:03 is not.
    assertEquals(2, first.path("tenants").asInt());
    assertEquals(6, first.path("written").asInt(), first.toString());
    assertEquals(0, runSchedule().path("written").asInt(), "a period is signed once");

    List<JsonNode> mine = checkpoints(bed.adminA, T0, THREE_MINUTES);
    assertEquals(3, mine.size());
    for (int i = 0; i < 3; i++) {
      JsonNode body = mine.get(i).path("body");
      assertEquals(i, body.path("seq").asInt());
      assertEquals(bed.tenantA, body.path("tenant_id").asText());
      assertEquals(AuditTime.format(T0.plusSeconds(60L * i)), body.path("period_start").asText());
    }
    VerificationResult clean = verify(bed.tenantA, bed.adminA, T0, THREE_MINUTES);
    assertTrue(clean.isValid(), () -> clean.failure().toString());
    assertEquals(3, clean.checkpointsVerified());
    assertTrue(clean.recordsVerified() >= 7, "tenant creation, keys, creations, the denial");
    VerificationResult b = verify(bed.tenantB, bed.adminB, T0, THREE_MINUTES);
    assertTrue(b.isValid(), () -> b.failure().toString());
    assertEquals(3, b.checkpointsVerified(), "an empty period gets a checkpoint too");

    // A later run catches up from where the chain ends, with prev links across runs.
    bed.clock.set(T0.plus(Duration.ofMinutes(8)));
    assertEquals(6, runSchedule().path("written").asInt());
    VerificationResult longer = verify(bed.tenantA, bed.adminA, T0, T0.plus(Duration.ofMinutes(6)));
    assertTrue(longer.isValid(), () -> longer.failure().toString());
    assertEquals(6, longer.checkpointsVerified());
  }

  @Test
  void eachKindOfTamperingInTheTableIsNamedWithItsPeriod() throws Exception {
    activity();
    bed.clock.set(T0.plus(Duration.ofMinutes(5)).plusSeconds(1));
    runSchedule();
    String auditTable = bed.config.auditTable();
    var dynamo = bed.db.client();
    List<Map<String, AttributeValue>> items =
        dynamo
            .query(
                r ->
                    r.tableName(auditTable)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(
                            Map.of(":pk", AttributeValue.fromS(AuditLog.pk(bed.tenantA)))))
            .items();
    // A record of the second period, [12:01, 12:02).
    Map<String, AttributeValue> victim =
        items.stream()
            .filter(i -> i.get("time").s().startsWith("2026-12-06T12:01:10"))
            .findFirst()
            .orElseThrow();

    // Altered: the same record with one field changed.
    Map<String, AttributeValue> altered = new HashMap<>(victim);
    altered.put("outcome", AttributeValue.fromS("denied"));
    dynamo.putItem(r -> r.tableName(auditTable).item(altered));
    assertFailure(AuditFailure.Kind.ROOT_MISMATCH, 1);

    // Deleted.
    dynamo.deleteItem(
        r -> r.tableName(auditTable).key(Map.of("pk", victim.get("pk"), "sk", victim.get("sk"))));
    assertFailure(AuditFailure.Kind.RECORD_MISSING, 1);
    dynamo.putItem(r -> r.tableName(auditTable).item(victim));
    assertTrue(verify(bed.tenantA, bed.adminA, T0, THREE_MINUTES).isValid(), "restored");

    // Inserted: a forged record in the third period.
    Map<String, AttributeValue> forged = new HashMap<>(victim);
    forged.put("audit_id", AttributeValue.fromS("aud_forged000000000000000000"));
    forged.put("time", AttributeValue.fromS("2026-12-06T12:02:30Z"));
    forged.put(
        "sk",
        AttributeValue.fromS(
            AuditLog.sortableTime(Instant.parse("2026-12-06T12:02:30Z"))
                + "#aud_forged000000000000000000"));
    dynamo.putItem(r -> r.tableName(auditTable).item(forged));
    assertFailure(AuditFailure.Kind.RECORD_EXTRA, 2);
    dynamo.deleteItem(
        r -> r.tableName(auditTable).key(Map.of("pk", forged.get("pk"), "sk", forged.get("sk"))));

    // A checkpoint deleted: the gap is named.
    Map<String, AttributeValue> second =
        Map.of(
            "pk", AttributeValue.fromS(CheckpointRepository.pk(bed.tenantA)),
            "sk", AttributeValue.fromS(AuditTime.format(T0.plusSeconds(60))));
    Map<String, AttributeValue> stored =
        dynamo.getItem(r -> r.tableName(auditTable).key(second)).item();
    dynamo.deleteItem(r -> r.tableName(auditTable).key(second));
    assertFailure(AuditFailure.Kind.CHECKPOINT_MISSING, 1);
    dynamo.putItem(r -> r.tableName(auditTable).item(stored));

    // Re-signed with a key the tenant does not trust, under the server's own skid.
    SignedCheckpoint original = CheckpointRepository.fromItem(stored);
    SignedCheckpoint resigned =
        new CheckpointSigner(
                original.body().skid(), MlDsa65.generateKeyPair(bed.random), bed.random)
            .sign(original.body());
    Map<String, AttributeValue> resignedItem = new HashMap<>(stored);
    resignedItem.put(
        "sig",
        AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(resigned.sig())));
    dynamo.putItem(r -> r.tableName(auditTable).item(resignedItem));
    assertFailure(AuditFailure.Kind.BAD_SIGNATURE, 1);
  }

  private void assertFailure(AuditFailure.Kind kind, long seq) {
    VerificationResult r = verify(bed.tenantA, bed.adminA, T0, THREE_MINUTES);
    assertFalse(r.isValid(), kind + " not detected");
    assertEquals(kind, r.failure().get().kind(), r.failure().get().toString());
    assertEquals(seq, r.failure().get().seq().orElseThrow(), r.failure().get().toString());
    assertEquals(T0.plusSeconds(60 * seq), r.failure().get().periodStart().orElseThrow());
  }

  @Test
  void listingIsTheCallersTenantOnly_needsAdmin_andRefusesBadParameters() throws Exception {
    activity();
    bed.clock.set(T0.plus(Duration.ofMinutes(5)).plusSeconds(1));
    runSchedule();
    for (JsonNode c : checkpoints(bed.adminB, T0, THREE_MINUTES)) {
      assertEquals(bed.tenantB, c.path("body").path("tenant_id").asText());
    }
    ApiGatewayTestClient.Response b =
        bed.request("list-audit-checkpoints.json").key(bed.adminB).send();
    assertFalse(b.body().contains(bed.tenantA));
    String cursorOfA =
        bed.request("list-audit-checkpoints.json")
            .key(bed.adminA)
            .query("from", AuditTime.format(T0))
            .query("limit", "1")
            .send()
            .json()
            .path("next_cursor")
            .asText();
    assertEquals(
        400,
        bed.request("list-audit-checkpoints.json")
            .key(bed.adminB)
            .query("from", AuditTime.format(T0))
            .query("cursor", cursorOfA)
            .send()
            .status(),
        "another tenant's cursor");

    ApiGatewayTestClient.Response noScope =
        bed.request("list-audit-checkpoints.json").key(bed.plainA).send();
    assertEquals(403, noScope.status());
    assertEquals("operation_not_allowed", noScope.errorCode());
    JsonNode denials =
        bed.request("list-audit.json")
            .key(bed.adminA)
            .query("outcome", "denied")
            .send()
            .json()
            .path("records");
    boolean audited = false;
    for (JsonNode d : denials) {
      audited |= "audit_checkpoints".equals(d.path("details").path("list").asText());
    }
    assertTrue(audited, "the refused read is audited");

    for (String[] bad :
        new String[][] {{"from", "yesterday"}, {"to", "2026-13-01T00:00:00Z"}, {"limit", "0"}}) {
      ApiGatewayTestClient.Response r =
          bed.request("list-audit-checkpoints.json").key(bed.adminA).query(bad[0], bad[1]).send();
      assertEquals(400, r.status(), bad[0] + "=" + bad[1]);
      assertEquals("invalid_request", r.errorCode());
    }
  }
}
