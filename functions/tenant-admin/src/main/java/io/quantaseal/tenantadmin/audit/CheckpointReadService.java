package io.quantaseal.tenantadmin.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.OperationNotAllowedException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.audit.CheckpointRepository;
import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.crypto.audit.AuditTime;
import io.quantaseal.crypto.audit.SignedCheckpoint;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v2/audit/checkpoints} (docs/audit.md; docs/api.md, "Audit checkpoints"): the
 * caller's tenant's signed checkpoints whose period meets [{@code from}, {@code to}), oldest first,
 * each as {@code {"body": {...}, "sig": "..."}} exactly as stored and signed, paginated. Needs the
 * {@code admin} scope, like the records they cover.
 */
public final class CheckpointReadService {
  private final CheckpointRepository checkpoints;
  private final AuditLog audit;
  private final Pagination pagination;

  public CheckpointReadService(
      CheckpointRepository checkpoints, AuditLog audit, Pagination pagination) {
    this.checkpoints = checkpoints;
    this.audit = audit;
    this.pagination = pagination;
  }

  // GET /api/v2/audit/checkpoints
  public ApiResponse list(ApiRequest request) {
    Caller caller = request.caller();
    if (!caller.hasScope(Caller.SCOPE_ADMIN)) {
      audit
          .record(caller.tenantId(), AuditActions.AUDIT_READ, request.requestId())
          .actor(caller.apiKeyId())
          .outcome(AuditRecord.DENIED)
          .detail("reason", AuditActions.REASON_MISSING_SCOPE)
          .detail("list", "audit_checkpoints")
          .securityAlert(AuditActions.ALERT_POLICY_DENIAL)
          .write();
      throw new OperationNotAllowedException(
          "This API key lacks the admin scope, which reading the audit checkpoints needs.");
    }
    Instant from = AuditReadService.time(request, "from").orElse(AuditReadService.EARLIEST);
    Instant to = AuditReadService.time(request, "to").orElse(AuditReadService.LATEST);
    String list =
        "audit_checkpoints|"
            + AuditTime.format(AuditTime.truncate(from))
            + "|"
            + AuditTime.format(AuditTime.truncate(to));
    Page<SignedCheckpoint> page =
        checkpoints.page(caller.tenantId(), from, to, pagination.read(request, list));
    List<ObjectNode> items = page.items().stream().map(SignedCheckpoint::toJson).toList();
    return ApiResponse.json(200, pagination.body(request, list, "checkpoints", page, items))
        .withHeader("Cache-Control", "no-store");
  }
}
