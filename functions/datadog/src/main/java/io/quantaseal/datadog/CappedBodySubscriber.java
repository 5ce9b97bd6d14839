package io.quantaseal.datadog;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A response body read whole but kept only up to a limit: the rest is consumed and dropped, so a
 * huge or endless answer costs no memory beyond the limit.
 */
final class CappedBodySubscriber implements Flow.Subscriber<List<ByteBuffer>> {
  /** Longest response body kept (Datadog's answers are small). */
  static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  private final int max;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  CappedBodySubscriber(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
    this.max = max;
  }

  /** The body handler's subscriber: the first {@code max} bytes of the body. */
  static HttpResponse.BodySubscriber<byte[]> upTo(int max) {
    CappedBodySubscriber s = new CappedBodySubscriber(max);
    return HttpResponse.BodySubscribers.fromSubscriber(s, CappedBodySubscriber::bytes);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer b : buffers) {
      int n = Math.min(max - out.size(), b.remaining());
      if (n > 0) {
        byte[] chunk = new byte[n];
        b.get(chunk);
        out.write(chunk, 0, n);
      }
      b.position(b.limit());
    }
  }

  @Override
  public void onError(Throwable throwable) {
    // the response future completes exceptionally; nothing to keep
  }

  @Override
  public void onComplete() {
    // bytes() is called next
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
