package io.quantaseal.common.vault;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.store.VaultVersionRecord;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.vault.CredentialBinding;
import io.quantaseal.crypto.vault.CredentialSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Seals, rotates and opens vault entries: the values go through {@link CredentialSealer} bound to
 * (tenant, entry, version, type) and are stored only sealed.
 */
public final class CredentialVault {
  private final VaultEntryRepository entries;
  private final TenantVaultKeys vaultKeys;
  private final CredentialSealer sealer;
  private final Clock clock;

  public CredentialVault(
      VaultEntryRepository entries,
      TenantVaultKeys vaultKeys,
      CredentialSealer sealer,
      Clock clock) {
    this.entries = entries;
    this.vaultKeys = vaultKeys;
    this.sealer = sealer;
    this.clock = clock;
  }

  /** Seals version 1 of a new entry. */
  public VaultEntryRecord create(
      String tenantId,
      String entryId,
      Optional<String> name,
      CredentialType type,
      Map<String, String> values) {
    TenantRecord tenant = vaultKeys.tenant(tenantId);
    Instant now = clock.instant();
    byte[] sealed = seal(tenant, entryId, 1, type.id(), values);
    VaultEntryRecord entry = new VaultEntryRecord(tenantId, entryId, name, type.id(), 1, now, now);
    entries.create(entry, new VaultVersionRecord(1, now, sealed));
    return entry;
  }

  /** Seals {@code values} as the next version; empty if another rotation won the race. */
  public Optional<VaultEntryRecord> rotate(VaultEntryRecord current, Map<String, String> values) {
    TenantRecord tenant = vaultKeys.tenant(current.tenantId());
    int next = current.currentVersion() + 1;
    Instant now = clock.instant();
    byte[] sealed = seal(tenant, current.entryId(), next, current.credentialType(), values);
    boolean ok =
        entries.rotate(
            current.tenantId(),
            current.entryId(),
            current.currentVersion(),
            new VaultVersionRecord(next, now, sealed));
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new VaultEntryRecord(
            current.tenantId(),
            current.entryId(),
            current.name(),
            current.credentialType(),
            next,
            current.createdAt(),
            now));
  }

  /** Opens the current version of a tenant's entry. */
  public CredentialValues open(String tenantId, String entryId) {
    VaultEntryRecord entry =
        entries
            .find(tenantId, entryId)
            .orElseThrow(() -> new NotFoundException("No such vault entry."));
    return open(entry);
  }

  public CredentialValues open(VaultEntryRecord entry) {
    VaultVersionRecord version =
        entries
            .version(entry.tenantId(), entry.entryId(), entry.currentVersion())
            .orElseThrow(() -> new NotFoundException("No such vault entry."));
    TenantRecord tenant = vaultKeys.tenant(entry.tenantId());
    CredentialBinding binding =
        new CredentialBinding(
            entry.tenantId(), entry.entryId(), version.version(), entry.credentialType());
    byte[] plaintext =
        sealer.open(binding, vaultKeys.privateKey(tenant), tenant.kmsKeyId(), version.sealed());
    try {
      Map<String, String> values =
          Json.mapper().readValue(plaintext, new TypeReference<TreeMap<String, String>>() {});
      return new CredentialValues(entry.credentialType(), values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      SecretBytes.wipe(plaintext);
    }
  }

  private byte[] seal(
      TenantRecord tenant, String entryId, int version, String type, Map<String, String> values) {
    byte[] plaintext = Json.writeBytes(new TreeMap<>(values));
    return sealer.seal(
        new CredentialBinding(tenant.tenantId(), entryId, version, type),
        vaultKeys.publicKey(tenant),
        tenant.kmsKeyId(),
        plaintext);
  }
}
