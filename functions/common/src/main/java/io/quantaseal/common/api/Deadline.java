package io.quantaseal.common.api;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Objects;

/**
 * The time an upstream call may take, as an instant on a monotonic clock: built from the Lambda's
 * remaining time minus a margin (for the audit write and the envelope afterwards), so retries and
 * backoff never outlive the invocation. Immutable.
 *
 * <pre>{@code
 * Deadline d = Deadline.fromLambda(context, Deadline.DEFAULT_MARGIN).atMost(Duration.ofSeconds(25));
 * }</pre>
 */
public final class Deadline {
  /** A monotonic clock in nanoseconds; {@link #system()} is {@link System#nanoTime()}. */
  @FunctionalInterface
  public interface Ticker {
    long nanoTime();

    static Ticker system() {
      return System::nanoTime;
    }
  }

  /** Time kept back for the work after the upstream call (audit record, envelope, response). */
  public static final Duration DEFAULT_MARGIN = Duration.ofMillis(1000);

  /** Budget when there is no Lambda context (local runs, tests that pass none). */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(25);

  private final Ticker ticker;
  private final long deadlineNanos;

  private Deadline(Ticker ticker, long deadlineNanos) {
    this.ticker = ticker;
    this.deadlineNanos = deadlineNanos;
  }

  /** {@code budget} from now on the system clock. */
  public static Deadline after(Duration budget) {
    return after(budget, Ticker.system());
  }

  /** {@code budget} from now on {@code ticker}. */
  public static Deadline after(Duration budget, Ticker ticker) {
    Objects.requireNonNull(ticker, "ticker");
    long nanos = Math.max(0, budget.toNanos());
    return new Deadline(ticker, ticker.nanoTime() + nanos);
  }

  /**
   * The Lambda's remaining time minus {@code margin}; {@link #DEFAULT_BUDGET} minus the margin when
   * {@code context} is null.
   */
  public static Deadline fromLambda(Context context, Duration margin) {
    return fromRemaining(
        context == null ? DEFAULT_BUDGET : Duration.ofMillis(context.getRemainingTimeInMillis()),
        margin,
        Ticker.system());
  }

  /** {@link #fromLambda(Context, Duration)} with {@link #DEFAULT_MARGIN}. */
  public static Deadline fromLambda(Context context) {
    return fromLambda(context, DEFAULT_MARGIN);
  }

  /** {@code remaining} minus {@code margin} from now on {@code ticker} (never negative). */
  public static Deadline fromRemaining(Duration remaining, Duration margin, Ticker ticker) {
    return after(remaining.minus(margin), ticker);
  }

  /** This deadline, or {@code cap} from now if that is earlier. */
  public Deadline atMost(Duration cap) {
    long capped = ticker.nanoTime() + Math.max(0, cap.toNanos());
    return capped - deadlineNanos < 0 ? new Deadline(ticker, capped) : this;
  }

  /** Time left (zero once passed). */
  public Duration remaining() {
    long left = deadlineNanos - ticker.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  public boolean expired() {
    return deadlineNanos - ticker.nanoTime() <= 0;
  }

  /** The clock this deadline is measured on. */
  public Ticker ticker() {
    return ticker;
  }

  @Override
  public String toString() {
    return "Deadline[remaining=" + remaining().toMillis() + "ms]";
  }
}
