package io.quantaseal.siem.metrics;

import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Reads a tenant's audit records in a time range (strongly consistent), for the metrics push. */
public final class AuditTrail {
  private final DynamoDbClient dynamo;
  private final String table;

  public AuditTrail(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** Records of the tenant with from ≤ time < to, oldest first. */
  public List<AuditRecord> between(String tenantId, Instant from, Instant to) {
    return AuditLog.between(dynamo, table, tenantId, from, to);
  }
}
