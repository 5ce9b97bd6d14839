package io.quantaseal.crypto.envelope;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the opener's real authenticity checks and records every call and every verdict, so that a
 * test can prove that both checks ran and what each one decided (docs/envelope.md#verification step
 * 3: {@code sigOk & macOk}, both always computed).
 */
final class RecordingChecks implements EnvelopeOpener.AuthenticityChecks {
  private final EnvelopeOpener.AuthenticityChecks real;
  final AtomicInteger signatureCalls = new AtomicInteger();
  final AtomicInteger macCalls = new AtomicInteger();
  private volatile Boolean lastSignatureVerdict;
  private volatile Boolean lastMacVerdict;

  RecordingChecks(EnvelopeOpener.AuthenticityChecks real) {
    this.real = real;
  }

  /** An opener with the same keys as {@code opener} whose checks are recorded by this object. */
  static RecordingChecks around(EnvelopeOpener opener) {
    return new RecordingChecks(opener.checks());
  }

  EnvelopeOpener wrap(EnvelopeOpener opener) {
    return opener.withChecks(this);
  }

  @Override
  public boolean signatureValid(String skid, byte[] signed, byte[] sig) {
    signatureCalls.incrementAndGet();
    boolean ok = real.signatureValid(skid, signed, sig);
    lastSignatureVerdict = ok;
    return ok;
  }

  @Override
  public boolean macValid(String hkid, byte[] signed, byte[] mac) {
    macCalls.incrementAndGet();
    boolean ok = real.macValid(hkid, signed, mac);
    lastMacVerdict = ok;
    return ok;
  }

  /** The verdict of the last signature check, or null if none ran since {@link #reset()}. */
  Boolean lastSignatureVerdict() {
    return lastSignatureVerdict;
  }

  Boolean lastMacVerdict() {
    return lastMacVerdict;
  }

  void reset() {
    signatureCalls.set(0);
    macCalls.set(0);
    lastSignatureVerdict = null;
    lastMacVerdict = null;
  }

  /** Checks that accept everything: lets a test reach the KEM and AEAD layers with a bad input. */
  static EnvelopeOpener.AuthenticityChecks acceptAll() {
    return new EnvelopeOpener.AuthenticityChecks() {
      @Override
      public boolean signatureValid(String skid, byte[] signed, byte[] sig) {
        return true;
      }

      @Override
      public boolean macValid(String hkid, byte[] signed, byte[] mac) {
        return true;
      }
    };
  }
}
