package io.quantaseal.tenantadmin.audit;

import io.quantaseal.common.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Audit records as CSV (RFC 4180): one header line, one line per record, CRLF line ends; {@code
 * resource} and {@code details} as JSON text. Every field is quoted when it holds a comma, a quote,
 * CR or LF (quotes doubled). A field that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, tab or CR) gets a leading {@code '} (OWASP "CSV Injection").
 */
final class AuditCsv {
  static final List<String> COLUMNS =
      List.of(
          "audit_id",
          "tenant_id",
          "time",
          "action",
          "outcome",
          "request_id",
          "actor",
          "resource",
          "details",
          "security_alert");

  private AuditCsv() {}

  static String write(List<Map<String, Object>> records) {
    StringBuilder sb = new StringBuilder();
    line(sb, COLUMNS);
    for (Map<String, Object> r : records) {
      line(
          sb,
          COLUMNS.stream()
              .map(
                  c -> {
                    Object v = r.get(c);
                    if (v == null) {
                      return "";
                    }
                    return v instanceof String s ? s : Json.write(v);
                  })
              .toList());
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(field(fields.get(i)));
    }
    sb.append("\r\n");
  }

  static String field(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\r') >= 0
        || v.indexOf('\n') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
