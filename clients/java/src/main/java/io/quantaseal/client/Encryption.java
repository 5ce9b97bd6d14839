package io.quantaseal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.encryption.ClientKeyRegistration;
import io.quantaseal.client.encryption.ListedClientKey;
import io.quantaseal.client.encryption.ServerKey;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * {@code client.encryption()}: client keys (register, create), the service's signing keys, and
 * {@link #decrypt(String)} for any envelope (docs/openapi.yaml, tag {@code encryption}).
 */
public final class Encryption extends Resource {
  static final String CLIENT_KEYS = "/api/v2/encryption/client-keys";

  private final SecureRandom random;

  Encryption(Context context, SecureRandom random) {
    super(context);
    this.random = random;
  }

  /**
   * {@code registerClientKey}: registers a 1184-byte ML-KEM-768 encapsulation key. Needs the {@code
   * client_keys:manage} scope. The answer's MAC key is shown once, so this call is never retried (a
   * replay is 409). Most callers want {@link #createClientKey()}.
   *
   * @param publicKey the encapsulation key
   * @param idempotencyKey an {@code Idempotency-Key} to send, or null
   * @return the registration, with the MAC key
   */
  public ClientKeyRegistration registerClientKey(byte[] publicKey, String idempotencyKey) {
    ObjectNode body = Json.object();
    body.put("public_key", Json.b64url(Objects.requireNonNull(publicKey, "publicKey")));
    return context
        .transport()
        .send(Transport.Call.post(CLIENT_KEYS, body, idempotencyKey).neverRetried())
        .parse(Answers::clientKeyRegistration);
  }

  /**
   * Makes an ML-KEM-768 key pair here (a fresh 64-byte seed from the client's {@link
   * SecureRandom}), registers its public half and returns the complete client key. Save it ({@link
   * ClientKey#save(java.nio.file.Path)}): the MAC key is shown once.
   *
   * @return the client key
   */
  public ClientKey createClientKey() {
    try (SecretBytes seed = SecretBytes.random(ClientKey.SEED_LENGTH, random)) {
      byte[] publicKey = MlKem768.keyPairFromSeed(seed).encapsulationKey().toBytes();
      try (ClientKeyRegistration reg = registerClientKey(publicKey, null)) {
        return ClientKey.of(reg.rkid(), reg.hkid(), seed, reg.hmacKey());
      }
    }
  }

  /**
   * {@code listClientKeys}: one page of client keys: with {@code client_keys:manage}, those this
   * API key registered; with {@code admin}, every client key of the tenant (revoked ones with
   * {@code revokedAt}), in {@code rkid} order.
   *
   * @param page which page
   * @return the page
   */
  public Page<ListedClientKey> listClientKeys(PageRequest page) {
    return context
        .transport()
        .send(Transport.Call.get(CLIENT_KEYS, query(page)))
        .parse(f -> Answers.page(f, "client_keys", Answers::listedClientKey));
  }

  /**
   * {@code listClientKeys}: the first page.
   *
   * @return the page
   */
  public Page<ListedClientKey> listClientKeys() {
    return listClientKeys(PageRequest.first());
  }

  /**
   * Every client key the caller may see, page after page.
   *
   * @return the client keys
   */
  public Iterable<ListedClientKey> paginateClientKeys() {
    return new Paginator<>(PageRequest.first(), this::listClientKeys);
  }

  /**
   * {@code revokeClientKey}: from this answer on, no envelope is sealed to the key (naming it is
   * 403 {@code client_key_revoked}). Revoking a revoked key changes nothing.
   *
   * @param rkid the client key ({@code ck_…})
   * @return the key as listed now
   * @throws QuantaSealApiException 404 {@code not_found} for another API key's or tenant's key
   */
  public ListedClientKey revokeClientKey(String rkid) {
    return context
        .transport()
        .send(Transport.Call.delete(CLIENT_KEYS + "/" + segment(rkid), java.util.Map.of()))
        .parse(Answers::listedClientKey);
  }

  /**
   * {@code listServerKeys}: the service's ML-DSA-65 public keys that verify envelopes, oldest
   * first: the {@code active} one and those {@code retiring} after a rotation. The client's cache
   * of signing keys takes this answer too.
   *
   * @return the keys
   */
  public List<ServerKey> listServerKeys() {
    return context.serverKeys().fetch(false);
  }

  /**
   * {@code listServerKeys}, with the {@code retired} keys too when {@code includeRetired} (history:
   * they verify nothing, and the client's cache never takes them).
   *
   * @param includeRetired whether to list retired keys as well
   * @return the keys
   */
  public List<ServerKey> listServerKeys(boolean includeRetired) {
    return context.serverKeys().fetch(includeRetired);
  }

  /**
   * Verifies and decrypts any envelope for the held client key (docs/envelope.md): its {@code rkid}
   * must name that key. The server's signing keys are fetched once, and again when the envelope
   * names one the client does not know.
   *
   * @param envelope the envelope's JSON text, exactly as received
   * @return the plaintext, which the caller owns (wipe it when done)
   * @throws InvalidEnvelopeException if it does not open, whatever the reason
   * @throws ConfigurationException if the client holds no client key
   */
  public byte[] decrypt(String envelope) {
    return context.envelopes().open(context.requireClientKey(), envelope, null);
  }

  /**
   * {@link #decrypt(String)} for an envelope already parsed as JSON. Prefer the text as received: a
   * parser may have accepted what the envelope's strict parsing refuses (duplicate members).
   *
   * @param envelope the envelope object
   * @return the plaintext
   * @throws InvalidEnvelopeException if it does not open
   */
  public byte[] decrypt(JsonNode envelope) {
    return decrypt(envelope == null ? null : envelope.toString());
  }

  /**
   * {@link #decrypt(String)}, and the envelope's {@code rid} must be {@code expectedRequestId} (the
   * {@code X-Request-Id} of the answer it came in).
   *
   * @param envelope the envelope's JSON text
   * @param expectedRequestId the request id it must name
   * @return the plaintext
   * @throws InvalidEnvelopeException if it does not open or names another request
   */
  public byte[] decrypt(String envelope, String expectedRequestId) {
    Objects.requireNonNull(expectedRequestId, "expectedRequestId");
    return context.envelopes().open(context.requireClientKey(), envelope, expectedRequestId);
  }
}
