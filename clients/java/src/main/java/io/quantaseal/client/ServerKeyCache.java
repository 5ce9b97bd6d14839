package io.quantaseal.client;

import io.quantaseal.client.encryption.ServerKey;
import io.quantaseal.client.envelope.ServerKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The service's ML-DSA-65 signing keys, fetched once and again only when an envelope names an
 * {@code skid} the cache does not hold (a rotated signing key must not break a long-lived client).
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

  /** {@code GET /api/v2/encryption/server-keys}; the cache takes the answer. */
  synchronized List<ServerKey> fetch() {
    Response r = transport.send(Transport.Call.get(PATH));
    List<ServerKey> typed = r.parse(Answers::serverKeys);
    ServerKeys parsed;
    try {
      parsed = ServerKeys.parse(new String(r.body(), StandardCharsets.UTF_8));
    } catch (QuantaSealClientException e) {
      throw r.unexpected(e.getMessage());
    }
    keys = parsed;
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
      fetch();
      return new Current(keys, true);
    }
  }

  ServerKeys refreshed() {
    synchronized (this) {
      fetch();
      return keys;
    }
  }
}
