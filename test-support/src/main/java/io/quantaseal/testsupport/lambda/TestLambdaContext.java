package io.quantaseal.testsupport.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/**
 * The tests' one Lambda {@link Context}: a fixed request id and function, and a remaining time that
 * counts down from what the test gives, as the Lambda runtime's does.
 */
public final class TestLambdaContext implements Context {
  /** The request id every test invocation carries. */
  public static final String REQUEST_ID = "8f5e7c4a-1111-4c2b-9d3e-1234567890ab";

  private final String functionName;
  private final long deadlineNanos;

  private TestLambdaContext(String functionName, Duration remaining) {
    this.functionName = functionName;
    this.deadlineNanos = System.nanoTime() + remaining.toNanos();
  }

  /** An invocation of {@code quantaseal-test} with {@code remaining} time left. */
  public static TestLambdaContext withRemainingTime(Duration remaining) {
    return new TestLambdaContext("quantaseal-test", remaining);
  }

  /** An invocation of {@code functionName} with {@code remaining} time left. */
  public static TestLambdaContext of(String functionName, Duration remaining) {
    return new TestLambdaContext(functionName, remaining);
  }

  @Override
  public String getAwsRequestId() {
    return REQUEST_ID;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/26/[$LATEST]test";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
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
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return null;
  }
}
