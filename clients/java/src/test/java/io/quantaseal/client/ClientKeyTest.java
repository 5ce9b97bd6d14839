package io.quantaseal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code quantaseal-client-key/v1} file (docs/clients.md): docs/vectors/client-key-v1.json
 * loads and opens the first golden envelope (its recipient), save writes mode 0600 and loads back,
 * and every malformation the format names is refused.
 */
class ClientKeyTest {
  static Path vectors() {
    String p = System.getProperty("quantaseal.envelope.vectors");
    return (p != null ? Paths.get(p) : Paths.get("..", "..", "docs", "vectors", "envelope-v1.json"))
        .getParent();
  }

  static String sample() throws IOException {
    return Files.readString(vectors().resolve("client-key-v1.json"));
  }

  @Test
  void theSampleFile_loads_andOpensTheFirstGoldenEnvelope() throws IOException {
    ClientKey key = ClientKey.load(vectors().resolve("client-key-v1.json"));
    JsonNode v =
        StandIn.JSON.readTree(vectors().resolve("envelope-v1.json").toFile()).get("vectors").get(0);
    assertEquals(v.get("rkid").asText(), key.rkid());
    assertEquals(v.get("hkid").asText(), key.hkid());
    byte[] publicKey;
    try (SecretBytes s =
        SecretBytes.wrap(Base64.getUrlDecoder().decode(v.get("signer_seed").asText()))) {
      publicKey = MlDsaPrivateKey.fromSeed(s).publicKey().toBytes();
    }
    EnvelopeReader reader =
        EnvelopeReader.builder()
            .clientKey(key.rkid(), key.seed())
            .macKey(key.hkid(), key.macKey())
            .serverKeys(
                ServerKeys.parse(
                    "{\"keys\":[{\"skid\":\""
                        + v.get("skid").asText()
                        + "\",\"alg\":\"ML-DSA-65\",\"public_key\":\""
                        + StandIn.B64.encodeToString(publicKey)
                        + "\"}]}"))
            .clock(Clock.fixed(Instant.ofEpochSecond(v.get("iat").asLong()), ZoneOffset.UTC))
            .build();
    byte[] plaintext = reader.openFor(v.get("envelope").toString(), key.rkid());
    assertArrayEquals(Base64.getUrlDecoder().decode(v.get("plaintext").asText()), plaintext);
  }

  @Test
  void saveThenLoad_isTheSameKey_inAFileOfMode0600(@TempDir Path dir) throws IOException {
    ClientKey key = ClientKey.fromJson(sample());
    Path file = dir.resolve("client-key.json");
    key.save(file);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertEquals(
          Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(file));
    }
    ClientKey again = ClientKey.load(file);
    assertEquals(key.rkid(), again.rkid());
    assertEquals(key.hkid(), again.hkid());
    assertTrue(key.seed().contentEquals(again.seed()));
    assertTrue(key.macKey().contentEquals(again.macKey()));
    assertArrayEquals(key.publicKey(), again.publicKey());
    JsonNode written = StandIn.JSON.readTree(file.toFile());
    JsonNode original = StandIn.JSON.readTree(sample());
    assertEquals(original, written, "the same document, member for member");
    key.save(file); // over an existing file
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left");
    }
  }

  @Test
  void unknownMembers_areIgnored() throws IOException {
    ObjectNode doc = (ObjectNode) StandIn.JSON.readTree(sample());
    doc.put("comment", "made by another SDK");
    assertEquals("ck_01JDZ7YV3B5N8Q2R4T6W8Y0A1C", ClientKey.fromJson(doc.toString()).rkid());
  }

  @ParameterizedTest
  @ValueSource(strings = {"format", "rkid", "hkid", "seed", "mac_key"})
  void aMissingMember_isRefused_namingIt(String member) throws IOException {
    ObjectNode doc = (ObjectNode) StandIn.JSON.readTree(sample());
    doc.remove(member);
    ClientKeyFileException e =
        assertThrows(ClientKeyFileException.class, () -> ClientKey.fromJson(doc.toString()));
    assertTrue(e.getMessage().startsWith(member), e.getMessage());
  }

  @Test
  void anotherFormat_badBase64url_aWrongLength_aDuplicateMember_notAnObject_areRefused()
      throws IOException {
    Map<String, String> bad =
        Map.of(
            "format", "quantaseal-client-key/v2",
            "seed",
                "BdAm2QUbhObI0MgyW6CrGeCrvZZZZNsJ2jmfQLjfmixpITU3F6p6y6Y28A2N2tgKEFNw-_YETW4iWe7eqVVjyA==",
            "mac_key",
                "U4gEQeJv1Hg4JlnW1zUWhrqwrQX33C0wQBXePIvyAnmUXtNtTfglBsq389sR6dUp66qnHu/5sAXzfGNhZDLLFQ");
    for (Map.Entry<String, String> b : bad.entrySet()) {
      ObjectNode doc = (ObjectNode) StandIn.JSON.readTree(sample());
      doc.put(b.getKey(), b.getValue());
      assertThrows(
          ClientKeyFileException.class, () -> ClientKey.fromJson(doc.toString()), b.getKey());
    }
    ObjectNode shortSeed = (ObjectNode) StandIn.JSON.readTree(sample());
    shortSeed.put("seed", StandIn.B64.encodeToString(new byte[32]));
    ClientKeyFileException e =
        assertThrows(ClientKeyFileException.class, () -> ClientKey.fromJson(shortSeed.toString()));
    assertEquals("seed is not 64 bytes", e.getMessage());
    String dup = sample().replaceFirst("\\{", "{\"rkid\":\"ck_x\",");
    assertThrows(ClientKeyFileException.class, () -> ClientKey.fromJson(dup));
    assertThrows(ClientKeyFileException.class, () -> ClientKey.fromJson("[]"));
    assertThrows(ClientKeyFileException.class, () -> ClientKey.fromJson("not json"));
  }

  @Test
  void aMissingFile_isAClientKeyFileError(@TempDir Path dir) {
    assertThrows(ClientKeyFileException.class, () -> ClientKey.load(dir.resolve("none.json")));
  }

  @Test
  void close_wipesTheKey_andItCannotBeUsedAfterwards() throws IOException {
    ClientKey key = ClientKey.fromJson(sample());
    key.close();
    assertThrows(IllegalStateException.class, key::toJson);
    assertThrows(IllegalStateException.class, key::publicKey);
    assertFalse(key.toString().isEmpty());
  }
}
