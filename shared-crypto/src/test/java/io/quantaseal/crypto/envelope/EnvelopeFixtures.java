package io.quantaseal.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/**
 * Deterministic keys, sealers and openers for the envelope tests, plus small helpers.
 *
 * <p>Every key comes from SHA-512 of a label ({@link #derive}), so tests are reproducible and no
 * test depends on a random key. The opener built by {@link #openerBuilder()} knows, besides the
 * right keys, a second ("other") key of each kind under its own id, so that tests which move an
 * envelope to another known id exercise a real lookup rather than an unknown id.
 */
final class EnvelopeFixtures {
  static final long NOW_SECONDS = 1_764_115_200L;
  static final Instant NOW = Instant.ofEpochSecond(NOW_SECONDS);
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final String RKID = "ck_test";
  static final String SKID = "sk_test";
  static final String HKID = "hk_test";
  static final String OTHER_RKID = "ck_other";
  static final String OTHER_SKID = "sk_other";
  static final String OTHER_HKID = "hk_other";

  static final ObjectMapper JSON = new ObjectMapper();
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  static final Base64.Decoder B64D = Base64.getUrlDecoder();

  static final MlKemDecapsulationKey RECIPIENT_KEY = kemKey("recipient");
  static final MlKemDecapsulationKey OTHER_RECIPIENT_KEY = kemKey("other-recipient");
  static final MlDsaPrivateKey SIGNING_KEY = dsaKey("signer");
  static final MlDsaPrivateKey OTHER_SIGNING_KEY = dsaKey("other-signer");
  static final byte[] MAC_KEY = derive("mac", 64);
  static final byte[] OTHER_MAC_KEY = derive("other-mac", 64);

  private EnvelopeFixtures() {}

  /**
   * {@code length} bytes: SHA-512(label || 0x00 || counter_be32) for counter = 0, 1, ...,
   * concatenated and truncated.
   */
  static byte[] derive(String label, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-512");
      byte[] l = label.getBytes(StandardCharsets.UTF_8);
      ByteBuffer out = ByteBuffer.allocate(length);
      for (int counter = 0; out.hasRemaining(); counter++) {
        sha.update(l);
        sha.update((byte) 0);
        sha.update(ByteBuffer.allocate(4).putInt(counter).array());
        byte[] block = sha.digest();
        out.put(block, 0, Math.min(block.length, out.remaining()));
      }
      return out.array();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static MlKemDecapsulationKey kemKey(String label) {
    try (SecretBytes seed = SecretBytes.wrap(derive("test/kem/" + label, 64))) {
      return MlKem768.keyPairFromSeed(seed);
    }
  }

  static MlDsaPrivateKey dsaKey(String label) {
    try (SecretBytes seed = SecretBytes.wrap(derive("test/dsa/" + label, 32))) {
      return MlDsaPrivateKey.fromSeed(seed);
    }
  }

  static EnvelopeRecipient recipient() {
    try (SecretBytes mac = SecretBytes.copyOf(MAC_KEY)) {
      return EnvelopeRecipient.create(RKID, RECIPIENT_KEY.encapsulationKey(), HKID, mac);
    }
  }

  /**
   * The production sealer, dated {@link #NOW}: fresh random m, IV and hedged ML-DSA. (Not a seeded
   * random: the JDK refuses to encrypt twice in a row with the same AES key and IV on one thread,
   * which a reseeded generator would do for equal plaintexts.)
   */
  static EnvelopeSealer sealer() {
    return sealer(CLOCK);
  }

  static EnvelopeSealer sealer(Clock clock) {
    return EnvelopeSealer.create(SKID, SIGNING_KEY, new SecureRandom(), clock);
  }

  /** Seals a copy of {@code plaintext} (the sealer wipes its input) for the test recipient. */
  static HybridCryptoEnvelope seal(String rid, byte[] plaintext) {
    return sealer().seal(recipient(), rid, plaintext.clone());
  }

  /** An opener at {@link #NOW} that knows the right keys and one other key of each kind. */
  static EnvelopeOpener.Builder openerBuilder() {
    try (SecretBytes mac = SecretBytes.copyOf(MAC_KEY);
        SecretBytes otherMac = SecretBytes.copyOf(OTHER_MAC_KEY)) {
      return EnvelopeOpener.builder()
          .recipientKey(RKID, RECIPIENT_KEY)
          .recipientKey(OTHER_RKID, OTHER_RECIPIENT_KEY)
          .serverKey(SKID, SIGNING_KEY.publicKey())
          .serverKey(OTHER_SKID, OTHER_SIGNING_KEY.publicKey())
          .macKey(HKID, mac)
          .macKey(OTHER_HKID, otherMac)
          .clock(CLOCK);
    }
  }

  static EnvelopeOpener opener() {
    return openerBuilder().build();
  }

  /** A deterministic plaintext of {@code length} bytes. */
  static byte[] plaintext(int length) {
    return derive("test/plaintext/" + length, length);
  }

  static ObjectNode tree(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HybridCryptoEnvelope withBinary(HybridCryptoEnvelope e, String member, byte[] value) {
    return new HybridCryptoEnvelope(
        e.suite(),
        e.rid(),
        e.iat(),
        e.rkid(),
        e.skid(),
        e.hkid(),
        member.equals("kem") ? value : e.kem(),
        member.equals("iv") ? value : e.iv(),
        member.equals("ct") ? value : e.ct(),
        member.equals("sig") ? value : e.sig(),
        member.equals("mac") ? value : e.mac());
  }

  static byte[] binary(HybridCryptoEnvelope e, String member) {
    switch (member) {
      case "kem":
        return e.kem();
      case "iv":
        return e.iv();
      case "ct":
        return e.ct();
      case "sig":
        return e.sig();
      case "mac":
        return e.mac();
      default:
        throw new IllegalArgumentException(member);
    }
  }

  /**
   * Asserts that {@code action} throws exactly the one uniform error: {@link
   * InvalidEnvelopeException}, message "invalid envelope", no cause.
   */
  static void assertInvalid(Executable action, Supplier<String> what) {
    InvalidEnvelopeException e = assertThrows(InvalidEnvelopeException.class, action, what);
    assertEquals(InvalidEnvelopeException.MESSAGE, e.getMessage(), what);
    assertEquals("invalid envelope", e.getMessage(), what);
    assertNull(e.getCause(), what);
    assertEquals(InvalidEnvelopeException.class, e.getClass(), what);
  }

  static void assertInvalid(Executable action, String what) {
    assertInvalid(action, () -> what);
  }
}
