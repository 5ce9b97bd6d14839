package io.quantaseal.common.paging;

import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.crypto.vault.Keyring;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@code limit} and {@code cursor} query parameters of every list, and the {@code next_cursor}
 * of its answer (docs/api.md, "Pagination"): {@code limit} 1 to 200, default 50; anything else is
 * 400 {@code invalid_request}. A cursor that does not open for the caller's tenant and this list
 * (another tenant's, another list's, tampered) is 400 too, and audited ({@code
 * list.cursor_rejected}, denied).
 */
public final class Pagination {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,4}");

  private final ListCursors cursors;
  private final AuditLog audit;

  public Pagination(ListCursors cursors, AuditLog audit) {
    this.cursors = cursors;
    this.audit = audit;
  }

  /**
   * The deployment's pagination: cursors under the list-cursor key kept in {@code vaultTable}
   * ({@link ListCursorKey}), wrapped by {@code keyring} under {@code serviceKeyId}.
   */
  public static Pagination create(
      DynamoDbClient dynamo,
      String vaultTable,
      Keyring keyring,
      String serviceKeyId,
      SecureRandom random,
      AuditLog audit) {
    return new Pagination(
        new ListCursors(
            new ListCursorKey(dynamo, vaultTable, keyring, serviceKeyId, random), random),
        audit);
  }

  /** The page {@code request} asks for from {@code list} (e.g. {@code "vault_entries"}). */
  public PageRequest read(ApiRequest request, String list) {
    int limit = limit(request.queryParameter("limit"));
    Optional<String> cursor = request.queryParameter("cursor");
    if (cursor.isEmpty()) {
      return PageRequest.first(limit);
    }
    Caller caller = request.caller();
    try {
      return new PageRequest(
          limit, Optional.of(cursors.open(caller.tenantId(), list, cursor.get())));
    } catch (InvalidRequestException e) {
      audit
          .record(caller.tenantId(), AuditActions.LIST_CURSOR_REJECTED, request.requestId())
          .actor(caller.apiKeyId())
          .outcome(AuditRecord.DENIED)
          .detail("list", list)
          .detail("reason", "invalid_cursor")
          .write();
      throw e;
    }
  }

  /** {@code next_cursor} of {@code page} in {@code list}: null on the last page. */
  public String nextCursor(ApiRequest request, String list, Page<?> page) {
    return page.nextAfter()
        .map(after -> cursors.seal(request.caller().tenantId(), list, after))
        .orElse(null);
  }

  /** The answer of a list: {@code {<itemsName>: [...], "next_cursor": …|null}}. */
  public Map<String, Object> body(
      ApiRequest request, String list, String itemsName, Page<?> page, List<?> items) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(itemsName, items);
    out.put("next_cursor", nextCursor(request, list, page));
    return out;
  }

  static int limit(Optional<String> raw) {
    if (raw.isEmpty()) {
      return PageRequest.DEFAULT_LIMIT;
    }
    String v = raw.get();
    if (!DIGITS.matcher(v).matches()) {
      throw badLimit();
    }
    int n = Integer.parseInt(v);
    if (n < 1 || n > PageRequest.MAX_LIMIT) {
      throw badLimit();
    }
    return n;
  }

  private static InvalidRequestException badLimit() {
    return new InvalidRequestException(
        "Parameter 'limit' must be a whole number from 1 to "
            + PageRequest.MAX_LIMIT
            + " (default "
            + PageRequest.DEFAULT_LIMIT
            + ").");
  }
}
