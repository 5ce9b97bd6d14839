package io.quantaseal.crypto.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialSealerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final CredentialBinding BINDING =
      new CredentialBinding("ten_a", "vlt_1", 1, "api_key");

  private final LocalKeyring keyring = LocalKeyring.create(SecretBytes.random(32, RANDOM), RANDOM);
  private final CredentialSealer sealer = new CredentialSealer(keyring, RANDOM);
  private final MlKemDecapsulationKey vaultKey = MlKem768.generateKeyPair(RANDOM);

  private byte[] sealSecret(String secret) {
    return sealer.seal(
        BINDING, vaultKey.encapsulationKey(), "cmk-a", secret.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void open_returnsSealedSecret() {
    byte[] sealed = sealSecret("dd-api-key-123");
    assertArrayEquals(
        "dd-api-key-123".getBytes(StandardCharsets.UTF_8),
        sealer.open(BINDING, vaultKey, "cmk-a", sealed));
  }

  @Test
  void seal_wipesPlaintextAndNeverContainsIt() {
    byte[] plaintext = "super-secret-value".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = sealer.seal(BINDING, vaultKey.encapsulationKey(), "cmk-a", plaintext);
    assertArrayEquals(new byte[plaintext.length], plaintext);
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("super-secret"));
  }

  static List<CredentialBinding> otherBindings() {
    return List.of(
        new CredentialBinding("ten_b", "vlt_1", 1, "api_key"),
        new CredentialBinding("ten_a", "vlt_2", 1, "api_key"),
        new CredentialBinding("ten_a", "vlt_1", 2, "api_key"),
        new CredentialBinding("ten_a", "vlt_1", 1, "bearer_token"));
  }

  @ParameterizedTest
  @MethodSource("otherBindings")
  void open_failsWhenMovedToAnotherRow(CredentialBinding other) {
    byte[] sealed = sealSecret("value");
    assertThrows(CryptoException.class, () -> sealer.open(other, vaultKey, "cmk-a", sealed));
  }

  @Test
  void open_failsUnderAnotherMasterKeyIdOrVaultKey() {
    byte[] sealed = sealSecret("value");
    assertThrows(CryptoException.class, () -> sealer.open(BINDING, vaultKey, "cmk-b", sealed));
    MlKemDecapsulationKey otherVaultKey = MlKem768.generateKeyPair(RANDOM);
    assertThrows(CryptoException.class, () -> sealer.open(BINDING, otherVaultKey, "cmk-a", sealed));
  }

  @Test
  void open_rejectsEveryTruncationAndSampledBitFlips() {
    byte[] sealed = sealSecret("value");
    for (int len = 0; len < sealed.length; len += 7) {
      byte[] cut = java.util.Arrays.copyOf(sealed, len);
      assertThrows(CryptoException.class, () -> sealer.open(BINDING, vaultKey, "cmk-a", cut));
    }
    for (int bit = 0; bit < sealed.length * 8; bit += 13) {
      byte[] flipped = sealed.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(CryptoException.class, () -> sealer.open(BINDING, vaultKey, "cmk-a", flipped));
    }
    byte[] longer = java.util.Arrays.copyOf(sealed, sealed.length + 1);
    assertThrows(CryptoException.class, () -> sealer.open(BINDING, vaultKey, "cmk-a", longer));
  }

  @Test
  void cachingKeyring_callsDelegateOncePerKeyWithinTtl_thenAgainAfterExpiry() {
    MutableClock clock = new MutableClock();
    CachingKeyring caching = new CachingKeyring(keyring, Duration.ofSeconds(60), 10, clock);
    CredentialSealer cachingSealer = new CredentialSealer(caching, RANDOM);
    byte[] sealed =
        cachingSealer.seal(
            BINDING, vaultKey.encapsulationKey(), "cmk-a", "v".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 100; i++) {
      cachingSealer.open(BINDING, vaultKey, "cmk-a", sealed);
    }
    assertEquals(1, caching.delegateDecrypts());
    clock.advance(Duration.ofSeconds(61));
    cachingSealer.open(BINDING, vaultKey, "cmk-a", sealed);
    assertEquals(2, caching.delegateDecrypts());
    caching.clear();
    cachingSealer.open(BINDING, vaultKey, "cmk-a", sealed);
    assertEquals(3, caching.delegateDecrypts());
  }

  @Test
  void cachingKeyring_boundsEntryCount() {
    CachingKeyring caching =
        new CachingKeyring(keyring, Duration.ofMinutes(5), 2, Clock.systemUTC());
    Map<String, String> ctx = Map.of("k", "v");
    byte[][] blobs = new byte[3][];
    for (int i = 0; i < 3; i++) {
      blobs[i] = keyring.generateDataKey("cmk", ctx).wrapped();
      caching.decrypt("cmk", blobs[i], ctx).close();
    }
    caching.decrypt("cmk", blobs[2], ctx).close(); // still cached
    caching.decrypt("cmk", blobs[0], ctx).close(); // evicted: goes to the delegate
    assertEquals(4, caching.delegateDecrypts());
  }

  @Test
  void localKeyring_rejectsOtherContext() {
    DataKey dk = keyring.generateDataKey("cmk", Map.of("quantaseal:tenant", "a"));
    assertThrows(
        CryptoException.class,
        () -> keyring.decrypt("cmk", dk.wrapped(), Map.of("quantaseal:tenant", "b")));
    try (SecretBytes back =
        keyring.decrypt("cmk", dk.wrapped(), Map.of("quantaseal:tenant", "a"))) {
      assertArrayEquals(dk.plaintext().reveal(), back.reveal());
    }
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
