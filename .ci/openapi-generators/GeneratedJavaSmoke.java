import io.quantaseal.openapi.model.DatadogMetricPoint;
import io.quantaseal.openapi.model.DatadogSeriesBody;
import io.quantaseal.openapi.model.ErrorBody;
import io.quantaseal.openapi.model.ErrorCode;
import io.quantaseal.openapi.model.ErrorOrEnvelope;
import io.quantaseal.openapi.model.ProxyEventRequest;
import io.quantaseal.openapi.model.ProxyLogRequest;
import io.quantaseal.openapi.model.ProxyMetricRequest;
import io.quantaseal.openapi.model.ProxyRequest;
import io.quantaseal.openapi.model.RotateRequest;
import io.quantaseal.openapi.model.RotateShorthand;
import io.quantaseal.openapi.model.RotateValues;
import io.quantaseal.openapi.model.SealApiKey;
import io.quantaseal.openapi.model.SealApiKeyShorthand;
import io.quantaseal.openapi.model.SealBasicAuth;
import io.quantaseal.openapi.model.SealRequest;
import io.quantaseal.openapi.model.VaultEntryList;
import java.util.List;

/**
 * Runs against the Java client that openapi-generator makes of docs/openapi.yaml
 * (.ci/openapi-generators.sh): the request and answer bodies of the API parse into the named
 * variant they are, so the document's oneOfs work in generated code, not only compile.
 */
public final class GeneratedJavaSmoke {
  private static int checks;

  public static void main(String[] args) throws Exception {
    expect(
        SealApiKey.class,
        SealRequest.fromJson(
                "{\"credential_type\":\"api_key\",\"name\":\"dd\",\"values\":{\"api_key\":\"k\"}}")
            .getActualInstance());
    expect(
        SealApiKeyShorthand.class,
        SealRequest.fromJson("{\"credential_type\":\"api_key\",\"value\":\"k\"}")
            .getActualInstance());
    expect(
        SealBasicAuth.class,
        SealRequest.fromJson(
                "{\"credential_type\":\"basic_auth\",\"values\":{\"username\":\"u\",\"password\":\"p\"}}")
            .getActualInstance());
    expect(RotateShorthand.class, RotateRequest.fromJson("{\"value\":\"v\"}").getActualInstance());
    expect(
        RotateValues.class,
        RotateRequest.fromJson("{\"values\":{\"token\":\"t\"}}").getActualInstance());

    ProxyRequest event =
        ProxyRequest.fromJson(
            "{\"integration_id\":\"int_x\",\"operation\":\"send_event\","
                + "\"payload\":{\"title\":\"t\",\"text\":\"x\",\"host\":\"h\"}}");
    expect(ProxyEventRequest.class, event.getActualInstance());
    check(event.toJson().contains("\"host\":\"h\""), "an event keeps Datadog's other fields");
    ProxyRequest point =
        ProxyRequest.fromJson(
            "{\"integration_id\":\"int_x\",\"operation\":\"send_metric\","
                + "\"payload\":{\"metric\":\"m\",\"value\":1,\"type\":\"count\"}}");
    expect(
        DatadogMetricPoint.class,
        point.getProxyMetricRequest().getPayload().getActualInstance());
    ProxyRequest series =
        ProxyRequest.fromJson(
            "{\"integration_id\":\"int_x\",\"operation\":\"send_metric\",\"payload\":{\"series\":"
                + "[{\"metric\":\"m\",\"type\":3,\"points\":[{\"timestamp\":1,\"value\":2.5}]}]}}");
    expect(ProxyMetricRequest.class, series.getActualInstance());
    expect(
        DatadogSeriesBody.class,
        series.getProxyMetricRequest().getPayload().getActualInstance());
    ProxyRequest batch =
        ProxyRequest.fromJson(
            "{\"integration_id\":\"int_x\",\"operation\":\"send_log\","
                + "\"payload\":[{\"message\":\"a\"},{\"message\":\"b\"}]}");
    expect(ProxyLogRequest.class, batch.getActualInstance());
    check(
        batch.getProxyLogRequest().getPayload().getListDatadogLog().size() == 2,
        "a log batch is a list of two logs");

    ErrorOrEnvelope error =
        ErrorOrEnvelope.fromJson(
            "{\"error\":{\"code\":\"not_found\",\"message\":\"m\",\"request_id\":\"req_1\"}}");
    expect(ErrorBody.class, error.getActualInstance());
    check(
        error.getErrorBody().getError().getCode() == ErrorCode.NOT_FOUND,
        "the error code is ErrorCode.NOT_FOUND");
    check(
        VaultEntryList.fromJson("{\"entries\":[],\"next_cursor\":null}").getEntries().equals(List.of()),
        "an empty VaultEntryList");
    System.out.println("generated Java client: " + checks + " checks passed");
  }

  private static void expect(Class<?> type, Object instance) {
    check(type.isInstance(instance), type.getSimpleName() + ", got " + instance.getClass());
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
    checks++;
  }
}
