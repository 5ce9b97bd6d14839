package io.quantaseal.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.QuantaSealClientException;
import io.quantaseal.client.envelope.ClientKeyRegistration;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The QuantaSeal API for Java callers: vault, client keys, integrations and the outbound proxy.
 * Answers that are envelopes (unseal, proxy) are verified (ML-DSA-65 AND HMAC-SHA-512) and
 * decrypted before they are returned, and bound to their request: the request names the client key
 * ({@code rkid}) and the envelope must name that key and the answer's {@code X-Request-Id} ({@code
 * rid}), else it is rejected ({@link io.quantaseal.crypto.InvalidEnvelopeException}). Anything else
 * that is not a 2xx is a {@link QuantaSealApiException} with the contract's error code.
 *
 * <pre>{@code
 * QuantaSealClient qs = QuantaSealClient.builder(URI.create("http://127.0.0.1:8080"), apiKey).build();
 * RegisteredClientKey ck = qs.registerClientKey();       // once; persist ck somewhere safe
 * qs = qs.withClientKey(ck);                              // reads envelopes from now on
 * String id = qs.seal("api_key", "datadog", Map.of("api_key", ddKey)).get("vault_entry_id").asText();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class QuantaSealClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final URI base;
  private final String apiKey;
  private final HttpClient http;
  private final Duration timeout;
  private final SecureRandom random;
  private final EnvelopeReader reader;
  private final String rkid;
  private final Builder builder;

  private QuantaSealClient(Builder b, EnvelopeReader reader, String rkid) {
    this.base = b.base;
    this.apiKey = b.apiKey;
    this.http = b.http;
    this.timeout = b.timeout;
    this.random = b.random;
    this.reader = reader;
    this.rkid = rkid;
    this.builder = b;
  }

  public static Builder builder(URI baseUrl, String apiKey) {
    return new Builder(baseUrl, apiKey);
  }

  // ---- encryption keys ----------------------------------------------------------------------

  /**
   * Creates an ML-KEM-768 key pair here, registers its public half and returns it with the MAC key
   * the service shows once.
   */
  public RegisteredClientKey registerClientKey() {
    SecretBytes seed = SecretBytes.random(64, random);
    MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(seed);
    ObjectNode body = JSON.createObjectNode();
    body.put("public_key", B64URL.encodeToString(dk.encapsulationKey().toBytes()));
    JsonNode answer = send("POST", "/api/v2/encryption/client-keys", body, Map.of());
    try (ClientKeyRegistration reg = ClientKeyRegistration.parse(answer.toString())) {
      return new RegisteredClientKey(
          reg.rkid(), reg.hkid(), seed, SecretBytes.copyOf(reg.macKey().reveal()));
    }
  }

  /** The service's ML-DSA-65 public keys. */
  public ServerKeys serverKeys() {
    return ServerKeys.parse(
        send("GET", "/api/v2/encryption/server-keys", null, Map.of()).toString());
  }

  /**
   * A client whose unseal and proxy requests name {@code key} ({@code rkid}) and that opens the
   * envelopes sent to it (server keys fetched now). {@code key} must have been registered with this
   * client's API key: the service seals only to client keys of the calling API key.
   */
  public QuantaSealClient withClientKey(RegisteredClientKey key) {
    EnvelopeReader r =
        EnvelopeReader.builder()
            .clientKey(key.rkid(), key.mlKemSeed())
            .macKey(key.hkid(), key.macKey())
            .serverKeys(serverKeys())
            .build();
    return new QuantaSealClient(builder, r, key.rkid());
  }

  // ---- vault --------------------------------------------------------------------------------

  /** Seals a credential; the answer is metadata only ({@code vault_entry_id}, version, …). */
  public JsonNode seal(String credentialType, String name, Map<String, String> values) {
    ObjectNode body = JSON.createObjectNode();
    body.put("credential_type", credentialType);
    if (name != null) {
      body.put("name", name);
    }
    ObjectNode v = body.putObject("values");
    values.forEach(v::put);
    return send("POST", "/api/v2/vault/seal", body, Map.of());
  }

  public JsonNode listEntries() {
    return send("GET", "/api/v2/vault/entries", null, Map.of());
  }

  public JsonNode getEntry(String entryId) {
    return send("GET", "/api/v2/vault/entries/" + segment(entryId), null, Map.of());
  }

  public JsonNode rotate(String entryId, Map<String, String> values) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode v = body.putObject("values");
    values.forEach(v::put);
    return send("POST", "/api/v2/vault/entries/" + segment(entryId) + "/rotate", body, Map.of());
  }

  public void deleteEntry(String entryId, boolean force) {
    send(
        "DELETE",
        "/api/v2/vault/entries/" + segment(entryId) + (force ? "?force=true" : ""),
        null,
        Map.of());
  }

  /** Unseals (needs the {@code vault:unseal} scope): the verified, decrypted plaintext. */
  public JsonNode unseal(String entryId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("vault_entry_id", entryId);
    body.put("rkid", requireClientKey());
    return open(sendRaw("POST", "/api/v2/vault/unseal", body, Map.of())).plaintext();
  }

  // ---- integrations and the proxy --------------------------------------------------------------

  public JsonNode createDatadogIntegration(
      String credentialId, String site, List<String> allowedOperations, String name) {
    ObjectNode body = JSON.createObjectNode();
    body.put("system_type", "datadog");
    if (name != null) {
      body.put("name", name);
    }
    body.put("credential_id", credentialId);
    body.putObject("config").put("site", site);
    ArrayNode ops = body.putArray("allowed_operations");
    allowedOperations.forEach(ops::add);
    return send("POST", "/api/v2/integrations", body, Map.of());
  }

  public JsonNode getIntegration(String integrationId) {
    return send("GET", "/api/v2/integrations/" + segment(integrationId), null, Map.of());
  }

  public void deleteIntegration(String integrationId) {
    send("DELETE", "/api/v2/integrations/" + segment(integrationId), null, Map.of());
  }

  /**
   * Calls the third party through QuantaSeal. Upstream errors (Datadog's 4xx/5xx) come back as a
   * {@link ProxyResult} with that status; the service's own errors throw.
   */
  public ProxyResult proxy(String integrationId, String operation, JsonNode payload) {
    ObjectNode body = JSON.createObjectNode();
    body.put("integration_id", integrationId);
    body.put("operation", operation);
    body.set("payload", payload);
    body.put("rkid", requireClientKey());
    return open(sendRaw("POST", "/api/v2/proxy/outbound", body, Map.of()));
  }

  // ---- transport ----------------------------------------------------------------------------

  /** Any call; the JSON answer of a 2xx (empty object for 204). */
  public JsonNode send(String method, String path, JsonNode body, Map<String, String> headers) {
    HttpResponse<String> r = sendRaw(method, path, body, headers);
    if (r.body() == null || r.body().isEmpty()) {
      return JSON.createObjectNode();
    }
    return parse(r.body());
  }

  private HttpResponse<String> sendRaw(
      String method, String path, JsonNode body, Map<String, String> headers) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("X-API-Key", apiKey)
            .header("Accept", "application/json");
    headers.forEach(req::header);
    if (body != null) {
      req.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r;
    try {
      r = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new QuantaSealClientException("QuantaSeal could not be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuantaSealClientException("interrupted");
    }
    boolean upstream = r.headers().firstValue("X-QS-Source").map("upstream"::equals).orElse(false);
    if ((r.statusCode() < 200 || r.statusCode() >= 300) && !upstream) {
      JsonNode err = r.body() == null || r.body().isEmpty() ? null : tryParse(r.body());
      JsonNode e = err == null ? JSON.createObjectNode() : err.path("error");
      throw new QuantaSealApiException(
          r.statusCode(),
          e.path("code").asText("http_" + r.statusCode()),
          e.path("message").asText("no error body"),
          e.path("request_id").asText(r.headers().firstValue("X-Request-Id").orElse("?")));
    }
    return r;
  }

  private String requireClientKey() {
    if (reader == null) {
      throw new QuantaSealClientException(
          "This answer is an envelope: build the client withClientKey(…) to read it.");
    }
    return rkid;
  }

  /** Opens the envelope of an answer, bound to it: its rid is the answer's X-Request-Id. */
  private ProxyResult open(HttpResponse<String> r) {
    String requestId = r.headers().firstValue("X-Request-Id").orElse(null);
    byte[] plaintext = reader.openAnswer(r.body(), requestId, requireClientKey());
    try {
      return new ProxyResult(r.statusCode(), requestId, JSON.readTree(plaintext));
    } catch (IOException e) {
      throw new QuantaSealClientException("the envelope's plaintext is not JSON");
    } finally {
      SecretBytes.wipe(plaintext);
    }
  }

  private static JsonNode parse(String body) {
    JsonNode n = tryParse(body);
    if (n == null) {
      throw new QuantaSealClientException("the service answered something that is not JSON");
    }
    return n;
  }

  private static JsonNode tryParse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String segment(String id) {
    return URLEncoder.encode(Objects.requireNonNull(id), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "QuantaSealClient[" + base + ", api key redacted]";
  }

  /** Configures a {@link QuantaSealClient}. */
  public static final class Builder {
    private final URI base;
    private final String apiKey;
    private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Duration timeout = Duration.ofSeconds(30);
    private SecureRandom random = new SecureRandom();
    private RegisteredClientKey clientKey;

    private Builder(URI base, String apiKey) {
      this.base = Objects.requireNonNull(base);
      this.apiKey = Objects.requireNonNull(apiKey);
    }

    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /** Reads envelopes for this registered key (server keys are fetched at build time). */
    public Builder clientKey(RegisteredClientKey key) {
      this.clientKey = key;
      return this;
    }

    public QuantaSealClient build() {
      QuantaSealClient c = new QuantaSealClient(this, null, null);
      return Optional.ofNullable(clientKey).map(c::withClientKey).orElse(c);
    }
  }
}
