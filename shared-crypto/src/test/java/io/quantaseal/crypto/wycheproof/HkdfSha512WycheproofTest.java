package io.quantaseal.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kdf.HkdfSha512;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** hkdf_sha512_test.json through {@link HkdfSha512}. */
class HkdfSha512WycheproofTest {
  private static final String FILE = "hkdf_sha512_test.json";

  static List<WycheproofCase> cases() {
    return WycheproofVectors.load(FILE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hkdfSha512_matchesExpectedResult(WycheproofCase c) {
    byte[] ikm = c.hex("ikm");
    byte[] salt = c.hex("salt");
    byte[] info = c.hex("info");
    int size = c.integer("size");
    if (c.expectValid()) {
      try (SecretBytes okm = HkdfSha512.derive(ikm, salt, info, size)) {
        assertArrayEquals(c.hex("okm"), okm.reveal());
      }
    } else {
      assertThrows(CryptoException.class, () -> HkdfSha512.derive(ikm, salt, info, size));
    }
    WycheproofVectors.passed(c);
  }

  @AfterAll
  static void report() {
    WycheproofVectors.report(FILE);
  }
}
