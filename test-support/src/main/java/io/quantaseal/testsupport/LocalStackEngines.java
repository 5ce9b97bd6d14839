package io.quantaseal.testsupport;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.net.URI;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.EnabledService;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@link AwsEngines} on LocalStack (KMS + DynamoDB) in Docker, through Testcontainers. Needs a
 * Docker daemon: check {@link #dockerAvailable()} first, or let {@link
 * EnabledIfDockerAvailable @EnabledIfDockerAvailable} / {@link AwsEnginesTest @AwsEnginesTest} skip
 * the tests visibly.
 *
 * <p>The image is {@value #DEFAULT_IMAGE} unless {@code -D}{@value #IMAGE_PROPERTY} names another
 * (pinned: the unpinned LocalStack image changes under the tests). Its port is published on
 * 127.0.0.1 only.
 */
public final class LocalStackEngines implements AwsEngines {

  /** The LocalStack image used unless {@value #IMAGE_PROPERTY} says otherwise. */
  public static final String DEFAULT_IMAGE = "localstack/localstack:4.13.1";

  /** System property naming another LocalStack image. */
  public static final String IMAGE_PROPERTY = "qs.localstack.image";

  private static final int EDGE_PORT = 4566;

  private final LocalStackContainer container;
  private final URI endpoint;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final DynamoDbClient dynamoDb;
  private final DynamoDbStreamsClient dynamoDbStreams;
  private final KmsClient kms;

  private LocalStackEngines(LocalStackContainer container) {
    this.container = container;
    this.endpoint = container.getEndpoint();
    this.region = Region.of(container.getRegion());
    this.credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
    this.dynamoDb =
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    this.dynamoDbStreams =
        DynamoDbStreamsClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    this.kms =
        KmsClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  /**
   * Whether a Docker daemon answers (Testcontainers' own discovery: DOCKER_HOST, the socket,
   * ~/.testcontainers.properties). Testcontainers remembers the answer for the JVM.
   */
  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Starts LocalStack with KMS and DynamoDB; fails if Docker is not available. */
  public static LocalStackEngines start() {
    if (!dockerAvailable()) {
      throw new IllegalStateException(DockerAvailableCondition.SKIP_REASON);
    }
    String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
    @SuppressWarnings("resource") // closed by close()
    LocalStackContainer container =
        new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"))
            .withServices(EnabledService.named("kms"), EnabledService.named("dynamodb"))
            // Publish on loopback only (Docker's default is every interface).
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withPortBindings(
                            new PortBinding(
                                Ports.Binding.bindIp("127.0.0.1"), new ExposedPort(EDGE_PORT))));
    container.start();
    try {
      return new LocalStackEngines(container);
    } catch (RuntimeException e) {
      container.stop();
      throw e;
    }
  }

  @Override
  public String name() {
    return "localstack";
  }

  @Override
  public Region region() {
    return region;
  }

  @Override
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  @Override
  public DynamoDbClient dynamoDbClient() {
    return dynamoDb;
  }

  @Override
  public DynamoDbStreamsClient dynamoDbStreamsClient() {
    return dynamoDbStreams;
  }

  @Override
  public KmsClient kmsClient() {
    return kms;
  }

  @Override
  public URI kmsEndpoint() {
    return endpoint;
  }

  @Override
  public Optional<URI> dynamoDbEndpoint() {
    return Optional.of(endpoint);
  }

  /** Drops every table; KMS keys stay (LocalStack community has no per-service reset). */
  @Override
  public void reset() {
    DynamoTables.deleteAll(dynamoDb);
  }

  @Override
  public void close() {
    try {
      dynamoDb.close();
      dynamoDbStreams.close();
      kms.close();
    } finally {
      container.stop();
    }
  }

  @Override
  public String toString() {
    return "LocalStackEngines[" + endpoint + "]";
  }
}
