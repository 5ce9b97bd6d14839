package io.quantaseal.common.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API key format: {@code qs_live_} or {@code qs_test_} and 43 base64url characters (32 random
 * bytes, 256 bits of entropy). Stored only as the SHA-256 of the whole key: with 256 bits of
 * entropy a plain hash cannot be brute-forced, and a lookup by hash costs the same for every key.
 */
public final class ApiKeys {
  public static final String LIVE_PREFIX = "qs_live_";
  public static final String TEST_PREFIX = "qs_test_";
  private static final Pattern SHAPE = Pattern.compile("qs_(live|test)_[A-Za-z0-9_-]{43}");

  private ApiKeys() {}

  public static String generate(boolean live, SecureRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return (live ? LIVE_PREFIX : TEST_PREFIX)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static boolean wellFormed(String key) {
    return key != null && key.length() == 51 && SHAPE.matcher(key).matches();
  }

  public static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The part shown in listings: the prefix and the first four random characters. */
  public static String displayPrefix(String key) {
    return key.substring(0, 12) + "…";
  }
}
