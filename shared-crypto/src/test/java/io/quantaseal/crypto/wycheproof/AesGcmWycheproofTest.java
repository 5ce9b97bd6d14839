package io.quantaseal.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.aead.AesGcm;
import io.quantaseal.crypto.internal.Bytes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** aes_gcm_test.json through {@link AesGcm}. */
class AesGcmWycheproofTest {
  private static final String FILE = "aes_gcm_test.json";

  static List<WycheproofCase> cases() {
    return WycheproofVectors.load(FILE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aesGcm_matchesExpectedResult(WycheproofCase c) {
    assertTrue(c.groupInteger("tagSize") == 128, "only 128-bit tags in this file");
    byte[] iv = c.hex("iv");
    byte[] aad = c.hex("aad");
    byte[] msg = c.hex("msg");
    byte[] ctAndTag = Bytes.concat(c.hex("ct"), c.hex("tag"));
    try (AesGcm aead = AesGcm.create(SecretBytes.copyOf(c.hex("key")))) {
      if (c.expectValid()) {
        assertArrayEquals(ctAndTag, aead.encrypt(iv, msg, aad));
        assertArrayEquals(msg, aead.decrypt(iv, ctAndTag, aad));
      } else {
        assertThrows(CryptoException.class, () -> aead.decrypt(iv, ctAndTag, aad));
        if (iv.length == 0) {
          assertThrows(CryptoException.class, () -> aead.encrypt(iv, msg, aad));
        }
      }
    }
    WycheproofVectors.passed(c);
  }

  @AfterAll
  static void report() {
    WycheproofVectors.report(FILE);
  }
}
