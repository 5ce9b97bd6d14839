package io.quantaseal.local;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quantaseal.local.engines.MotoProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's SQS queues on this machine (the SIEM dead-letter queue, the audit stream's failure
 * destination): created in moto's server, started here from the repository's venv, or at {@code
 * AWS_ENDPOINT_URL_SQS} when that is set. moto keeps them in memory; with {@code keptIn} (a {@code
 * --persist} run) what is in moto's queues at a clean stop is written to {@code <LogicalId>.json}
 * there and sent again at the next start (a file stays until the next clean stop rewrites it, so a
 * crash brings back the queue of the last clean stop rather than nothing). Without moto (no venv)
 * there are no local queues, and the banner says so.
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
   * @param keptIn where moto's queues are kept between runs (empty: for this run only)
   */
  public record Request(
      List<SamTemplate.Queue> queues,
      Map<String, String> variables,
      Path venv,
      Optional<URI> endpoint,
      Optional<Path> keptIn) {
    public static Request none() {
      return new Request(List.of(), Map.of(), Path.of(".venv"), Optional.empty(), Optional.empty());
    }

    /** The queues kept in {@code dir} between runs. */
    public Request keptIn(Path dir) {
      return new Request(queues, variables, venv, endpoint, Optional.of(dir));
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
          LocalServices.env("AWS_ENDPOINT_URL_SQS").map(URI::create),
          Optional.empty());
    }
  }

  private final Optional<MotoProcess> moto;
  private final Optional<SqsClient> sqs;
  private final Optional<URI> endpoint;
  private final Map<String, String> urls;
  private final Map<String, String> environment;
  private final String description;
  private final Optional<Path> keptIn;

  private LocalQueues(
      Optional<MotoProcess> moto,
      Optional<SqsClient> sqs,
      Optional<URI> endpoint,
      Map<String, String> urls,
      Map<String, String> environment,
      String description,
      Optional<Path> keptIn) {
    this.moto = moto;
    this.sqs = sqs;
    this.endpoint = endpoint;
    this.urls = urls;
    this.environment = environment;
    this.description = description;
    this.keptIn = keptIn;
  }

  static LocalQueues start(Request r, Region region, AwsCredentialsProvider credentials) {
    if (r.queues().isEmpty()) {
      return new LocalQueues(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Map.of(),
          Map.of(),
          "none",
          Optional.empty());
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
      where =
          "in moto at "
              + endpoint
              + r.keptIn()
                  .map(d -> ", kept in " + d + " at a clean stop (Ctrl-C)")
                  .orElse(", in memory (for this run; --persist keeps them)");
    } else {
      return new LocalQueues(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Map.of(),
          Map.of(),
          "none: moto is not installed ("
              + MotoProcess.ENSURE_VENV_SCRIPT
              + " installs it); undelivered SIEM records are retried from the stream only",
          Optional.empty());
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
      // Only moto's queues are kept: a queue at AWS_ENDPOINT_URL_SQS outlives the run by itself.
      Optional<Path> keptIn = moto.isPresent() ? r.keptIn() : Optional.empty();
      int restored = 0;
      if (keptIn.isPresent()) {
        for (Map.Entry<String, String> q : urls.entrySet()) {
          restored += restore(sqs, q.getValue(), keptIn.get().resolve(q.getKey() + ".json"));
        }
      }
      return new LocalQueues(
          moto,
          Optional.of(sqs),
          Optional.of(endpoint),
          Map.copyOf(urls),
          Map.copyOf(env),
          String.join(", ", urls.keySet())
              + " "
              + where
              + (restored > 0 ? " (" + restored + " message(s) from the last run)" : ""),
          keptIn);
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
    try {
      if (keptIn.isPresent() && sqs.isPresent()) {
        for (Map.Entry<String, String> q : urls.entrySet()) {
          keep(sqs.get(), q.getValue(), keptIn.get().resolve(q.getKey() + ".json"));
        }
      }
    } finally {
      sqs.ifPresent(SqsClient::close);
      moto.ifPresent(MotoProcess::close);
    }
  }

  /** Sends the bodies kept in {@code file} to the queue; how many. */
  private static int restore(SqsClient sqs, String url, Path file) {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    List<String> bodies;
    try {
      bodies = LocalJson.mapper().readValue(file.toFile(), new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kept queue " + file, e);
    }
    for (String body : bodies) {
      sqs.sendMessage(m -> m.queueUrl(url).messageBody(body));
    }
    return bodies.size();
  }

  /**
   * Writes every visible message of the queue to {@code file} (replacing it), leaving the messages
   * in the queue. What another process holds invisible at that moment (a replay in progress) is not
   * in it.
   */
  private static void keep(SqsClient sqs, String url, Path file) {
    List<String> bodies = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try {
      for (int empty = 0; empty < 2; ) {
        List<Message> got =
            sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(60))
                .messages();
        boolean fresh = false;
        for (Message m : got) {
          if (seen.add(m.messageId())) {
            bodies.add(m.body());
            fresh = true;
          }
        }
        empty = fresh ? 0 : empty + 1;
      }
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      LocalJson.mapper().writeValue(tmp.toFile(), bodies);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // not POSIX
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // The previous file stays: the next run gets the queue of the last clean stop.
      System.err.println("run-local: could not keep the queue in " + file + ": " + e);
    }
  }
}
