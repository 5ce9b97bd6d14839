package io.quantaseal.client.siem;

import io.quantaseal.client.integrations.DatadogOperation;
import io.quantaseal.client.proxy.UpstreamResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * Datadog's answer to a test item ({@code testSiemDestination}; docs/openapi.yaml {@code
 * SiemDestinationTestResult}).
 *
 * @param destinationId the destination
 * @param operation what was sent: an event if the integration allows it, else a log, else a metric
 *     point
 * @param sentAt when it was sent
 * @param delivered whether Datadog accepted it (2xx)
 * @param datadog Datadog's status, body and latency
 * @param error what a refusal means, when it was not delivered
 */
public record SiemDestinationTestResult(
    String destinationId,
    DatadogOperation operation,
    Instant sentAt,
    boolean delivered,
    UpstreamResponse datadog,
    Optional<String> error) {}
