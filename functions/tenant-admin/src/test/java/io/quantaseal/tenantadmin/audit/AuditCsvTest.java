package io.quantaseal.tenantadmin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditCsvTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "plain|plain",
        "a,b|\"a,b\"",
        "say \"hi\"|\"say \"\"hi\"\"\"",
        "=HYPERLINK(\"x\")|\"'=HYPERLINK(\"\"x\"\")\"",
        "+1|'+1",
        "-2|'-2",
        "@SUM(A1)|'@SUM(A1)",
        "a-b|a-b"
      })
  void field_isQuotedWhenNeeded_andFormulasAreDisarmed(String in, String out) {
    assertEquals(out, AuditCsv.field(in));
  }

  @Test
  void controlCharacters_atTheStart_andLineBreaks() {
    assertEquals("'\tx", AuditCsv.field("\tx"));
    assertEquals("\"'\rx\"", AuditCsv.field("\rx"));
    assertEquals("\"a\nb\"", AuditCsv.field("a\nb"));
  }

  @Test
  void objects_areJsonText_andMissingMembersEmpty() {
    String csv =
        AuditCsv.write(
            List.of(
                Map.of("audit_id", "aud_1", "details", Map.of("k", "=1"), "resource", Map.of())));
    assertEquals(
        String.join(",", AuditCsv.COLUMNS) + "\r\naud_1,,,,,,,{},\"{\"\"k\"\":\"\"=1\"\"}\",\r\n",
        csv);
  }
}
