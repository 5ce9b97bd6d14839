package io.quantaseal.seal;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.quantaseal.common.lambda.RequestMetrics;
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
          new ProbeContext(),
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

  /** The Context fields Powertools reads. */
  private static final class ProbeContext implements Context {
    @Override
    public String getAwsRequestId() {
      return "probe-request";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/probe";
    }

    @Override
    public String getLogStreamName() {
      return "probe";
    }

    @Override
    public String getFunctionName() {
      return "probe";
    }

    @Override
    public String getFunctionVersion() {
      return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:123456789012:function:probe";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return null;
    }
  }
}
