package io.quantaseal.coldstart;

import io.quantaseal.emulator.FunctionPackage;
import io.quantaseal.emulator.RuntimeInterfaceEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The two floors every function is measured against, in the same rounds: the runtime alone (the
 * {@code floor-null} module's handler) and the SDK floor ({@code floor-sdk}: the functions' two SDK
 * clients and one GetItem and one KMS Decrypt, no logging framework). Both are tiny jars built with
 * the harness; they run with {@value #MEMORY_MB} MB (template.yaml's default memory).
 */
final class Floors {
  static final int MEMORY_MB = 1024;
  static final String NULL = "null handler";
  static final String SDK = "SDK floor";
  private static final String BUILD = "floor";
  private static final String TABLE = "cs-floor";
  private static final String EVENT = "{\"floor\":\"cold-start\"}";

  private Floors() {}

  /** Both floors, with the SDK floor's table item, KMS key and ciphertext made in the engines. */
  static List<Subject> create(Path home, LocalAws aws, Path dir) {
    Path nullJar = jar(home.resolve("floor-null/target"));
    Path sdkJar = jar(home.resolve("floor-sdk/target"));

    aws.dynamoDb()
        .createTable(
            r ->
                r.tableName(TABLE)
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    aws.dynamoDb()
        .putItem(
            r ->
                r.tableName(TABLE)
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS("floor"),
                            "v", AttributeValue.fromS("cold-start"))));
    String keyId =
        aws.kms().createKey(r -> r.description("cold-start SDK floor")).keyMetadata().keyId();
    byte[] ciphertext =
        aws.kms()
            .encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(new byte[32])))
            .ciphertextBlob()
            .asByteArray();

    Map<String, String> env = new LinkedHashMap<>(aws.clientEnvironment());
    FunctionPackage nullFloor =
        new FunctionPackage(
            "NullFloor",
            "io.quantaseal.coldstart.floor.NullHandler::handleRequest",
            MEMORY_MB,
            Duration.ofSeconds(30),
            nullJar,
            env);
    env.put("COLD_START_FLOOR_TABLE", TABLE);
    env.put("COLD_START_FLOOR_KEY", "floor");
    env.put("COLD_START_FLOOR_CIPHERTEXT", Base64.getEncoder().encodeToString(ciphertext));
    FunctionPackage sdkFloor =
        new FunctionPackage(
            "SdkFloor",
            "io.quantaseal.coldstart.floor.SdkFloorHandler::handleRequest",
            MEMORY_MB,
            Duration.ofSeconds(30),
            sdkJar,
            env);
    return List.of(
        new Subject(
            NULL,
            BUILD,
            nullFloor,
            RuntimeInterfaceEmulator.prepareTaskRoot(dir.resolve("null"), nullJar),
            () -> EVENT,
            answer -> expect(answer, "{}")),
        new Subject(
            SDK,
            BUILD,
            sdkFloor,
            RuntimeInterfaceEmulator.prepareTaskRoot(dir.resolve("sdk"), sdkJar),
            () -> EVENT,
            answer -> expect(answer, "{\"item\":true,\"plaintext_bytes\":32}")));
  }

  private static void expect(String answer, String wanted) {
    if (!answer.trim().equals(wanted)) {
      throw new IllegalStateException(
          "expected " + wanted + ", got " + Scenario.abbreviate(answer));
    }
  }

  private static Path jar(Path target) {
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))
          .findFirst()
          .orElseThrow(() -> missing(target));
    } catch (java.nio.file.NoSuchFileException e) {
      throw missing(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IllegalStateException missing(Path target) {
    return new IllegalStateException(
        "no floor jar in " + target + ": benchmarks/cold-start/run builds it (mvn package)");
  }
}
