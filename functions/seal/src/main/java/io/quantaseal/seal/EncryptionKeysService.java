package io.quantaseal.seal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.OperationNotAllowedException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.json.JsonFields;
import io.quantaseal.common.store.ClientKeyRecord;
import io.quantaseal.common.store.SigningKeyRecord;
import io.quantaseal.common.vault.EnvelopeIssuer;
import io.quantaseal.common.vault.ServerSigningKeys;
import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import io.quantaseal.crypto.kem.WeakKeyException;
import io.quantaseal.crypto.mac.HmacSha512;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client keys and server keys (docs/api.md#client-and-server-keys, docs/envelope.md#keys): an API
 * key with the {@code client_keys:manage} scope registers an ML-KEM-768 encapsulation key and
 * receives {@code rkid}, a fresh 64-byte MAC key and its {@code hkid} — the MAC key shown once and
 * kept only sealed. The client key is bound to the API key that registered it: only that key's
 * unseal and proxy answers are ever sealed to it (docs/vault.md, "Who receives envelopes"). Anyone
 * can list the service's ML-DSA-65 public keys.
 */
public final class EncryptionKeysService {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final EnvelopeIssuer envelopes;
  private final ServerSigningKeys signingKeys;
  private final IdempotentRequests idempotency;
  private final AuditLog audit;
  private final Ids ids;
  private final SecureRandom random;

  /**
   * @param random draws each client key's MAC key
   */
  public EncryptionKeysService(
      EnvelopeIssuer envelopes,
      ServerSigningKeys signingKeys,
      IdempotentRequests idempotency,
      AuditLog audit,
      Ids ids,
      SecureRandom random) {
    this.envelopes = envelopes;
    this.signingKeys = signingKeys;
    this.idempotency = idempotency;
    this.audit = audit;
    this.ids = ids;
    this.random = random;
  }

  // POST /api/v2/encryption/client-keys
  public ApiResponse registerClientKey(ApiRequest request) {
    Caller caller = request.caller();
    if (!caller.hasScope(Caller.SCOPE_CLIENT_KEYS_MANAGE)) {
      audit
          .record(caller.tenantId(), AuditActions.CLIENT_KEY_REGISTER, request.requestId())
          .actor(caller.apiKeyId())
          .outcome(AuditRecord.DENIED)
          .detail("reason", AuditActions.REASON_MISSING_SCOPE)
          .securityAlert(AuditActions.ALERT_POLICY_DENIAL)
          .write();
      throw new OperationNotAllowedException(
          "This API key lacks the client_keys:manage scope; registering client keys is denied by"
              + " default.");
    }
    // The answer holds the MAC key, shown once: it is never stored for idempotent replay.
    return idempotency.run(
        request,
        false,
        () -> {
          if (request.body() != null && request.body().length() > 8192) {
            throw new InvalidRequestException("The request is too large for a client key.");
          }
          ObjectNode body = Json.parseObject(request.body());
          JsonFields.allowOnly(body, "the request", Set.of("public_key"));
          String encoded = JsonFields.requiredString(body, "public_key", 2048);
          MlKemEncapsulationKey ek = parsePublicKey(encoded);
          String rkid = ids.next(Ids.CLIENT_KEY);
          String hkid = ids.next(Ids.MAC_KEY);
          try (SecretBytes macKey = SecretBytes.random(HmacSha512.KEY_LENGTH, random)) {
            ClientKeyRecord record =
                envelopes.register(caller.tenantId(), rkid, ek, hkid, macKey, caller.apiKeyId());
            audit
                .record(caller.tenantId(), AuditActions.CLIENT_KEY_REGISTER, request.requestId())
                .actor(caller.apiKeyId())
                .target(rkid)
                .detail("hkid", hkid)
                .write();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rkid", rkid);
            out.put("hkid", hkid);
            out.put("hmac_key", B64URL.encodeToString(macKey.reveal()));
            out.put("created_at", record.createdAt().toString());
            return ApiResponse.json(201, out).withHeader("Cache-Control", "no-store");
          }
        });
  }

  /**
   * GET /api/v2/encryption/server-keys[?include_retired=true]: the keys that verify envelopes (the
   * active one and those retiring), oldest first, with their status; with {@code include_retired}
   * also the retired ones, which verify nothing.
   */
  public ApiResponse serverKeys(ApiRequest request) {
    boolean includeRetired =
        switch (request.queryParameter("include_retired").orElse("false")) {
          case "true" -> true;
          case "false" -> false;
          default ->
              throw new InvalidRequestException(
                  "Query parameter 'include_retired' must be true or false.");
        };
    List<Map<String, Object>> keys = new ArrayList<>();
    for (ServerSigningKeys.Published p : signingKeys.published(includeRetired)) {
      SigningKeyRecord k = p.key();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("skid", k.skid());
      m.put("alg", "ML-DSA-65");
      m.put("public_key", B64URL.encodeToString(k.publicKey()));
      m.put("created_at", k.createdAt().toString());
      m.put("status", p.status().id());
      k.retiredAt().ifPresent(t -> m.put("retired_at", t.toString()));
      p.retiringUntil().ifPresent(t -> m.put("verifies_until", t.toString()));
      keys.add(m);
    }
    return ApiResponse.json(200, Map.of("keys", keys));
  }

  private static MlKemEncapsulationKey parsePublicKey(String encoded) {
    byte[] raw;
    try {
      if (encoded.contains("=") || encoded.contains("+") || encoded.contains("/")) {
        throw new IllegalArgumentException("not base64url");
      }
      raw = Base64.getUrlDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("Field 'public_key' must be unpadded base64url.");
    }
    try {
      return MlKemEncapsulationKey.fromUntrustedBytes(raw);
    } catch (WeakKeyException e) {
      throw new InvalidRequestException(
          "Field 'public_key' is a degenerate ML-KEM-768 encapsulation key ("
              + e.reason()
              + "): anything encrypted to it could be read without the private key.");
    } catch (CryptoException e) {
      throw new InvalidRequestException(
          "Field 'public_key' must be an ML-KEM-768 encapsulation key: 1184 bytes whose"
              + " coefficients are all below q = 3329 (FIPS 203, section 7.2).");
    }
  }
}
