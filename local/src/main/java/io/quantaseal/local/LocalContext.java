package io.quantaseal.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The Lambda {@link Context} of one in-process invocation: request id, limits, a clock. */
final class LocalContext implements Context {
  private final String requestId;
  private final SamTemplate.Function function;
  private final long deadlineNanos;
  private final PrintStream log;

  LocalContext(String requestId, SamTemplate.Function function, PrintStream log) {
    this.requestId = requestId;
    this.function = function;
    this.deadlineNanos = System.nanoTime() + function.timeout().toNanos();
    this.log = log;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/local/" + function.logicalId();
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return function.logicalId();
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + function.logicalId() + ":live";
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
    return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  @Override
  public int getMemoryLimitInMB() {
    return function.memoryMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        log.println(message);
      }

      @Override
      public void log(byte[] message) {
        log.println(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
