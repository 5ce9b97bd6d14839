package io.quantaseal.crypto.vault;

import io.quantaseal.crypto.internal.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a sealed credential is bound to: tenant, entry, version and credential type. Both layers
 * authenticate it as associated data, so a sealed blob copied to another row fails to open.
 *
 * @param tenantId owning tenant
 * @param entryId vault entry (or key) id
 * @param version entry version, from 1
 * @param credentialType e.g. {@code api_key}
 */
public record CredentialBinding(
    String tenantId, String entryId, int version, String credentialType) {
  static final byte[] LABEL = Bytes.utf8("quantaseal/vault/v1");

  /** KMS encryption context keys. */
  public static final String CONTEXT_TENANT = "quantaseal:tenant";

  public static final String CONTEXT_ENTRY = "quantaseal:entry";

  public CredentialBinding {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(credentialType, "credentialType");
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1");
    }
  }

  /** AD = lp("quantaseal/vault/v1") || lp(tenant) || lp(entry) || lp(version) || lp(type). */
  byte[] associatedData() {
    return Bytes.lengthPrefixed(
        LABEL,
        Bytes.utf8(tenantId),
        Bytes.utf8(entryId),
        Integer.toString(version).getBytes(StandardCharsets.US_ASCII),
        Bytes.utf8(credentialType));
  }

  /**
   * The KMS encryption context: tenant and entry (docs/vault.md#sealing-a-credential-two-layers).
   */
  public Map<String, String> encryptionContext() {
    return Map.of(CONTEXT_TENANT, tenantId, CONTEXT_ENTRY, entryId);
  }
}
