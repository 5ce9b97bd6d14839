import io.quantaseal.client.ClientKey;
import io.quantaseal.client.QuantaSealClient;
import io.quantaseal.client.QuantaSealClientException;
import io.quantaseal.client.integrations.CreateIntegrationRequest;
import io.quantaseal.client.integrations.DatadogOperation;
import io.quantaseal.client.integrations.Integration;
import io.quantaseal.client.integrations.IntegrationConfig;
import io.quantaseal.client.proxy.DatadogEvent;
import io.quantaseal.client.proxy.ProxyAnswer;
import io.quantaseal.client.vault.CredentialType;
import io.quantaseal.client.vault.SealRequest;
import io.quantaseal.client.vault.VaultEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * QuantaSeal quickstart (docs/clients.md): seal a Datadog API key, create a {@code send_event}
 * integration, send one event through the proxy and print Datadog's status from the verified,
 * decrypted envelope.
 *
 * <pre>
 * QS_URL=... QS_API_KEY=... QS_DD_API_KEY=... java -cp client.jar:... Quickstart.java
 * </pre>
 *
 * <p>{@code QS_CLIENT_KEY_FILE}, when set, keeps the client key there (created on the first run,
 * loaded on the next ones); otherwise a new client key is registered for this run only.
 */
public final class Quickstart {
  private Quickstart() {}

  /** The key kept in QS_CLIENT_KEY_FILE, or a newly registered one (kept there if it is set). */
  static ClientKey clientKey(QuantaSealClient qs) {
    String path = System.getenv("QS_CLIENT_KEY_FILE");
    if (path != null && !path.isEmpty() && Files.exists(Path.of(path))) {
      return ClientKey.load(Path.of(path));
    }
    ClientKey key = qs.encryption().createClientKey();
    if (path != null && !path.isEmpty()) {
      key.save(Path.of(path)); // mode 0600: it holds the seed and the MAC key
    }
    return key;
  }

  public static void main(String[] args) {
    String ddApiKey = System.getenv("QS_DD_API_KEY");
    if (ddApiKey == null || ddApiKey.isEmpty()) {
      System.err.println("quickstart: QS_DD_API_KEY is not set (the Datadog API key to seal)");
      System.exit(2);
    }
    ProxyAnswer answer;
    try {
      QuantaSealClient base = QuantaSealClient.fromEnvironment(); // QS_URL and QS_API_KEY
      QuantaSealClient qs = base.withClientKey(clientKey(base));
      VaultEntry entry =
          qs.vault()
              .seal(
                  SealRequest.builder(CredentialType.API_KEY)
                      .name("datadog-quickstart")
                      .values(Map.of("api_key", ddApiKey))
                      .build());
      Integration integ =
          qs.integrations()
              .create(
                  CreateIntegrationRequest.builder(
                          entry.vaultEntryId(), IntegrationConfig.site("datadoghq.com"))
                      .allowedOperations(List.of(DatadogOperation.SEND_EVENT))
                      .build());
      answer =
          qs.proxy()
              .outbound(
                  integ.integrationId(),
                  DatadogEvent.of("QuantaSeal quickstart", "sent from Java through the proxy"));
    } catch (QuantaSealClientException e) {
      System.err.println("quickstart: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("upstream status: " + answer.upstream().status());
    System.out.println("upstream body: " + answer.upstream().body());
    System.exit(answer.upstream().ok() ? 0 : 1);
  }
}
