package io.quantaseal.crypto.envelope;

import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.internal.Bytes;
import io.quantaseal.crypto.kdf.HkdfSha512;
import java.nio.charset.StandardCharsets;

/**
 * The exact bytes of HybridCryptoEnvelope v1 (docs/envelope.md#construction): H, S and the AES key
 * derivation. Shared by the sealer and the opener so that both build them one way.
 */
final class EnvelopeFormat {
  static final int VERSION = 1;
  static final byte[] HEADER_LABEL = Bytes.utf8("QSENV1");
  static final byte[] SIGNED_LABEL = Bytes.utf8("QSENV1-SIGNED");
  static final byte[] KDF_INFO_PREFIX = Bytes.utf8("quantaseal/envelope/v1/aes-256-gcm");
  static final byte[] SIGNATURE_CONTEXT = Bytes.utf8("quantaseal/envelope/v1");
  static final int AES_KEY_LENGTH = 32;

  private EnvelopeFormat() {}

  /** H = lp("QSENV1") || lp(suite) || lp(rid) || lp(iat) || lp(rkid) || lp(skid) || lp(hkid). */
  static byte[] header(
      EnvelopeSuite suite, String rid, long iat, String rkid, String skid, String hkid) {
    return Bytes.lengthPrefixed(
        HEADER_LABEL,
        Bytes.utf8(suite.id()),
        Bytes.utf8(rid),
        Long.toString(iat).getBytes(StandardCharsets.US_ASCII),
        Bytes.utf8(rkid),
        Bytes.utf8(skid),
        Bytes.utf8(hkid));
  }

  /** S = lp("QSENV1-SIGNED") || lp(H) || lp(kem) || lp(iv) || lp(ct). */
  static byte[] signedBytes(byte[] header, byte[] kem, byte[] iv, byte[] ct) {
    return Bytes.lengthPrefixed(SIGNED_LABEL, header, kem, iv, ct);
  }

  /** K = HKDF-SHA-512(salt = empty, IKM = ss, info = "quantaseal/envelope/v1/aes-256-gcm" || H). */
  static SecretBytes aesKey(SecretBytes sharedSecret, byte[] header) {
    return HkdfSha512.derive(
        sharedSecret.reveal(), new byte[0], Bytes.concat(KDF_INFO_PREFIX, header), AES_KEY_LENGTH);
  }
}
