package io.quantaseal.crypto.vault;

import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.internal.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caches the results of {@link Keyring#decrypt} per container, bounded in time and count, so a busy
 * tenant does not pay a KMS call per request. Generation and encryption are never cached.
 *
 * <p>Bounds: an entry lives at most {@code ttl} after it was fetched; at most {@code maxEntries}
 * are kept, least recently used evicted first. Evicted and expired keys are wiped. A disabled KMS
 * key therefore stops working here at most {@code ttl} after it was disabled; {@link #clear()}
 * forgets everything at once (e.g. after a crypto-erase).
 */
public final class CachingKeyring implements Keyring {
  private final Keyring delegate;
  private final Clock clock;
  private final long ttlMillis;
  private final int maxEntries;
  private final LinkedHashMap<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true);
  private final AtomicLong delegateDecrypts = new AtomicLong();

  private static final class Cached {
    final SecretBytes key;
    final long expiresAt;

    Cached(SecretBytes key, long expiresAt) {
      this.key = key;
      this.expiresAt = expiresAt;
    }
  }

  public CachingKeyring(Keyring delegate, Duration ttl, int maxEntries, Clock clock) {
    this.delegate = delegate;
    this.ttlMillis = ttl.toMillis();
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  @Override
  public DataKey generateDataKey(String keyId, Map<String, String> context) {
    return delegate.generateDataKey(keyId, context);
  }

  @Override
  public byte[] encrypt(String keyId, SecretBytes plaintext, Map<String, String> context) {
    return delegate.encrypt(keyId, plaintext, context);
  }

  /** Returns a copy the caller closes; the cache keeps its own. */
  @Override
  public SecretBytes decrypt(String keyId, byte[] ciphertext, Map<String, String> context) {
    if (ttlMillis <= 0 || maxEntries <= 0) {
      delegateDecrypts.incrementAndGet();
      return delegate.decrypt(keyId, ciphertext, context);
    }
    String cacheKey = cacheKey(keyId, ciphertext, context);
    long now = clock.millis();
    synchronized (cache) {
      Cached c = cache.get(cacheKey);
      if (c != null && c.expiresAt > now) {
        return SecretBytes.copyOf(c.key.reveal());
      }
      if (c != null) {
        cache.remove(cacheKey).key.close();
      }
    }
    delegateDecrypts.incrementAndGet();
    SecretBytes fresh = delegate.decrypt(keyId, ciphertext, context);
    synchronized (cache) {
      Cached previous =
          cache.put(cacheKey, new Cached(SecretBytes.copyOf(fresh.reveal()), now + ttlMillis));
      if (previous != null) {
        previous.key.close();
      }
      evict(now);
    }
    return fresh;
  }

  private void evict(long now) {
    Iterator<Map.Entry<String, Cached>> it = cache.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Cached> e = it.next();
      if (cache.size() > maxEntries || e.getValue().expiresAt <= now) {
        e.getValue().key.close();
        it.remove();
      }
    }
  }

  /** Forgets and wipes every cached key. */
  public void clear() {
    synchronized (cache) {
      cache.values().forEach(c -> c.key.close());
      cache.clear();
    }
  }

  /** How many decrypts reached the delegate (KMS calls saved are the rest). */
  public long delegateDecrypts() {
    return delegateDecrypts.get();
  }

  private static String cacheKey(String keyId, byte[] ciphertext, Map<String, String> context) {
    TreeMap<String, String> sorted = new TreeMap<>(context);
    byte[][] parts = new byte[2 + 2 * sorted.size()][];
    int i = 0;
    parts[i++] = Bytes.utf8(keyId);
    parts[i++] = ciphertext;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      parts[i++] = Bytes.utf8(e.getKey());
      parts[i++] = Bytes.utf8(e.getValue());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Bytes.lengthPrefixed(parts));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "CachingKeyring[" + delegate + "]";
  }
}
