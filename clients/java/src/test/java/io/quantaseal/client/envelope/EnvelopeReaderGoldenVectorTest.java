package io.quantaseal.client.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client opens every golden envelope of docs/vectors/envelope-v1.json, as an API user would.
 */
class EnvelopeReaderGoldenVectorTest {

  static List<GoldenEnvelopes.Vector> vectors() {
    return GoldenEnvelopes.load();
  }

  /** A reader set up from the client-keys and server-keys answers, clock at {@code now}. */
  static EnvelopeReader readerFor(GoldenEnvelopes.Vector v, long now) {
    try (ClientKeyRegistration registration = ClientKeyRegistration.parse(v.clientKeysResponse());
        SecretBytes seed = v.recipientSeed()) {
      return EnvelopeReader.builder()
          .registration(registration, seed)
          .serverKeys(ServerKeys.parse(v.serverKeysResponse()))
          .clock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC))
          .build();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void open_returnsTheVectorsPlaintext(GoldenEnvelopes.Vector v) {
    EnvelopeReader reader = readerFor(v, v.iat());
    assertArrayEquals(v.plaintext(), reader.open(v.envelopeJson()));
    assertArrayEquals(
        v.plaintext(), reader.open(v.envelopeJson().getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void open_acceptsTheVectorWithinTheDefaultSkew_only(GoldenEnvelopes.Vector v) {
    assertArrayEquals(v.plaintext(), readerFor(v, v.iat() + 300).open(v.envelopeJson()));
    if (v.iat() >= 300) {
      assertArrayEquals(v.plaintext(), readerFor(v, v.iat() - 300).open(v.envelopeJson()));
    }
    assertInvalid(() -> readerFor(v, v.iat() + 301).open(v.envelopeJson()));
  }

  @Test
  void open_rejectsEveryVector_withAnotherVectorsKeys() {
    List<GoldenEnvelopes.Vector> all = vectors();
    for (int i = 0; i < all.size(); i++) {
      GoldenEnvelopes.Vector keysOf = all.get(i);
      GoldenEnvelopes.Vector envelopeOf = all.get((i + 1) % all.size());
      EnvelopeReader reader = readerFor(keysOf, envelopeOf.iat());
      assertInvalid(() -> reader.open(envelopeOf.envelopeJson()));
    }
  }

  @Test
  void vectors_includeTheCasesEnvelopeMdAsksFor() throws Exception {
    List<GoldenEnvelopes.Vector> all = vectors();
    assertTrue(all.stream().anyMatch(v -> v.plaintext().length == 0));
    assertTrue(all.stream().anyMatch(v -> v.plaintext().length == 65536));
    assertTrue(all.stream().anyMatch(v -> v.text("rid").chars().anyMatch(c -> c > 0x7f)));
    GoldenEnvelopes.Vector proxy =
        all.stream().filter(v -> v.name().equals("proxy-response")).findFirst().orElseThrow();
    byte[] plaintext = readerFor(proxy, proxy.iat()).open(proxy.envelopeJson());
    JsonNode answer = GoldenEnvelopes.JSON.readTree(plaintext);
    assertEquals("send_event", answer.get("operation").textValue());
    assertEquals(202, answer.get("upstream").get("status").intValue());
    assertEquals(41, answer.get("upstream").get("latency_ms").intValue());
    assertTrue(answer.get("integration_id").textValue().startsWith("int_"));
    assertTrue(answer.get("audit_id").textValue().startsWith("aud_"));
  }

  static void assertInvalid(org.junit.jupiter.api.function.Executable e) {
    InvalidEnvelopeException ex = assertThrows(InvalidEnvelopeException.class, e);
    assertEquals("invalid envelope", ex.getMessage());
    assertNull(ex.getCause());
  }
}
