package io.quantaseal.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Every benchmark body runs once on its real fixture, so a broken benchmark fails the build. */
class BenchmarkFixtureTest {
  private static final Blackhole BLACKHOLE =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is"
              + " dangerous.");

  @Test
  void primitiveBenchmarks_eachBody_runs() {
    PrimitiveBenchmarks b = new PrimitiveBenchmarks();
    b.setUp();
    b.mlKem768Encapsulate(BLACKHOLE);
    b.mlKem768Decapsulate(BLACKHOLE);
    b.hkdfSha512(BLACKHOLE);
  }

  @Test
  void sizedPrimitiveBenchmarks_eachBody_returnsWhatTheEnvelopeWouldGet() {
    for (int size : new int[] {1024, 65536}) {
      SizedPrimitiveBenchmarks b = new SizedPrimitiveBenchmarks();
      b.size = size;
      b.setUp();
      assertEquals(size, b.plaintextClone().length);
      assertEquals(size + 16, b.aesGcmEncrypt().length);
      assertArrayEquals(Fixture.plaintext(size), b.aesGcmDecrypt());
      assertEquals(3309, b.mlDsa65Sign().length);
      assertTrue(b.mlDsa65Verify());
      assertEquals(64, b.hmacSha512Compute().length);
      assertTrue(b.hmacSha512Verify());
      String json = b.envelopeToJson();
      assertEquals(size + 16, HybridCryptoEnvelope.parse(json).ct().length);
      assertEquals(size + 16, b.envelopeParse().ct().length);
    }
  }

  @Test
  void envelopeBenchmarks_eachBody_sealsAndOpens() {
    EnvelopeBenchmarks b = new EnvelopeBenchmarks();
    b.size = 1024;
    b.setUp();
    assertEquals(1024 + 16, b.seal().ct().length);
    assertEquals(1024 + 16, HybridCryptoEnvelope.parse(b.sealToJson()).ct().length);
    assertArrayEquals(Fixture.plaintext(1024), b.open());
  }

  @Test
  void aesGcmProviderBenchmarks_bothProviders_giveTheSameCiphertextLength() throws Exception {
    AesGcmProviderBenchmarks b = new AesGcmProviderBenchmarks();
    b.size = 65536;
    b.setUp();
    assertEquals(65536 + 16, b.jdk().length);
    assertEquals(65536 + 16, b.bouncyCastle().length);
  }
}
