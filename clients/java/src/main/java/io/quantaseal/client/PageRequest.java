package io.quantaseal.client;

/**
 * Which page of a list to ask for: at most {@code limit} items after {@code cursor} (both optional;
 * the service's defaults otherwise).
 *
 * @param limit the largest number of items, or null for the service's default
 * @param cursor the {@code next_cursor} of the page before, or null for the first page
 */
public record PageRequest(Integer limit, String cursor) {
  /**
   * Checks the limit.
   *
   * @param limit the largest number of items, or null for the service's default
   * @param cursor the {@code next_cursor} of the page before, or null for the first page
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  public PageRequest {
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1");
    }
  }

  /**
   * The first page, of the service's default size.
   *
   * @return the request
   */
  public static PageRequest first() {
    return new PageRequest(null, null);
  }

  /**
   * The first page, of at most {@code limit} items.
   *
   * @param limit at least 1
   * @return the request
   */
  public static PageRequest ofSize(int limit) {
    return new PageRequest(limit, null);
  }

  /**
   * The page after the one whose {@code next_cursor} is given, of the same size.
   *
   * @param nextCursor the cursor
   * @return the request
   */
  public PageRequest after(String nextCursor) {
    return new PageRequest(limit, nextCursor);
  }
}
