package io.quantaseal.benchmarks;

import io.quantaseal.crypto.envelope.EnvelopeOpener;
import io.quantaseal.crypto.envelope.EnvelopeRecipient;
import io.quantaseal.crypto.envelope.EnvelopeSealer;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole envelope, through its public API only. {@code seal} wipes the array it is given, so
 * every call seals a fresh clone of the plaintext; {@link SizedPrimitiveBenchmarks#plaintextClone}
 * measures that clone and the report subtracts it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
// Longer warm-up: one envelope call reaches each primitive once, so the JIT sees its methods far
// less often than in the primitive benchmarks; measured, open and seal at 64 KiB kept getting
// faster for ~8 s of calls, where every primitive settled within 2-3 s.
@Warmup(iterations = 15, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
// A fixed, pre-touched heap: first touches of memory are slow here (docs/benchmarks.md).
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class EnvelopeBenchmarks {
  @Param({"1024", "65536"})
  public int size;

  private EnvelopeSealer sealer;
  private EnvelopeOpener opener;
  private EnvelopeRecipient recipient;
  private byte[] plaintext;
  private String[] json;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Fixture f = new Fixture();
    sealer = f.sealer;
    opener = f.opener;
    recipient = f.recipient;
    plaintext = Fixture.plaintext(size);
    // Sealed now: the opener's default clock skew (300 s) covers a trial of a few seconds.
    HybridCryptoEnvelope[] envelopes = f.envelopes(size, Fixture.DISTINCT_INPUTS);
    json = new String[envelopes.length];
    for (int i = 0; i < envelopes.length; i++) {
      json[i] = envelopes[i].toJson();
      Fixture.check(java.util.Arrays.equals(opener.open(json[i]), plaintext), "open");
    }
  }

  /** EnvelopeSealer.seal: the envelope object, not yet encoded. */
  @Benchmark
  public HybridCryptoEnvelope seal() {
    return sealer.seal(recipient, Fixture.RID, plaintext.clone());
  }

  /** What the service sends: seal, then the JSON form. */
  @Benchmark
  public String sealToJson() {
    return sealer.seal(recipient, Fixture.RID, plaintext.clone()).toJson();
  }

  /**
   * What a client does with the JSON it received: parse, verify both, decapsulate, decrypt; over
   * {@link Fixture#DISTINCT_INPUTS} distinct envelopes in turn.
   */
  @Benchmark
  public byte[] open() {
    return opener.open(json[next++ & (Fixture.DISTINCT_INPUTS - 1)]);
  }
}
