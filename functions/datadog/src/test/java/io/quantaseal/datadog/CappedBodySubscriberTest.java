package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The response body is kept up to the limit, the rest read and dropped. */
class CappedBodySubscriberTest {

  private static CappedBodySubscriber subscribed(int max, AtomicLong requested) {
    CappedBodySubscriber s = new CappedBodySubscriber(max);
    s.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            requested.addAndGet(n);
          }

          @Override
          public void cancel() {}
        });
    return s;
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void underTheLimit_everything() {
    AtomicLong requested = new AtomicLong();
    CappedBodySubscriber s = subscribed(10, requested);
    s.onNext(List.of(bytes("abc"), bytes("def")));
    s.onComplete();
    assertArrayEquals("abcdef".getBytes(), s.bytes());
    assertEquals(Long.MAX_VALUE, requested.get(), "reads the whole body");
  }

  @Test
  void overTheLimit_theFirstBytes_theRestConsumed() {
    CappedBodySubscriber s = subscribed(5, new AtomicLong());
    ByteBuffer first = bytes("abc");
    ByteBuffer second = bytes("defgh");
    s.onNext(List.of(first, second));
    s.onNext(List.of(bytes("ijk")));
    s.onComplete();
    assertArrayEquals("abcde".getBytes(), s.bytes());
    assertEquals(0, second.remaining(), "dropped bytes are consumed, not left behind");
  }

  @Test
  void exactlyTheLimit_andZero() {
    CappedBodySubscriber s = subscribed(3, new AtomicLong());
    s.onNext(List.of(bytes("abc")));
    assertArrayEquals("abc".getBytes(), s.bytes());
    CappedBodySubscriber none = subscribed(0, new AtomicLong());
    none.onNext(List.of(bytes("abc")));
    assertEquals(0, none.bytes().length);
    assertThrows(IllegalArgumentException.class, () -> new CappedBodySubscriber(-1));
  }

  @Test
  void theClientsLimitIsOneMebibyte() {
    assertEquals(1024 * 1024, DatadogClient.MAX_RESPONSE_BYTES);
  }
}
