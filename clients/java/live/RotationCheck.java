import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantaseal.client.QuantaSealClient;
import io.quantaseal.client.encryption.ServerKey;
import io.quantaseal.client.encryption.ServerKeyStatus;
import io.quantaseal.client.integrations.CreateIntegrationRequest;
import io.quantaseal.client.integrations.DatadogOperation;
import io.quantaseal.client.integrations.IntegrationConfig;
import io.quantaseal.client.proxy.DatadogEvent;
import io.quantaseal.client.vault.CredentialType;
import io.quantaseal.client.vault.SealRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * A long-lived client across a signing-key rotation, against a live QuantaSeal (clients/java/ci-test
 * runs it against ./run-local --fake-datadog): the client caches the server keys, the operator
 * rotates the signing key ({@code QS_ROTATE_COMMAND}), and the next envelope, signed by a key the
 * client has never seen, still opens: the client fetches the list once more (docs/clients.md).
 *
 * <p>Reads QS_URL, QS_API_KEY, QS_DD_API_KEY and QS_ROTATE_COMMAND; prints what it checked and
 * exits 0, or names the failed check and exits 1.
 */
public final class RotationCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RotationCheck() {}

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.err.println("rotation check FAILED: " + what);
      System.exit(1);
    }
    System.out.println("ok: " + what);
  }

  private static String active(List<ServerKey> keys) {
    return keys.stream()
        .filter(k -> k.status() == ServerKeyStatus.ACTIVE)
        .map(ServerKey::skid)
        .findFirst()
        .orElseThrow();
  }

  public static void main(String[] args) throws Exception {
    QuantaSealClient base = QuantaSealClient.fromEnvironment();
    QuantaSealClient qs = base.withClientKey(base.encryption().createClientKey());
    String entry =
        qs.vault()
            .seal(
                SealRequest.builder(CredentialType.API_KEY)
                    .values(Map.of("api_key", System.getenv("QS_DD_API_KEY")))
                    .build())
            .vaultEntryId();
    String integration =
        qs.integrations()
            .create(
                CreateIntegrationRequest.builder(entry, IntegrationConfig.site("datadoghq.com"))
                    .allowedOperations(List.of(DatadogOperation.SEND_EVENT))
                    .build())
            .integrationId();
    check(
        qs.proxy().outbound(integration, DatadogEvent.of("before", "rotation")).upstream().status()
            == 202,
        "an envelope opens before the rotation");
    String before = active(qs.encryption().listServerKeys()); // the client caches this list

    Process rotate =
        new ProcessBuilder("bash", "-c", System.getenv("QS_ROTATE_COMMAND"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    check(rotate.waitFor() == 0, "the operator rotated the signing key");

    // An envelope fetched past the client, to see which key signed it.
    String body =
        JSON.createObjectNode()
            .put("integration_id", integration)
            .put("operation", "send_event")
            .put("rkid", qs.clientKey().rkid())
            .set("payload", JSON.createObjectNode().put("title", "raw").put("text", "after"))
            .toString();
    HttpResponse<String> raw =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(System.getenv("QS_URL") + "/api/v2/proxy/outbound"))
                    .header("X-API-Key", System.getenv("QS_API_KEY"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    String skid = JSON.readTree(raw.body()).path("skid").asText();
    check(!skid.equals(before), "the new envelope is signed by the new key " + skid + ", not " + before);
    String requestId = raw.headers().firstValue("X-Request-Id").orElseThrow();
    JsonNode opened = JSON.readTree(qs.encryption().decrypt(raw.body(), requestId));
    check(
        opened.path("upstream").path("status").asInt() == 202,
        "the long-lived client opens it (its cached keys did not hold " + skid + ")");
    check(
        qs.proxy().outbound(integration, DatadogEvent.of("after", "rotation")).upstream().status()
            == 202,
        "the long-lived client's proxy calls go on");
    List<ServerKey> after = qs.encryption().listServerKeys();
    check(
        active(after).equals(skid)
            && after.stream()
                .anyMatch(k -> k.skid().equals(before) && k.status() == ServerKeyStatus.RETIRING),
        "the list shows " + skid + " active and " + before + " retiring");
  }
}
