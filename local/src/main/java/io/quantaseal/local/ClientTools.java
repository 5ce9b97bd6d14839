package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.envelope.ClientKeyRegistration;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client side of the README walk-through, on top of the Java client ({@code
 * io.quantaseal.client}): make an ML-KEM-768 key pair to register, and open an envelope (verify
 * both signatures, then decrypt) with it.
 */
final class ClientTools {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

  private ClientTools() {}

  /**
   * Writes a new key pair to {@code out} (the 64-byte seed d‖z: keep it private) and prints the
   * body of {@code POST /api/v2/encryption/client-keys}: {@code {"public_key":"<base64url>"}}.
   */
  static void newClientKey(Path out, PrintStream stdout) throws IOException {
    try (SecretBytes seed = SecretBytes.random(64, new SecureRandom())) {
      MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(seed);
      String publicKey = B64URL.encodeToString(dk.encapsulationKey().toBytes());
      ObjectNode file = LocalJson.mapper().createObjectNode();
      file.put("alg", "ML-KEM-768");
      file.put("seed", B64URL.encodeToString(seed.reveal()));
      file.put("public_key", publicKey);
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, file.toPrettyString() + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // not a POSIX file system
      }
      stdout.println(LocalJson.mapper().createObjectNode().put("public_key", publicKey));
    }
  }

  /**
   * Opens {@code envelope} (a file, or "-" for standard input) and prints its plaintext. Needs the
   * key file of {@link #newClientKey}, the saved answer of client-keys (its {@code hmac_key}) and
   * the saved answer of {@code GET /api/v2/encryption/server-keys}.
   */
  static void openEnvelope(
      Path clientKey,
      Path registration,
      Path serverKeys,
      String envelope,
      InputStream stdin,
      PrintStream stdout)
      throws IOException {
    JsonNode key = LocalJson.mapper().readTree(Files.readString(clientKey));
    String envelopeJson =
        "-".equals(envelope)
            ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(envelope));
    try (SecretBytes seed = SecretBytes.wrap(B64URL_DECODER.decode(key.path("seed").asText()));
        ClientKeyRegistration reg = ClientKeyRegistration.parse(Files.readString(registration))) {
      EnvelopeReader reader =
          EnvelopeReader.builder()
              .registration(reg, seed)
              .serverKeys(ServerKeys.parse(Files.readString(serverKeys)))
              .build();
      byte[] plaintext = reader.open(envelopeJson);
      String text = new String(plaintext, StandardCharsets.UTF_8);
      try {
        stdout.println(LocalJson.mapper().readTree(text).toPrettyString());
      } catch (IOException notJson) {
        stdout.println(text);
      }
    }
  }
}
