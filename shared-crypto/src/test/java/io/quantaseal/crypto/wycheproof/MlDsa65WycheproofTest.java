package io.quantaseal.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The two ML-DSA-65 Wycheproof files through {@link MlDsa65}. */
class MlDsa65WycheproofTest {
  private static final String SIGN = "mldsa_65_sign_seed_test.json";
  private static final String VERIFY = "mldsa_65_verify_test.json";

  static List<WycheproofCase> signCases() {
    return WycheproofVectors.load(SIGN);
  }

  static List<WycheproofCase> verifyCases() {
    return WycheproofVectors.load(VERIFY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signCases")
  void signFromSeed_matchesExpectedResult(WycheproofCase c) {
    byte[] seed = c.groupHex("privateSeed");
    byte[] ctx = c.has("ctx") ? c.hex("ctx") : new byte[0];
    byte[] rnd = c.has("rnd") ? c.hex("rnd") : new byte[MlDsa65.RND_LENGTH];
    if (c.expectValid()) {
      MlDsaPrivateKey key = MlDsaPrivateKey.fromSeed(SecretBytes.copyOf(seed));
      MlDsaPublicKey pub = key.publicKey();
      if (c.groupHas("publicKey")) {
        assertArrayEquals(c.groupHex("publicKey"), pub.toBytes());
      }
      byte[] expected = c.hex("sig");
      if (c.has("msg")) {
        assertArrayEquals(expected, MlDsa65.signWithRnd(key, c.hex("msg"), ctx, rnd));
        assertTrue(MlDsa65.verify(pub, c.hex("msg"), ctx, expected));
      }
      if (c.has("mu")) {
        assertArrayEquals(expected, MlDsa65.signExternalMu(key, c.hex("mu"), rnd));
        assertTrue(MlDsa65.verifyExternalMu(pub, c.hex("mu"), expected));
      }
      assertTrue(c.has("msg") || c.has("mu"), "a case signs a message or a mu");
    } else if (seed.length != MlDsaPrivateKey.SEED_LENGTH) {
      assertThrows(CryptoException.class, () -> MlDsaPrivateKey.fromSeed(SecretBytes.copyOf(seed)));
    } else {
      MlDsaPrivateKey key = MlDsaPrivateKey.fromSeed(SecretBytes.copyOf(seed));
      assertThrows(CryptoException.class, () -> MlDsa65.signWithRnd(key, c.hex("msg"), ctx, rnd));
    }
    WycheproofVectors.passed(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verifyCases")
  void verify_matchesExpectedResult(WycheproofCase c) {
    byte[] pk = c.groupHex("publicKey");
    byte[] ctx = c.has("ctx") ? c.hex("ctx") : new byte[0];
    boolean accepted;
    if (pk.length != MlDsaPublicKey.LENGTH) {
      assertThrows(CryptoException.class, () -> MlDsaPublicKey.fromBytes(pk));
      accepted = false;
    } else {
      accepted = MlDsa65.verify(MlDsaPublicKey.fromBytes(pk), c.hex("msg"), ctx, c.hex("sig"));
    }
    assertEquals(c.expectValid(), accepted);
    WycheproofVectors.passed(c);
  }

  @AfterAll
  static void report() {
    WycheproofVectors.report(SIGN);
    WycheproofVectors.report(VERIFY);
  }
}
