package io.quantaseal.local;

import io.quantaseal.local.engines.MotoProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's SQS queues on this machine (the SIEM dead-letter queue, the audit stream's failure
 * destination): created in moto's server, started here from the repository's venv, or at {@code
 * AWS_ENDPOINT_URL_SQS} when that is set. moto keeps them in memory: they live as long as the run.
 * Without moto (no venv) there are no local queues, and the banner says so.
 */
public final class LocalQueues implements AutoCloseable {
  /** Prefix of the local queue names: {@code quantaseal-local-<LogicalId>}. */
  public static final String NAME_PREFIX = "quantaseal-local-";

  /**
   * What to create.
   *
   * @param queues the template's queues
   * @param variables environment variable → the queue it names ({@code QS_SIEM_DLQ_URL} → {@code
   *     SiemDeadLetterQueue}), from the functions' {@code !Ref}s
   * @param venv the Python venv with moto
   * @param endpoint an SQS endpoint to use instead of starting moto ({@code AWS_ENDPOINT_URL_SQS})
   */
  public record Request(
      List<SamTemplate.Queue> queues,
      Map<String, String> variables,
      Path venv,
      Optional<URI> endpoint) {
    public static Request none() {
      return new Request(List.of(), Map.of(), Path.of(".venv"), Optional.empty());
    }

    /** Every queue of {@code template}, named by the variables its functions reference. */
    public static Request of(SamTemplate template, Path venv) {
      Map<String, String> vars = new LinkedHashMap<>();
      for (SamTemplate.Function f : template.functions().values()) {
        f.environmentRefs()
            .forEach(
                (name, id) -> {
                  if (template.queues().containsKey(id)) {
                    vars.put(name, id);
                  }
                });
      }
      return new Request(
          List.copyOf(template.queues().values()),
          vars,
          venv,
          LocalServices.env("AWS_ENDPOINT_URL_SQS").map(URI::create));
    }
  }

  private final Optional<MotoProcess> moto;
  private final Optional<SqsClient> sqs;
  private final Optional<URI> endpoint;
  private final Map<String, String> urls;
  private final Map<String, String> environment;
  private final String description;

  private LocalQueues(
      Optional<MotoProcess> moto,
      Optional<SqsClient> sqs,
      Optional<URI> endpoint,
      Map<String, String> urls,
      Map<String, String> environment,
      String description) {
    this.moto = moto;
    this.sqs = sqs;
    this.endpoint = endpoint;
    this.urls = urls;
    this.environment = environment;
    this.description = description;
  }

  static LocalQueues start(Request r, Region region, AwsCredentialsProvider credentials) {
    if (r.queues().isEmpty()) {
      return new LocalQueues(
          Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of(), "none");
    }
    Optional<MotoProcess> moto = Optional.empty();
    URI endpoint;
    String where;
    if (r.endpoint().isPresent()) {
      endpoint = r.endpoint().get();
      where = "at " + endpoint + " (AWS_ENDPOINT_URL_SQS)";
    } else if (MotoProcess.installed(r.venv())) {
      MotoProcess m = MotoProcess.start(r.venv(), Optional.empty(), Duration.ofSeconds(60));
      moto = Optional.of(m);
      endpoint = m.endpoint();
      where = "in moto at " + endpoint + ", in memory";
    } else {
      return new LocalQueues(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Map.of(),
          Map.of(),
          "none: moto is not installed ("
              + MotoProcess.ENSURE_VENV_SCRIPT
              + " installs it); undelivered SIEM records are retried from the stream only");
    }
    SqsClient sqs =
        SqsClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    try {
      Map<String, String> urls = new LinkedHashMap<>();
      for (SamTemplate.Queue q : r.queues()) {
        String url =
            sqs.createQueue(
                    c ->
                        c.queueName(NAME_PREFIX + q.logicalId())
                            .attributes(
                                Map.of(
                                    QueueAttributeName.VISIBILITY_TIMEOUT,
                                    Long.toString(q.visibilityTimeout().getSeconds()))))
                .queueUrl();
        urls.put(q.logicalId(), url);
      }
      Map<String, String> env = new LinkedHashMap<>();
      r.variables().forEach((name, id) -> env.put(name, urls.get(id)));
      return new LocalQueues(
          moto,
          Optional.of(sqs),
          Optional.of(endpoint),
          Map.copyOf(urls),
          Map.copyOf(env),
          String.join(", ", urls.keySet()) + " " + where);
    } catch (RuntimeException e) {
      sqs.close();
      moto.ifPresent(MotoProcess::close);
      throw e;
    }
  }

  /** The SQS endpoint of the queues, when there are any. */
  public Optional<URI> endpoint() {
    return endpoint;
  }

  /** The URL of the queue {@code logicalId}. */
  public Optional<String> url(String logicalId) {
    return Optional.ofNullable(urls.get(logicalId));
  }

  /** Variables → queue URL ({@code QS_SIEM_DLQ_URL=…}). */
  public Map<String, String> environment() {
    return environment;
  }

  /** A client of the queues' endpoint, when there are any. */
  public Optional<SqsClient> sqs() {
    return sqs;
  }

  /** For the banner. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    sqs.ifPresent(SqsClient::close);
    moto.ifPresent(MotoProcess::close);
  }
}
