package io.quantaseal.datadog;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One attempt over the JDK's HTTP client: the request's timeout bounds the wait for the headers,
 * this one the whole answer, body included (kept up to {@link
 * CappedBodySubscriber#MAX_RESPONSE_BYTES}).
 */
final class AttemptSender {
  /** Slack past the attempt's timeout for the body's last bytes. */
  private static final long BODY_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final HttpClient http;

  AttemptSender(HttpClient http) {
    this.http = http;
  }

  /** A client that never follows redirects (a redirect is an answer, not a new host to call). */
  static HttpClient defaultClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_2)
        .build();
  }

  /**
   * @throws IOException no answer (refused, reset, ...); the message names the failure's class only
   * @throws TimeoutException no whole answer within {@code timeout}; the exchange is cancelled
   */
  HttpResponse<byte[]> send(HttpRequest request, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(
            request, info -> CappedBodySubscriber.upTo(CappedBodySubscriber.MAX_RESPONSE_BYTES));
    try {
      return future.get(timeout.toNanos() + BODY_SLACK_NANOS, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "failed" : cause.getClass().getSimpleName());
    } catch (TimeoutException | InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }
}
