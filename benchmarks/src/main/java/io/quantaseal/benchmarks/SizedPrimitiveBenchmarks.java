package io.quantaseal.benchmarks;

import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.aead.AesGcm;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.mac.HmacSha512;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
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
 * The primitives whose cost grows with the plaintext, each on the exact inputs the envelope gives
 * it for a {@code size}-byte plaintext: AES-256-GCM on the plaintext with AAD = H, and ML-DSA-65
 * and HMAC-SHA-512 over S (which holds H, the 1088-byte KEM ciphertext, the IV and ct), plus the
 * JSON encoding and parsing of that envelope and the plaintext clone the seal benchmarks pay for.
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
public class SizedPrimitiveBenchmarks {
  @Param({"1024", "65536"})
  public int size;

  private SecureRandom random;
  private byte[] plaintext;
  private byte[] header;
  private SecretBytes aesKey;
  private byte[] iv;
  private byte[] ciphertext;
  private MlDsaPrivateKey signingKey;
  private MlDsaPublicKey publicKey;
  private SecretBytes macKey;
  private HmacSha512 openerMac;

  // Fixture.DISTINCT_INPUTS envelopes, their S, sig, mac and JSON, used in turn.
  private HybridCryptoEnvelope[] envelopes;
  private byte[][] signed;
  private byte[][] sig;
  private byte[][] mac;
  private String[] json;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Fixture f = new Fixture();
    random = f.random;
    signingKey = f.signingKey;
    publicKey = f.signingKey.publicKey();
    macKey = f.macKey;
    openerMac = HmacSha512.create(macKey);
    plaintext = Fixture.plaintext(size);

    int n = Fixture.DISTINCT_INPUTS;
    envelopes = f.envelopes(size, n);
    signed = new byte[n][];
    sig = new byte[n][];
    mac = new byte[n][];
    json = new String[n];
    for (int i = 0; i < n; i++) {
      signed[i] = envelopes[i].signedBytes();
      sig[i] = envelopes[i].sig();
      mac[i] = envelopes[i].mac();
      json[i] = envelopes[i].toJson();
      Fixture.check(envelopes[i].ct().length == size + AesGcm.TAG_LENGTH, "ct length");
      Fixture.check(
          MlDsa65.verify(publicKey, signed[i], Fixture.SIGNATURE_CONTEXT, sig[i]), "signature");
      Fixture.check(openerMac.verify(mac[i], signed[i]), "mac");
      Fixture.check(Arrays.equals(f.opener.open(json[i]), plaintext), "open");
    }
    header = envelopes[0].headerBytes();

    aesKey = SecretBytes.random(AesGcm.KEY_LENGTH, random);
    iv = new byte[AesGcm.IV_LENGTH];
    random.nextBytes(iv);
    try (AesGcm aead = AesGcm.create(aesKey)) {
      ciphertext = aead.encrypt(iv, plaintext, header);
    }
  }

  /** The next of the distinct inputs (a power-of-two count). */
  private int next() {
    return next++ & (Fixture.DISTINCT_INPUTS - 1);
  }

  /** What the seal benchmarks add on top of sealing: a fresh copy of the plaintext each call. */
  @Benchmark
  public byte[] plaintextClone() {
    return plaintext.clone();
  }

  /**
   * Seal: a fresh 12-byte IV from the sealer's SecureRandom, then AesGcm.create(K), encrypt with
   * AAD = H, close (as EnvelopeSealer does with its per-envelope key).
   */
  @Benchmark
  public byte[] aesGcmEncrypt() {
    byte[] freshIv = new byte[AesGcm.IV_LENGTH];
    random.nextBytes(freshIv);
    try (AesGcm aead = AesGcm.create(aesKey)) {
      return aead.encrypt(freshIv, plaintext, header);
    }
  }

  /** Open: AesGcm.create(K), decrypt ct || tag with AAD = H, close. */
  @Benchmark
  public byte[] aesGcmDecrypt() {
    try (AesGcm aead = AesGcm.create(aesKey)) {
      return aead.decrypt(iv, ciphertext, header);
    }
  }

  /** Seal: hedged ML-DSA-65 over S with the envelope context. */
  @Benchmark
  public byte[] mlDsa65Sign() {
    return MlDsa65.sign(signingKey, signed[next()], Fixture.SIGNATURE_CONTEXT, random);
  }

  /** Open: ML-DSA-65 verification over S. */
  @Benchmark
  public boolean mlDsa65Verify() {
    int i = next();
    return MlDsa65.verify(publicKey, signed[i], Fixture.SIGNATURE_CONTEXT, sig[i]);
  }

  /** Seal: HmacSha512.create(tenant key), compute over S, close. */
  @Benchmark
  public byte[] hmacSha512Compute() {
    try (HmacSha512 hmac = HmacSha512.create(macKey)) {
      return hmac.compute(signed[next()]);
    }
  }

  /** Open: the opener's prebuilt HmacSha512, constant-time verify over S. */
  @Benchmark
  public boolean hmacSha512Verify() {
    int i = next();
    return openerMac.verify(mac[i], signed[i]);
  }

  /** Seal: the JSON form (base64url of every binary member). */
  @Benchmark
  public String envelopeToJson() {
    return envelopes[next()].toJson();
  }

  /** Open: parse the JSON form with every step-1 check (lengths, canonical base64url). */
  @Benchmark
  public HybridCryptoEnvelope envelopeParse() {
    return HybridCryptoEnvelope.parse(json[next()]);
  }
}
