package io.quantaseal.common.paging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list: its items and, if more follow, the sort key of its last item (which the next
 * page starts after; {@link ListCursors} turns it into the opaque {@code next_cursor}).
 */
public record Page<T>(List<T> items, Optional<String> nextAfter) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextAfter, "nextAfter");
  }

  /** The same page with every item mapped. */
  public <R> Page<R> map(Function<? super T, ? extends R> f) {
    return new Page<>(items.stream().<R>map(f).toList(), nextAfter);
  }
}
