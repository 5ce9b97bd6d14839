package io.quantaseal.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.kem.MlKemEncapsulation;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The three ML-KEM-768 Wycheproof files through {@link MlKem768}. */
class MlKem768WycheproofTest {
  private static final String KEYGEN = "mlkem_768_keygen_seed_test.json";
  private static final String ENCAPS = "mlkem_768_encaps_test.json";
  private static final String DECAPS = "mlkem_768_test.json";

  static List<WycheproofCase> keygenCases() {
    return WycheproofVectors.load(KEYGEN);
  }

  static List<WycheproofCase> encapsCases() {
    return WycheproofVectors.load(ENCAPS);
  }

  static List<WycheproofCase> decapsCases() {
    return WycheproofVectors.load(DECAPS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keygenCases")
  void keyGenFromSeed_matchesExpectedKeys(WycheproofCase c) {
    assertTrue(c.expectValid(), "keygen file holds only valid cases");
    MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(SecretBytes.copyOf(c.hex("seed")));
    assertArrayEquals(c.hex("ek"), dk.encapsulationKey().toBytes());
    try (SecretBytes expanded = dk.expandedBytes();
        SecretBytes seed = dk.seed()) {
      assertArrayEquals(c.hex("dk"), expanded.reveal());
      assertArrayEquals(c.hex("seed"), seed.reveal());
      // The expanded form loads back to the same key.
      MlKemDecapsulationKey reloaded = MlKemDecapsulationKey.fromExpandedBytes(expanded);
      assertArrayEquals(c.hex("ek"), reloaded.encapsulationKey().toBytes());
    }
    WycheproofVectors.passed(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encapsCases")
  void encapsulateWithGivenM_matchesExpectedResult(WycheproofCase c) {
    byte[] ek = c.hex("ek");
    byte[] m = c.hex("m");
    if (c.expectValid()) {
      MlKemEncapsulationKey key = MlKemEncapsulationKey.fromBytes(ek);
      try (MlKemEncapsulation e = MlKem768.encapsulateDeterministically(key, m)) {
        assertArrayEquals(c.hex("c"), e.ciphertext());
        assertArrayEquals(c.hex("K"), e.sharedSecret().reveal());
      }
    } else {
      assertThrows(
          CryptoException.class,
          () -> MlKem768.encapsulateDeterministically(MlKemEncapsulationKey.fromBytes(ek), m));
    }
    WycheproofVectors.passed(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decapsCases")
  void decapsulateWithSeedKey_matchesExpectedResult(WycheproofCase c) {
    byte[] seed = c.hex("seed");
    byte[] ct = c.hex("c");
    if (c.expectValid()) {
      MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(SecretBytes.copyOf(seed));
      if (c.has("ek")) {
        assertArrayEquals(c.hex("ek"), dk.encapsulationKey().toBytes());
      }
      try (SecretBytes k = MlKem768.decapsulate(dk, ct)) {
        assertArrayEquals(c.hex("K"), k.reveal());
      }
      // The same through the expanded 2400-byte key.
      try (SecretBytes expanded = dk.expandedBytes();
          SecretBytes k =
              MlKem768.decapsulate(MlKemDecapsulationKey.fromExpandedBytes(expanded), ct)) {
        assertArrayEquals(c.hex("K"), k.reveal());
      }
    } else {
      assertThrows(
          CryptoException.class,
          () -> MlKem768.decapsulate(MlKem768.keyPairFromSeed(SecretBytes.copyOf(seed)), ct));
    }
    WycheproofVectors.passed(c);
  }

  @AfterAll
  static void report() {
    WycheproofVectors.report(KEYGEN);
    WycheproofVectors.report(ENCAPS);
    WycheproofVectors.report(DECAPS);
  }
}
