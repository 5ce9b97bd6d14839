package io.quantaseal.client;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One page of a list answer: its items and, when there are more, the cursor of the next page
 * ({@code next_cursor}, sent back as {@code cursor}). A list the service does not paginate is one
 * page without a cursor. Iterate over every page with the resource's {@code paginate…} methods.
 *
 * @param items the items of this page
 * @param nextCursor the cursor of the next page, empty on the last
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) implements Iterable<T> {
  /**
   * Copies the items.
   *
   * @param items the items of this page
   * @param nextCursor the cursor of the next page, empty on the last
   * @throws NullPointerException if an argument is null
   */
  public Page {
    items = List.copyOf(items);
    nextCursor = nextCursor.filter(c -> !c.isEmpty());
  }

  @Override
  public Iterator<T> iterator() {
    return items.iterator();
  }

  /**
   * Whether another page follows.
   *
   * @return true when {@link #nextCursor()} is present
   */
  public boolean hasNext() {
    return nextCursor.isPresent();
  }
}
