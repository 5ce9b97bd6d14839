package io.quantaseal.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A copy of shared-crypto's {@code EnvelopeJson.parse} (package-private there; copied as of commit
 * 3aec95f, trailing-token check included), to measure changes to it without touching shared-crypto:
 * {@link #parse(String, boolean)} with {@code alphabetLoop=true} is the shipped code; {@code false}
 * drops the per-character base64url check, which decode plus the canonical re-encode comparison
 * already implies (a string equal to an encoder's output contains only alphabet characters).
 * Returns the decoded members, as the real parse hands them to {@code HybridCryptoEnvelope}.
 */
final class EnvelopeJsonVariants {
  private static final int MAX_ID_BYTES = 256;
  private static final int MAX_CT = 8 * 1024 * 1024;

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxNumberLength(32)
                          .maxStringLength(base64Length(MAX_CT) + 1)
                          .build())
                  .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private EnvelopeJsonVariants() {}

  /** The members, in order: kem, iv, ct, sig, mac; null where the real parse would throw. */
  static byte[][] parse(String json, boolean alphabetLoop) {
    try {
      if (json == null || json.length() > base64Length(MAX_CT) + 16_384) {
        return null;
      }
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isObject()) {
        return null;
      }
      JsonNode v = root.get("v");
      if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != 1) {
        return null;
      }
      if (text(root, "suite", 128) == null) {
        return null;
      }
      JsonNode iat = root.get("iat");
      if (iat == null
          || !iat.isIntegralNumber()
          || !iat.canConvertToLong()
          || iat.longValue() < 0) {
        return null;
      }
      for (String id : new String[] {"rid", "rkid", "skid", "hkid"}) {
        if (!idOk(root, id)) {
          return null;
        }
      }
      return new byte[][] {
        binary(root, "kem", 1088, 1088, alphabetLoop),
        binary(root, "iv", 12, 12, alphabetLoop),
        binary(root, "ct", 16, MAX_CT, alphabetLoop),
        binary(root, "sig", 3309, 3309, alphabetLoop),
        binary(root, "mac", 64, 64, alphabetLoop)
      };
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String text(JsonNode root, String name, int maxChars) {
    JsonNode n = root.get(name);
    if (n == null || !n.isTextual() || n.textValue().length() > maxChars) {
      throw new IllegalArgumentException();
    }
    return n.textValue();
  }

  private static boolean idOk(JsonNode root, String name) {
    String s = text(root, name, MAX_ID_BYTES);
    if (s.isEmpty() || s.length() > MAX_ID_BYTES) {
      return false;
    }
    try {
      return StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s))
              .remaining()
          <= MAX_ID_BYTES;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static byte[] binary(JsonNode root, String name, int min, int max, boolean loop) {
    String s = text(root, name, base64Length(max));
    if (s.length() < base64Length(min)) {
      throw new IllegalArgumentException();
    }
    if (loop) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok =
            (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_';
        if (!ok) {
          throw new IllegalArgumentException();
        }
      }
    }
    byte[] b = B64D.decode(s);
    if (b.length < min || b.length > max || !B64.encodeToString(b).equals(s)) {
      throw new IllegalArgumentException();
    }
    return b;
  }

  static int base64Length(int n) {
    return (int) ((4L * n + 2) / 3);
  }
}
