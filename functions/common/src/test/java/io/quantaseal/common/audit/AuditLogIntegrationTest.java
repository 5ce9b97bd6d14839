package io.quantaseal.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.testsupport.LocalDynamoDb;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Range reads over the audit table on DynamoDB Local, at the edges of a period. */
class AuditLogIntegrationTest {
  @Test
  void between_includesWholeSecondRecordsAtBothEdges_andNothingOutside() {
    try (LocalDynamoDb db = LocalDynamoDb.start()) {
      QuantaSealConfig config = QuantaSealConfig.from(Map.of());
      TableDefinitions.createMissing(db.client(), config);
      Instant from = Instant.parse("2026-11-26T19:42:00Z");
      Instant to = Instant.parse("2026-11-26T19:43:00Z");
      List<Instant> times =
          List.of(
              from.minusNanos(1), // outside
              from, // first instant: inside
              from.plusMillis(500),
              Instant.parse("2026-11-26T19:42:59Z"), // whole second in the last second: inside
              to.minusNanos(1), // last instant: inside
              to); // outside
      for (Instant t : times) {
        new AuditLog(
                db.client(),
                config.auditTable(),
                new Ids(new SecureRandom()),
                Clock.fixed(t, ZoneOffset.UTC))
            .record("ten_a", AuditActions.VAULT_SEAL, "req_1")
            .write();
      }
      AuditLog log =
          new AuditLog(
              db.client(), config.auditTable(), new Ids(new SecureRandom()), Clock.systemUTC());
      List<Instant> found = log.between("ten_a", from, to).stream().map(AuditRecord::time).toList();
      // Records keep microseconds (docs/audit.md, "Records").
      assertEquals(
          times.subList(1, 5).stream().map(t -> t.truncatedTo(ChronoUnit.MICROS)).toList(), found);
    }
  }
}
