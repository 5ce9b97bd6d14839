package io.quantaseal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.apifixtures.ApiFixture;
import io.quantaseal.common.json.Json;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.EnvelopeOpener;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import io.quantaseal.crypto.vault.Keyring;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.integrations.IntegrationsFunction;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The integrations test harness (engines, fake Datadog, two tenants, authorizer → function) plus
 * ProxyOutboundFunction and client keys whose envelopes the tests open.
 */
final class ProxyHarness extends ApiFixture {
  /** A client key registered through SealFunction, and the opener that goes with it. */
  record ClientKey(String rkid, String hkid, EnvelopeOpener opener) {}

  /** ProxyOutboundFunction on the harness's engines, the fake Datadog and its fast sleeper. */
  final ProxyOutboundFunction proxyFunction;

  final ProxyOutboundHandler proxy;

  ProxyHarness() {
    this(Clock.systemUTC());
  }

  ProxyHarness(Clock clock) {
    super(
        clock,
        f ->
            IntegrationsFunction.builder()
                .config(f.config)
                .dynamoDb(f.aws.dynamoDbClient())
                .keyring(f.kms)
                .clock(f.clock)
                .datadog(f.client)
                .upstreamMargin(Duration.ofMillis(500))
                .build()
                .handler());
    this.proxyFunction = proxyFunction(client, kms);
    this.proxy = proxyFunction.handler();
  }

  /** Another ProxyOutboundFunction, as a new container: its own caches, this Datadog client. */
  ProxyOutboundFunction proxyFunction(DatadogClient datadog, Keyring keyring) {
    return ProxyOutboundFunction.builder()
        .config(config)
        .dynamoDb(aws.dynamoDbClient())
        .keyring(keyring)
        .clock(clock)
        .datadog(datadog)
        .upstreamMargin(Duration.ofMillis(500))
        .build();
  }

  /**
   * Registers a fresh ML-KEM-768 key for {@code t} (events/seal/register-client-key.json) and
   * builds an {@link EnvelopeOpener} from the answer and the published server keys.
   */
  ClientKey registerClientKey(Tenant t) {
    MlKemDecapsulationKey dk = MlKem768.generateKeyPair(random);
    String publicKey =
        Base64.getUrlEncoder().withoutPadding().encodeToString(dk.encapsulationKey().toBytes());
    Response r =
        call(
            seal,
            "seal/register-client-key.json",
            t,
            null,
            Json.write(Map.of("public_key", publicKey)));
    if (r.status() != 201) {
      throw new AssertionError("client key: " + r.status() + " " + r.body());
    }
    String rkid = r.json().get("rkid").asText();
    String hkid = r.json().get("hkid").asText();
    byte[] mac = Base64.getUrlDecoder().decode(r.json().get("hmac_key").asText());
    EnvelopeOpener.Builder opener = EnvelopeOpener.builder().recipientKey(rkid, dk);
    try (SecretBytes macKey = SecretBytes.wrap(mac)) {
      opener.macKey(hkid, macKey);
    }
    Response keys = call(seal, "seal/server-keys.json", t, null, null);
    for (JsonNode k : keys.json().get("keys")) {
      opener.serverKey(
          k.get("skid").asText(),
          MlDsaPublicKey.fromBytes(Base64.getUrlDecoder().decode(k.get("public_key").asText())));
    }
    return new ClientKey(rkid, hkid, opener.build());
  }
}
