package io.quantaseal.seal;

import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.vault.CredentialBinding;
import io.quantaseal.crypto.vault.CredentialSealer;
import io.quantaseal.crypto.vault.LocalKeyring;
import io.quantaseal.testsupport.LocalEngines;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Vault throughput on one thread (one core) through SealFunction's handler, on DynamoDB Local in
 * process and moto KMS on loopback, plus the sealing crypto alone; and KMS calls per 1,000 seals
 * and per 1,000 unseals (with the per-container key cache, and without).
 *
 * <pre>
 * mvn -q -pl functions/seal test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.quantaseal.seal.VaultBenchmark [-Dexec.args=1000]
 * </pre>
 */
public final class VaultBenchmark {
  private VaultBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    try (LocalEngines aws = LocalEngines.start()) {
      System.out.printf(Locale.ROOT, "# vault benchmark, %d operations per figure, 1 thread%n", n);
      System.out.println("| figure | value |");
      System.out.println("|---|---|");
      run(aws, n, Duration.ofMinutes(5), "cached keys");
      aws.reset();
      run(aws, n / 4, Duration.ZERO, "no key cache");
      cryptoOnly(n);
    }
  }

  private static void run(LocalEngines aws, int n, Duration cacheTtl, String label) {
    ApiTestBed bed = new ApiTestBed(aws, cacheTtl);
    AwsKmsKeyring kms = bed.keyring;
    String body =
        "{\"credential_type\":\"api_key\",\"values\":{\"api_key\":\"0123456789abcdef0123456789abcdef\"}}";
    for (int i = 0; i < 50; i++) { // warm-up: JIT, connections, signing key
      bed.call("seal-api-key.json", bed.keyA, null, body);
    }
    MlKemDecapsulationKey dk = MlKem768.generateKeyPair(new SecureRandom());
    String pk =
        Base64.getUrlEncoder().withoutPadding().encodeToString(dk.encapsulationKey().toBytes());
    bed.call("register-client-key.json", bed.keyA, null, "{\"public_key\":\"" + pk + "\"}");

    long kms0 = kms.calls();
    List<String> ids = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ids.add(
          bed.call("seal-api-key.json", bed.keyA, null, body)
              .json()
              .get("vault_entry_id")
              .asText());
    }
    double sealSeconds = (System.nanoTime() - t0) / 1e9;
    long sealKms = kms.calls() - kms0;

    long kms1 = kms.calls();
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      var r =
          bed.call(
              "unseal.json",
              bed.keyAUnseal,
              null,
              "{\"vault_entry_id\":\"" + ids.get(i % 10) + "\"}");
      if (r.status() != 200) {
        throw new IllegalStateException("unseal failed: " + r.body());
      }
    }
    double unsealSeconds = (System.nanoTime() - t1) / 1e9;
    long unsealKms = kms.calls() - kms1;

    System.out.printf(
        Locale.ROOT,
        "| seals/s, handler + DynamoDB Local + moto KMS (%s) | %.0f |%n",
        label,
        n / sealSeconds);
    System.out.printf(
        Locale.ROOT, "| KMS calls per 1,000 seals (%s) | %.0f |%n", label, sealKms * 1000.0 / n);
    System.out.printf(
        Locale.ROOT, "| unseals/s over 10 hot entries (%s) | %.0f |%n", label, n / unsealSeconds);
    System.out.printf(
        Locale.ROOT,
        "| KMS calls per 1,000 unseals of 10 hot entries (%s) | %.0f |%n",
        label,
        unsealKms * 1000.0 / n);
  }

  private static void cryptoOnly(int n) {
    SecureRandom random = new SecureRandom();
    CredentialSealer sealer =
        new CredentialSealer(LocalKeyring.create(SecretBytes.random(32, random), random), random);
    MlKemDecapsulationKey vault = MlKem768.generateKeyPair(random);
    CredentialBinding b = new CredentialBinding("ten_x", "vlt_x", 1, "api_key");
    byte[] value =
        "{\"api_key\":\"0123456789abcdef0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 2000; i++) {
      sealer.open(b, vault, "k", sealer.seal(b, vault.encapsulationKey(), "k", value.clone()));
    }
    int m = n * 5;
    long t0 = System.nanoTime();
    byte[] last = null;
    for (int i = 0; i < m; i++) {
      last = sealer.seal(b, vault.encapsulationKey(), "k", value.clone());
    }
    double s = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    for (int i = 0; i < m; i++) {
      sealer.open(b, vault, "k", last);
    }
    double o = (System.nanoTime() - t1) / 1e9;
    System.out.printf(
        Locale.ROOT, "| seals/s, two-layer sealing crypto only (local keyring) | %.0f |%n", m / s);
    System.out.printf(
        Locale.ROOT, "| opens/s, two-layer sealing crypto only (local keyring) | %.0f |%n", m / o);
  }
}
