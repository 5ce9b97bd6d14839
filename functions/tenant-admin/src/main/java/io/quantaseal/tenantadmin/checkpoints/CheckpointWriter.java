package io.quantaseal.tenantadmin.checkpoints;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecordJson;
import io.quantaseal.common.audit.CheckpointRepository;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.vault.ServerSigningKeys;
import io.quantaseal.crypto.audit.AuditRecord;
import io.quantaseal.crypto.audit.CheckpointBody;
import io.quantaseal.crypto.audit.CheckpointSigner;
import io.quantaseal.crypto.audit.SignedCheckpoint;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The scheduled step that signs each tenant's closed audit periods (docs/audit.md, "Writing
 * checkpoints"): for every tenant, from the end of its newest checkpoint (or the start of the
 * period it was created in), each period [start, start + period) that ended at least {@code lag}
 * ago gets a checkpoint over exactly the records the API lists for it ({@link AuditRecordJson}),
 * chained to the previous one and signed with the service's active ML-DSA-65 key. The lag is longer
 * than any function's timeout, so no record can still land in a period once it is signed.
 *
 * <p>Work per run is bounded ({@link Settings#maxPeriodsPerTenant()}, and the invocation's
 * deadline): a tenant that is behind (a new deployment, an outage) catches up over the next runs. A
 * checkpoint is stored only if its period has none yet, so concurrent runs cannot fork a chain.
 */
public final class CheckpointWriter {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

  /** How the periods are cut. */
  public record Settings(Duration period, Duration lag, int maxPeriodsPerTenant) {
    /** 60 s periods signed 120 s after they close (the longest function timeout is 55 s). */
    public static final Settings DEFAULT =
        new Settings(Duration.ofSeconds(60), Duration.ofSeconds(120), 240);

    public Settings {
      if (period.isNegative() || period.isZero() || period.getNano() != 0) {
        throw new IllegalArgumentException("the period is a positive whole number of seconds");
      }
      if (lag.isNegative()) {
        throw new IllegalArgumentException("the lag is not negative");
      }
      if (maxPeriodsPerTenant < 1) {
        throw new IllegalArgumentException("maxPeriodsPerTenant is at least 1");
      }
    }
  }

  /** What one run did. */
  public record Report(int tenants, int written, int tenantsBehind) {}

  /** The records of one tenant's period, as stored (a seam for tests of the writer alone). */
  public interface RecordSource {
    List<io.quantaseal.common.audit.AuditRecord> between(String tenantId, Instant from, Instant to);

    static RecordSource auditTable(DynamoDbClient dynamo, String table) {
      return (tenant, from, to) -> AuditLog.between(dynamo, table, tenant, from, to);
    }
  }

  private final TenantRepository tenants;
  private final CheckpointRepository checkpoints;
  private final RecordSource records;
  private final ServerSigningKeys signingKeys;
  private final SecureRandom random;
  private final Clock clock;
  private final Settings settings;

  public CheckpointWriter(
      TenantRepository tenants,
      CheckpointRepository checkpoints,
      RecordSource records,
      ServerSigningKeys signingKeys,
      SecureRandom random,
      Clock clock,
      Settings settings) {
    this.tenants = Objects.requireNonNull(tenants);
    this.checkpoints = Objects.requireNonNull(checkpoints);
    this.records = Objects.requireNonNull(records);
    this.signingKeys = Objects.requireNonNull(signingKeys);
    this.random = Objects.requireNonNull(random);
    this.clock = Objects.requireNonNull(clock);
    this.settings = Objects.requireNonNull(settings);
  }

  /** Signs every period that is due, for every tenant, within {@code deadline}. */
  public Report writeDue(Deadline deadline) {
    Instant due = clock.instant().minus(settings.lag());
    int written = 0;
    int behind = 0;
    List<TenantRecord> all = tenants.all();
    if (all.isEmpty()) {
      return new Report(0, 0, 0); // nothing to sign: no signing key is loaded (or created)
    }
    // One read of the active key per run (a rotation signs from the next run on), not per period.
    ServerSigningKeys.Active key = signingKeys.active();
    CheckpointSigner signer = new CheckpointSigner(key.skid(), key.key(), random);
    for (TenantRecord t : all) {
      if (deadline.expired()) {
        behind++;
        continue;
      }
      TenantProgress p = writeDue(t, due, signer, deadline);
      written += p.written();
      if (p.behind()) {
        behind++;
      }
    }
    if (written > 0 || behind > 0) {
      LOG.info(
          "audit checkpoints: {} written, {} of {} tenants behind", written, behind, all.size());
    }
    return new Report(all.size(), written, behind);
  }

  private record TenantProgress(int written, boolean behind) {}

  private TenantProgress writeDue(
      TenantRecord tenant, Instant due, CheckpointSigner signer, Deadline deadline) {
    Optional<CheckpointBody> previous =
        checkpoints.latest(tenant.tenantId()).map(SignedCheckpoint::body);
    Instant start =
        previous.map(CheckpointBody::periodEnd).orElseGet(() -> periodStart(tenant.createdAt()));
    int written = 0;
    while (!start.plus(settings.period()).isAfter(due)) {
      if (written == settings.maxPeriodsPerTenant() || deadline.expired()) {
        return new TenantProgress(written, true);
      }
      Instant end = start.plus(settings.period());
      List<AuditRecord> listed =
          records.between(tenant.tenantId(), start, end).stream()
              .map(AuditRecordJson::toVerifiable)
              .toList();
      SignedCheckpoint c = signer.next(previous, tenant.tenantId(), start, end, listed);
      if (!checkpoints.putIfAbsent(c)) {
        // Another run signed this period first: continue from what is stored.
        previous = checkpoints.latest(tenant.tenantId()).map(SignedCheckpoint::body);
        start = previous.map(CheckpointBody::periodEnd).orElse(end);
        continue;
      }
      written++;
      previous = Optional.of(c.body());
      start = end;
    }
    return new TenantProgress(written, false);
  }

  /** The start of the period {@code t} lies in (periods are aligned to the epoch). */
  Instant periodStart(Instant t) {
    long p = settings.period().getSeconds();
    long s = Math.floorDiv(t.getEpochSecond(), p) * p;
    return Instant.ofEpochSecond(s);
  }
}
