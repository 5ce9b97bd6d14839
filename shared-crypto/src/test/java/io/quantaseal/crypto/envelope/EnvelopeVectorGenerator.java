package io.quantaseal.crypto.envelope;

import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes {@code docs/vectors/envelope-v1.json} (docs/envelope.md#golden-vectors). Run from the
 * repository root (see docs/envelope.md):
 *
 * <pre>
 * mvn -q -pl shared-crypto test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.quantaseal.crypto.envelope.EnvelopeVectorGenerator \
 *   -Dexec.args=docs/vectors/envelope-v1.json
 * </pre>
 *
 * <p>Every input is derived from a label, so regeneration is byte-identical: for a vector {@code
 * name} and an input {@code field}, the bytes are SHA-512(label || 0x00 || counter) for counter =
 * 0, 1, ... (32-bit big-endian), concatenated and cut to length, with label = {@value
 * #LABEL_PREFIX}{@code name/field} in UTF-8. Sealing uses the production sealer's deterministic
 * path ({@link EnvelopeSealer#sealDeterministically}: the given ML-KEM {@code m} and IV, ML-DSA
 * with rnd = 32 zero bytes) and a random source that fails if anything asks it for bytes.
 */
public final class EnvelopeVectorGenerator {
  static final String LABEL_PREFIX = "quantaseal/envelope/v1/test-vectors/";

  /** What a vector is about; everything else is derived from its name. */
  record Definition(
      String name, String rid, long iat, String rkid, String skid, String hkid, byte[] plaintext) {}

  /**
   * A typical answer of POST /api/v2/proxy/outbound (docs/envelope.md#plaintext-of-a-proxy-answer).
   */
  static final String PROXY_ANSWER =
      "{\"integration_id\":\"int_01JDZ8KX4M6P9R2T5V8X1Z3B6D\",\"operation\":\"send_event\","
          + "\"upstream\":{\"status\":202,\"body\":{\"status\":\"ok\",\"event\":"
          + "{\"id\":8274918230011652471,\"title\":\"Deployment finished\","
          + "\"date_happened\":1764115159,\"tags\":[\"env:prod\",\"service:checkout\"],"
          + "\"url\":\"https://app.datadoghq.com/event/event?id=8274918230011652471\"}},"
          + "\"latency_ms\":41},\"audit_id\":\"aud_01JDZ8Q6V2H4M3K7N9P1R5T8W0\"}";

  private EnvelopeVectorGenerator() {}

  static List<Definition> definitions() {
    return List.of(
        new Definition(
            "empty-plaintext",
            "req_01JDZ8Q6V2H4M3K7N9P1R5T8W0",
            1_764_115_200L,
            "ck_01JDZ7YV3B5N8Q2R4T6W8Y0A1C",
            "sk_2025_11",
            "hk_01JDZ7YV3B5N8Q2R4T6W8Y0A1D",
            new byte[0]),
        new Definition(
            "proxy-response",
            "req_01JDZ8R2C4E6G8J0K2M4P6R8T0",
            1_764_115_201L,
            "ck_01JDZ7YV3B5N8Q2R4T6W8Y0A1C",
            "sk_2025_11",
            "hk_01JDZ7YV3B5N8Q2R4T6W8Y0A1D",
            PROXY_ANSWER.getBytes(StandardCharsets.UTF_8)),
        new Definition(
            "plaintext-64kib",
            "req_01JDZ8S9V1X3Z5B7D9F1H3K5M7",
            1_764_115_260L,
            "ck_01JDZ7YV3B5N8Q2R4T6W8Y0A1C",
            "sk_2025_11",
            "hk_01JDZ7YV3B5N8Q2R4T6W8Y0A1D",
            derive("plaintext-64kib", "plaintext", 64 * 1024)),
        new Definition(
            "non-ascii-ids",
            "req_é漢字🔐",
            1_764_115_300L,
            "ck_ключ-клиента",
            "sk_署名鍵_2025",
            "hk_κλειδί_🔑",
            "Grüße, 世界! 🔐".getBytes(StandardCharsets.UTF_8)),
        new Definition(
            "ids-of-256-utf8-bytes",
            "req_" + "é漢🔐x".repeat(25) + "ab",
            253_402_300_799L,
            "ck_" + "é漢🔐x".repeat(25) + "abc",
            "sk_" + "é漢🔐x".repeat(25) + "abc",
            "hk_" + "é漢🔐x".repeat(25) + "abc",
            derive("ids-of-256-utf8-bytes", "plaintext", 100)),
        new Definition(
            "iat-zero",
            "req_epoch",
            0L,
            "ck_epoch",
            "sk_epoch",
            "hk_epoch",
            "0".getBytes(StandardCharsets.US_ASCII)));
  }

  /** Input {@code field} of vector {@code name}: see the class comment. */
  static byte[] derive(String name, String field, int length) {
    return EnvelopeFixtures.derive(LABEL_PREFIX + name + "/" + field, length);
  }

  /** The vectors, built from their definitions and derived inputs. */
  static List<GoldenVector> generate() {
    return definitions().stream()
        .map(
            d ->
                seal(
                    d.name(),
                    derive(d.name(), "recipient_seed", 64),
                    derive(d.name(), "signer_seed", 32),
                    derive(d.name(), "mac_key", 64),
                    derive(d.name(), "encaps_m", 32),
                    derive(d.name(), "iv", 12),
                    d.rid(),
                    d.iat(),
                    d.rkid(),
                    d.skid(),
                    d.hkid(),
                    d.plaintext()))
        .toList();
  }

  /** Seals again from the inputs of {@code v} alone (not its H, S or envelope). */
  static GoldenVector rebuild(GoldenVector v) {
    return seal(
        v.name(),
        v.recipientSeed(),
        v.signerSeed(),
        v.macKey(),
        v.encapsM(),
        v.iv(),
        v.rid(),
        v.iat(),
        v.rkid(),
        v.skid(),
        v.hkid(),
        v.plaintext());
  }

  /** The text of the vectors file. */
  static String render() {
    return GoldenVectors.render(
        EnvelopeSuite.QS1_MLKEM768_HKDFSHA512_A256GCM_MLDSA65_HS512.id(), generate());
  }

  static GoldenVector seal(
      String name,
      byte[] recipientSeed,
      byte[] signerSeed,
      byte[] macKey,
      byte[] encapsM,
      byte[] iv,
      String rid,
      long iat,
      String rkid,
      String skid,
      String hkid,
      byte[] plaintext) {
    MlKemDecapsulationKey recipientKey;
    MlDsaPrivateKey signingKey;
    EnvelopeRecipient recipient;
    try (SecretBytes kemSeed = SecretBytes.copyOf(recipientSeed);
        SecretBytes dsaSeed = SecretBytes.copyOf(signerSeed);
        SecretBytes mac = SecretBytes.copyOf(macKey)) {
      recipientKey = MlKem768.keyPairFromSeed(kemSeed);
      signingKey = MlDsaPrivateKey.fromSeed(dsaSeed);
      recipient = EnvelopeRecipient.create(rkid, recipientKey.encapsulationKey(), hkid, mac);
    }
    EnvelopeSealer sealer =
        EnvelopeSealer.create(
            skid,
            signingKey,
            new NoRandomness(),
            Clock.fixed(Instant.ofEpochSecond(iat), ZoneOffset.UTC));
    // The sealer wipes the plaintext it is given: hand it a copy.
    HybridCryptoEnvelope e =
        sealer.sealDeterministically(recipient, rid, iat, plaintext.clone(), encapsM, iv);
    return new GoldenVector(
        name,
        recipientSeed.clone(),
        signerSeed.clone(),
        macKey.clone(),
        encapsM.clone(),
        iv.clone(),
        rid,
        iat,
        rkid,
        skid,
        hkid,
        plaintext.clone(),
        e.headerBytes(),
        e.signedBytes(),
        GoldenVectors.tree(e.toJson()));
  }

  /** A random source for a sealer that must not use one. */
  static final class NoRandomness extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final boolean constructed;

    NoRandomness() {
      super(new byte[0]);
      constructed = true;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (constructed) {
        throw new IllegalStateException("vector generation must not use randomness");
      }
    }

    @Override
    public void setSeed(long seed) {
      // Called by the SecureRandom constructor; nothing to seed.
    }
  }

  /** Writes the vectors file to {@code args[0]} (default {@value GoldenVectors#RELATIVE_PATH}). */
  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : GoldenVectors.RELATIVE_PATH).toAbsolutePath();
    Files.createDirectories(out.getParent());
    String text = render();
    Files.writeString(out, text, StandardCharsets.UTF_8);
    System.out.printf(
        "wrote %d envelope vectors (%d bytes) to %s%n",
        definitions().size(), text.getBytes(StandardCharsets.UTF_8).length, out);
  }
}
