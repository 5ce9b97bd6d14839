package io.quantaseal.common.idempotency;

import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import java.util.Optional;

/**
 * How an idempotent route answers: the first call's answer {@code A} becomes a response and, when
 * it succeeded, a {@link StoredAnswer}; a replay is answered from what was stored.
 *
 * @param <A> what the route's action produces
 */
public interface ReplayPolicy<A> {
  /** The response to the call that ran the action. */
  ApiResponse respond(ApiRequest request, A answer);

  /**
   * What a 2xx answer leaves for replays; empty when it must not be kept (it showed a secret once:
   * a replay is then refused with 409).
   */
  Optional<StoredAnswer> store(ApiRequest request, ReplaySlot slot, A answer, ApiResponse sent);

  /** Called once the first call's answer is sent and stored (or not): wipes what it held. */
  default void release(A answer) {}

  /** The response to a replay (same key, same body) of a call whose answer was stored. */
  ApiResponse replay(ApiRequest request, ReplaySlot slot, StoredAnswer stored);

  /** Answers that hold no secret: stored and replayed exactly as sent. */
  static ReplayPolicy<ApiResponse> clear(boolean storable) {
    return new ReplayPolicy<>() {
      @Override
      public ApiResponse respond(ApiRequest request, ApiResponse answer) {
        return answer;
      }

      @Override
      public Optional<StoredAnswer> store(
          ApiRequest request, ReplaySlot slot, ApiResponse answer, ApiResponse sent) {
        return storable
            ? Optional.of(
                new StoredAnswer.Clear(
                    sent.status(), sent.headers(), sent.body() == null ? "" : sent.body()))
            : Optional.empty();
      }

      @Override
      public ApiResponse replay(ApiRequest request, ReplaySlot slot, StoredAnswer stored) {
        if (stored instanceof StoredAnswer.Clear clear) {
          return ApiResponse.raw(clear.status(), clear.headers(), clear.body());
        }
        throw new IllegalStateException("a sealed answer on a route that stores answers in clear");
      }
    };
  }
}
