package io.quantaseal.benchmarks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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
 * AES-256-GCM encryption on the JDK's provider (SunJCE, which AesGcm uses) against BouncyCastle's
 * (a {@code new BouncyCastleProvider()} passed to {@code Cipher.getInstance}, never installed).
 * Both keep one Cipher, as AesGcm does per thread, and init it with a fresh IV (a counter) each
 * call; AAD is a header-sized 200 bytes.
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
public class AesGcmProviderBenchmarks {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  @Param({"65536"})
  public int size;

  private Cipher jdk;
  private Cipher bouncyCastle;
  private SecretKeySpec key;
  private byte[] plaintext;
  private byte[] aad;
  private long counter;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    byte[] k = new byte[32];
    random.nextBytes(k);
    key = new SecretKeySpec(k, "AES");
    plaintext = Fixture.plaintext(size);
    aad = new byte[200];
    random.nextBytes(aad);
    jdk = Cipher.getInstance(TRANSFORMATION);
    Provider bc = new BouncyCastleProvider();
    bouncyCastle = Cipher.getInstance(TRANSFORMATION, bc);
    Fixture.check(!"BC".equals(jdk.getProvider().getName()), "JDK provider");
    Fixture.check("BC".equals(bouncyCastle.getProvider().getName()), "BC provider");
  }

  @Benchmark
  public byte[] jdk() throws GeneralSecurityException {
    return encrypt(jdk);
  }

  @Benchmark
  public byte[] bouncyCastle() throws GeneralSecurityException {
    return encrypt(bouncyCastle);
  }

  private byte[] encrypt(Cipher cipher) throws GeneralSecurityException {
    byte[] iv = ByteBuffer.allocate(12).putLong(4, ++counter).array();
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
    cipher.updateAAD(aad);
    return cipher.doFinal(plaintext);
  }
}
