package io.quantaseal.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.AwsEnginesTest;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A full run (seal, rotate, client key, unseal, errors, auth failures) with every log line, stdout
 * and stderr captured at DEBUG: none of the sealed values, API keys or the MAC key appears, in any
 * encoding; nor in any DynamoDB item.
 */
class NoSecretLeakIntegrationTest {
  @AwsEnginesTest
  void fullRun_logsAndStoresNoSecret(AwsEngines aws) throws Exception {
    LoggerContext lc = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = lc.getConfiguration();
    StringWriter logs = new StringWriter();
    WriterAppender appender =
        WriterAppender.newBuilder()
            .setName("capture")
            .setTarget(logs)
            .setLayout(PatternLayout.newBuilder().withPattern("%level %logger %msg %ex%n").build())
            .build();
    appender.start();
    cfg.addAppender(appender);
    List<LoggerConfig> touched = new ArrayList<>(cfg.getLoggers().values());
    touched.add(cfg.getRootLogger());
    Map<LoggerConfig, Level> levels = new java.util.HashMap<>();
    for (LoggerConfig l : touched) {
      levels.put(l, l.getLevel());
      l.addAppender(appender, Level.ALL, null);
      l.setLevel(Level.ALL);
    }
    lc.updateLoggers();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);

    List<String> secrets = new ArrayList<>();
    String macKey;
    try {
      ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
      secrets.addAll(List.of(bed.keyA, bed.keyAUnseal, bed.keyAPlain, bed.keyB, bed.keyBUnseal));
      String ddKey = "dd0123456789abcdef0123456789abcd";
      String appKey = "app0123456789abcdef0123456789abcdef0123";
      String rotated = "rotated-secret-value-5d41402abc4b2a76";
      String password = "correct horse battery staple 42";
      secrets.addAll(List.of(ddKey, appKey, rotated, password));

      String id =
          bed.call(
                  "seal-api-key.json",
                  bed.keyA,
                  null,
                  "{\"credential_type\":\"api_key\",\"values\":{\"api_key\":\""
                      + ddKey
                      + "\",\"app_key\":\""
                      + appKey
                      + "\"}}")
              .json()
              .get("vault_entry_id")
              .asText();
      bed.call(
          "seal-basic-auth.json",
          bed.keyA,
          null,
          "{\"credential_type\":\"basic_auth\",\"values\":{\"username\":\"u\",\"password\":\""
              + password
              + "\"}}");
      bed.call(
          "rotate-entry.json",
          bed.keyA,
          Map.of("id", id),
          "{\"values\":{\"api_key\":\"" + rotated + "\"}}");
      String pk =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  MlKem768.generateKeyPair(new SecureRandom()).encapsulationKey().toBytes());
      ApiGatewayTestClient.Response ck =
          bed.call(
              "register-client-key.json", bed.keyAUnseal, null, "{\"public_key\":\"" + pk + "\"}");
      macKey = ck.json().get("hmac_key").asText();
      ApiGatewayTestClient.Response unsealed =
          bed.call("unseal.json", bed.keyAUnseal, null, "{\"vault_entry_id\":\"" + id + "\"}");
      assertEquals(200, unsealed.status());
      // Failures of every kind, with secrets in the bodies.
      bed.call(
          "seal-api-key.json",
          bed.keyA,
          null,
          "{\"credential_type\":\"nope\",\"value\":\"" + ddKey + "\"}");
      bed.call(
          "seal-api-key.json",
          bed.keyA,
          null,
          "{\"credential_type\":\"api_key\",\"value\":\"" + ddKey + "\"");
      bed.call("list-entries.json", bed.keyA.replace('a', 'b'));
      bed.call("list-entries.json", "qs_live_" + ddKey);
      bed.call("unseal.json", bed.keyA, null, "{\"vault_entry_id\":\"" + id + "\"}");
      // Issue 10's refusals, with secrets in the bodies: not UTF-8, not JSON, another tenant's
      // id (audited), an rkid the key may not use (audited), registering without the scope.
      byte[] notUtf8 =
          ("{\"credential_type\":\"bearer_token\",\"value\":\"" + ddKey + "\u0000\"}")
              .getBytes(StandardCharsets.UTF_8);
      notUtf8[notUtf8.length - 3] = (byte) 0xff;
      assertEquals(
          400,
          bed.callRaw("seal-bearer-token.json", bed.keyA, null, "application/json", notUtf8)
              .status());
      assertEquals(
          415,
          bed.callRaw(
                  "seal-bearer-token.json",
                  bed.keyA,
                  null,
                  "text/plain",
                  ("{\"credential_type\":\"bearer_token\",\"value\":\"" + password + "\"}")
                      .getBytes(StandardCharsets.UTF_8))
              .status());
      assertEquals(
          404,
          bed.call(
                  "rotate-entry.json",
                  bed.keyB,
                  Map.of("id", id),
                  "{\"values\":{\"api_key\":\"" + rotated + "\"}}")
              .status());
      assertEquals(
          403,
          bed.call(
                  "unseal.json",
                  bed.keyAUnseal,
                  null,
                  "{\"vault_entry_id\":\""
                      + id
                      + "\",\"rkid\":\"ck_"
                      + ddKey.substring(0, 26)
                      + "\"}")
              .status());
      assertEquals(
          403,
          bed.call(
                  "register-client-key.json",
                  bed.keyAPlain,
                  null,
                  "{\"public_key\":\"" + pk + "\"}")
              .status());

      // Stored items: no clear secret anywhere.
      for (String table : List.of("quantaseal-vault", "quantaseal-api-keys", "quantaseal-audit")) {
        for (Map<String, AttributeValue> item :
            aws.dynamoDbClient().scanPaginator(r -> r.tableName(table)).items()) {
          String dump = item.toString();
          for (String s : secrets) {
            assertFalse(dump.contains(s), table + " item holds a secret");
          }
          assertFalse(dump.contains(macKey), table + " item holds the MAC key");
        }
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      for (LoggerConfig l : touched) {
        l.removeAppender("capture");
        l.setLevel(levels.get(l));
      }
      lc.updateLoggers();
      appender.stop();
    }
    String everything = logs + "\n" + console.toString(StandardCharsets.UTF_8);
    assertTrue(
        everything.contains("route=\"POST /api/v2/vault/unseal\" status=200"),
        "the capture saw the service's logs");
    byte[] mac = Base64.getUrlDecoder().decode(macKey);
    secrets.add(macKey);
    secrets.add(Base64.getEncoder().encodeToString(mac));
    secrets.add(HexFormat.of().formatHex(mac));
    for (String s : secrets) {
      assertFalse(everything.contains(s), "a secret appears in the logs");
      assertFalse(
          everything.contains(
              Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))),
          "a secret appears base64-encoded in the logs");
    }
  }
}
