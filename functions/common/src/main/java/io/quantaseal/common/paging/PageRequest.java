package io.quantaseal.common.paging;

import java.util.Objects;
import java.util.Optional;

/**
 * One page asked for: at most {@code limit} items after {@code after}, the sort key of the last
 * item of the previous page (empty: from the start). {@code after} comes out of an authenticated
 * cursor ({@link ListCursors}), never from the caller in clear.
 */
public record PageRequest(int limit, Optional<String> after) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range: " + limit);
    }
    Objects.requireNonNull(after, "after");
  }

  /** The first page of {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }
}
