package io.quantaseal.siem;

import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.siem.delivery.DeadLetterQueue;
import io.quantaseal.siem.delivery.DeliveryStats;
import io.quantaseal.siem.delivery.DestinationHealth;
import io.quantaseal.siem.delivery.DestinationSender;
import io.quantaseal.siem.delivery.DlqReplayer;
import io.quantaseal.siem.delivery.SiemDelivery;
import io.quantaseal.siem.destinations.SiemDestinations;
import io.quantaseal.siem.metrics.AuditTrail;
import io.quantaseal.siem.metrics.MetricsPushService;
import io.quantaseal.siem.metrics.MetricsPushState;
import io.quantaseal.siem.stream.AuditStreamService;
import io.quantaseal.siem.stream.AuthFailureBursts;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SIEM push's composition root, on top of {@link ServiceContext}: destinations, the Datadog
 * delivery (the shared {@link DatadogClient}), the dead-letter queue and the three services
 * (metrics push, audit stream, replay). Built once per container.
 */
public final class SiemContext {
  private final ServiceContext ctx;
  private final SiemSettings settings;
  private final SiemDestinations destinations;
  private final DeadLetterQueue dlq;
  private final DeliveryStats stats;
  private final DestinationHealth health;
  private final SiemDelivery delivery;
  private final DestinationSender sender;
  private final MetricsPushService metrics;
  private final AuditStreamService stream;
  private final DlqReplayer replayer;
  private final MetricsPushState state;
  private final AuthFailureBursts bursts;

  public SiemContext(
      ServiceContext ctx, DatadogClient datadog, SqsClient sqs, SiemSettings settings) {
    this.ctx = ctx;
    this.settings = settings;
    String table = ctx.config().vaultTable();
    this.destinations =
        new SiemDestinations(
            new SiemDestinationRepository(ctx.dynamo(), table), ctx.integrations(), ctx.entries());
    this.stats = new DeliveryStats(destinations.repository(), ctx.clock());
    this.dlq = new DeadLetterQueue(sqs, ctx.config().siemDlqUrl(), stats);
    this.health =
        new DestinationHealth(
            destinations.repository(), ctx.integrations(), ctx.audit(), ctx.clock());
    this.delivery = new SiemDelivery(datadog, ctx.vault());
    this.sender = new DestinationSender(delivery, health, stats, settings);
    this.state = new MetricsPushState(ctx.dynamo(), table);
    this.bursts = new AuthFailureBursts(ctx.dynamo(), table);
    this.metrics =
        new MetricsPushService(
            ctx.tenants(),
            destinations,
            ctx.entries(),
            ctx.integrations(),
            ctx.audit(),
            new AuditTrail(ctx.dynamo(), ctx.config().auditTable()),
            state,
            delivery,
            health,
            stats,
            settings,
            ctx.clock(),
            ctx.ids());
    this.stream = new AuditStreamService(destinations, sender, bursts, dlq, settings, ctx.clock());
    this.replayer = new DlqReplayer(dlq, destinations, sender, settings, ctx.clock());
  }

  /** Per container, from the environment. */
  public static SiemContext fromEnvironment() {
    ServiceContext ctx = ServiceContext.fromEnvironment();
    return new SiemContext(
        ctx,
        datadogClient(ctx),
        SqsClients.fromEnvironment(),
        SiemSettings.from(ctx.config(), System.getenv()));
  }

  /** From an explicit environment (the replay command's {@code --env-file}). */
  public static SiemContext fromEnvironment(java.util.Map<String, String> env) {
    ServiceContext ctx = ServiceContext.fromEnvironment(env);
    return new SiemContext(
        ctx,
        datadogClient(ctx),
        SqsClients.fromEnvironment(env),
        SiemSettings.from(ctx.config(), env));
  }

  /** The shared client as the push uses it: shorter attempts than the proxy's (batches retry). */
  public static DatadogClient datadogClient(ServiceContext ctx) {
    return DatadogClient.builder()
        .baseUrlOverride(ctx.config().datadogBaseUrlOverride().map(URI::create))
        .attemptTimeout(Duration.ofSeconds(5))
        .build();
  }

  public ServiceContext services() {
    return ctx;
  }

  public SiemSettings settings() {
    return settings;
  }

  public SiemDestinations destinations() {
    return destinations;
  }

  public DeadLetterQueue deadLetterQueue() {
    return dlq;
  }

  public MetricsPushState metricsState() {
    return state;
  }

  public AuthFailureBursts bursts() {
    return bursts;
  }

  public MetricsPushService metrics() {
    return metrics;
  }

  public AuditStreamService auditStream() {
    return stream;
  }

  public DlqReplayer replayer() {
    return replayer;
  }
}
