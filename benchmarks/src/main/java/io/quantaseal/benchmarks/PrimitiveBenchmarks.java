package io.quantaseal.benchmarks;

import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.kdf.HkdfSha512;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.kem.MlKemEncapsulation;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The primitives whose cost does not depend on the plaintext size, each called exactly as {@code
 * EnvelopeSealer} / {@code EnvelopeOpener} call it (same API, same argument sizes, same wiping).
 *
 * <p>Average time (mean) everywhere: the report adds means, and ML-DSA signing is heavy-tailed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 4, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
// A fixed, pre-touched heap: first touches of memory are slow here (docs/benchmarks.md).
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class PrimitiveBenchmarks {
  private SecureRandom random;
  private MlKemEncapsulationKey encapsulationKey;
  private MlKemDecapsulationKey decapsulationKey;
  private byte[][] kemCiphertexts;
  private int next;
  private byte[] sharedSecret;
  private byte[] kdfInfo;

  @Setup(Level.Trial)
  public void setUp() {
    Fixture f = new Fixture();
    random = f.random;
    decapsulationKey = f.recipientKey;
    encapsulationKey = f.recipientKey.encapsulationKey();
    kemCiphertexts = new byte[Fixture.DISTINCT_INPUTS][];
    for (int i = 0; i < kemCiphertexts.length; i++) {
      try (MlKemEncapsulation e = MlKem768.encapsulate(encapsulationKey, random)) {
        kemCiphertexts[i] = e.ciphertext();
        sharedSecret = e.sharedSecret().copyBytes();
      }
    }
    // info = "quantaseal/envelope/v1/aes-256-gcm" || H, with the H of a real envelope.
    HybridCryptoEnvelope envelope = f.sealer.seal(f.recipient, Fixture.RID, Fixture.plaintext(16));
    kdfInfo = Fixture.concat(Fixture.KDF_INFO_PREFIX, envelope.headerBytes());
  }

  /** Seal: ML-KEM-768 encapsulation to the recipient's key (then the secret is wiped). */
  @Benchmark
  public void mlKem768Encapsulate(Blackhole bh) {
    try (MlKemEncapsulation e = MlKem768.encapsulate(encapsulationKey, random)) {
      bh.consume(e.ciphertext());
    }
  }

  /** Open: ML-KEM-768 decapsulation of a 1088-byte ciphertext (distinct ones in turn). */
  @Benchmark
  public void mlKem768Decapsulate(Blackhole bh) {
    try (SecretBytes ss =
        MlKem768.decapsulate(
            decapsulationKey, kemCiphertexts[next++ & (Fixture.DISTINCT_INPUTS - 1)])) {
      bh.consume(ss.reveal());
    }
  }

  /** Seal and open: K = HKDF-SHA-512(salt = empty, IKM = ss, info = prefix || H, L = 32). */
  @Benchmark
  public void hkdfSha512(Blackhole bh) {
    try (SecretBytes k = HkdfSha512.derive(sharedSecret, new byte[0], kdfInfo, 32)) {
      bh.consume(k.reveal());
    }
  }
}
