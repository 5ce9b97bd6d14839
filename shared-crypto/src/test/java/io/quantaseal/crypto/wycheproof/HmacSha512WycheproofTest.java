package io.quantaseal.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.mac.HmacSha512;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** hmac_sha512_test.json through {@link HmacSha512}, full and truncated tags. */
class HmacSha512WycheproofTest {
  private static final String FILE = "hmac_sha512_test.json";

  static List<WycheproofCase> cases() {
    return WycheproofVectors.load(FILE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hmacSha512_matchesExpectedResult(WycheproofCase c) {
    int tagBytes = c.groupInteger("tagSize") / 8;
    byte[] tag = c.hex("tag");
    try (HmacSha512 mac = HmacSha512.create(SecretBytes.copyOf(c.hex("key")), tagBytes)) {
      if (c.expectValid()) {
        assertArrayEquals(tag, mac.compute(c.hex("msg")));
        assertTrue(mac.verify(tag, c.hex("msg")));
      } else {
        assertFalse(mac.verify(tag, c.hex("msg")));
      }
    }
    WycheproofVectors.passed(c);
  }

  @AfterAll
  static void report() {
    WycheproofVectors.report(FILE);
  }
}
