package io.quantaseal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets never print and are wiped after use. */
class SecretBytesTest {
  private static final byte[] SECRET = {
    0x5e, 0x11, (byte) 0xc0, (byte) 0xde, 0x42, 0x7f, (byte) 0x80, 0x00, 0x01, (byte) 0xff
  };

  /** Every common way a byte array could leak into a string. */
  static List<String> renderings(byte[] b) {
    return List.of(
        HexFormat.of().formatHex(b),
        HexFormat.of().withUpperCase().formatHex(b),
        Base64.getEncoder().withoutPadding().encodeToString(b),
        Base64.getUrlEncoder().withoutPadding().encodeToString(b),
        Arrays.toString(b),
        Arrays.toString(b).replace(" ", ""),
        new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  static void assertShowsNone(String text, byte[] secret) {
    for (String r : renderings(secret)) {
      assertFalse(text.contains(r), () -> "'" + text + "' shows the secret as " + r);
    }
  }

  @Test
  void toString_neverShowsTheBytes() {
    try (SecretBytes s = SecretBytes.copyOf(SECRET)) {
      String text = s.toString();
      assertShowsNone(text, SECRET);
      assertTrue(text.contains("redacted"), text);
      assertEquals("SecretBytes[redacted, 10 bytes]", text);
      assertShowsNone(String.valueOf(s), SECRET);
      assertShowsNone("" + s, SECRET);
      assertShowsNone(String.format("%s", s), SECRET);
    }
  }

  @Test
  void toString_neverShowsTheBytes_ofAnyRandomSecret() {
    // 8 bytes or more: a 1-byte secret could match a digit of the length by chance.
    SecureRandom r = new SecureRandom();
    for (int i = 0; i < 200; i++) {
      try (SecretBytes s = SecretBytes.random(8 + i % 57, r)) {
        assertShowsNone(s.toString(), s.reveal());
      }
    }
  }

  @Test
  void toString_staysRedacted_afterDestroy() {
    SecretBytes s = SecretBytes.copyOf(SECRET);
    s.destroy();
    assertShowsNone(s.toString(), SECRET);
  }

  @Test
  void reveal_throws_afterDestroy() {
    SecretBytes s = SecretBytes.copyOf(SECRET);
    assertArrayEquals(SECRET, s.reveal());
    s.destroy();
    assertTrue(s.isDestroyed());
    IllegalStateException e = assertThrows(IllegalStateException.class, s::reveal);
    assertShowsNone(String.valueOf(e.getMessage()), SECRET);
    assertThrows(IllegalStateException.class, s::copyBytes);
    try (SecretBytes other = SecretBytes.copyOf(SECRET)) {
      assertThrows(IllegalStateException.class, () -> s.contentEquals(other));
      assertThrows(IllegalStateException.class, () -> other.contentEquals(s));
    }
  }

  @Test
  void reveal_throws_afterClose() {
    SecretBytes s = SecretBytes.copyOf(SECRET);
    s.close();
    assertTrue(s.isDestroyed());
    assertThrows(IllegalStateException.class, s::reveal);
    // Closing twice is harmless.
    s.close();
    assertTrue(s.isDestroyed());
  }

  @Test
  void destroy_wipesTheWrappedArray() {
    byte[] owned = SECRET.clone();
    SecretBytes s = SecretBytes.wrap(owned);
    assertEquals(SECRET.length, s.length());
    s.destroy();
    assertArrayEquals(new byte[SECRET.length], owned);
  }

  @Test
  void copyOf_isIndependentOfTheCallersArray() {
    byte[] mine = SECRET.clone();
    try (SecretBytes s = SecretBytes.copyOf(mine)) {
      Arrays.fill(mine, (byte) 0);
      assertArrayEquals(SECRET, s.reveal());
    }
    // And wiping the SecretBytes does not touch the caller's array.
    byte[] again = SECRET.clone();
    SecretBytes.copyOf(again).close();
    assertArrayEquals(SECRET, again);
  }

  @Test
  void copyBytes_returnsACopyTheCallerOwns() {
    try (SecretBytes s = SecretBytes.copyOf(SECRET)) {
      byte[] c = s.copyBytes();
      assertNotSame(s.reveal(), c);
      SecretBytes.wipe(c);
      assertArrayEquals(SECRET, s.reveal());
    }
  }

  @Test
  void contentEquals_comparesContents() {
    try (SecretBytes a = SecretBytes.copyOf(SECRET);
        SecretBytes b = SecretBytes.copyOf(SECRET);
        SecretBytes c = SecretBytes.copyOf(Arrays.copyOf(SECRET, 9))) {
      assertTrue(a.contentEquals(b));
      assertFalse(a.contentEquals(c));
    }
  }

  @Test
  void wipe_zeroesAndIgnoresNull() {
    byte[] b = SECRET.clone();
    SecretBytes.wipe(b);
    assertArrayEquals(new byte[SECRET.length], b);
    SecretBytes.wipe(null);
  }
}
