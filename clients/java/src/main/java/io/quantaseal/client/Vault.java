package io.quantaseal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.vault.RotateRequest;
import io.quantaseal.client.vault.SealRequest;
import io.quantaseal.client.vault.UnsealedCredential;
import io.quantaseal.client.vault.VaultEntry;
import io.quantaseal.client.vault.VaultEntryDetail;
import io.quantaseal.crypto.SecretBytes;
import java.util.Map;

/**
 * {@code client.vault()}: seal, list, rotate and erase credentials; unseal one into an envelope for
 * the held client key (docs/openapi.yaml, tag {@code vault}).
 */
public final class Vault extends Resource {
  static final String ENTRIES = "/api/v2/vault/entries";

  Vault(Context context) {
    super(context);
  }

  /**
   * {@code sealCredential}: stores a credential sealed (version 1). An {@code Idempotency-Key} is
   * made unless the request has one, so the call is retried safely.
   *
   * @param request the credential
   * @return its metadata (never its values)
   * @throws QuantaSealApiException e.g. 400 {@code invalid_request} for a field the type does not
   *     have
   */
  public VaultEntry seal(SealRequest request) {
    ObjectNode body = Json.object();
    body.put("credential_type", request.credentialType().wireName());
    if (request.name() != null) {
      body.put("name", request.name());
    }
    if (request.value() != null) {
      body.put("value", request.value());
    } else {
      ObjectNode v = body.putObject("values");
      request.values().forEach(v::put);
    }
    String key =
        request.idempotencyKey() != null ? request.idempotencyKey() : Transport.newIdempotencyKey();
    return context
        .transport()
        .send(Transport.Call.post("/api/v2/vault/seal", body, key))
        .parse(Answers::vaultEntry);
  }

  /**
   * {@code unsealCredential}: the credential, opened from an envelope to the held client key and
   * bound to this request. Needs an API key with the {@code vault:unseal} scope (403 {@code
   * operation_not_allowed} otherwise) and a client key ({@link
   * QuantaSealClient#withClientKey(ClientKey)}).
   *
   * @param vaultEntryId the entry ({@code vlt_…})
   * @return the credential's values, in clear
   * @throws ConfigurationException if the client holds no client key
   * @throws InvalidEnvelopeException if the answer's envelope does not open
   */
  public UnsealedCredential unseal(String vaultEntryId) {
    ClientKey key = context.requireClientKey();
    ObjectNode body = Json.object();
    body.put("vault_entry_id", vaultEntryId);
    body.put("rkid", key.rkid());
    Response r =
        context
            .transport()
            .send(Transport.Call.post("/api/v2/vault/unseal", body, Transport.newIdempotencyKey()));
    byte[] plaintext = context.envelopes().openAnswer(key, r);
    try {
      return new Response(r.status(), r.headers(), plaintext)
          .parse(f -> Answers.unsealed(f, r.requestId()));
    } finally {
      SecretBytes.wipe(plaintext);
    }
  }

  /**
   * {@code listEntries}: one page of the tenant's entries (metadata only).
   *
   * @param page which page
   * @return the page
   */
  public Page<VaultEntry> listEntries(PageRequest page) {
    return context
        .transport()
        .send(Transport.Call.get(ENTRIES, query(page)))
        .parse(f -> Answers.page(f, "entries", Answers::vaultEntry));
  }

  /**
   * {@code listEntries}: the first page, of the service's default size.
   *
   * @return the page
   */
  public Page<VaultEntry> listEntries() {
    return listEntries(PageRequest.first());
  }

  /**
   * Every entry, page after page ({@code listEntries} with {@code cursor}), fetched as the
   * iteration reaches it.
   *
   * @return the entries
   */
  public Iterable<VaultEntry> paginateEntries() {
    return new Paginator<>(PageRequest.first(), this::listEntries);
  }

  /**
   * {@code getEntry}: one entry with its versions (metadata only).
   *
   * @param vaultEntryId the entry
   * @return the entry
   * @throws QuantaSealApiException 404 {@code not_found} for an unknown id
   */
  public VaultEntryDetail getEntry(String vaultEntryId) {
    return context
        .transport()
        .send(Transport.Call.get(ENTRIES + "/" + segment(vaultEntryId)))
        .parse(Answers::vaultEntryDetail);
  }

  /**
   * {@code rotateEntry}: seals new values as version + 1 (older versions are kept until retired).
   * Retried only when the request carries an {@code Idempotency-Key}.
   *
   * @param vaultEntryId the entry
   * @param request the new values
   * @return the entry with its versions
   */
  public VaultEntryDetail rotateEntry(String vaultEntryId, RotateRequest request) {
    ObjectNode body = Json.object();
    if (request.value() != null) {
      body.put("value", request.value());
    } else {
      ObjectNode v = body.putObject("values");
      request.values().forEach(v::put);
    }
    return context
        .transport()
        .send(
            Transport.Call.post(
                ENTRIES + "/" + segment(vaultEntryId) + "/rotate", body, request.idempotencyKey()))
        .parse(Answers::vaultEntryDetail);
  }

  /**
   * {@code deleteEntry}: crypto-erases every version. Refused (409 {@code resource_in_use}) while
   * an integration uses the entry.
   *
   * @param vaultEntryId the entry
   */
  public void deleteEntry(String vaultEntryId) {
    deleteEntry(vaultEntryId, false);
  }

  /**
   * {@code deleteEntry}: crypto-erases every version; with {@code force}, even while integrations
   * use it (they become unhealthy).
   *
   * @param vaultEntryId the entry
   * @param force delete even while in use
   */
  public void deleteEntry(String vaultEntryId, boolean force) {
    context
        .transport()
        .send(Transport.Call.delete(ENTRIES + "/" + segment(vaultEntryId), force(force)));
  }

  /**
   * {@code retireVersion}: crypto-erases one old version (not the current one: 400).
   *
   * @param vaultEntryId the entry
   * @param version the version to retire, from 1
   */
  public void retireVersion(String vaultEntryId, int version) {
    if (version < 1) {
      throw new IllegalArgumentException("version is a positive integer");
    }
    context
        .transport()
        .send(
            Transport.Call.delete(
                ENTRIES + "/" + segment(vaultEntryId) + "/versions/" + version, Map.of()));
  }
}
