package io.quantaseal.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import java.io.IOException;
import java.util.Base64;
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
 * Pieces of the envelope code, rebuilt outside shared-crypto, that explain where the envelope's
 * time goes and what a change in shared-crypto would save. Not part of the overhead ratio. Inputs
 * cycle through {@link Fixture#DISTINCT_INPUTS} envelopes, as in the other benchmarks.
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
public class OverheadDiagnostics {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  @Param({"1024", "65536"})
  public int size;

  private HybridCryptoEnvelope[] envelopes;
  private String[] json;
  private String[] ctBase64;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Fixture f = new Fixture();
    envelopes = f.envelopes(size, Fixture.DISTINCT_INPUTS);
    json = new String[envelopes.length];
    ctBase64 = new String[envelopes.length];
    for (int i = 0; i < envelopes.length; i++) {
      json[i] = envelopes[i].toJson();
      ctBase64[i] = B64.encodeToString(envelopes[i].ct());
      byte[][] shipped = EnvelopeJsonVariants.parse(json[i], true);
      byte[][] lean = EnvelopeJsonVariants.parse(json[i], false);
      Fixture.check(
          shipped != null && lean != null && java.util.Arrays.equals(shipped[2], lean[2]),
          "parse variants");
    }
  }

  private int next() {
    return next++ & (Fixture.DISTINCT_INPUTS - 1);
  }

  /**
   * A copy of EnvelopeJson.parse as shipped: should match SizedPrimitiveBenchmarks.envelopeParse.
   */
  @Benchmark
  public byte[][] parseCopyAsShipped() {
    return EnvelopeJsonVariants.parse(json[next()], true);
  }

  /** The same, without the per-character alphabet loop (same accepted set, see the class doc). */
  @Benchmark
  public byte[][] parseCopyWithoutAlphabetLoop() {
    return EnvelopeJsonVariants.parse(json[next()], false);
  }

  /** Parse, step by step: Jackson readTree of the whole JSON form. */
  @Benchmark
  public JsonNode parseReadTree() throws IOException {
    return EnvelopeJsonVariants.MAPPER.readTree(json[next()]);
  }

  /** Parse, ct only: EnvelopeJson.binary's per-character alphabet check. */
  @Benchmark
  public boolean parseCtAlphabetLoop() {
    String s = ctBase64[next()];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Parse, ct only: base64url decode, then the canonical check (re-encode and compare). */
  @Benchmark
  public boolean parseCtDecodeAndCanonicalCheck() {
    String s = ctBase64[next()];
    return B64.encodeToString(B64D.decode(s)).equals(s);
  }

  /** Glue in seal and open: H and S rebuilt (length-prefixed concatenations; ct copied twice). */
  @Benchmark
  public byte[] signedBytes() {
    return envelopes[next()].signedBytes();
  }
}
