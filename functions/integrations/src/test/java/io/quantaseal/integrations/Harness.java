package io.quantaseal.integrations;

import io.quantaseal.apifixtures.ApiFixture;
import java.time.Clock;
import java.time.Duration;

/** The API fixture with IntegrationsFunction on it (the fake Datadog's client, a short margin). */
class Harness extends ApiFixture {
  Harness() {
    super(Clock.systemUTC(), Harness::integrationsFunction);
  }

  static IntegrationsHandler integrationsFunction(ApiFixture f) {
    return IntegrationsFunction.builder()
        .config(f.config)
        .dynamoDb(f.aws.dynamoDbClient())
        .keyring(f.kms)
        .clock(f.clock)
        .datadog(f.client)
        .upstreamMargin(Duration.ofMillis(500))
        .build()
        .handler();
  }
}
