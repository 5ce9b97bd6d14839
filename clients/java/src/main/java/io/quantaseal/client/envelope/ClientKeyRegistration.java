package io.quantaseal.client.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.client.QuantaSealClientException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.mac.HmacSha512;

/**
 * The answer of {@code POST /api/v2/encryption/client-keys}: {@code {"rkid","hkid","hmac_key"}}.
 * The 64-byte envelope MAC key ({@code hmac_key}, unpadded base64url) is shown once: keep it as
 * carefully as the client's own ML-KEM seed. Never prints the key; {@link #close()} wipes it.
 */
public final class ClientKeyRegistration implements AutoCloseable {
  private final String rkid;
  private final String hkid;
  private final SecretBytes macKey;

  private ClientKeyRegistration(String rkid, String hkid, SecretBytes macKey) {
    this.rkid = rkid;
    this.hkid = hkid;
    this.macKey = macKey;
  }

  /**
   * Parses the response body. Unknown members (such as {@code created_at}) are ignored.
   *
   * @param json the body of the answer
   * @return the registration
   * @throws QuantaSealClientException if a member is missing or malformed (the message never shows
   *     the key)
   */
  public static ClientKeyRegistration parse(String json) {
    String what = "client-keys response";
    JsonNode root = StrictJson.object(json, what);
    String rkid = StrictJson.id(root, "rkid", what);
    String hkid = StrictJson.id(root, "hkid", what);
    byte[] key =
        StrictJson.base64url(
            StrictJson.string(root, "hmac_key", what), HmacSha512.KEY_LENGTH, what + ": hmac_key");
    return new ClientKeyRegistration(rkid, hkid, SecretBytes.wrap(key));
  }

  /**
   * The id of the registered ML-KEM-768 key: envelopes for it name it as {@code rkid}.
   *
   * @return {@code ck_…}
   */
  public String rkid() {
    return rkid;
  }

  /**
   * The id of the envelope MAC key.
   *
   * @return {@code hk_…}
   */
  public String hkid() {
    return hkid;
  }

  /**
   * The envelope MAC key itself; wiped by {@link #close()}.
   *
   * @return the key (owned by this registration)
   */
  public SecretBytes macKey() {
    return macKey;
  }

  @Override
  public void close() {
    macKey.close();
  }

  @Override
  public String toString() {
    return "ClientKeyRegistration[rkid=" + rkid + ", hkid=" + hkid + ", hmac_key redacted]";
  }
}
