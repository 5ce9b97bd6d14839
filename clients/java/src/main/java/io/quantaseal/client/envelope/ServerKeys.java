package io.quantaseal.client.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.client.QuantaSealClientException;
import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The service's envelope signing keys, as listed by {@code GET /api/v2/encryption/server-keys}:
 * {@code {"keys":[{"skid":"sk_…","alg":"ML-DSA-65","public_key":"<base64url>"}, …]}}.
 *
 * <p>Every listed ML-DSA-65 key is kept, whatever its status: rotation keeps old public keys listed
 * until their envelopes have expired (docs/envelope.md#keys). Keys of another {@code alg} are
 * skipped, so that a newer service can list keys this client cannot use. Unknown members are
 * ignored. A malformed document, a malformed ML-DSA-65 key or a repeated {@code skid} is an error.
 * Immutable.
 */
public final class ServerKeys {
  /** The only signature algorithm of envelope v1. */
  public static final String ML_DSA_65 = "ML-DSA-65";

  private final Map<String, MlDsaPublicKey> keys;

  private ServerKeys(Map<String, MlDsaPublicKey> keys) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /**
   * Parses the body of {@code GET /api/v2/encryption/server-keys}.
   *
   * @param json the body
   * @return the keys
   * @throws QuantaSealClientException if the document or one of its ML-DSA-65 keys is malformed
   */
  public static ServerKeys parse(String json) {
    String what = "server-keys document";
    JsonNode root = StrictJson.object(json, what);
    JsonNode list = root.get("keys");
    if (list == null || !list.isArray()) {
      throw new QuantaSealClientException(what + ": 'keys' must be an array");
    }
    Map<String, MlDsaPublicKey> keys = new LinkedHashMap<>();
    for (JsonNode k : list) {
      if (!k.isObject()) {
        throw new QuantaSealClientException(what + ": every key must be an object");
      }
      String skid = StrictJson.id(k, "skid", what);
      String alg = StrictJson.string(k, "alg", what);
      String encoded = StrictJson.string(k, "public_key", what);
      if (keys.containsKey(skid)) {
        throw new QuantaSealClientException(what + ": skid listed twice");
      }
      if (!alg.equals(ML_DSA_65)) {
        continue;
      }
      byte[] raw = StrictJson.base64url(encoded, MlDsaPublicKey.LENGTH, what + ": public_key");
      try {
        keys.put(skid, MlDsaPublicKey.fromBytes(raw));
      } catch (CryptoException e) {
        throw new QuantaSealClientException(what + ": public_key is not an ML-DSA-65 key");
      }
    }
    return new ServerKeys(keys);
  }

  /**
   * Keys given directly, for callers that obtained them another way.
   *
   * @param keys the public keys by skid
   * @return the keys
   */
  public static ServerKeys of(Map<String, MlDsaPublicKey> keys) {
    keys.forEach(
        (skid, key) -> {
          StrictJson.checkId(skid, "skid");
          Objects.requireNonNull(key, "key");
        });
    return new ServerKeys(keys);
  }

  /**
   * The ids of the keys held.
   *
   * @return the skids, in the order listed
   */
  public Set<String> skids() {
    return keys.keySet();
  }

  /**
   * One key.
   *
   * @param skid its id
   * @return the key, or empty when none has that id
   */
  public Optional<MlDsaPublicKey> get(String skid) {
    return Optional.ofNullable(keys.get(skid));
  }

  Map<String, MlDsaPublicKey> asMap() {
    return keys;
  }

  /**
   * Whether no ML-DSA-65 key is held.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return keys.isEmpty();
  }

  @Override
  public String toString() {
    return "ServerKeys" + keys.keySet();
  }
}
