package io.quantaseal.client.envelope;

import static io.quantaseal.client.envelope.EnvelopeReaderGoldenVectorTest.assertInvalid;
import static io.quantaseal.client.envelope.EnvelopeReaderGoldenVectorTest.readerFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.QuantaSealClientException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EnvelopeReaderTest {
  private static final GoldenEnvelopes.Vector PROXY =
      GoldenEnvelopes.load().stream()
          .filter(v -> v.name().equals("proxy-response"))
          .findFirst()
          .orElseThrow();

  private final EnvelopeReader reader = readerFor(PROXY, PROXY.iat());

  private static String withMember(String member, String value) throws Exception {
    ObjectNode t = (ObjectNode) GoldenEnvelopes.JSON.readTree(PROXY.envelopeJson());
    t.put(member, value);
    return GoldenEnvelopes.JSON.writeValueAsString(t);
  }

  @Test
  void open_rejectsTamperedEnvelopes_withTheUniformError() throws Exception {
    String sig = PROXY.node().get("envelope").get("sig").textValue();
    char c = sig.charAt(100);
    assertInvalid(
        () ->
            reader.open(
                withMember(
                    "sig", sig.substring(0, 100) + (c == 'A' ? 'B' : 'A') + sig.substring(101))));
    assertInvalid(() -> reader.open(withMember("rid", "req_other")));
    assertInvalid(() -> reader.open(withMember("skid", "sk_retired")));
    assertInvalid(() -> reader.open(withMember("hkid", "hk_unknown")));
    assertInvalid(() -> reader.open(withMember("rkid", "ck_unknown")));
    assertInvalid(() -> reader.open("not json"));
    assertInvalid(() -> reader.open((String) null));
    assertInvalid(() -> reader.open(PROXY.envelopeJson() + "{}"));
  }

  @Test
  void open_bytes_requiresWellFormedUtf8() {
    byte[] body = PROXY.envelopeJson().getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(PROXY.plaintext(), reader.open(body));
    // An unknown member whose value is not UTF-8: a lenient decoder would turn it into U+FFFD and
    // the envelope would open; the reader refuses the body instead.
    byte[] prefix = "{\"x\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] suffix = ("\"," + PROXY.envelopeJson().substring(1)).getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[prefix.length + 1 + suffix.length];
    System.arraycopy(prefix, 0, broken, 0, prefix.length);
    broken[prefix.length] = (byte) 0xFF;
    System.arraycopy(suffix, 0, broken, prefix.length + 1, suffix.length);
    String lenient = new String(broken, StandardCharsets.UTF_8);
    assertArrayEquals(PROXY.plaintext(), reader.open(lenient));
    assertInvalid(() -> reader.open(broken));
    assertInvalid(() -> reader.open((byte[]) null));
    assertInvalid(() -> reader.open(new byte[EnvelopeReader.MAX_ENVELOPE_BYTES + 1]));
  }

  @Test
  void open_honoursTheConfiguredSkew() {
    try (ClientKeyRegistration r = ClientKeyRegistration.parse(PROXY.clientKeysResponse());
        SecretBytes seed = PROXY.recipientSeed()) {
      EnvelopeReader strict =
          EnvelopeReader.builder()
              .registration(r, seed)
              .serverKeys(ServerKeys.parse(PROXY.serverKeysResponse()))
              .clock(Clock.fixed(Instant.ofEpochSecond(PROXY.iat() + 30), ZoneOffset.UTC))
              .maxClockSkew(Duration.ofSeconds(10))
              .build();
      assertInvalid(() -> strict.open(PROXY.envelopeJson()));
    }
  }

  @Test
  void builder_acceptsKeysGivenOneByOne() {
    try (SecretBytes seed = PROXY.recipientSeed();
        SecretBytes mac = SecretBytes.wrap(PROXY.bytes("mac_key"));
        SecretBytes signerSeed = SecretBytes.wrap(PROXY.bytes("signer_seed"))) {
      EnvelopeReader r =
          EnvelopeReader.builder()
              .clientKey(PROXY.text("rkid"), MlKem768.keyPairFromSeed(seed))
              .macKey(PROXY.text("hkid"), mac)
              .serverKey(PROXY.text("skid"), MlDsaPrivateKey.fromSeed(signerSeed).publicKey())
              .clock(Clock.fixed(Instant.ofEpochSecond(PROXY.iat()), ZoneOffset.UTC))
              .build();
      assertArrayEquals(PROXY.plaintext(), r.open(PROXY.envelopeJson()));
      assertEquals("EnvelopeReader[rkids=[" + PROXY.text("rkid") + "]]", r.toString());
    }
  }

  @Test
  void builder_rejectsIncompleteOrWrongConfiguration() {
    try (SecretBytes seed = PROXY.recipientSeed();
        SecretBytes mac = SecretBytes.wrap(PROXY.bytes("mac_key"));
        SecretBytes shortSeed = SecretBytes.wrap(new byte[32]);
        SecretBytes shortMac = SecretBytes.wrap(new byte[32])) {
      ServerKeys servers = ServerKeys.parse(PROXY.serverKeysResponse());
      assertThrows(QuantaSealClientException.class, () -> EnvelopeReader.builder().build());
      assertThrows(
          QuantaSealClientException.class,
          () -> EnvelopeReader.builder().clientKey("ck", seed).macKey("hk", mac).build());
      assertThrows(
          QuantaSealClientException.class,
          () -> EnvelopeReader.builder().clientKey("ck", seed).serverKeys(servers).build());
      assertThrows(
          QuantaSealClientException.class,
          () -> EnvelopeReader.builder().macKey("hk", mac).serverKeys(servers).build());
      assertThrows(
          QuantaSealClientException.class,
          () ->
              EnvelopeReader.builder()
                  .serverKeys(ServerKeys.parse("{\"keys\":[]}"))
                  .clientKey("ck", seed)
                  .macKey("hk", mac)
                  .build());
      assertThrows(
          QuantaSealClientException.class,
          () -> EnvelopeReader.builder().clientKey("ck", shortSeed));
      assertThrows(
          QuantaSealClientException.class, () -> EnvelopeReader.builder().macKey("hk", shortMac));
      assertThrows(
          QuantaSealClientException.class, () -> EnvelopeReader.builder().clientKey("", seed));
      assertThrows(QuantaSealClientException.class, () -> EnvelopeReader.builder().macKey("", mac));
      assertThrows(
          IllegalArgumentException.class,
          () -> EnvelopeReader.builder().maxClockSkew(Duration.ofSeconds(-1)));
    }
  }
}
