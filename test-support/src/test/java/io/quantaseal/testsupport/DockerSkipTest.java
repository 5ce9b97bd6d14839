package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Without Docker, the LocalStack path is skipped, visibly and cleanly: reported as skipped with
 * {@link DockerAvailableCondition#SKIP_REASON}, never failed, LocalStack never started.
 */
class DockerSkipTest {

  @BeforeEach
  void onlyWithoutDocker() {
    assumeFalse(LocalStackEngines.dockerAvailable(), "Docker is available here");
  }

  @Test
  void enabledIfDockerAvailable_withoutDocker_skipsClassWithReason() {
    Events containers =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(LocalStackEnginesIntegrationTest.class))
            .execute()
            .containerEvents();

    containers.assertStatistics(stats -> stats.skipped(1).failed(0));
    assertTrue(
        containers
            .skipped()
            .filter(
                e ->
                    e.getPayload(String.class)
                        .orElse("")
                        .equals(DockerAvailableCondition.SKIP_REASON))
            .findAny()
            .isPresent());
  }

  @Test
  void awsEnginesTest_withoutDocker_skipsLocalStackInvocationsWithReason() {
    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(AwsEnginesContractIntegrationTest.class))
            .configurationParameter(AwsEnginesExtension.ENGINES_PROPERTY, "localstack")
            .execute()
            .testEvents();

    tests.assertStatistics(stats -> stats.skipped(4).started(0).failed(0));
    tests
        .assertThatEvents()
        .haveExactly(4, event(test(), skippedWithReason(DockerAvailableCondition.SKIP_REASON)));
  }

  @Test
  void localStackEngines_startWithoutDocker_failsWithTheReason() {
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, LocalStackEngines::start);

    assertEquals(DockerAvailableCondition.SKIP_REASON, e.getMessage());
  }
}
