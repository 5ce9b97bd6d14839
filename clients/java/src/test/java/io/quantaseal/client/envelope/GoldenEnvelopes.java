package io.quantaseal.client.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The repository's golden envelopes, {@code docs/vectors/envelope-v1.json}, read in place (the pom
 * passes its path as {@code quantaseal.envelope.vectors}): the same file shared-crypto generates
 * and checks, never a copy. Read here as any API user would, from docs/envelope.md alone.
 */
final class GoldenEnvelopes {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private GoldenEnvelopes() {}

  /** One vector of the file, with the documents the service would have sent for it. */
  record Vector(JsonNode node) {
    String name() {
      return node.get("name").textValue();
    }

    byte[] bytes(String member) {
      return B64D.decode(node.get(member).textValue());
    }

    String text(String member) {
      return node.get(member).textValue();
    }

    long iat() {
      return node.get("iat").longValue();
    }

    byte[] plaintext() {
      return bytes("plaintext");
    }

    String envelopeJson() {
      return node.get("envelope").toString();
    }

    SecretBytes recipientSeed() {
      return SecretBytes.wrap(bytes("recipient_seed"));
    }

    /** What POST /api/v2/encryption/client-keys would have answered for this vector's keys. */
    String clientKeysResponse() {
      return "{\"rkid\":"
          + quote(text("rkid"))
          + ",\"hkid\":"
          + quote(text("hkid"))
          + ",\"hmac_key\":\""
          + text("mac_key")
          + "\",\"created_at\":\"2025-11-26T00:00:00Z\"}";
    }

    /** What GET /api/v2/encryption/server-keys would list: this vector's key and a retired one. */
    String serverKeysResponse() {
      byte[] publicKey;
      try (SecretBytes seed = SecretBytes.wrap(bytes("signer_seed"))) {
        publicKey = MlDsaPrivateKey.fromSeed(seed).publicKey().toBytes();
      }
      byte[] retired;
      try (SecretBytes seed = SecretBytes.wrap(new byte[32])) {
        retired = MlDsaPrivateKey.fromSeed(seed).publicKey().toBytes();
      }
      return "{\"keys\":[{\"skid\":"
          + quote(text("skid"))
          + ",\"alg\":\"ML-DSA-65\",\"public_key\":\""
          + B64.encodeToString(publicKey)
          + "\",\"created_at\":\"2025-11-01T00:00:00Z\",\"status\":\"active\"},"
          + "{\"skid\":\"sk_retired\",\"alg\":\"ML-DSA-65\",\"public_key\":\""
          + B64.encodeToString(retired)
          + "\",\"status\":\"retired\"}]}";
    }

    @Override
    public String toString() {
      return name();
    }
  }

  static Path file() {
    String p = System.getProperty("quantaseal.envelope.vectors");
    return p != null ? Paths.get(p) : Paths.get("..", "docs", "vectors", "envelope-v1.json");
  }

  static List<Vector> load() {
    try {
      JsonNode root = JSON.readTree(Files.readString(file()));
      List<Vector> out = new ArrayList<>();
      root.get("vectors").forEach(v -> out.add(new Vector(v)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
