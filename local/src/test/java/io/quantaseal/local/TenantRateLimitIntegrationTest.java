package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-tenant rate limits on the local gateway, as API Gateway's usage plans apply them: the
 * operator sets a tenant's limit ({@code quantaseal-operator set-rate-limit}, its own process,
 * against the run's env file); the authorizer's usage key puts the tenant's requests in its own
 * token bucket; past the burst the answer is the template's THROTTLED response (429 {@code
 * rate_limited} with {@code Retry-After}); another tenant, on the default plan, is not slowed.
 */
class TenantRateLimitIntegrationTest {
  @TempDir Path dir;
  private LocalRun run;

  @AfterEach
  void stop() {
    if (run != null) {
      run.close();
    }
  }

  private JsonNode operator(String name, String... args) throws Exception {
    Path log = dir.resolve(name + ".log");
    String[] all = new String[args.length + 2];
    all[0] = "--env-file";
    all[1] = run.envFile().toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = LocalRun.java(log, "io.quantaseal.operator.OperatorCli", all);
    String out = Files.readString(log);
    assertEquals(0, code, out);
    return LocalJson.mapper().readTree(out.substring(out.indexOf('{')));
  }

  @Test
  void tenantLimit_throttlesOnlyThatTenant_withTheGatewaysRateLimitedAnswer() throws Exception {
    run = LocalRun.start(dir);
    String other =
        operator("create-tenant", "create-tenant", "--name", "Other").path("tenant_id").asText();
    String otherKey =
        operator("issue-api-key", "issue-api-key", "--tenant", other, "--test")
            .path("api_key")
            .asText();
    JsonNode set =
        operator(
            "set-rate-limit",
            "set-rate-limit",
            "--tenant",
            run.tenantId(),
            "--rate",
            "0.01",
            "--burst",
            "3");
    assertEquals(3, set.path("burst").asInt(), set.toString());

    for (int i = 0; i < 3; i++) {
      assertEquals(200, run.http().get("/api/v2/vault/entries", run.apiKey()).status());
    }
    Http.Answer throttled = run.http().get("/api/v2/vault/entries", run.apiKey());
    assertEquals(429, throttled.status(), throttled.toString());
    JsonNode error = LocalJson.mapper().readTree(throttled.body()).path("error");
    assertEquals("rate_limited", error.path("code").asText(), throttled.body());
    assertTrue(error.path("request_id").asText().startsWith("req_"), throttled.body());
    assertEquals("1", throttled.header("Retry-After"));

    for (int i = 0; i < 5; i++) {
      assertEquals(
          200,
          run.http().get("/api/v2/vault/entries", otherKey).status(),
          "another tenant has its own bucket (the default plan's)");
    }
    assertEquals(429, run.http().get("/api/v2/vault/entries", run.apiKey()).status());

    // A higher limit applies at once (read at each request), the bucket refilling from it.
    operator(
        "set-rate-limit-2",
        "set-rate-limit",
        "--tenant",
        run.tenantId(),
        "--rate",
        "1000",
        "--burst",
        "50");
    Thread.sleep(50);
    assertEquals(200, run.http().get("/api/v2/vault/entries", run.apiKey()).status());
  }
}
