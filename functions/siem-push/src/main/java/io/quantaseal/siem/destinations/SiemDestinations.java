package io.quantaseal.siem.destinations;

import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.common.store.VaultEntryRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a tenant's destinations and resolves their integration, credential and status. */
public final class SiemDestinations {
  private final SiemDestinationRepository repository;
  private final IntegrationRepository integrations;
  private final VaultEntryRepository entries;

  public SiemDestinations(
      SiemDestinationRepository repository,
      IntegrationRepository integrations,
      VaultEntryRepository entries) {
    this.repository = repository;
    this.integrations = integrations;
    this.entries = entries;
  }

  public SiemDestinationRepository repository() {
    return repository;
  }

  /** The tenant's destinations that receive {@code stream}, resolved. */
  public List<ResolvedDestination> receiving(String tenantId, SiemStream stream) {
    List<ResolvedDestination> out = new ArrayList<>();
    for (SiemDestination d : repository.list(tenantId)) {
      if (d.receives(stream)) {
        out.add(resolve(d));
      }
    }
    return out;
  }

  /** Every destination of the tenant, resolved. */
  public List<ResolvedDestination> all(String tenantId) {
    return repository.list(tenantId).stream().map(this::resolve).toList();
  }

  public ResolvedDestination resolve(SiemDestination d) {
    Optional<IntegrationRecord> integration = integrations.find(d.tenantId(), d.integrationId());
    Optional<VaultEntryRecord> entry =
        integration.flatMap(i -> entries.find(d.tenantId(), i.credentialId()));
    return ResolvedDestination.of(d, integration, entry);
  }
}
