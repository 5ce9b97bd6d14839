package io.quantaseal.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test written once against {@link AwsEngines} and run on every engine: {@code [local]} (DynamoDB
 * Local in process + moto) and {@code [localstack]} (LocalStack in Docker, reported as skipped with
 * {@value DockerAvailableCondition#SKIP_REASON} when there is no Docker).
 *
 * <pre>{@code
 * @AwsEnginesTest
 * void unseal_keyDisabled_fails(AwsEngines aws) {
 *   aws.createTable(VAULT);
 *   String cmk = aws.kmsClient().createKey(r -> r.description("tenant")).keyMetadata().keyId();
 *   ...
 * }
 * }</pre>
 *
 * <p>Each engine is started once per test run and stopped at its end; before every test it is
 * {@link AwsEngines#reset() reset} (no tables; moto forgets its keys). Parameters of type {@link
 * AwsEngines}, {@code DynamoDbClient}, {@code DynamoDbStreamsClient} and {@code KmsClient} are
 * injected. {@code -D}{@value AwsEnginesExtension#ENGINES_PROPERTY}{@code =local} (or {@code
 * localstack}) runs on one engine only.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(AwsEnginesExtension.class)
public @interface AwsEnginesTest {}
