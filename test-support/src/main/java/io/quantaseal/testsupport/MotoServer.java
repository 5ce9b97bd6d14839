package io.quantaseal.testsupport;

import io.quantaseal.local.engines.MotoProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * moto's server as a real local AWS KMS: a child process {@code moto_server -H 127.0.0.1 -p <free
 * port>} from the repository's Python venv, started and awaited here, stopped by {@link #close()}.
 *
 * <p>The venv is {@code -D}{@value #VENV_PROPERTY}, else {@code $}{@value #VENV_ENV}, else {@code
 * <repo root>/.venv} (see {@link RepoRoot}); {@code scripts/ensure-venv.sh} creates it. If it is
 * missing, {@link #start()} fails and says so.
 *
 * <p>By default the server is moto plus the KMS key-state checks moto lacks (a disabled key gives
 * {@code DisabledException}, a key pending deletion {@code KMSInvalidStateException}, as in AWS);
 * {@link Builder#kmsKeyStateChecks(boolean) kmsKeyStateChecks(false)} runs plain {@code
 * moto_server}.
 *
 * <pre>{@code
 * try (MotoServer moto = MotoServer.start()) {
 *   KmsClient kms = moto.kmsClient();  // or any client with endpointOverride(moto.endpoint())
 *   String keyId = kms.createKey(r -> r.description("tenant CMK")).keyMetadata().keyId();
 * }
 * }</pre>
 */
public final class MotoServer implements AutoCloseable {

  /** System property naming the Python venv that holds moto. */
  public static final String VENV_PROPERTY = "qs.venv";

  /** Environment variable naming the Python venv that holds moto. */
  public static final String VENV_ENV = "QS_VENV";

  /** The script that creates the venv, relative to the repository root. */
  public static final String ENSURE_VENV_SCRIPT = MotoProcess.ENSURE_VENV_SCRIPT;

  /** The region every client of the local engines uses. */
  public static final Region REGION = Region.US_EAST_1;

  /** Dummy credentials: moto accepts any. */
  public static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private static final String SHIM_RESOURCE = "qs_moto_server.py";

  private final MotoProcess process;
  private final Path shim;
  private final KmsClient kmsClient;

  private MotoServer(MotoProcess process, Path shim) {
    this.process = process;
    this.shim = shim;
    this.kmsClient = newKmsClient();
  }

  /** Starts moto from the default venv, with KMS key-state checks. */
  public static MotoServer start() {
    return builder().start();
  }

  /** Options: venv, key-state checks, start timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The venv that {@link #start()} uses: {@code -Dqs.venv}, {@code $QS_VENV}, or {@code <repo
   * root>/.venv}.
   */
  public static Path defaultVenv() {
    String explicit = System.getProperty(VENV_PROPERTY);
    if (explicit == null || explicit.isBlank()) {
      explicit = System.getenv(VENV_ENV);
    }
    if (explicit != null && !explicit.isBlank()) {
      return Paths.get(explicit).toAbsolutePath().normalize();
    }
    return RepoRoot.find().resolve(".venv");
  }

  /** The port moto listens on, on 127.0.0.1. */
  public int port() {
    return process.port();
  }

  /**
   * The endpoint, {@code http://127.0.0.1:<port>}: use it as the SDK's {@code endpointOverride} or
   * as {@code AWS_ENDPOINT_URL_KMS} for code that reads the environment.
   */
  public URI endpoint() {
    return process.endpoint();
  }

  /** A KMS client for this server (us-east-1, dummy credentials); closed with the server. */
  public KmsClient kmsClient() {
    return kmsClient;
  }

  /** A new KMS client for this server; the caller closes it. */
  public KmsClient newKmsClient() {
    return KmsClient.builder()
        .endpointOverride(endpoint())
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** The server's output, for diagnosis. */
  public Path log() {
    return process.log();
  }

  /** Forgets every key, alias and grant (moto's {@code POST /moto-api/reset}). */
  public void reset() {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "moto reset answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moto reset failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during moto reset", e);
    }
  }

  /** Stops the server process (SIGTERM, then SIGKILL after 5 s) and deletes its files. */
  @Override
  public void close() {
    kmsClient.close();
    process.close();
    if (shim != null) {
      deleteQuietly(shim);
    }
  }

  @Override
  public String toString() {
    return "MotoServer[" + endpoint() + "]";
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A temp file left behind is harmless.
    }
  }

  /** Options for {@link MotoServer}. */
  public static final class Builder {
    private Path venv;
    private boolean kmsKeyStateChecks = true;
    private Duration startTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** The venv holding moto (default: {@link MotoServer#defaultVenv()}). */
    public Builder venv(Path venv) {
      this.venv = venv;
      return this;
    }

    /** Whether KMS refuses to use disabled keys, as AWS does (default true). */
    public Builder kmsKeyStateChecks(boolean enabled) {
      this.kmsKeyStateChecks = enabled;
      return this;
    }

    /** How long to wait for the server to answer (default 60 s; a cold import takes a few). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /** Starts the server and waits until it answers. */
    public MotoServer start() {
      Path venvDir = venv != null ? venv.toAbsolutePath().normalize() : defaultVenv();
      if (!MotoProcess.installed(venvDir)) {
        throw new IllegalStateException(
            "moto is not installed: "
                + MotoProcess.motoServer(venvDir)
                + " is missing. Run "
                + ENSURE_VENV_SCRIPT
                + " at the repository root (it creates .venv with the pinned moto[server]; CI runs"
                + " it before the tests), or point -D"
                + VENV_PROPERTY
                + " / "
                + VENV_ENV
                + " at a venv that has moto[server].");
      }
      Path shim = kmsKeyStateChecks ? extractShim() : null;
      try {
        return new MotoServer(
            MotoProcess.start(venvDir, Optional.ofNullable(shim), startTimeout), shim);
      } catch (RuntimeException e) {
        if (shim != null) {
          deleteQuietly(shim);
        }
        throw e;
      }
    }

    private static Path extractShim() {
      Path shim;
      try {
        shim = Files.createTempFile("qs_moto_server-", ".py");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temp file", e);
      }
      try (InputStream in = MotoServer.class.getResourceAsStream(SHIM_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Missing resource " + SHIM_RESOURCE);
        }
        Files.write(shim, in.readAllBytes());
        return shim;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + shim, e);
      }
    }
  }
}
