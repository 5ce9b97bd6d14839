package io.quantaseal.coldstart.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;

/**
 * The upper floor of a cold start: what every QuantaSeal function must do at the least. The
 * constructor builds the two SDK clients exactly as the functions build theirs (AWS SDK v2, the
 * url-connection HTTP client, region, credentials and endpoints from the environment); the first
 * invocation makes one DynamoDB GetItem and one KMS Decrypt. No logging framework, no JSON library,
 * no event classes: the answer is written by hand.
 *
 * <p>Environment: {@value #TABLE} (a table whose partition key is {@code pk}), {@value #KEY} (the
 * item's {@code pk}) and {@value #CIPHERTEXT} (a KMS ciphertext blob, base64).
 */
public final class SdkFloorHandler implements RequestStreamHandler {
  static final String TABLE = "COLD_START_FLOOR_TABLE";
  static final String KEY = "COLD_START_FLOOR_KEY";
  static final String CIPHERTEXT = "COLD_START_FLOOR_CIPHERTEXT";

  private final DynamoDbClient dynamoDb =
      DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  private final KmsClient kms =
      KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  private final String table = required(TABLE);
  private final String key = required(KEY);
  private final SdkBytes ciphertext =
      SdkBytes.fromByteArray(Base64.getDecoder().decode(required(CIPHERTEXT)));

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.transferTo(OutputStream.nullOutputStream());
    GetItemResponse item =
        dynamoDb.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS(key))));
    DecryptResponse plain = kms.decrypt(r -> r.ciphertextBlob(ciphertext));
    String answer =
        "{\"item\":"
            + item.hasItem()
            + ",\"plaintext_bytes\":"
            + plain.plaintext().asByteArrayUnsafe().length
            + "}";
    output.write(answer.getBytes(StandardCharsets.UTF_8));
  }

  private static String required(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(name + " is not set");
    }
    return v;
  }
}
