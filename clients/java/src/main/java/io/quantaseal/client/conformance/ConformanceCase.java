package io.quantaseal.client.conformance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One case of an envelope conformance file (docs/envelope.md, "Conformance"): the holder's three
 * keys under their ids, the clock, the envelope exactly as received, and whether it must open (and
 * to what). A case that the file does not describe completely is kept with {@link #problem()} set,
 * so that a runner reports it as failing instead of skipping it.
 *
 * @param name the case's name
 * @param recipientSeed the holder's ML-KEM-768 seed d || z (64 bytes), known as {@code rkid}
 * @param rkid the id of the holder's client key
 * @param serverPublicKey the ML-DSA-65 public key (1952 bytes) the holder knows as {@code skid}
 * @param skid the id of the server signing key
 * @param macKey the 64-byte envelope MAC key the holder knows as {@code hkid}
 * @param hkid the id of the MAC key
 * @param now the clock, in Unix seconds, that the envelope's {@code iat} is checked against
 * @param envelope the envelope's text as received
 * @param valid whether the envelope must open
 * @param plaintext what a valid envelope opens to; null for an invalid case
 * @param problem what is missing or malformed in the case itself; null for a well-formed case
 */
public record ConformanceCase(
    String name,
    byte[] recipientSeed,
    String rkid,
    byte[] serverPublicKey,
    String skid,
    byte[] macKey,
    String hkid,
    long now,
    String envelope,
    boolean valid,
    byte[] plaintext,
    String problem) {

  /** The suite every case of a v1 conformance file is for. */
  public static final String SUITE = "QS1-MLKEM768-HKDFSHA512-A256GCM-MLDSA65-HS512";

  /** Room for the largest envelope (an 8 MiB ciphertext is about 11.2 million characters). */
  private static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /**
   * The cases of a conformance file, in file order.
   *
   * @param text the file's JSON text
   * @return the cases
   * @throws IllegalArgumentException if the text is not a conformance file: not JSON, no {@code
   *     vectors} array, another {@code suite}, or no cases
   */
  public static List<ConformanceCase> parseFile(String text) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a conformance file is a JSON object");
    }
    JsonNode suite = root.get("suite");
    if (suite == null || !SUITE.equals(suite.textValue())) {
      throw new IllegalArgumentException("'suite' must be " + SUITE);
    }
    JsonNode vectors = root.get("vectors");
    if (vectors == null || !vectors.isArray() || vectors.isEmpty()) {
      throw new IllegalArgumentException("'vectors' must be a non-empty array");
    }
    List<ConformanceCase> cases = new ArrayList<>();
    int index = 0;
    for (JsonNode v : vectors) {
      cases.add(parseCase(v, index++));
    }
    return cases;
  }

  private static ConformanceCase parseCase(JsonNode v, int index) {
    String name = v.path("name").isTextual() ? v.get("name").textValue() : "case #" + index;
    try {
      String result = text(v, "result");
      if (!result.equals("valid") && !result.equals("invalid")) {
        throw new IllegalArgumentException("'result' must be \"valid\" or \"invalid\"");
      }
      boolean valid = result.equals("valid");
      JsonNode now = v.get("now");
      if (now == null
          || !now.isIntegralNumber()
          || !now.canConvertToLong()
          || now.longValue() < 0) {
        throw new IllegalArgumentException("'now' must be a non-negative integer");
      }
      return new ConformanceCase(
          name,
          bytes(v, "recipient_seed"),
          text(v, "rkid"),
          bytes(v, "server_public_key"),
          text(v, "skid"),
          bytes(v, "mac_key"),
          text(v, "hkid"),
          now.longValue(),
          text(v, "envelope"),
          valid,
          valid ? bytes(v, "plaintext") : null,
          null);
    } catch (IllegalArgumentException e) {
      return new ConformanceCase(
          name, null, null, null, null, null, null, 0, null, false, null, e.getMessage());
    }
  }

  private static String text(JsonNode v, String member) {
    JsonNode n = v.get(member);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("'" + member + "' must be a string");
    }
    return n.textValue();
  }

  private static byte[] bytes(JsonNode v, String member) {
    String encoded = text(v, member);
    try {
      return B64D.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + member + "' must be base64url");
    }
  }

  /** The name and the expected result; never the keys (test keys, but keys all the same). */
  @Override
  public String toString() {
    return "ConformanceCase[" + name + ", " + (valid ? "valid" : "invalid") + "]";
  }
}
