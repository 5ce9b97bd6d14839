package io.quantaseal.client;

import io.quantaseal.client.encryption.ServerKey;
import io.quantaseal.client.encryption.ServerKeyStatus;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's ML-DSA-65 signing keys, fetched once and again only when an envelope names an
 * {@code skid} the cache does not hold (a rotated signing key must not break a long-lived client).
 * The cache holds the keys that verify: {@code active} and {@code retiring}, never {@code retired}.
 * Thread-safe; shared by every client made with {@link QuantaSealClient#withClientKey(ClientKey)}.
 */
final class ServerKeyCache {
  static final String PATH = "/api/v2/encryption/server-keys";

  /** The keys held, and whether this call fetched them. */
  record Current(ServerKeys keys, boolean fetchedNow) {}

  private final Transport transport;
  private volatile ServerKeys keys;

  ServerKeyCache(Transport transport) {
    this.transport = transport;
  }

  /**
   * {@code GET /api/v2/encryption/server-keys} ({@code include_retired=true} when asked); the cache
   * takes the keys of the answer that verify.
   */
  synchronized List<ServerKey> fetch(boolean includeRetired) {
    Response r =
        transport.send(
            Transport.Call.get(
                PATH, includeRetired ? Map.of("include_retired", "true") : Map.of()));
    List<ServerKey> typed = r.parse(Answers::serverKeys);
    Map<String, MlDsaPublicKey> verifying = new LinkedHashMap<>();
    for (ServerKey k : typed) {
      if (k.status() == ServerKeyStatus.RETIRED || !k.alg().equals(ServerKeys.ML_DSA_65)) {
        continue; // a retired key verifies nothing; another alg is a key this client cannot use
      }
      byte[] raw = Json.unb64url(k.publicKey());
      if (raw == null || raw.length != MlDsaPublicKey.LENGTH || verifying.containsKey(k.skid())) {
        throw r.unexpected("the server key " + k.skid() + " is not one ML-DSA-65 public key");
      }
      try {
        verifying.put(k.skid(), MlDsaPublicKey.fromBytes(raw));
      } catch (CryptoException e) {
        throw r.unexpected("the server key " + k.skid() + " is not an ML-DSA-65 public key");
      }
    }
    try {
      keys = ServerKeys.of(verifying);
    } catch (QuantaSealClientException e) {
      throw r.unexpected(e.getMessage());
    }
    return typed;
  }

  Current current() {
    ServerKeys k = keys;
    if (k != null) {
      return new Current(k, false);
    }
    synchronized (this) {
      if (keys != null) {
        return new Current(keys, false);
      }
      fetch(false);
      return new Current(keys, true);
    }
  }

  ServerKeys refreshed() {
    synchronized (this) {
      fetch(false);
      return keys;
    }
  }
}
