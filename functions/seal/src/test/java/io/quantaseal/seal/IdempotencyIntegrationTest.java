package io.quantaseal.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.AwsEnginesTest;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import java.time.Duration;
import java.util.Map;

/**
 * {@code Idempotency-Key} on POSTs: one entry per key, the first answer replayed, 409 on misuse.
 */
class IdempotencyIntegrationTest {
  private static final String BODY = "{\"credential_type\":\"bearer_token\",\"value\":\"tok-1\"}";

  private static ApiGatewayTestClient.Response seal(
      ApiTestBed bed, String key, String idem, String body) {
    return bed.callWithHeaders(
        "seal-bearer-token.json", key, Map.of("Idempotency-Key", idem), body);
  }

  @AwsEnginesTest
  void retriedSeal_createsOneEntry_andReplaysTheFirstAnswer(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    ApiGatewayTestClient.Response first = seal(bed, bed.keyA, "retry-7f3a", BODY);
    ApiGatewayTestClient.Response second = seal(bed, bed.keyA, "retry-7f3a", BODY);
    assertEquals(201, first.status());
    assertEquals(201, second.status());
    assertEquals(first.body(), second.body());
    assertEquals("true", second.headers().get("Idempotent-Replayed"));
    assertEquals(1, bed.entries.list(bed.tenantA).size());
  }

  @AwsEnginesTest
  void sameKeyOtherBody_isConflict_andWritesNothing(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    seal(bed, bed.keyA, "k-1", BODY);
    ApiGatewayTestClient.Response other =
        seal(bed, bed.keyA, "k-1", "{\"credential_type\":\"bearer_token\",\"value\":\"tok-2\"}");
    assertEquals(409, other.status());
    assertEquals("idempotency_conflict", other.errorCode());
    assertFalse(other.body().contains("tok-"));
    assertEquals(1, bed.entries.list(bed.tenantA).size());
  }

  @AwsEnginesTest
  void keysAreScopedPerTenant_andFailuresAreNotRemembered(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    assertEquals(201, seal(bed, bed.keyA, "shared", BODY).status());
    assertEquals(201, seal(bed, bed.keyB, "shared", BODY).status(), "tenant B's key is its own");
    assertEquals(1, bed.entries.list(bed.tenantB).size());
    ApiGatewayTestClient.Response bad =
        seal(bed, bed.keyA, "fix-me", "{\"credential_type\":\"x\"}");
    assertEquals(400, bad.status());
    ApiGatewayTestClient.Response fixed = seal(bed, bed.keyA, "fix-me", BODY);
    assertEquals(201, fixed.status(), "a failed attempt does not block the retry");
    ApiGatewayTestClient.Response malformed = seal(bed, bed.keyA, "bad key with spaces", BODY);
    assertEquals(400, malformed.status());
  }
}
