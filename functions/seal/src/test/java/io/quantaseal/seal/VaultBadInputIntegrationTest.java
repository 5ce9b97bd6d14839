package io.quantaseal.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.common.tenancy.ApiKeys;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.AwsEnginesTest;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Every malformed request gets the contract's error JSON ({@code error.code}, {@code message},
 * {@code request_id}) with the right status, and writes nothing.
 */
class VaultBadInputIntegrationTest {
  record Case(String name, String body, int status, String code) {}

  static final String BIG = "x".repeat(8193);

  static List<Case> sealCases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("not JSON", "{credential_type: api_key", 400, "invalid_request"));
    c.add(new Case("JSON array", "[1,2]", 400, "invalid_request"));
    c.add(new Case("empty body", "", 400, "invalid_request"));
    c.add(
        new Case(
            "trailing garbage",
            "{\"credential_type\":\"bearer_token\",\"value\":\"t\"} x",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "duplicate member",
            "{\"credential_type\":\"bearer_token\",\"value\":\"a\",\"value\":\"b\"}",
            400,
            "invalid_request"));
    c.add(new Case("missing credential_type", "{\"value\":\"t\"}", 400, "invalid_request"));
    c.add(
        new Case(
            "credential_type not a string",
            "{\"credential_type\":7,\"value\":\"t\"}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "unknown credential_type",
            "{\"credential_type\":\"ssh_key\",\"value\":\"t\"}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "neither value nor values",
            "{\"credential_type\":\"bearer_token\"}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "both value and values",
            "{\"credential_type\":\"bearer_token\",\"value\":\"t\",\"values\":{\"token\":\"t\"}}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "values not an object",
            "{\"credential_type\":\"api_key\",\"values\":\"k\"}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "value not a string",
            "{\"credential_type\":\"bearer_token\",\"value\":{\"a\":1}}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "values member not a string",
            "{\"credential_type\":\"api_key\",\"values\":{\"api_key\":123}}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "api_key missing",
            "{\"credential_type\":\"api_key\",\"values\":{\"app_key\":\"a\"}}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "basic_auth password missing",
            "{\"credential_type\":\"basic_auth\",\"values\":{\"username\":\"u\"}}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "basic_auth with value",
            "{\"credential_type\":\"basic_auth\",\"value\":\"u:p\"}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "oauth2 secret missing",
            "{\"credential_type\":\"oauth2_client_credentials\",\"values\":{\"client_id\":\"c\"}}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "oauth2 token_url not https",
            "{\"credential_type\":\"oauth2_client_credentials\",\"values\":{\"client_id\":\"c\",\"client_secret\":\"s\",\"token_url\":\"http://169.254.169.254/\"}}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "field foreign to the type",
            "{\"credential_type\":\"bearer_token\",\"values\":{\"token\":\"t\",\"password\":\"p\"}}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "empty value",
            "{\"credential_type\":\"bearer_token\",\"value\":\"\"}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "unknown top-level field",
            "{\"credential_type\":\"bearer_token\",\"value\":\"t\",\"secret\":\"x\"}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "name too long",
            "{\"credential_type\":\"bearer_token\",\"value\":\"t\",\"name\":\""
                + "n".repeat(129)
                + "\"}",
            400,
            "invalid_request"));
    c.add(
        new Case(
            "oversize value",
            "{\"credential_type\":\"bearer_token\",\"value\":\"" + BIG + "\"}",
            413,
            "payload_too_large"));
    c.add(
        new Case(
            "oversize values member",
            "{\"credential_type\":\"api_key\",\"values\":{\"api_key\":\"" + BIG + "\"}}",
            413,
            "payload_too_large"));
    c.add(
        new Case(
            "oversize body",
            "{\"credential_type\":\"bearer_token\",\"value\":\"t\",\"name\":\""
                + "n".repeat(70_000)
                + "\"}",
            413,
            "payload_too_large"));
    return c;
  }

  private static int itemCount(ApiTestBed bed) {
    return bed.aws.dynamoDbClient().scan(r -> r.tableName("quantaseal-vault")).count();
  }

  @AwsEnginesTest
  void seal_rejectsEveryMalformedBody_withContractErrorAndNoWrite(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    int before = itemCount(bed);
    for (Case c : sealCases()) {
      ApiGatewayTestClient.Response r = bed.call("seal-api-key.json", bed.keyA, null, c.body());
      assertEquals(c.status(), r.status(), c.name() + ": " + r.body());
      assertEquals(c.code(), r.errorCode(), c.name());
      assertFalse(r.json().path("error").path("message").asText().isEmpty(), c.name());
      assertTrue(r.json().path("error").path("request_id").asText().startsWith("req_"), c.name());
      assertEquals("application/json", r.headers().get("Content-Type"), c.name());
      if (c.body().contains("\"t\"") || c.body().contains(BIG)) {
        assertFalse(r.body().contains(BIG), c.name() + ": no value echoed");
      }
    }
    assertEquals(before, itemCount(bed), "nothing was written");
  }

  @AwsEnginesTest
  void otherRoutes_rejectBadInput(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String id = bed.call("seal-bearer-token.json", bed.keyA).json().get("vault_entry_id").asText();
    int before = itemCount(bed);
    record Call(String event, Map<String, String> path, String body, int status, String code) {}
    List<Call> calls =
        List.of(
            new Call(
                "rotate-entry.json",
                Map.of("id", id),
                "{\"values\":{\"api_key\":\"x\"}}",
                400,
                "invalid_request"),
            new Call("rotate-entry.json", Map.of("id", id), "nope", 400, "invalid_request"),
            new Call(
                "rotate-entry.json",
                Map.of("id", "vlt_../../etc"),
                "{\"value\":\"x\"}",
                404,
                "not_found"),
            new Call("get-entry.json", Map.of("id", "int_0123"), null, 404, "not_found"),
            new Call(
                "retire-version.json",
                Map.of("id", id, "version", "one"),
                null,
                400,
                "invalid_request"),
            new Call(
                "retire-version.json",
                Map.of("id", id, "version", "1"),
                null,
                400,
                "invalid_request"),
            new Call("unseal.json", null, "{}", 400, "invalid_request"),
            new Call("unseal.json", null, "{\"vault_entry_id\":42}", 400, "invalid_request"),
            new Call(
                "register-client-key.json",
                null,
                "{\"public_key\":\"AAAA\"}",
                400,
                "invalid_request"),
            new Call(
                "register-client-key.json",
                null,
                "{\"public_key\":\"a+b/c==\"}",
                400,
                "invalid_request"),
            new Call("register-client-key.json", null, "{}", 400, "invalid_request"),
            // FIPS 203 section 7.2: a coefficient of t at or above q.
            new Call(
                "register-client-key.json",
                null,
                publicKeyBody(outOfRangeCoefficient()),
                400,
                "invalid_request"),
            // Degenerate keys: t = 0 (the whole key zero, or a random ρ), t small.
            new Call(
                "register-client-key.json",
                null,
                publicKeyBody(new byte[1184]),
                400,
                "invalid_request"),
            new Call(
                "register-client-key.json",
                null,
                publicKeyBody(zeroTWithRandomRho()),
                400,
                "invalid_request"));
    for (Call c : calls) {
      String key = c.event().equals("unseal.json") ? bed.keyAUnseal : bed.keyA;
      ApiGatewayTestClient.Response r = bed.call(c.event(), key, c.path(), c.body());
      assertEquals(c.status(), r.status(), c + ": " + r.body());
      assertEquals(c.code(), r.errorCode(), c.toString());
    }
    assertEquals(before, itemCount(bed), "nothing was written");
  }

  private static byte[] bytes(String prefix, int[] raw, String suffix) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
    for (int b : raw) {
      out.write(b);
    }
    out.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Issue 10, item 4: a body that is not UTF-8 is refused as sent (API Gateway passes the bytes,
   * BinaryMediaTypes * / *), never stored with U+FFFD in place of what the tenant sent.
   */
  @AwsEnginesTest
  void bodiesThatAreNotUtf8_400AndNothingStored(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String seal = "{\"credential_type\":\"bearer_token\",\"value\":\"X";
    Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
    cases.put("lone 0xff", bytes(seal, new int[] {0xff}, "\"}"));
    cases.put("lone continuation byte", bytes(seal, new int[] {0x80}, "\"}"));
    cases.put("overlong '/'", bytes(seal, new int[] {0xc0, 0xaf}, "\"}"));
    cases.put("UTF-8 of a surrogate", bytes(seal, new int[] {0xed, 0xa0, 0x80}, "\"}"));
    cases.put("above U+10FFFF", bytes(seal, new int[] {0xf4, 0x90, 0x80, 0x80}, "\"}"));
    cases.put("truncated sequence", bytes(seal, new int[] {0xe2, 0x82}, "\"}"));
    cases.put("Latin-1 é", bytes(seal, new int[] {0xe9}, "\"}"));
    int before = itemCount(bed);
    for (Map.Entry<String, byte[]> c : cases.entrySet()) {
      ApiGatewayTestClient.Response r =
          bed.callRaw("seal-bearer-token.json", bed.keyA, null, "application/json", c.getValue());
      assertEquals(400, r.status(), c.getKey() + ": " + r.body());
      assertEquals("invalid_request", r.errorCode(), c.getKey());
      assertTrue(r.body().contains("UTF-8"), c.getKey() + ": " + r.body());
    }
    // A JSON escape of half a surrogate pair has no UTF-8 form either.
    ApiGatewayTestClient.Response lone =
        bed.call(
            "seal-bearer-token.json",
            bed.keyA,
            null,
            "{\"credential_type\":\"bearer_token\",\"value\":\"X\\udcff\"}");
    assertEquals(400, lone.status(), lone.body());
    assertEquals("invalid_request", lone.errorCode());
    assertEquals(before, itemCount(bed), "nothing was stored");

    // Valid UTF-8, multi-byte and supplementary characters included, is kept exactly.
    String value = "X\u00e9\u6f22\ud83d\udd10\ufffd";
    ApiGatewayTestClient.Response sealed =
        bed.callRaw(
            "seal-bearer-token.json",
            bed.keyA,
            null,
            "application/json; charset=utf-8",
            ("{\"credential_type\":\"bearer_token\",\"value\":\"" + value + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(201, sealed.status(), sealed.body());
    String id = sealed.json().get("vault_entry_id").asText();
    var entry = bed.entries.find(bed.tenantA, id).orElseThrow();
    assertEquals(value, bed.vault.open(entry).get("token").orElseThrow());
  }

  /**
   * Issue 10, item 5: every route of SealFunction that takes a body wants application/json (charset
   * utf-8 at most); anything else is 415 in the contract's error shape, nothing stored.
   */
  @AwsEnginesTest
  void bodiesThatAreNotJson_415AndNothingStored(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String id = bed.call("seal-bearer-token.json", bed.keyA).json().get("vault_entry_id").asText();
    byte[] sealBody =
        "{\"credential_type\":\"bearer_token\",\"value\":\"t\"}".getBytes(StandardCharsets.UTF_8);
    java.util.Arrays.asList(
            null,
            "",
            "text/plain",
            "text/plain; charset=utf-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "application/xml",
            "text/json",
            "application/jsonx",
            "application/problem+json",
            "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16",
            "application/json; foo=bar",
            "application/json; charset=utf-8; charset=utf-8",
            "*/*")
        .forEach(
            type -> {
              int before = itemCount(bed);
              for (String event :
                  List.of(
                      "seal-bearer-token.json",
                      "rotate-entry.json",
                      "unseal.json",
                      "register-client-key.json")) {
                String key = event.equals("unseal.json") ? bed.keyAUnseal : bed.keyA;
                ApiGatewayTestClient.Response r =
                    bed.callRaw(event, key, Map.of("id", id), type, sealBody);
                assertEquals(415, r.status(), event + " as " + type + ": " + r.body());
                assertEquals("unsupported_media_type", r.errorCode(), type);
                assertTrue(r.json().path("error").path("request_id").asText().startsWith("req_"));
                assertEquals("application/json", r.headers().get("Content-Type"));
              }
              assertEquals(before, itemCount(bed), type + ": nothing stored");
            });
    for (String type :
        List.of(
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON;Charset=\"UTF-8\"",
            "application/json ;  charset=UTF-8")) {
      ApiGatewayTestClient.Response r =
          bed.callRaw("seal-bearer-token.json", bed.keyA, null, type, sealBody);
      assertEquals(201, r.status(), type + ": " + r.body());
    }
  }

  private static String publicKeyBody(byte[] ek) {
    return "{\"public_key\":\""
        + Base64.getUrlEncoder().withoutPadding().encodeToString(ek)
        + "\"}";
  }

  /** An honest key whose first coefficient of t is 4095 (≥ q = 3329). */
  private static byte[] outOfRangeCoefficient() {
    byte[] ek = MlKem768.generateKeyPair(new SecureRandom()).encapsulationKey().toBytes();
    ek[0] = (byte) 0xff;
    ek[1] = (byte) (ek[1] | 0x0f);
    return ek;
  }

  private static byte[] zeroTWithRandomRho() {
    byte[] ek = new byte[1184];
    byte[] rho = new byte[32];
    new SecureRandom().nextBytes(rho);
    System.arraycopy(rho, 0, ek, 1152, 32);
    return ek;
  }

  @AwsEnginesTest
  void clientKeys_invalidOrDegenerate_400WithTheReason(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    ApiGatewayTestClient.Response invalid =
        bed.call(
            "register-client-key.json", bed.keyA, null, publicKeyBody(outOfRangeCoefficient()));
    assertEquals(400, invalid.status(), invalid.body());
    assertTrue(invalid.body().contains("FIPS 203"), invalid.body());
    ApiGatewayTestClient.Response zero =
        bed.call("register-client-key.json", bed.keyA, null, publicKeyBody(zeroTWithRandomRho()));
    assertEquals(400, zero.status(), zero.body());
    assertEquals("invalid_request", zero.errorCode());
    assertTrue(
        zero.body().contains("degenerate") && zero.body().contains("t is zero"), zero.body());
    assertTrue(bed.clientKeys.list(bed.tenantA).isEmpty(), "nothing registered");
  }

  @AwsEnginesTest
  void authentication_failures_haveContractErrors(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    ApiGatewayTestClient.Response missing = bed.call("list-entries.json", null);
    assertEquals(401, missing.status());
    assertEquals("missing_api_key", missing.errorCode());
    ApiGatewayTestClient.Response malformed = bed.call("list-entries.json", "Bearer abc");
    assertEquals(401, malformed.status());
    ApiGatewayTestClient.Response unknown =
        bed.call("list-entries.json", "qs_live_" + "A".repeat(43));
    assertEquals(403, unknown.status());
    assertEquals("invalid_api_key", unknown.errorCode());
    String keyIdA = bed.apiKeys.findByHash(ApiKeys.hash(bed.keyA)).orElseThrow().apiKeyId();
    assertTrue(bed.provisioning.revokeApiKey(bed.tenantA, keyIdA));
    ApiGatewayTestClient.Response revoked = bed.call("list-entries.json", bed.keyA);
    assertEquals(403, revoked.status());
    assertEquals("invalid_api_key", revoked.errorCode());
    assertEquals(
        200, bed.call("list-entries.json", bed.keyAUnseal).status(), "other keys still work");
    assertFalse(
        bed.provisioning.revokeApiKey(bed.tenantB, keyIdA),
        "a tenant cannot revoke another tenant's key");
  }
}
