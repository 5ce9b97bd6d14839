package io.quantaseal.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;
import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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

/**
 * What shared-crypto pays per call for looking up a JCA engine instead of reusing one: {@code
 * BouncyCastlePqc} asks the (explicitly passed) BouncyCastle provider for a fresh {@code Signature}
 * or {@code KeyGenerator} on every sign, verify, encapsulation and decapsulation, and {@code
 * HkdfSha512} asks for a fresh {@code Mac}. Not part of the overhead ratio.
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
public class ProviderLookupDiagnostics {
  private static final Provider BC = new BouncyCastleProvider();
  private static final ContextParameterSpec CONTEXT =
      new ContextParameterSpec(Fixture.SIGNATURE_CONTEXT);

  private KeyPair mlDsa;
  private SecureRandom random;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    random = new SecureRandom();
    KeyPairGenerator g = KeyPairGenerator.getInstance("ML-DSA", BC);
    g.initialize(MLDSAParameterSpec.ml_dsa_65, random);
    mlDsa = g.generateKeyPair();
  }

  /**
   * Everything BouncyCastlePqc.mlDsaSign does per call before it hashes the message: a fresh
   * Signature, initSign, setParameter(context). A cached, initialised Signature would skip it.
   */
  @Benchmark
  public Signature signatureSignSetup() throws GeneralSecurityException {
    Signature s = Signature.getInstance("ML-DSA", BC);
    s.initSign(mlDsa.getPrivate(), random);
    s.setParameter(CONTEXT);
    return s;
  }

  /** The same for BouncyCastlePqc.mlDsaVerify: getInstance, initVerify, setParameter(context). */
  @Benchmark
  public Signature signatureVerifySetup() throws GeneralSecurityException {
    Signature s = Signature.getInstance("ML-DSA", BC);
    s.initVerify(mlDsa.getPublic());
    s.setParameter(CONTEXT);
    return s;
  }

  /**
   * The same with the context set before initVerify: BouncyCastle re-initialises on setParameter
   * after init, hashing the 1952-byte public key (tr = H(pk)) a second time.
   */
  @Benchmark
  public Signature signatureVerifySetupContextFirst() throws GeneralSecurityException {
    Signature s = Signature.getInstance("ML-DSA", BC);
    s.setParameter(CONTEXT);
    s.initVerify(mlDsa.getPublic());
    return s;
  }

  /** Per call in BouncyCastlePqc.mlKemEncapsulate/mlKemDecapsulate: a fresh KeyGenerator. */
  @Benchmark
  public KeyGenerator kemKeyGeneratorGetInstance() throws GeneralSecurityException {
    return KeyGenerator.getInstance("ML-KEM", BC);
  }

  /** Per call in HkdfSha512.derive: a fresh Mac. */
  @Benchmark
  public Mac hkdfMacGetInstance() throws GeneralSecurityException {
    return Mac.getInstance("HmacSHA512");
  }
}
