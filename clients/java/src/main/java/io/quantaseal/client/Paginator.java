package io.quantaseal.client;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/** Every item of every page, fetched as the iteration reaches it. */
final class Paginator<T> implements Iterable<T> {
  private final PageRequest first;
  private final Function<PageRequest, Page<T>> fetch;

  Paginator(PageRequest first, Function<PageRequest, Page<T>> fetch) {
    this.first = first;
    this.fetch = fetch;
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private final Set<String> seen = new HashSet<>();
      private PageRequest next = first;
      private Iterator<T> items = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!items.hasNext() && next != null) {
          Page<T> page = fetch.apply(next);
          items = page.items().iterator();
          next = null;
          if (page.nextCursor().isPresent()) {
            String cursor = page.nextCursor().get();
            if (!seen.add(cursor)) {
              throw new UnexpectedResponseException(
                  "the service answered the same next_cursor twice", 200, null);
            }
            next = first.after(cursor);
          }
        }
        return items.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return items.next();
      }
    };
  }
}
