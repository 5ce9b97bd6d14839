package io.quantaseal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.apifixtures.ApiFixture.Tenant;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.store.ClientKeyRepository;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.proxy.ProxyHarness.ClientKey;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Response;
import io.quantaseal.testsupport.lambda.TestLambdaContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ProxyOutboundFunction end to end: authorizer → function with the sample events of {@code
 * events/proxy-outbound/}, on DynamoDB Local + moto KMS and a fake Datadog on loopback; every
 * envelope is opened with shared-crypto's {@code EnvelopeOpener} and the client key registered
 * through SealFunction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyOutboundIntegrationTest {
  private static final String EVENT = "proxy-outbound/send-event.json";
  private static final String METRIC = "proxy-outbound/send-metric.json";
  private static final String POINT = "proxy-outbound/send-metric-point.json";
  private static final String LOG = "proxy-outbound/send-log.json";
  private static final String LOGS = "proxy-outbound/send-log-batch.json";
  private static final String GET_INTEGRATION = "integrations/get-integration.json";

  private ProxyHarness h;
  private ClientKey clientKey;
  private String ddKey;
  private String vlt;
  private String all; // allows every operation
  private String eventsOnly;
  private String none;
  private final Set<String> secrets = new TreeSet<>();

  @BeforeAll
  void start() {
    h = new ProxyHarness();
    clientKey = h.registerClientKey(h.a);
    ddKey = h.newDatadogKey(true);
    secrets.add(ddKey);
    secrets.add(h.a.apiKey());
    secrets.add(h.b.apiKey());
    vlt = h.sealDatadogKey(h.a, ddKey);
    all = integration(h.a, vlt, List.of("send_event", "send_metric", "send_log"));
    eventsOnly = integration(h.a, vlt, List.of("send_event"));
    none = integration(h.a, vlt, List.of());
  }

  @AfterAll
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @BeforeEach
  void resetFake() {
    h.datadog.reset();
    h.sleeps.clear();
  }

  private String integration(Tenant t, String credentialId, List<String> ops) {
    Response r = h.createIntegration(t, credentialId, "datadoghq.eu", ops);
    assertEquals(201, r.status(), r.body());
    return r.json().get("integration_id").asText();
  }

  /** The sample event's body with this integration (and fresh metric timestamps). */
  private ObjectNode body(String eventFile, String integrationId) {
    ObjectNode body = h.body(eventFile);
    body.put("integration_id", integrationId);
    if (body.has("rkid")) {
      body.put("rkid", clientKey.rkid());
    }
    JsonNode series = body.path("payload").path("series");
    for (JsonNode s : series) {
      for (JsonNode p : s.get("points")) {
        ((ObjectNode) p).put("timestamp", Instant.now().getEpochSecond());
      }
    }
    return body;
  }

  private Response proxy(Tenant t, String eventFile, ObjectNode body) {
    return h.call(h.proxy, eventFile, t, null, body.toString());
  }

  /** The sample event to {@code all} by tenant A, with extra headers and a Lambda context. */
  private Response sendEvent(
      Map<String, String> headers, com.amazonaws.services.lambda.runtime.Context context) {
    return h.call(
        h.proxy, EVENT, h.a.apiKey(), null, body(EVENT, all).toString(), headers, context);
  }

  private Response proxy(String eventFile, String integrationId) {
    return proxy(h.a, eventFile, body(eventFile, integrationId));
  }

  /** Opens the envelope in the answer (both checks, then decrypt) and returns the plaintext. */
  private JsonNode open(Response r) {
    assertEquals("upstream", r.header("X-QS-Source"), r.body());
    HybridCryptoEnvelope envelope = HybridCryptoEnvelope.parse(r.body());
    assertEquals(r.header("X-Request-Id"), envelope.rid());
    assertEquals(clientKey.rkid(), envelope.rkid());
    assertEquals(clientKey.hkid(), envelope.hkid());
    byte[] plaintext = clientKey.opener().open(r.body());
    JsonNode j = Json.parseLenient(new String(plaintext, StandardCharsets.UTF_8));
    List<String> names = new ArrayList<>();
    j.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("integration_id", "operation", "upstream", "audit_id"), names);
    List<String> upstream = new ArrayList<>();
    j.get("upstream").fieldNames().forEachRemaining(upstream::add);
    assertEquals(List.of("status", "body", "latency_ms"), upstream);
    assertEquals(r.status(), j.get("upstream").get("status").asInt());
    return j;
  }

  private AuditRecord auditRecord(Tenant t, String auditId) {
    return h.audit(t).stream()
        .filter(r -> r.auditId().equals(auditId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no audit record " + auditId));
  }

  private AuditRecord lastProxyCall(Tenant t) {
    AuditRecord last = null;
    for (AuditRecord r : h.audit(t)) {
      if (r.action().equals(AuditActions.PROXY_CALL)) {
        last = r;
      }
    }
    assertNotNull(last);
    return last;
  }

  // ---- allowed operations ---------------------------------------------------------------------

  @Test
  void sendEvent_allowed_202EnvelopeWithDatadogsAnswerAndTheAuditId() {
    Response r = proxy(EVENT, all);

    assertEquals(202, r.status(), r.body());
    assertEquals("no-store", r.header("Cache-Control"));
    JsonNode p = open(r);
    assertEquals(all, p.get("integration_id").asText());
    assertEquals("send_event", p.get("operation").asText());
    assertEquals("ok", p.get("upstream").get("body").get("status").asText());
    assertEquals(
        "Deployment finished", p.get("upstream").get("body").get("event").get("title").asText());
    assertTrue(p.get("upstream").get("latency_ms").asLong() >= 0);

    FakeDatadog.ReceivedRequest sent = h.datadog.requests(FakeDatadog.EVENTS).get(0);
    assertEquals(ddKey, sent.header(FakeDatadog.API_KEY_HEADER), "the sealed key, unsealed");
    assertNull(sent.header(FakeDatadog.APPLICATION_KEY_HEADER), "no endpoint here needs it");
    assertEquals(body(EVENT, all).get("payload"), sent.json());
    assertEquals(1, h.datadog.requests().size());

    AuditRecord audit = auditRecord(h.a, p.get("audit_id").asText());
    assertEquals(AuditActions.PROXY_CALL, audit.action());
    assertEquals(AuditRecord.SUCCESS, audit.outcome());
    assertEquals(all, audit.target());
    assertEquals("send_event", audit.details().get("operation"));
    assertEquals("202", audit.details().get("upstream_status"));
    assertEquals("1", audit.details().get("attempts"));
    assertNotNull(audit.details().get("latency_ms"));
    assertEquals(
        Set.of(
            "system_type",
            "operation",
            "site",
            "credential_version",
            "upstream_status",
            "latency_ms",
            "attempts"),
        audit.details().keySet());
    assertFalse(audit.toString().contains("Deployment"), "no payload in the audit trail");
    assertFalse(audit.toString().contains(ddKey));
  }

  @Test
  void retriedCall_withIdempotencyKey_sendsOnceAndReplaysTheEnvelope() {
    String body = body(EVENT, all).toString();
    Map<String, String> idem = Map.of("Idempotency-Key", "evt-42");
    Response first = h.call(h.proxy, EVENT, h.a.apiKey(), null, body, idem, null);
    Response second = h.call(h.proxy, EVENT, h.a.apiKey(), null, body, idem, null);
    assertEquals(202, first.status(), first.body());
    assertEquals(202, second.status(), second.body());
    assertEquals("true", second.header("Idempotent-Replayed"));
    assertEquals(open(first).get("audit_id"), open(second).get("audit_id"), "the first answer");
    assertNotEquals(first.header("X-Request-Id"), second.header("X-Request-Id"));
    assertEquals(1, h.datadog.requests(FakeDatadog.EVENTS).size(), "Datadog got the event once");
    Response other =
        h.call(h.proxy, EVENT, h.a.apiKey(), null, body(METRIC, all).toString(), idem, null);
    assertEquals(409, other.status());
    assertEquals("idempotency_conflict", other.json().path("error").path("code").asText());
  }

  @Test
  void sendMetric_seriesBody_sentAsIs() {
    ObjectNode body = body(METRIC, all);
    Response r = proxy(h.a, METRIC, body);
    assertEquals(202, r.status(), r.body());
    assertEquals("send_metric", open(r).get("operation").asText());
    assertEquals(
        body.get("payload").toString(),
        h.datadog.requests(FakeDatadog.SERIES).get(0).json().toString());
  }

  @Test
  void sendMetric_onePoint_becomesAV2SeriesBody() {
    long before = Instant.now().getEpochSecond();
    Response r = proxy(POINT, all);
    assertEquals(202, r.status(), r.body());
    open(r);
    JsonNode series = h.datadog.requests(FakeDatadog.SERIES).get(0).json().get("series");
    assertEquals(1, series.size());
    JsonNode s = series.get(0);
    assertEquals("checkout.queue.depth", s.get("metric").asText());
    assertEquals(3, s.get("type").asInt(), "gauge");
    assertEquals("[\"env:prod\"]", s.get("tags").toString());
    assertEquals(17, s.get("points").get(0).get("value").asInt());
    assertTrue(s.get("points").get(0).get("timestamp").asLong() >= before);
  }

  @Test
  void sendLog_oneObjectAndABatchToTheNamedClientKey() {
    Response one = proxy(LOG, all);
    assertEquals(202, one.status(), one.body());
    open(one);
    Response batch = proxy(LOGS, all); // names rkid explicitly
    assertEquals(202, batch.status(), batch.body());
    open(batch);
    List<FakeDatadog.ReceivedRequest> sent = h.datadog.requests(FakeDatadog.LOGS);
    assertTrue(sent.get(0).json().isObject());
    assertEquals(3, sent.get(1).json().size());
  }

  @Test
  void sendLog_largeBatch_gzippedOnTheWire() {
    ObjectNode body = body(LOGS, all);
    ArrayNode logs = body.putArray("payload");
    for (int i = 0; i < 200; i++) {
      logs.addObject()
          .put("message", "order " + i + " shipped to warehouse " + (i % 7))
          .put("service", "checkout");
    }
    Response r = proxy(h.a, LOGS, body);
    assertEquals(202, r.status(), r.body());
    FakeDatadog.ReceivedRequest sent = h.datadog.requests(FakeDatadog.LOGS).get(0);
    assertEquals("gzip", sent.header("Content-Encoding"));
    assertEquals(200, sent.json().size(), "the fake decoded what was sent");
  }

  // ---- denied ---------------------------------------------------------------------------------

  @Test
  void operationNotInAllowList_403AuditedAsDeniedPolicyAlert_nothingSent() {
    Response r = proxy(LOG, eventsOnly);

    assertEquals(403, r.status(), r.body());
    assertEquals("operation_not_allowed", r.errorCode());
    assertNull(r.header("X-QS-Source"), "the service's own error, not an envelope");
    assertTrue(r.json().get("error").get("message").asText().contains("send_log"));
    assertEquals(0, h.datadog.requests().size());

    AuditRecord denied = lastProxyCall(h.a);
    assertEquals(AuditRecord.DENIED, denied.outcome());
    assertEquals(AuditActions.ALERT_POLICY_DENIAL, denied.securityAlert().orElseThrow());
    assertEquals(eventsOnly, denied.target());
    assertEquals("send_log", denied.details().get("operation"));
    assertEquals("operation_not_allowed", denied.details().get("reason"));
  }

  @Test
  void emptyAllowList_deniesEverything() {
    for (String file : List.of(EVENT, METRIC, LOG)) {
      Response r = proxy(file, none);
      assertEquals(403, r.status(), file + ": " + r.body());
    }
    assertEquals(0, h.datadog.requests().size());
  }

  @Test
  void unknownOperationOrExtraFields_400() {
    ObjectNode unknown = body(EVENT, all);
    unknown.put("operation", "delete_monitor");
    assertEquals(400, proxy(h.a, EVENT, unknown).status());
    ObjectNode withUrl = body(EVENT, all);
    withUrl.put("url", "http://169.254.169.254/latest/meta-data/");
    assertEquals(400, proxy(h.a, EVENT, withUrl).status());
    ObjectNode withSite = body(EVENT, all);
    withSite.put("site", "127.0.0.1:1");
    assertEquals(400, proxy(h.a, EVENT, withSite).status());
    ObjectNode noPayload = body(EVENT, all);
    noPayload.remove("payload");
    assertEquals(400, proxy(h.a, EVENT, noPayload).status());
    assertEquals(0, h.datadog.requests().size());
  }

  /** Issue 10, item 5: the body must be sent as application/json; nothing reaches Datadog. */
  @Test
  void bodyNotSentAsJson_415NothingSent() {
    for (String type :
        List.of("text/plain", "multipart/form-data; boundary=b", "application/xml")) {
      Response r = sendEvent(Map.of("Content-Type", type), null);
      assertEquals(415, r.status(), type + ": " + r.body());
      assertEquals("unsupported_media_type", r.errorCode());
      assertNull(r.header("X-QS-Source"));
    }
    assertEquals(0, h.datadog.requests().size());
  }

  @Test
  void otherTenantsIntegration_404AuditedAsAProbeAndNothingSent() {
    Response r = proxy(h.b, EVENT, body(EVENT, all));
    assertEquals(404, r.status(), r.body());
    assertEquals("not_found", r.errorCode());
    Response unknown = proxy(h.a, EVENT, body(EVENT, "int_0000000000000000000000000z"));
    assertEquals(404, unknown.status());
    assertEquals(0, h.datadog.requests().size());
    // Recorded in the caller's own trail (the id it sent, never whose it is), counted as an
    // auth failure by the SIEM push.
    AuditRecord probe = lastProxyCall(h.b);
    assertEquals(all, probe.target());
    assertEquals("denied", probe.outcome());
    assertEquals("not_found", probe.details().get("reason"));
    assertEquals("integration", probe.details().get("resource"));
    assertEquals(Optional.of(AuditActions.ALERT_AUTH_FAILURE), probe.securityAlert());
    assertTrue(probe.countsAsAuthFailure());
    assertFalse(probe.toString().contains(h.a.id()));
    assertEquals("int_0000000000000000000000000z", lastProxyCall(h.a).target());
    assertTrue(lastProxyCall(h.a).countsAsAuthFailure());
  }

  @Test
  void unknownClientKeyOrNoneRegistered_refusedBeforeCallingDatadog() {
    ObjectNode body = body(EVENT, all);
    body.put("rkid", "ck_0000000000000000000000000z");
    Response unknownRkid = proxy(h.a, EVENT, body);
    assertEquals(403, unknownRkid.status(), unknownRkid.body());
    assertEquals("operation_not_allowed", unknownRkid.errorCode());
    assertEquals("client_key_not_usable", lastProxyCall(h.a).details().get("reason"));
    // Tenant B has an integration but registered no client key.
    String key = h.newDatadogKey(true);
    String bIntegration = integration(h.b, h.sealDatadogKey(h.b, key), List.of("send_event"));
    h.datadog.reset();
    Response r = proxy(h.b, EVENT, body(EVENT, bIntegration));
    assertEquals(400, r.status(), r.body());
    assertTrue(r.json().get("error").get("message").asText().contains("client key"));
    assertEquals(0, h.datadog.requests().size());
  }

  /** Issue 10, item 1: another API key of the same tenant cannot take over proxy answers. */
  @Test
  void anotherApiKeysClientKey_isNeverTheRecipient() {
    String otherKey =
        h.provisioning
            .issueApiKey(h.a.id(), false, Set.of(Caller.SCOPE_CLIENT_KEYS_MANAGE))
            .apiKey();
    Tenant other = new Tenant(h.a.id(), otherKey);
    ClientKey newer = h.registerClientKey(other);
    // Without rkid, h.a's answer still goes to the client key h.a registered.
    Response r = proxy(h.a, EVENT, body(EVENT, all));
    assertEquals(202, r.status(), r.body());
    assertEquals(clientKey.rkid(), HybridCryptoEnvelope.parse(r.body()).rkid());
    open(r);
    // Naming the other key's client key is refused before Datadog is called, and audited.
    h.datadog.reset();
    ObjectNode named = body(EVENT, all);
    named.put("rkid", newer.rkid());
    Response refused = proxy(h.a, EVENT, named);
    assertEquals(403, refused.status(), refused.body());
    assertEquals("operation_not_allowed", refused.errorCode());
    assertEquals(0, h.datadog.requests().size());
    AuditRecord denied = lastProxyCall(h.a);
    assertEquals("denied", denied.outcome());
    assertEquals("client_key_not_usable", denied.details().get("reason"));
    assertEquals(newer.rkid(), denied.details().get("rkid"));
    assertTrue(denied.countsAsAuthFailure());
    // The other key gets its own answers sealed to its own key.
    Response own = proxy(other, EVENT, body(EVENT, all));
    assertEquals(202, own.status(), own.body());
    assertEquals(newer.rkid(), HybridCryptoEnvelope.parse(own.body()).rkid());
  }

  /** Issue 13: nothing is sealed to a revoked client key; naming it is a clear 403. */
  @Test
  void aRevokedClientKey_isNeverTheRecipient_andNamingItIsRefusedBeforeDatadog() {
    ClientKey newer = h.registerClientKey(h.a);
    ClientKeyRepository clientKeys =
        new ClientKeyRepository(h.aws.dynamoDbClient(), h.config.vaultTable());
    assertTrue(clientKeys.revoke(h.a.id(), newer.rkid(), Instant.now()));
    h.datadog.reset();
    ObjectNode named = body(EVENT, all);
    named.put("rkid", newer.rkid());
    Response refused = proxy(h.a, EVENT, named);
    assertEquals(403, refused.status(), refused.body());
    assertEquals("client_key_revoked", refused.errorCode());
    assertEquals(0, h.datadog.requests().size(), "nothing sent");
    assertEquals("denied", lastProxyCall(h.a).outcome());
    // Without rkid the newest key not revoked is the recipient.
    Response r = proxy(h.a, EVENT, body(EVENT, all));
    assertEquals(202, r.status(), r.body());
    assertEquals(clientKey.rkid(), HybridCryptoEnvelope.parse(r.body()).rkid());
    open(r);
  }

  // ---- limits ---------------------------------------------------------------------------------

  private void assertRefused(int status, String file, ObjectNode body) {
    Response r = proxy(h.a, file, body);
    assertEquals(status, r.status(), r.body());
    assertEquals(status == 413 ? "payload_too_large" : "invalid_request", r.errorCode());
    assertEquals(0, h.datadog.requests().size(), "nothing over a limit is sent");
  }

  @Test
  void limits_event_titleTextAndAge_400() {
    ObjectNode title = body(EVENT, all);
    ((ObjectNode) title.get("payload")).put("title", "t".repeat(101));
    assertRefused(400, EVENT, title);
    ObjectNode text = body(EVENT, all);
    ((ObjectNode) text.get("payload")).put("text", "x".repeat(4001));
    assertRefused(400, EVENT, text);
    ObjectNode old = body(EVENT, all);
    ((ObjectNode) old.get("payload"))
        .put("date_happened", Instant.now().minus(Duration.ofHours(19)).getEpochSecond());
    assertRefused(400, EVENT, old);
    ObjectNode atLimit = body(EVENT, all);
    ((ObjectNode) atLimit.get("payload"))
        .put("title", "t".repeat(100))
        .put("text", "x".repeat(4000))
        .put("date_happened", Instant.now().minus(Duration.ofHours(17)).getEpochSecond());
    assertEquals(202, proxy(h.a, EVENT, atLimit).status());
  }

  @Test
  void limits_series_pointTimesAndBodySize() {
    ObjectNode old = body(METRIC, all);
    ((ObjectNode) old.at("/payload/series/0/points/0"))
        .put("timestamp", Instant.now().minus(Duration.ofMinutes(61)).getEpochSecond());
    assertRefused(400, METRIC, old);
    ObjectNode ahead = body(METRIC, all);
    ((ObjectNode) ahead.at("/payload/series/1/points/0"))
        .put("timestamp", Instant.now().plus(Duration.ofMinutes(11)).getEpochSecond());
    assertRefused(400, METRIC, ahead);
    ObjectNode big = body(METRIC, all);
    ArrayNode series = (ArrayNode) big.at("/payload/series");
    long now = Instant.now().getEpochSecond();
    for (int i = 0; i < 6000; i++) {
      ObjectNode s =
          series.addObject().put("metric", "checkout.shard." + i + ".depth").put("type", 3);
      s.putArray("points").addObject().put("timestamp", now).put("value", i);
      s.putArray("tags").add("env:prod").add("shard:" + i);
    }
    assertTrue(big.get("payload").toString().length() > 512_000);
    assertRefused(413, METRIC, big);
  }

  @Test
  void limits_logs_entriesAndBytes_413() {
    ObjectNode many = body(LOGS, all);
    ArrayNode entries = many.putArray("payload");
    for (int i = 0; i < 1001; i++) {
      entries.addObject().put("message", "m" + i);
    }
    assertRefused(413, LOGS, many);
    ObjectNode heavy = body(LOGS, all);
    ArrayNode big = heavy.putArray("payload");
    String chunk = "y".repeat(600_000);
    for (int i = 0; i < 9; i++) {
      big.addObject().put("message", chunk);
    }
    assertRefused(413, LOGS, heavy);
  }

  // ---- Datadog's errors -----------------------------------------------------------------------

  @Test
  void datadog400_mirroredInTheEnvelope_notRetried() {
    h.datadog.badRequest(1, "Event title is invalid");
    Response r = proxy(EVENT, all);
    assertEquals(400, r.status(), r.body());
    JsonNode p = open(r);
    assertEquals("Event title is invalid", p.at("/upstream/body/errors/0").asText());
    assertEquals(1, h.datadog.requests().size());
    assertEquals(AuditRecord.FAILURE, auditRecord(h.a, p.get("audit_id").asText()).outcome());
  }

  @Test
  void datadog403_envelopeAndIntegrationUnhealthy_notRetried_healthyAfterRotation() {
    String key = h.newDatadogKey(true);
    String entry = h.sealDatadogKey(h.a, key);
    String id = integration(h.a, entry, List.of("send_event"));
    h.datadog.revokeApiKey(key).reset();

    Response r = proxy(EVENT, id);

    assertEquals(403, r.status(), r.body());
    JsonNode p = open(r);
    assertEquals("Forbidden", p.at("/upstream/body/errors/0").asText());
    assertEquals(1, h.datadog.requests().size(), "a 403 is never retried");
    AuditRecord audit = auditRecord(h.a, p.get("audit_id").asText());
    assertEquals(AuditActions.ALERT_CREDENTIAL_REJECTED, audit.securityAlert().orElseThrow());
    Response sick = h.call(h.integrations, GET_INTEGRATION, h.a, Map.of("id", id), null);
    assertEquals("unhealthy", sick.json().get("status").asText());
    assertEquals("credential_rejected", sick.json().get("unhealthy_reason").asText());

    String newKey = h.newDatadogKey(true);
    h.rotate(h.a, entry, newKey);
    Response healthy = h.call(h.integrations, GET_INTEGRATION, h.a, Map.of("id", id), null);
    assertEquals("healthy", healthy.json().get("status").asText());
    h.datadog.reset();
    assertEquals(202, proxy(EVENT, id).status());
    assertEquals(newKey, h.datadog.requests(FakeDatadog.EVENTS).get(0).header("DD-API-KEY"));
  }

  @Test
  void datadog413_mirrored_notRetried() {
    h.datadog.payloadTooLarge(1);
    Response r = proxy(LOG, all);
    assertEquals(413, r.status(), r.body());
    open(r);
    assertEquals(1, h.datadog.requests().size());
  }

  @Test
  void datadog429WithRateLimitHeaders_waitsTheAnnouncedResetThenSucceeds() {
    String fresh = withOwnRateLimit();
    h.datadog.rateLimit(2, Duration.ofSeconds(2));
    Response r = proxy(EVENT, fresh);
    assertEquals(202, r.status(), r.body());
    JsonNode p = open(r);
    assertEquals(3, h.datadog.count(FakeDatadog.EVENTS));
    assertEquals(List.of(429, 429, 202), statuses(FakeDatadog.EVENTS));
    // One backoff per 429 that honours X-RateLimit-Reset. (The test's sleeper does not let time
    // pass, so the limit the client shares across calls is still closed after each backoff and
    // is waited out again, for what is left of it.)
    assertEquals(
        2,
        h.sleeps.stream().filter(w -> w.compareTo(Duration.ofSeconds(2)) >= 0).count(),
        "honours X-RateLimit-Reset: " + h.sleeps);
    for (Duration wait : h.sleeps) {
      assertTrue(wait.compareTo(Duration.ofSeconds(5)) <= 0, "capped: " + wait);
    }
    assertEquals("3", auditRecord(h.a, p.get("audit_id").asText()).details().get("attempts"));
  }

  /**
   * An integration with a Datadog key of its own: the client shares a key's rate limit across
   * calls, in real time, while the tests' sleeper does not wait; a limit another test closed would
   * otherwise still be closed here.
   */
  private String withOwnRateLimit() {
    String key = h.newDatadogKey(true);
    secrets.add(key);
    return integration(h.a, h.sealDatadogKey(h.a, key), List.of("send_event"));
  }

  @Test
  void datadog429Persistent_lastAnswerMirroredWithRetryAfter() {
    String fresh = withOwnRateLimit();
    h.datadog.rateLimit(10, Duration.ofSeconds(1));
    Response r = proxy(EVENT, fresh);
    assertEquals(429, r.status(), r.body());
    assertEquals("1", r.header("Retry-After"));
    open(r);
    assertEquals(4, h.datadog.count(FakeDatadog.EVENTS), "maxAttempts");
  }

  @Test
  void datadog5xx_retriedWithBackoffThenSucceeds() {
    h.datadog.fail(1, 500).fail(1, 503);
    Response r = proxy(METRIC, all);
    assertEquals(202, r.status(), r.body());
    open(r);
    assertEquals(List.of(500, 503, 202), statuses(FakeDatadog.SERIES));
    assertEquals(2, h.sleeps.size());
    assertTrue(h.sleeps.get(0).compareTo(Duration.ofMillis(100)) <= 0, "full jitter ≤ base");
    assertTrue(h.sleeps.get(1).compareTo(Duration.ofMillis(200)) <= 0, "full jitter ≤ 2·base");
  }

  @Test
  void datadog5xxPersistent_lastAnswerMirroredAfterMaxAttempts() {
    h.datadog.fail(10, 500);
    Response r = proxy(EVENT, all);
    assertEquals(500, r.status(), r.body());
    open(r);
    assertEquals(4, h.datadog.requests().size());
  }

  // ---- time budget ----------------------------------------------------------------------------

  @Test
  void slowAnswer_withinTheBudget_succeeds() {
    h.datadog.delay(1, Duration.ofMillis(400));
    Response r = sendEvent(Map.of(), TestLambdaContext.withRemainingTime(Duration.ofSeconds(5)));
    assertEquals(202, r.status(), r.body());
    assertTrue(open(r).at("/upstream/latency_ms").asLong() >= 400);
  }

  @Test
  void noAnswerWithinTheBudget_502UpstreamUnreachable_notAnEnvelope() {
    h.datadog.hang(5);
    long start = System.nanoTime();
    Response r = sendEvent(Map.of(), TestLambdaContext.withRemainingTime(Duration.ofMillis(2000)));
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertEquals(502, r.status(), r.body());
    assertEquals("upstream_unreachable", r.errorCode());
    assertNull(r.header("X-QS-Source"));
    assertTrue(ms < 1900, "returned before the Lambda's time ran out: " + ms + " ms");
    AuditRecord audit = lastProxyCall(h.a);
    assertEquals(AuditRecord.ERROR, audit.outcome());
    assertEquals("upstream_unreachable", audit.details().get("reason"));
  }

  @Test
  void attemptTimesOut_retriedWithinTheBudget_thenSucceeds() {
    DatadogClient quick =
        DatadogClient.builder(h.config)
            .attemptTimeout(Duration.ofMillis(300))
            .sleeper(h.sleeps::add)
            .build();
    ProxyOutboundHandler handler = h.proxyFunction(quick, h.kms).handler();
    h.datadog.hang(1);
    Response r = h.call(handler, EVENT, h.a, null, body(EVENT, all).toString());
    assertEquals(202, r.status(), r.body());
    JsonNode p = open(r);
    assertEquals("2", auditRecord(h.a, p.get("audit_id").asText()).details().get("attempts"));
  }

  @Test
  void connectionRefused_retriedThen502() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    DatadogClient nowhere =
        DatadogClient.builder()
            .baseUrlOverride(Optional.of(URI.create("http://127.0.0.1:" + closedPort)))
            .sleeper(h.sleeps::add)
            .build();
    ProxyOutboundHandler handler = h.proxyFunction(nowhere, h.kms).handler();
    Response r = h.call(handler, EVENT, h.a, null, body(EVENT, all).toString());
    assertEquals(502, r.status(), r.body());
    assertEquals("upstream_unreachable", r.errorCode());
    assertEquals(3, h.sleeps.size(), "four attempts, three waits");
    assertEquals("4", lastProxyCall(h.a).details().get("attempts"));
  }

  // ---- secrets ----------------------------------------------------------------------------------

  @Test
  void logs_neverHoldAKey() throws IOException {
    // A bit of everything that logs: success, retries, refusal, denial, upstream 403, unreachable.
    h.datadog.fail(1, 503);
    proxy(EVENT, all);
    h.datadog.rateLimit(1, Duration.ofSeconds(1));
    proxy(LOG, all);
    proxy(LOG, eventsOnly);
    String key = h.newDatadogKey(true);
    secrets.add(key);
    String id = integration(h.a, h.sealDatadogKey(h.a, key), List.of("send_event"));
    h.datadog.revokeApiKey(key);
    proxy(EVENT, id);
    h.datadog.hang(3);
    sendEvent(Map.of(), TestLambdaContext.withRemainingTime(Duration.ofMillis(1000)));

    Path log = Path.of("target/test-logs/test.log");
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(text.contains("datadog"), "the client logged its attempts");
    assertTrue(text.contains("proxy/outbound") || text.contains("outbound"), text.length() + "");
    for (String secret : secrets) {
      assertFalse(text.contains(secret), "a secret reached the logs");
    }
  }

  private List<Integer> statuses(String path) {
    return h.datadog.requests(path).stream().map(FakeDatadog.ReceivedRequest::status).toList();
  }
}
