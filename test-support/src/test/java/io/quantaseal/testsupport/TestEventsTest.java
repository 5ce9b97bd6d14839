package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestEventsTest {

  private static final String API_GATEWAY =
      """
      {
        "resource": "/api/v2/vault/seal",
        "path": "/api/v2/vault/seal",
        "httpMethod": "POST",
        "headers": {"Content-Type": "application/json", "X-API-Key": "qs_test_example"},
        "multiValueHeaders": {"X-API-Key": ["qs_test_example"]},
        "queryStringParameters": null,
        "pathParameters": null,
        "stageVariables": null,
        "requestContext": {
          "accountId": "123456789012",
          "resourceId": "abc123",
          "stage": "Prod",
          "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
          "requestTimeEpoch": 1700000000000,
          "identity": {"sourceIp": "203.0.113.7", "userAgent": "curl/8"},
          "authorizer": {"tenantId": "ten_1", "scopes": "vault:seal"},
          "resourcePath": "/api/v2/vault/seal",
          "httpMethod": "POST",
          "apiId": "1234567890",
          "protocol": "HTTP/1.1",
          "domainName": "api.example.com"
        },
        "body": "{\\"credential_type\\":\\"api_key\\",\\"values\\":{\\"api_key\\":\\"x\\"}}",
        "isBase64Encoded": false
      }
      """;

  private static final String DYNAMODB_STREAM =
      """
      {"Records": [{
        "eventID": "1", "eventName": "INSERT", "eventVersion": "1.1",
        "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
        "dynamodb": {
          "ApproximateCreationDateTime": 1700000000.5,
          "Keys": {"pk": {"S": "TENANT#ten_1"}, "sk": {"S": "AUDIT#001"}},
          "NewImage": {"pk": {"S": "TENANT#ten_1"}, "sk": {"S": "AUDIT#001"},
                       "count": {"N": "3"}, "ok": {"BOOL": true},
                       "tags": {"SS": ["a", "b"]}, "blob": {"B": "AAEC"}},
          "SequenceNumber": "111", "SizeBytes": 26, "StreamViewType": "NEW_AND_OLD_IMAGES"
        },
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/qs-audit/stream/2024"
      }]}
      """;

  private static final String SCHEDULE =
      """
      {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
       "detail-type": "Scheduled Event", "source": "aws.events",
       "account": "123456789012", "time": "2024-11-26T19:30:00Z", "region": "us-east-1",
       "resources": ["arn:aws:events:us-east-1:123456789012:rule/qs-siem-metrics"],
       "detail": {}}
      """;

  private static final String SQS =
      """
      {"Records": [{"messageId": "m1", "receiptHandle": "r", "body": "{\\"event_id\\":\\"evt_1\\"}",
        "attributes": {"ApproximateReceiveCount": "2"}, "messageAttributes": {},
        "eventSource": "aws:sqs", "awsRegion": "us-east-1",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:qs-siem-dlq"}]}
      """;

  @TempDir Path events;
  private TestEvents testEvents;

  @BeforeEach
  void writeSamples() throws IOException {
    Files.createDirectories(events.resolve("seal"));
    Files.createDirectories(events.resolve("siem-push"));
    Files.writeString(events.resolve("seal/seal-api-key.json"), API_GATEWAY);
    Files.writeString(events.resolve("siem-push/audit-insert.json"), DYNAMODB_STREAM);
    Files.writeString(events.resolve("siem-push/schedule.json"), SCHEDULE);
    Files.writeString(events.resolve("siem-push/dlq-replay.json"), SQS);
    testEvents = TestEvents.in(events);
  }

  @Test
  void apiGateway_samSample_mapsEveryField() {
    APIGatewayProxyRequestEvent e = testEvents.apiGateway("seal/seal-api-key.json");

    assertEquals("POST", e.getHttpMethod());
    assertEquals("/api/v2/vault/seal", e.getPath());
    assertEquals("qs_test_example", e.getHeaders().get("X-API-Key"));
    assertEquals(List.of("qs_test_example"), e.getMultiValueHeaders().get("X-API-Key"));
    assertFalse(e.getIsBase64Encoded());
    assertTrue(e.getBody().contains("\"credential_type\":\"api_key\""));
    assertEquals("Prod", e.getRequestContext().getStage());
    assertEquals(1700000000000L, e.getRequestContext().getRequestTimeEpoch());
    assertEquals("203.0.113.7", e.getRequestContext().getIdentity().getSourceIp());
    assertEquals("ten_1", e.getRequestContext().getAuthorizer().get("tenantId"));
  }

  @Test
  void load_leadingEventsPrefix_isAccepted() {
    assertEquals(
        "POST",
        testEvents
            .load("events/seal/seal-api-key.json", APIGatewayProxyRequestEvent.class)
            .getHttpMethod());
  }

  @Test
  void dynamodbStream_recordsImagesAndEpochSeconds() {
    DynamodbEvent e = testEvents.load("siem-push/audit-insert.json", DynamodbEvent.class);

    DynamodbEvent.DynamodbStreamRecord record = e.getRecords().get(0);
    assertEquals("INSERT", record.getEventName());
    assertEquals("AUDIT#001", record.getDynamodb().getKeys().get("sk").getS());
    assertEquals("3", record.getDynamodb().getNewImage().get("count").getN());
    assertTrue(record.getDynamodb().getNewImage().get("ok").getBOOL());
    assertEquals(List.of("a", "b"), record.getDynamodb().getNewImage().get("tags").getSS());
    assertEquals(3, record.getDynamodb().getNewImage().get("blob").getB().remaining());
    assertEquals(
        new Date(1_700_000_000_500L), record.getDynamodb().getApproximateCreationDateTime());
    assertEquals(26L, record.getDynamodb().getSizeBytes());
  }

  @Test
  void scheduledEvent_isoTime() {
    ScheduledEvent e = testEvents.load("siem-push/schedule.json", ScheduledEvent.class);

    assertEquals("Scheduled Event", e.getDetailType());
    assertEquals(1732649400000L, e.getTime().getMillis());
    assertEquals(1, e.getResources().size());
  }

  @Test
  void sqsEvent_recordBodyAndAttributes() {
    SQSEvent e = testEvents.load("siem-push/dlq-replay.json", SQSEvent.class);

    assertEquals("{\"event_id\":\"evt_1\"}", e.getRecords().get(0).getBody());
    assertEquals("2", e.getRecords().get(0).getAttributes().get("ApproximateReceiveCount"));
  }

  @Test
  void json_andRead_giveTheRawFile() {
    assertEquals("POST", testEvents.json("seal/seal-api-key.json").get("httpMethod").asText());
    assertTrue(testEvents.read("seal/seal-api-key.json").contains("X-API-Key"));
  }

  @Test
  void missingFile_orPathOutsideEvents_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> testEvents.read("seal/nope.json"));
    assertThrows(IllegalArgumentException.class, () -> testEvents.read("../outside.json"));
  }

  @Test
  void repo_isTheEventsFolderAtTheRepositoryRoot() {
    Path root = RepoRoot.find();

    assertEquals(root.resolve("events"), TestEvents.repo().dir());
    assertTrue(Files.isRegularFile(root.resolve("scripts/ensure-venv.sh")), root.toString());
  }

  @Test
  void repo_authorizerSample_whenPresent_isARequestAuthorizerEvent() {
    Path sample = RepoRoot.find().resolve("events/authorizer/request-with-key.json");
    assumeTrue(
        Files.isRegularFile(sample), "events/authorizer/request-with-key.json not written yet");

    APIGatewayCustomAuthorizerEvent e =
        TestEvents.repo()
            .load("authorizer/request-with-key.json", APIGatewayCustomAuthorizerEvent.class);

    assertEquals("REQUEST", e.getType());
    assertTrue(e.getMethodArn().startsWith("arn:aws:execute-api:"));
    assertNotNull(e.getHeaders());
  }

  @Test
  void repo_sealSample_whenPresent_isAnApiGatewayRequest() {
    Path sample = RepoRoot.find().resolve("events/seal/seal-api-key.json");
    assumeTrue(Files.isRegularFile(sample), "events/seal/seal-api-key.json not written yet");

    APIGatewayProxyRequestEvent e = TestEvents.repo().apiGateway("seal/seal-api-key.json");

    assertNotNull(e.getHttpMethod());
  }
}
