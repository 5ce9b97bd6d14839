package io.quantaseal.client.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantaseal.client.envelope.ClientKeyRegistration;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.crypto.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/envelope.md, compiled and run: read a proxy answer. The "HTTP responses" are
 * built from the golden vector {@code proxy-response}, so the example runs offline.
 */
class ReadProxyResponseExampleTest {

  @Test
  void readAProxyAnswer() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode vector = proxyResponseVector(json);
    // What the caller keeps: its own ML-KEM-768 seed (d || z), whose public key it registered.
    byte[] mySeed = Base64.getUrlDecoder().decode(vector.get("recipient_seed").textValue());
    // The answers of POST /api/v2/encryption/client-keys and GET /api/v2/encryption/server-keys.
    String clientKeysAnswer = clientKeysAnswer(vector);
    String serverKeysAnswer = serverKeysAnswer(vector);
    // The body of POST /api/v2/proxy/outbound.
    String proxyAnswerBody = vector.get("envelope").toString();
    Clock clock = Clock.fixed(Instant.ofEpochSecond(vector.get("iat").longValue()), ZoneOffset.UTC);

    // --- docs/envelope.md, "Reading envelopes with the Java client" ---
    EnvelopeReader reader;
    try (ClientKeyRegistration registration = ClientKeyRegistration.parse(clientKeysAnswer);
        SecretBytes seed = SecretBytes.wrap(mySeed)) {
      reader =
          EnvelopeReader.builder()
              .registration(registration, seed)
              .serverKeys(ServerKeys.parse(serverKeysAnswer))
              .clock(clock) // omit in production: the system clock
              .build();
    }
    byte[] plaintext = reader.open(proxyAnswerBody); // InvalidEnvelopeException if anything is off
    JsonNode answer = json.readTree(plaintext);
    int upstreamStatus = answer.get("upstream").get("status").intValue();
    // --- end of the example ---

    assertEquals(202, upstreamStatus);
    assertEquals("send_event", answer.get("operation").textValue());
  }

  private static JsonNode proxyResponseVector(ObjectMapper json) throws Exception {
    String path = System.getProperty("quantaseal.envelope.vectors");
    for (JsonNode v : json.readTree(Files.readString(Path.of(path))).get("vectors")) {
      if (v.get("name").textValue().equals("proxy-response")) {
        return v;
      }
    }
    throw new IllegalStateException("no proxy-response vector");
  }

  private static String clientKeysAnswer(JsonNode v) {
    return "{\"rkid\":\""
        + v.get("rkid").textValue()
        + "\",\"hkid\":\""
        + v.get("hkid").textValue()
        + "\",\"hmac_key\":\""
        + v.get("mac_key").textValue()
        + "\"}";
  }

  private static String serverKeysAnswer(JsonNode v) {
    byte[] signerSeed = Base64.getUrlDecoder().decode(v.get("signer_seed").textValue());
    byte[] publicKey;
    try (SecretBytes s = SecretBytes.wrap(signerSeed)) {
      publicKey = io.quantaseal.crypto.signature.MlDsaPrivateKey.fromSeed(s).publicKey().toBytes();
    }
    return "{\"keys\":[{\"skid\":\""
        + v.get("skid").textValue()
        + "\",\"alg\":\"ML-DSA-65\",\"public_key\":\""
        + Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey)
        + "\"}]}";
  }
}
