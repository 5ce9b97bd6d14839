package io.quantaseal.client.conformance;

import io.quantaseal.client.QuantaSealClientException;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The Java client's envelope conformance runner (docs/envelope.md, "Conformance"): opens every case
 * of a conformance file with the client's public {@link EnvelopeReader}, given only the three keys
 * the case names and the case's clock, and checks that valid envelopes open to exactly their
 * plaintext and invalid ones are rejected with {@link InvalidEnvelopeException}.
 *
 * <pre>
 * clients/java/conformance-runner docs/vectors/envelope-v1-conformance.json
 * java -cp ... io.quantaseal.client.conformance.ConformanceRunner FILE
 * </pre>
 *
 * <p>Prints one line per failing case ({@code FAIL <name>: <why>}) and closes with {@code N passed,
 * M failed}. Exit status: 0 when every case passes, 1 when one fails, 2 when the file cannot be
 * read or is not a conformance file.
 */
public final class ConformanceRunner {
  /** Exit status when every case passes. */
  public static final int ALL_PASSED = 0;

  /** Exit status when at least one case fails. */
  public static final int SOME_FAILED = 1;

  /** Exit status for a wrong command line or a file that is not a conformance file. */
  public static final int BAD_INPUT = 2;

  private ConformanceRunner() {}

  /**
   * Runs the file named by the only argument and exits with the status of {@link #run}.
   *
   * @param args {@code FILE}
   */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /**
   * Runs a conformance file.
   *
   * @param args the command line: exactly one argument, the file
   * @param out where the failing cases and the closing count go
   * @param err where a usage or file error goes
   * @return {@link #ALL_PASSED}, {@link #SOME_FAILED} or {@link #BAD_INPUT}
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() != 1) {
      err.println(
          "usage: conformance-runner FILE   (e.g. docs/vectors/envelope-v1-conformance.json)");
      return BAD_INPUT;
    }
    Path file = Paths.get(args.get(0));
    List<ConformanceCase> cases;
    try {
      cases = ConformanceCase.parseFile(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("conformance-runner: cannot read " + file + ": " + e);
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("conformance-runner: " + file + " is not a conformance file: " + e.getMessage());
      return BAD_INPUT;
    }
    int passed = 0;
    int failed = 0;
    for (ConformanceCase c : cases) {
      Optional<String> failure = check(c);
      if (failure.isPresent()) {
        failed++;
        out.println("FAIL " + c.name() + ": " + failure.get());
      } else {
        passed++;
      }
    }
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    return failed == 0 ? ALL_PASSED : SOME_FAILED;
  }

  /**
   * Checks one case.
   *
   * @param c the case
   * @return why the case fails, or empty when it passes
   */
  public static Optional<String> check(ConformanceCase c) {
    if (c.problem() != null) {
      return Optional.of("malformed case: " + c.problem());
    }
    EnvelopeReader reader;
    try {
      reader = readerFor(c);
    } catch (QuantaSealClientException | CryptoException e) {
      return Optional.of("malformed case: its keys are unusable (" + e.getMessage() + ")");
    }
    byte[] opened;
    try {
      opened = reader.open(c.envelope());
    } catch (InvalidEnvelopeException e) {
      return c.valid()
          ? Optional.of("expected valid, but it was rejected (" + e.getMessage() + ")")
          : Optional.empty();
    } catch (RuntimeException e) {
      // Not the one envelope error: a crash on input, whatever the expected result.
      return Optional.of(
          "threw " + e.getClass().getName() + " instead of InvalidEnvelopeException");
    }
    if (!c.valid()) {
      return Optional.of("expected invalid, but it opened (" + opened.length + " bytes)");
    }
    if (!MessageDigest.isEqual(opened, c.plaintext())) {
      return Optional.of(
          "opened to a different plaintext ("
              + opened.length
              + " bytes, expected "
              + c.plaintext().length
              + ")");
    }
    return Optional.empty();
  }

  /** A reader that knows exactly the case's three keys, with the clock at the case's now. */
  private static EnvelopeReader readerFor(ConformanceCase c) {
    try (SecretBytes seed = SecretBytes.copyOf(c.recipientSeed());
        SecretBytes mac = SecretBytes.copyOf(c.macKey())) {
      return EnvelopeReader.builder()
          .clientKey(c.rkid(), seed)
          .macKey(c.hkid(), mac)
          .serverKey(c.skid(), MlDsaPublicKey.fromBytes(c.serverPublicKey()))
          .clock(Clock.fixed(Instant.ofEpochSecond(c.now()), ZoneOffset.UTC))
          .build();
    }
  }
}
