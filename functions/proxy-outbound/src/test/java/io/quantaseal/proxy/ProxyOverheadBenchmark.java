package io.quantaseal.proxy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.proxy.ProxyHarness.ClientKey;
import io.quantaseal.testsupport.TestEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Warm in-process overhead of the outbound proxy over calling Datadog directly, on this machine:
 * each round makes one direct HTTP call to the loopback fake Datadog (same body, same key, a
 * keep-alive {@link HttpClient} like the proxy's) and one proxy call through {@link
 * ProxyOutboundHandler} (integration and vault reads on DynamoDB Local, key unsealing, the Datadog
 * call, the audit write, the envelope), alternating so both see the same conditions. Reports p50
 * and p99 of the per-round difference, and the KMS calls per 100 proxy calls of one busy tenant.
 *
 * <pre>
 * mvn -q -pl functions/proxy-outbound test-compile exec:java \
 *   -Dexec.mainClass=io.quantaseal.proxy.ProxyOverheadBenchmark -Dexec.classpathScope=test \
 *   [-Dexec.args="warmup rounds"]
 * </pre>
 *
 * Not a JMH benchmark: the benchmarks module stays free of AWS engines, and a proxy call is
 * milliseconds of I/O, where JMH's nanosecond machinery adds nothing.
 */
public final class ProxyOverheadBenchmark {
  private ProxyOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    try (ProxyHarness h = new ProxyHarness()) {
      run(h, warmup, rounds);
    }
    System.exit(0);
  }

  private static void run(ProxyHarness h, int warmup, int rounds) throws Exception {
    ClientKey clientKey = h.registerClientKey(h.a);
    String ddKey = h.newDatadogKey(true);
    String vlt = h.sealDatadogKey(h.a, ddKey);
    String integrationId =
        h.createIntegration(h.a, vlt, "datadoghq.eu", List.of("send_event"))
            .json()
            .get("integration_id")
            .asText();

    // The proxy request, as API Gateway hands it over after the (cached) authorizer.
    TestEvents events = TestEvents.repo();
    APIGatewayProxyRequestEvent event = events.apiGateway("proxy-outbound/send-event.json");
    ObjectNode body = Json.parseObject(event.getBody());
    body.put("integration_id", integrationId);
    event.setBody(body.toString());
    Map<String, Object> authorizer = new HashMap<>();
    authorizer.put(ApiGatewayAdapter.CONTEXT_TENANT, h.a.id());
    authorizer.put(ApiGatewayAdapter.CONTEXT_API_KEY, "key_benchmark");
    authorizer.put(ApiGatewayAdapter.CONTEXT_SCOPES, "");
    event.getRequestContext().setAuthorizer(authorizer);

    // The direct call: the same upstream request the proxy makes.
    String upstreamBody = body.get("payload").toString();
    HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest directRequest =
        HttpRequest.newBuilder(URI.create(h.datadog.baseUrl() + FakeDatadog.EVENTS))
            .header("DD-API-KEY", ddKey)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(upstreamBody))
            .build();

    // A new container: its own key cache, then two calls.
    var coldKms = new io.quantaseal.common.keys.AwsKmsKeyring(h.aws.kmsClient());
    ProxyOutboundHandler cold = h.proxyFunction(h.client, coldKms).handler();
    proxyCall(cold, event, clientKey, false);
    long firstCallKms = coldKms.calls();
    proxyCall(cold, event, clientKey, false);
    long secondCallKms = coldKms.calls() - firstCallKms;

    ProxyOutboundHandler proxy = h.proxy;
    for (int i = 0; i < warmup; i++) {
      directCall(direct, directRequest);
      proxyCall(proxy, event, clientKey, i == 0);
    }
    h.datadog.reset();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long allocBefore = threads.getCurrentThreadAllocatedBytes();
    long gcBefore = gcMillis();
    long kmsBefore = h.kms.calls();
    long decryptsBefore = h.proxyFunction.keyCache().delegateDecrypts();

    long[] directNs = new long[rounds];
    long[] proxyNs = new long[rounds];
    long[] diffNs = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      // Alternate the order so neither side always runs on a freshly used connection.
      if ((i & 1) == 0) {
        directNs[i] = directCall(direct, directRequest);
        proxyNs[i] = proxyCall(proxy, event, clientKey, false);
      } else {
        proxyNs[i] = proxyCall(proxy, event, clientKey, false);
        directNs[i] = directCall(direct, directRequest);
      }
      diffNs[i] = proxyNs[i] - directNs[i];
    }
    long kmsCalls = h.kms.calls() - kmsBefore;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocBefore;
    long gc = gcMillis() - gcBefore;
    if (Boolean.getBoolean("breakdown")) {
      breakdown(h, integrationId, vlt, rounds);
    }
    long kmsDecrypts = h.proxyFunction.keyCache().delegateDecrypts() - decryptsBefore;
    if (h.datadog.count(FakeDatadog.EVENTS) != 2L * rounds) {
      throw new IllegalStateException("unexpected upstream count " + h.datadog.countsByPath());
    }

    System.out.printf(
        Locale.ROOT,
        "%nProxy overhead, warm, in process (%d warm-up rounds, %d measured rounds, %s, %d cores)%n",
        warmup,
        rounds,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        Locale.ROOT, "| measure | p50 ms | p90 ms | p99 ms |%n| --- | --- | --- | --- |%n");
    row("direct HTTP call to the fake Datadog", directNs);
    row("proxy call (handler, envelope answer)", proxyNs);
    row("difference per round (proxy − direct)", diffNs);
    System.out.printf(
        Locale.ROOT,
        "KMS calls per 100 proxy calls (busy tenant, key cache warm): %.2f (%d calls, %d"
            + " decrypts past the cache, in %d proxy calls)%n",
        100.0 * kmsCalls / rounds,
        kmsCalls,
        kmsDecrypts,
        rounds);
    System.out.printf(
        Locale.ROOT,
        "New container: %d KMS calls on its first proxy call, %d on its second%n",
        firstCallKms,
        secondCallKms);
    System.out.printf(
        Locale.ROOT,
        "Allocated on the calling thread per round: %d KiB (proxy and direct call, DynamoDB Local's"
            + " in-process work included); GC time during the measured rounds: %d ms%n",
        allocated / rounds / 1024,
        gc);
  }

  private static long gcMillis() {
    long total = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Where the time goes: the proxy's steps one by one, same data, warm. */
  private static void breakdown(ProxyHarness h, String integrationId, String vlt, int rounds) {
    String tenant = h.a.id();
    // The proxy's collaborators as its composition root builds them, on the same tables.
    var dynamo = h.aws.dynamoDbClient();
    String table = h.config.vaultTable();
    var random = new java.security.SecureRandom();
    var clock = java.time.Clock.systemUTC();
    var ids = new io.quantaseal.common.ids.Ids(random);
    var keys =
        io.quantaseal.common.vault.SealingKeys.create(
            h.kms,
            new io.quantaseal.common.store.TenantRepository(dynamo, table),
            h.config,
            random,
            clock);
    var entries = new io.quantaseal.common.store.VaultEntryRepository(dynamo, table);
    var clientKeys = new io.quantaseal.common.store.ClientKeyRepository(dynamo, table);
    var envelopes =
        keys.envelopes(
            clientKeys,
            keys.signingKeys(
                new io.quantaseal.common.store.SigningKeyRepository(dynamo, table),
                h.config.serviceKmsKeyId(),
                ids,
                random,
                clock),
            random,
            clock);
    var vault = keys.vault(entries, clock);
    Map<String, Runnable> steps = new java.util.LinkedHashMap<>();
    steps.put("integration GetItem", () -> h.integrationRecords.find(tenant, integrationId));
    var ck = clientKeys.list(tenant).get(0);
    var caller = new io.quantaseal.common.api.Caller(tenant, ck.apiKeyId().orElseThrow(), Set.of());
    steps.put(
        "client key query (newest of the API key)",
        () -> envelopes.recipient(caller, java.util.Optional.empty()));
    steps.put("vault entry GetItem", () -> entries.find(tenant, vlt));
    var entry = entries.find(tenant, vlt).orElseThrow();
    steps.put("vault open (version + tenant reads, KEM decaps)", () -> vault.open(entry));
    byte[] plaintext = new byte[531];
    steps.put(
        "envelope issue (reads, MAC key open, encaps, ML-DSA sign)",
        () -> envelopes.issue(ck, "req_x", plaintext.clone()));
    steps.put(
        "audit PutItem",
        () ->
            h.auditLog
                .record(tenant, "proxy.call", "req_x")
                .detail("operation", "send_event")
                .write());
    System.out.printf(
        Locale.ROOT, "%n| step | p50 ms | p90 ms | p99 ms |%n| --- | --- | --- | --- |%n");
    for (Map.Entry<String, Runnable> step : steps.entrySet()) {
      long[] ns = new long[rounds];
      for (int i = 0; i < 200; i++) {
        step.getValue().run();
      }
      for (int i = 0; i < rounds; i++) {
        long start = System.nanoTime();
        step.getValue().run();
        ns[i] = System.nanoTime() - start;
      }
      row(step.getKey(), ns);
    }
  }

  private static long directCall(HttpClient client, HttpRequest request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    long ns = System.nanoTime() - start;
    if (r.statusCode() != 202) {
      throw new IllegalStateException("direct call: " + r.statusCode());
    }
    return ns;
  }

  private static long proxyCall(
      ProxyOutboundHandler proxy,
      APIGatewayProxyRequestEvent event,
      ClientKey clientKey,
      boolean check) {
    event.getRequestContext().setRequestId(UUID.randomUUID().toString());
    long start = System.nanoTime();
    APIGatewayProxyResponseEvent r = proxy.handleRequest(event, null);
    long ns = System.nanoTime() - start;
    if (r.getStatusCode() != 202) {
      throw new IllegalStateException("proxy call: " + r.getStatusCode() + " " + r.getBody());
    }
    if (check) {
      byte[] plaintext = clientKey.opener().open(r.getBody());
      System.out.println(
          "first envelope opened: "
              + new String(plaintext, StandardCharsets.UTF_8).length()
              + " bytes of plaintext");
    }
    return ns;
  }

  private static void row(String name, long[] ns) {
    long[] sorted = ns.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.2f | %.2f | %.2f |%n",
        name,
        pct(sorted, 0.50) / 1e6,
        pct(sorted, 0.90) / 1e6,
        pct(sorted, 0.99) / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
