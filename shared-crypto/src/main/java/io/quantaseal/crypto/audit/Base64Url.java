package io.quantaseal.crypto.audit;

import java.util.Base64;
import java.util.regex.Pattern;

/** Unpadded base64url (RFC 4648 section 5), decoded strictly: one text for each byte string. */
final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final Pattern ALPHABET = Pattern.compile("[A-Za-z0-9_-]*");

  private Base64Url() {}

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes {@code text}, rejecting padding, characters outside the alphabet, impossible lengths
   * and non-zero trailing bits (a second spelling of the same bytes).
   */
  static byte[] decode(String text, String member) {
    if (text == null || !ALPHABET.matcher(text).matches() || text.length() % 4 == 1) {
      throw new AuditFormatException(member + " is not unpadded base64url");
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException(member + " is not unpadded base64url");
    }
    if (!ENCODER.encodeToString(bytes).equals(text)) {
      throw new AuditFormatException(member + " is not canonical base64url");
    }
    return bytes;
  }
}
