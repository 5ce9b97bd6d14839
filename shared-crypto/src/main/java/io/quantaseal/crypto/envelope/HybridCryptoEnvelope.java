package io.quantaseal.crypto.envelope;

import io.quantaseal.crypto.InvalidEnvelopeException;
import java.util.Objects;

/**
 * A HybridCryptoEnvelope v1 as it travels (docs/envelope.md#json-form): immutable, with defensive
 * copies of every binary member. Building one checks nothing cryptographic; {@link EnvelopeOpener}
 * does that.
 */
public final class HybridCryptoEnvelope {
  private final EnvelopeSuite suite;
  private final String rid;
  private final long iat;
  private final String rkid;
  private final String skid;
  private final String hkid;
  private final byte[] kem;
  private final byte[] iv;
  private final byte[] ct;
  private final byte[] sig;
  private final byte[] mac;

  HybridCryptoEnvelope(
      EnvelopeSuite suite,
      String rid,
      long iat,
      String rkid,
      String skid,
      String hkid,
      byte[] kem,
      byte[] iv,
      byte[] ct,
      byte[] sig,
      byte[] mac) {
    this.suite = Objects.requireNonNull(suite);
    this.rid = Objects.requireNonNull(rid);
    this.iat = iat;
    this.rkid = Objects.requireNonNull(rkid);
    this.skid = Objects.requireNonNull(skid);
    this.hkid = Objects.requireNonNull(hkid);
    this.kem = kem.clone();
    this.iv = iv.clone();
    this.ct = ct.clone();
    this.sig = sig.clone();
    this.mac = mac.clone();
  }

  /**
   * Parses the JSON form, checking structure, base64url and member lengths
   * (docs/envelope.md#verification, step 1).
   *
   * @throws InvalidEnvelopeException on any problem, always with the same message
   */
  public static HybridCryptoEnvelope parse(String json) {
    return EnvelopeJson.parse(json, EnvelopeJson.DEFAULT_MAX_CIPHERTEXT_LENGTH);
  }

  /** The JSON form, members in the order of docs/envelope.md#json-form. */
  public String toJson() {
    return EnvelopeJson.write(this);
  }

  public int version() {
    return EnvelopeFormat.VERSION;
  }

  public EnvelopeSuite suite() {
    return suite;
  }

  public String rid() {
    return rid;
  }

  public long iat() {
    return iat;
  }

  public String rkid() {
    return rkid;
  }

  public String skid() {
    return skid;
  }

  public String hkid() {
    return hkid;
  }

  public byte[] kem() {
    return kem.clone();
  }

  public byte[] iv() {
    return iv.clone();
  }

  public byte[] ct() {
    return ct.clone();
  }

  public byte[] sig() {
    return sig.clone();
  }

  public byte[] mac() {
    return mac.clone();
  }

  /** H, rebuilt from this envelope's members. */
  public byte[] headerBytes() {
    return EnvelopeFormat.header(suite, rid, iat, rkid, skid, hkid);
  }

  /** S, rebuilt from this envelope's members: what ML-DSA-65 and HMAC-SHA-512 authenticate. */
  public byte[] signedBytes() {
    return EnvelopeFormat.signedBytes(headerBytes(), kem, iv, ct);
  }

  @Override
  public String toString() {
    return "HybridCryptoEnvelope[rid="
        + rid
        + ", iat="
        + iat
        + ", rkid="
        + rkid
        + ", skid="
        + skid
        + ", hkid="
        + hkid
        + ", ct="
        + ct.length
        + " bytes]";
  }
}
