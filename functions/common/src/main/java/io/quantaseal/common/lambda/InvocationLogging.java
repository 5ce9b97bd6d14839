package io.quantaseal.common.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Every handler's one logging wrapper: an invocation runs inside Powertools Logging, so each log
 * line carries the function and the Lambda request id, and the logging state is cleared after it. A
 * direct call without a Lambda {@link Context} (a unit test) just runs.
 */
public final class InvocationLogging {
  private InvocationLogging() {}

  /** Runs {@code invocation} for the Lambda invocation {@code context}; returns its answer. */
  public static <T> T around(Context context, Supplier<T> invocation) {
    return context == null ? invocation.get() : PowertoolsLogging.withLogging(context, invocation);
  }
}
