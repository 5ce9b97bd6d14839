package io.quantaseal.client.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.client.QuantaSealClientException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerKeysTest {
  private static final byte[] PUBLIC_KEY = publicKey((byte) 1);
  private static final String PK =
      Base64.getUrlEncoder().withoutPadding().encodeToString(PUBLIC_KEY);

  private static byte[] publicKey(byte fill) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, fill);
    try (SecretBytes s = SecretBytes.wrap(seed)) {
      return MlDsaPrivateKey.fromSeed(s).publicKey().toBytes();
    }
  }

  private static String doc(String entries) {
    return "{\"keys\":[" + entries + "]}";
  }

  private static String entry(String skid, String alg, String pk) {
    return "{\"skid\":\"" + skid + "\",\"alg\":\"" + alg + "\",\"public_key\":\"" + pk + "\"}";
  }

  @Test
  void parse_readsEveryMlDsa65Key_andIgnoresUnknownMembers() {
    String other = Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey((byte) 2));
    ServerKeys keys =
        ServerKeys.parse(
            "{\"keys\":[{\"skid\":\"sk_a\",\"alg\":\"ML-DSA-65\",\"public_key\":\""
                + PK
                + "\",\"created_at\":\"2025-11-01T00:00:00Z\",\"status\":\"active\"},"
                + "{\"skid\":\"sk_b\",\"alg\":\"ML-DSA-65\",\"public_key\":\""
                + other
                + "\",\"status\":\"retired\"}],\"next_rotation\":null}");
    assertEquals(List.of("sk_a", "sk_b"), List.copyOf(keys.skids()));
    assertEquals(
        PK,
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(keys.get("sk_a").orElseThrow().toBytes()));
    assertTrue(keys.get("sk_c").isEmpty());
    assertFalse(keys.isEmpty());
    assertEquals("ServerKeys[sk_a, sk_b]", keys.toString());
  }

  @Test
  void parse_skipsKeysOfOtherAlgorithms() {
    ServerKeys keys =
        ServerKeys.parse(
            doc(entry("sk_new", "ML-DSA-87", "AAAA") + "," + entry("sk_a", "ML-DSA-65", PK)));
    assertEquals(Set.of("sk_a"), keys.skids());
    assertTrue(ServerKeys.parse(doc(entry("sk_new", "SLH-DSA", "x"))).isEmpty());
    assertTrue(ServerKeys.parse("{\"keys\":[]}").isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "[]",
        "{}",
        "{\"keys\":{}}",
        "{\"keys\":\"sk_a\"}",
        "{\"keys\":[1]}",
        "{\"keys\":[null]}",
        "{\"keys\":[]} trailing",
        "{\"keys\":[],\"keys\":[]}",
        "{\"keys\":[{\"alg\":\"ML-DSA-65\",\"public_key\":\"AAAA\"}]}",
        "{\"keys\":[{\"skid\":\"sk_a\",\"public_key\":\"AAAA\"}]}",
        "{\"keys\":[{\"skid\":\"sk_a\",\"alg\":\"ML-DSA-65\"}]}",
        "{\"keys\":[{\"skid\":\"\",\"alg\":\"ML-DSA-65\",\"public_key\":\"AAAA\"}]}",
        "{\"keys\":[{\"skid\":7,\"alg\":\"ML-DSA-65\",\"public_key\":\"AAAA\"}]}",
        "{\"keys\":[{\"skid\":\"sk_a\",\"alg\":\"ML-DSA-65\",\"public_key\":\"AAAA\"}]}"
      })
  void parse_rejectsMalformedDocuments(String json) {
    assertThrows(QuantaSealClientException.class, () -> ServerKeys.parse(json));
  }

  @Test
  void parse_rejectsNullAndHugeDocuments() {
    assertThrows(QuantaSealClientException.class, () -> ServerKeys.parse(null));
    String huge = doc(entry("sk_a", "ML-DSA-65", PK) + " ".repeat(1 << 20));
    assertThrows(QuantaSealClientException.class, () -> ServerKeys.parse(huge));
    String deep = "{\"keys\":[],\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
    assertThrows(QuantaSealClientException.class, () -> ServerKeys.parse(deep));
  }

  @Test
  void parse_rejectsARepeatedSkid() {
    assertThrows(
        QuantaSealClientException.class,
        () ->
            ServerKeys.parse(
                doc(entry("sk_a", "ML-DSA-65", PK) + "," + entry("sk_a", "ML-DSA-65", PK))));
  }

  @Test
  void parse_rejectsAPublicKeyThatIsNotStrictBase64urlOf1952Bytes() {
    String padded = Base64.getUrlEncoder().encodeToString(PUBLIC_KEY);
    String standard = Base64.getEncoder().withoutPadding().encodeToString(PUBLIC_KEY);
    String tooShort =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(java.util.Arrays.copyOf(PUBLIC_KEY, 1951));
    String tooLong =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(java.util.Arrays.copyOf(PUBLIC_KEY, 1953));
    // 1952 bytes leave 4 spare bits in the last character: set one.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = PK.charAt(PK.length() - 1);
    String nonCanonical =
        PK.substring(0, PK.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
    for (String bad :
        List.of(
            padded.equals(PK) ? PK + "=" : padded,
            standard.equals(PK) ? PK.replace('A', '+') : standard,
            tooShort,
            tooLong,
            " " + PK.substring(1),
            nonCanonical)) {
      assertThrows(
          QuantaSealClientException.class,
          () -> ServerKeys.parse(doc(entry("sk_a", "ML-DSA-65", bad))),
          bad.substring(0, 10));
    }
  }

  @Test
  void of_acceptsKeysObtainedOtherwise_andChecksIds() {
    MlDsaPublicKey pk = MlDsaPublicKey.fromBytes(PUBLIC_KEY);
    assertEquals(Set.of("sk_a"), ServerKeys.of(Map.of("sk_a", pk)).skids());
    assertThrows(QuantaSealClientException.class, () -> ServerKeys.of(Map.of("", pk)));
    assertThrows(QuantaSealClientException.class, () -> ServerKeys.of(Map.of("s".repeat(257), pk)));
  }
}
