package io.quantaseal.client;

import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens envelopes for a client key (docs/envelope.md): with the server-key cache, re-fetched once
 * when an envelope names an unknown {@code skid}, and {@link EnvelopeReader} doing the checks (both
 * always, joined with a non-short-circuit {@code &}). Every failure is the one {@link
 * InvalidEnvelopeException}.
 */
final class Envelopes {
  private record Cached(ClientKey key, ServerKeys keys, EnvelopeReader reader) {}

  private final ServerKeyCache serverKeys;
  private final Clock clock;
  private final Duration maxClockSkew;
  private final AtomicReference<Cached> cached = new AtomicReference<>();

  Envelopes(ServerKeyCache serverKeys, Clock clock, Duration maxClockSkew) {
    this.serverKeys = serverKeys;
    this.clock = clock;
    this.maxClockSkew = maxClockSkew;
  }

  /** The envelope of an HTTP answer, bound to it: its rid must be the answer's X-Request-Id. */
  byte[] openAnswer(ClientKey key, Response r) {
    String requestId = r.requestId();
    if (requestId == null || r.body().length > EnvelopeReader.MAX_ENVELOPE_BYTES) {
      throw new InvalidEnvelopeException();
    }
    String json;
    try {
      json =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(r.body()))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidEnvelopeException();
    }
    return open(key, json, requestId);
  }

  /**
   * Verifies and decrypts {@code json} for {@code key}; {@code expectedRequestId}, when not null,
   * must be its rid.
   */
  byte[] open(ClientKey key, String json, String expectedRequestId) {
    if (json == null || json.length() > EnvelopeReader.MAX_ENVELOPE_BYTES) {
      throw new InvalidEnvelopeException();
    }
    HybridCryptoEnvelope envelope;
    try {
      envelope = HybridCryptoEnvelope.parse(json);
    } catch (CryptoException | IllegalArgumentException e) {
      throw new InvalidEnvelopeException();
    }
    ServerKeyCache.Current current = serverKeys.current();
    ServerKeys keys = current.keys();
    if (!keys.skids().contains(envelope.skid()) && !current.fetchedNow()) {
      keys = serverKeys.refreshed(); // a rotated signing key: fetch the list once more
    }
    if (keys.isEmpty()) {
      throw new InvalidEnvelopeException();
    }
    EnvelopeReader reader = reader(key, keys);
    try {
      return expectedRequestId == null
          ? reader.openFor(json, key.rkid())
          : reader.openAnswer(json, expectedRequestId, key.rkid());
    } catch (CryptoException e) {
      throw new InvalidEnvelopeException();
    }
  }

  private EnvelopeReader reader(ClientKey key, ServerKeys keys) {
    Cached c = cached.get();
    if (c != null && c.key() == key && c.keys() == keys) {
      return c.reader();
    }
    EnvelopeReader reader =
        EnvelopeReader.builder()
            .clientKey(key.rkid(), key.seed())
            .macKey(key.hkid(), key.macKey())
            .serverKeys(keys)
            .clock(clock)
            .maxClockSkew(maxClockSkew)
            .build();
    cached.set(new Cached(key, keys, reader));
    return reader;
  }
}
