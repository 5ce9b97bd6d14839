package io.quantaseal.crypto;

import static io.quantaseal.crypto.SecretBytesTest.assertShowsNone;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.aead.AesGcm;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.mac.HmacSha512;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** No secret in a toString; a test proves it for every key holder. */
class RedactionTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void keyHolders_neverPrintTheirKeys() {
    byte[] aesKey = new byte[32];
    byte[] macKey = new byte[64];
    byte[] kemSeed = new byte[64];
    byte[] dsaSeed = new byte[32];
    random.nextBytes(aesKey);
    random.nextBytes(macKey);
    random.nextBytes(kemSeed);
    random.nextBytes(dsaSeed);

    try (SecretBytes k = SecretBytes.copyOf(aesKey);
        AesGcm aead = AesGcm.create(k)) {
      assertShowsNone(aead.toString(), aesKey);
      assertTrue(aead.toString().contains("redacted"));
    }
    try (SecretBytes k = SecretBytes.copyOf(macKey);
        HmacSha512 mac = HmacSha512.create(k)) {
      assertShowsNone(mac.toString(), macKey);
      assertTrue(mac.toString().contains("redacted"));
    }
    try (SecretBytes s = SecretBytes.copyOf(kemSeed)) {
      MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(s);
      assertShowsNone(dk.toString(), kemSeed);
      try (SecretBytes expanded = dk.expandedBytes()) {
        assertShowsNone(dk.toString(), expanded.reveal());
        assertShowsNone(expanded.toString(), expanded.reveal());
      }
    }
    try (SecretBytes s = SecretBytes.copyOf(dsaSeed)) {
      MlDsaPrivateKey sk = MlDsaPrivateKey.fromSeed(s);
      assertShowsNone(sk.toString(), dsaSeed);
      try (SecretBytes seed = sk.seed()) {
        assertShowsNone(seed.toString(), dsaSeed);
      }
    }
  }

  @Test
  void invalidEnvelopeException_carriesNothingButItsMessage() {
    InvalidEnvelopeException e = new InvalidEnvelopeException();
    assertTrue(e.getMessage().equals("invalid envelope"));
    assertTrue(e.getCause() == null);
  }
}
