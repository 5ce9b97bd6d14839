package io.quantaseal.datadog;

import io.quantaseal.common.api.Deadline;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's attempts under its {@link Deadline}: waits for a closed {@link RateLimitGate}, sends,
 * closes the gate on what the answer announces ({@link RateLimitHeaders}), and retries as the
 * {@link RetryPolicy} says. An answer (any status) is a {@link DatadogResponse}, the last one when
 * the retries ran out; no answer at all is a {@link DatadogUnreachableException}. No attempt and no
 * wait goes past the deadline. Keys and bodies are never logged.
 */
final class RetryLoop {
  private static final Logger LOG = LoggerFactory.getLogger(DatadogClient.class);

  private final AttemptSender sender;
  private final RetryPolicy policy;
  private final RateLimitGate gate;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final Clock clock;

  RetryLoop(
      AttemptSender sender,
      RetryPolicy policy,
      RateLimitGate gate,
      Sleeper sleeper,
      DoubleSupplier jitter,
      Clock clock) {
    this.sender = sender;
    this.policy = policy;
    this.gate = gate;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.clock = clock;
  }

  /** Sends {@code template} (a fresh copy per attempt) to {@code endpoint}, under {@code limit}. */
  DatadogResponse call(
      DatadogEndpoint endpoint, String limit, HttpRequest.Builder template, Deadline deadline) {
    Deadline.Ticker ticker = deadline.ticker();
    long start = ticker.nanoTime();
    int attempts = 0;
    HttpResponse<byte[]> last = null;
    String lastFailure = "no time left to try";
    // The gate's closure this call already slept through in its own backoff (a 429 it received):
    // the gate does not make it wait for that closure twice.
    long waitedOutUntil = ticker.nanoTime();
    while (true) {
      Duration remaining = deadline.remaining();
      if (!policy.leavesTimeForAnAttempt(remaining)) {
        break;
      }
      // Another call of this key and endpoint was told to wait: wait too, if the deadline allows.
      Duration closed = gate.wait(limit, ticker.nanoTime(), waitedOutUntil);
      if (!closed.isZero()) {
        Duration capped = policy.capRateLimitWait(closed);
        if (!policy.leavesTimeForAnAttempt(remaining.minus(capped))) {
          lastFailure = "rate limited until after the deadline";
          break;
        }
        if (!sleep(capped)) {
          lastFailure = "interrupted";
          break;
        }
        remaining = deadline.remaining();
        if (!policy.leavesTimeForAnAttempt(remaining)) {
          break;
        }
      }
      Duration timeout = policy.attemptTimeout(remaining);
      attempts++;
      long attemptStart = ticker.nanoTime();
      HttpResponse<byte[]> response = null;
      try {
        response = sender.send(template.copy().timeout(timeout).build(), timeout);
        last = response;
      } catch (IOException | TimeoutException e) {
        lastFailure = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lastFailure = "interrupted";
        break;
      }
      long attemptMs = millisSince(ticker, attemptStart);
      long ownClosureUntil = 0;
      Duration ownClosure = Duration.ZERO;
      Optional<Duration> announced = Optional.empty();
      if (response != null) {
        announced = RateLimitHeaders.announcedWait(response.headers(), clock.instant());
        Optional<Duration> closes =
            RateLimitGate.closes(
                response.statusCode(),
                announced,
                response.headers().firstValue(RateLimitHeaders.REMAINING));
        if (closes.isPresent()) {
          ownClosure = policy.capRateLimitWait(closes.get());
          ownClosureUntil = gate.close(limit, ownClosure, ticker.nanoTime());
        }
        LOG.debug(
            "datadog {} attempt {} -> {} in {} ms",
            endpoint,
            attempts,
            response.statusCode(),
            attemptMs);
        if (!RetryPolicy.retryable(response.statusCode())) {
          return toResponse(response, ticker, start, attempts);
        }
      } else {
        LOG.debug(
            "datadog {} attempt {} -> {} after {} ms", endpoint, attempts, lastFailure, attemptMs);
      }
      if (attempts >= policy.maxAttempts()) {
        break;
      }
      Duration wait =
          policy.backoff(
              attempts,
              jitter.getAsDouble(),
              response != null && response.statusCode() == 429 ? announced : Optional.empty());
      if (!policy.leavesTimeForAnAttempt(deadline.remaining().minus(wait))) {
        break;
      }
      if (!sleep(wait)) {
        lastFailure = "interrupted";
        break;
      }
      if (!ownClosure.isZero() && wait.compareTo(ownClosure) >= 0) {
        // This backoff (after a 429, at least its announced reset) outlasted the closure that
        // answer set: the gate does not hold this call for it again.
        waitedOutUntil = ownClosureUntil;
      }
    }
    long elapsed = millisSince(ticker, start);
    if (last != null) {
      LOG.info(
          "datadog {} gave up after {} attempt(s) in {} ms; last status {}",
          endpoint,
          attempts,
          elapsed,
          last.statusCode());
      return toResponse(last, ticker, start, attempts);
    }
    LOG.warn(
        "datadog {} unreachable after {} attempt(s) in {} ms ({})",
        endpoint,
        attempts,
        elapsed,
        lastFailure);
    throw new DatadogUnreachableException(
        "Datadog could not be reached ("
            + endpoint.path()
            + ": "
            + lastFailure
            + " after "
            + attempts
            + " attempt(s) in "
            + elapsed
            + " ms).",
        attempts,
        elapsed);
  }

  /** False when interrupted (the flag is set again). */
  private boolean sleep(Duration d) {
    try {
      sleeper.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static DatadogResponse toResponse(
      HttpResponse<byte[]> r, Deadline.Ticker ticker, long start, int attempts) {
    return new DatadogResponse(
        r.statusCode(),
        new String(r.body(), StandardCharsets.UTF_8),
        r.headers().map(),
        millisSince(ticker, start),
        attempts);
  }

  private static long millisSince(Deadline.Ticker ticker, long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(ticker.nanoTime() - startNanos);
  }
}
