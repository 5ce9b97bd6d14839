package io.quantaseal.common.ids;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Public identifiers: a type prefix and 26 characters of lowercase Crockford base32 (128 random
 * bits), e.g. {@code vlt_01h8…}. Identifiers reveal nothing and cannot be guessed.
 */
public final class Ids {
  public static final String VAULT_ENTRY = "vlt";
  public static final String INTEGRATION = "int";
  public static final String CLIENT_KEY = "ck";
  public static final String MAC_KEY = "hk";
  public static final String SIGNING_KEY = "sk";
  public static final String AUDIT = "aud";
  public static final String REQUEST = "req";
  public static final String TENANT = "ten";
  public static final String API_KEY = "key";
  public static final String SIEM_DESTINATION = "dst";

  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final Pattern SHAPE = Pattern.compile("[a-z]{2,3}_[0-9a-hjkmnp-tv-z]{26}");

  private final SecureRandom random;

  public Ids(SecureRandom random) {
    this.random = random;
  }

  public String next(String prefix) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return prefix + "_" + base32(b);
  }

  /** Whether {@code id} has the shape of an id with this prefix (cheap pre-check before a read). */
  public static boolean looksLike(String prefix, String id) {
    return id != null && id.startsWith(prefix + "_") && SHAPE.matcher(id).matches();
  }

  static String base32(byte[] bytes) {
    StringBuilder sb = new StringBuilder(26);
    int buffer = 0;
    int bits = 0;
    for (byte value : bytes) {
      buffer = (buffer << 8) | (value & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return sb.toString();
  }
}
