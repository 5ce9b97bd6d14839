/**
 * One paginator for every list (docs/clients.md): a list answer is one page, `nextCursor` names
 * the next; iterating the paginator walks every page until there is no cursor. Today's server
 * answers everything in one page; the same code follows `limit`/`cursor`/`next_cursor` when the
 * lists grow them.
 */
import { ResponseFormatError } from "./errors.js";

/** One page of a list. */
export interface Page<T> {
  readonly items: readonly T[];
  /** The cursor of the next page; absent on the last page. */
  readonly nextCursor?: string | undefined;
}

/** Options of every list call. */
export interface ListInput {
  /** The page size the server should use (the server may use fewer). */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/**
 * Every item of every page, fetched lazily, page by page:
 * `for await (const entry of qs.vault.listAll()) { … }`.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  firstCursor?: string,
): AsyncGenerator<T, void, undefined> {
  let cursor = firstCursor;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (page.nextCursor === undefined || page.nextCursor === "") {
      return;
    }
    if (seen.has(page.nextCursor)) {
      throw new ResponseFormatError("the server repeated a pagination cursor");
    }
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}
