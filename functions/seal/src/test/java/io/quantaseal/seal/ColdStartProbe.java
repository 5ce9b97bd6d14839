package io.quantaseal.seal;

import io.quantaseal.common.lambda.RequestMetrics;
import io.quantaseal.testsupport.lambda.TestLambdaContext;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What Powertools adds to a cold start: one process does the first invocation's logging and metrics
 * either through Powertools ({@code powertools}: {@code PowertoolsLogging.withLogging}, one JSON
 * log line, one EMF metrics document) or through plain SLF4J/Log4j ({@code plain}: the same log
 * line, no Powertools, no metrics). Run each in fresh JVMs on the function's deployment jar:
 *
 * <pre>
 * mvn -q -pl functions/seal package -DskipTests
 * CP=functions/seal/target/seal-function-0.1.0-SNAPSHOT-lambda.jar:functions/seal/target/test-classes
 * CP=$CP:test-support/target/classes
 * for mode in plain powertools plain powertools; do
 *   /usr/bin/time -f "$mode %e s %M KiB" java -XX:+UseSerialGC -cp $CP io.quantaseal.seal.ColdStartProbe $mode >/dev/null
 * done
 * </pre>
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) {
    boolean powertools = args.length > 0 && args[0].equals("powertools");
    if (powertools) {
      EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
      RequestMetrics metrics = RequestMetrics.powertools("seal");
      PowertoolsLogging.withLogging(
          TestLambdaContext.of("probe", Duration.ofSeconds(30)),
          () -> {
            LoggerFactory.getLogger(ColdStartProbe.class).info("request route=probe status=200");
            metrics.record("/probe", 200, 1);
            metrics.flush();
            return null;
          });
    } else {
      LoggerFactory.getLogger(ColdStartProbe.class).info("request route=probe status=200");
    }
  }
}
