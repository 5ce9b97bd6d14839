package io.quantaseal.crypto.kem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.wycheproof.WycheproofCase;
import io.quantaseal.crypto.wycheproof.WycheproofVectors;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FIPS 203 section 7.2's modulus check, done by QuantaSeal itself, and the refusal of degenerate
 * encapsulation keys ({@link MlKemEncapsulationKey#fromUntrustedBytes}).
 */
class EncapsulationKeyChecksTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int Q = EncapsulationKeyChecks.Q;

  private static byte[] honestKey() {
    return MlKem768.generateKeyPair(RANDOM).encapsulationKey().toBytes();
  }

  /** A 1184-byte key with the given 768 coefficients of t and a random ρ. */
  private static byte[] keyWithT(int[] t) {
    byte[] ek = new byte[MlKemEncapsulationKey.LENGTH];
    System.arraycopy(EncapsulationKeyChecks.encode12(t), 0, ek, 0, EncapsulationKeyChecks.T_BYTES);
    byte[] rho = new byte[32];
    RANDOM.nextBytes(rho);
    System.arraycopy(rho, 0, ek, EncapsulationKeyChecks.T_BYTES, 32);
    return ek;
  }

  @Test
  void honestKeys_passEveryCheck() {
    for (int i = 0; i < 200; i++) {
      byte[] ek = honestKey();
      assertTrue(EncapsulationKeyChecks.passesModulusCheck(ek));
      assertNull(EncapsulationKeyChecks.degeneracy(ek));
      assertArrayEquals(ek, MlKemEncapsulationKey.fromUntrustedBytes(ek).toBytes());
    }
  }

  /**
   * Every valid Wycheproof key passes FIPS 203's checks; all but one pass the degeneracy checks
   * too: the one whose comment is "Zero secret and error" (s = e = 0, so t = 0), which FIPS 203
   * allows and a vault must not encrypt to. The modulus-overflow keys fail our own modulus check.
   */
  @Test
  void wycheproofKeys_validPassFips203_onlyZeroSecretAndErrorIsWeak_overflowsFail() {
    int valid = 0;
    int weak = 0;
    int overflow = 0;
    for (WycheproofCase c : WycheproofVectors.load("mlkem_768_encaps_test.json")) {
      byte[] ek = c.hex("ek");
      if (ek.length != MlKemEncapsulationKey.LENGTH) {
        continue;
      }
      if (c.expectValid()) {
        MlKemEncapsulationKey.fromBytes(ek);
        if (c.toString().endsWith("Zero secret and error")) {
          assertThrows(WeakKeyException.class, () -> MlKemEncapsulationKey.fromUntrustedBytes(ek));
          weak++;
        } else {
          MlKemEncapsulationKey.fromUntrustedBytes(ek);
          valid++;
        }
      } else if (c.hasFlag("ModulusOverflow")) {
        assertFalse(EncapsulationKeyChecks.passesModulusCheck(ek), c.toString());
        overflow++;
      }
    }
    assertEquals(1, weak);
    assertTrue(valid > 100 && overflow > 10, valid + " valid, " + overflow + " overflows");
  }

  @Test
  void decodeThenEncode_isTheIdentityOnTwelveBitValues() {
    int[] t = new int[EncapsulationKeyChecks.COEFFICIENTS];
    for (int j = 0; j < t.length; j++) {
      t[j] = RANDOM.nextInt(4096);
    }
    byte[] ek = keyWithT(t);
    assertArrayEquals(t, EncapsulationKeyChecks.rawCoefficients(ek));
  }

  @ParameterizedTest(name = "coefficient {0} = q")
  @ValueSource(ints = {0, 1, 255, 256, 511, 766, 767})
  void oneCoefficientAtQ_failsTheModulusCheck(int index) {
    byte[] ek = honestKey();
    int[] t = EncapsulationKeyChecks.rawCoefficients(ek);
    t[index] = Q;
    System.arraycopy(EncapsulationKeyChecks.encode12(t), 0, ek, 0, EncapsulationKeyChecks.T_BYTES);
    assertFalse(EncapsulationKeyChecks.passesModulusCheck(ek));
    assertThrows(CryptoException.class, () -> MlKemEncapsulationKey.fromBytes(ek));
    CryptoException e =
        assertThrows(CryptoException.class, () -> MlKemEncapsulationKey.fromUntrustedBytes(ek));
    assertFalse(e instanceof WeakKeyException, "invalid, not merely weak");
  }

  @ParameterizedTest(name = "coefficient value {0}")
  @ValueSource(ints = {3329, 3330, 4000, 4095})
  void anyValueFromQTo4095_failsTheModulusCheck(int value) {
    byte[] ek = honestKey();
    int[] t = EncapsulationKeyChecks.rawCoefficients(ek);
    t[100] = value;
    System.arraycopy(EncapsulationKeyChecks.encode12(t), 0, ek, 0, EncapsulationKeyChecks.T_BYTES);
    assertFalse(EncapsulationKeyChecks.passesModulusCheck(ek));
    assertThrows(CryptoException.class, () -> MlKemEncapsulationKey.fromBytes(ek));
  }

  @Test
  void coefficientQMinusOne_isValid() {
    byte[] ek = honestKey();
    int[] t = EncapsulationKeyChecks.rawCoefficients(ek);
    t[0] = Q - 1;
    t[767] = Q - 1;
    System.arraycopy(EncapsulationKeyChecks.encode12(t), 0, ek, 0, EncapsulationKeyChecks.T_BYTES);
    assertTrue(EncapsulationKeyChecks.passesModulusCheck(ek));
    MlKemEncapsulationKey.fromUntrustedBytes(ek);
  }

  @Test
  void wrongLength_isInvalid() {
    assertThrows(CryptoException.class, () -> MlKemEncapsulationKey.fromBytes(new byte[1183]));
    assertThrows(CryptoException.class, () -> MlKemEncapsulationKey.fromBytes(new byte[1185]));
    assertThrows(CryptoException.class, () -> MlKemEncapsulationKey.fromUntrustedBytes(null));
  }

  @Test
  void allZeroT_isWellFormedButWeak() {
    byte[] ek = keyWithT(new int[EncapsulationKeyChecks.COEFFICIENTS]);
    // Valid for FIPS 203 section 7.2 ...
    MlKemEncapsulationKey.fromBytes(ek);
    // ... but a ciphertext to it hides nothing.
    WeakKeyException e =
        assertThrows(WeakKeyException.class, () -> MlKemEncapsulationKey.fromUntrustedBytes(ek));
    assertEquals("weak ML-KEM-768 encapsulation key: t is zero", e.getMessage());
  }

  @Test
  void allZeroKey_isWeak() {
    assertThrows(
        WeakKeyException.class,
        () -> MlKemEncapsulationKey.fromUntrustedBytes(new byte[MlKemEncapsulationKey.LENGTH]));
  }

  @Test
  void smallT_likeAnErrorVectorWithoutAs_isWeak() {
    int[] t = new int[EncapsulationKeyChecks.COEFFICIENTS];
    for (int j = 0; j < t.length; j++) {
      t[j] = Math.floorMod(RANDOM.nextInt(5) - 2, Q); // η = 2, as e would be
    }
    assertEquals(
        "t is small", EncapsulationKeyChecks.degeneracy(keyWithT(t)), "t = e, without A·s");
    assertThrows(
        WeakKeyException.class, () -> MlKemEncapsulationKey.fromUntrustedBytes(keyWithT(t)));
  }

  @Test
  void twoOfThreePolynomialsSmall_isWeak() {
    int[] t = EncapsulationKeyChecks.rawCoefficients(honestKey());
    for (int j = 256; j < t.length; j++) {
      t[j] = RANDOM.nextInt(3);
    }
    assertEquals("t is small", EncapsulationKeyChecks.degeneracy(keyWithT(t)));
  }

  @Test
  void constantOrLowEntropyT_isWeak() {
    int[] constant = new int[EncapsulationKeyChecks.COEFFICIENTS];
    Arrays.fill(constant, 1665);
    assertEquals(
        "t has too few distinct coefficients",
        EncapsulationKeyChecks.degeneracy(keyWithT(constant)));
    int[] few = new int[EncapsulationKeyChecks.COEFFICIENTS];
    for (int j = 0; j < few.length; j++) {
      few[j] = 1000 + RANDOM.nextInt(300); // 300 values, none small
    }
    assertEquals(
        "t has too few distinct coefficients", EncapsulationKeyChecks.degeneracy(keyWithT(few)));
  }

  @Test
  void rho_isNotJudged() {
    byte[] ek = honestKey();
    Arrays.fill(ek, EncapsulationKeyChecks.T_BYTES, ek.length, (byte) 0);
    MlKemEncapsulationKey.fromUntrustedBytes(ek);
  }
}
