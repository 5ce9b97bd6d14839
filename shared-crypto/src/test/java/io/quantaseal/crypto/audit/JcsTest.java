package io.quantaseal.crypto.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What {@link Jcs} adds to the library it wraps: strict input and any JSON value at the top. */
class JcsTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void scalarsAtTheTopAreCanonicalizedToo() {
    assertEquals("\"a\\nb\"", Jcs.canonicalString(F.textNode("a\nb")));
    assertEquals("true", Jcs.canonicalString(F.booleanNode(true)));
    assertEquals("null", Jcs.canonicalString(F.nullNode()));
    assertEquals("1e+21", Jcs.canonicalString(F.numberNode(1e21)));
    assertEquals("-7", new String(Jcs.canonicalize("-7")));
  }

  @Test
  void treesBuiltInCodeAreCheckedLikeParsedOnes() {
    ObjectNode o = F.objectNode();
    o.put("name", "\ud800");
    assertThrows(AuditFormatException.class, () -> Jcs.canonicalize(o));
    ObjectNode key = F.objectNode();
    key.put("x\udfff", 1);
    assertThrows(AuditFormatException.class, () -> Jcs.canonicalize(key));
    assertThrows(
        AuditFormatException.class, () -> Jcs.canonicalize(DoubleNode.valueOf(Double.NaN)));
    assertThrows(
        AuditFormatException.class,
        () -> Jcs.canonicalize(DoubleNode.valueOf(Double.POSITIVE_INFINITY)));
  }

  @Test
  void decimalsInCodeCanonicalizeAsTheDoubleTheyRoundTo() {
    assertEquals("0.1", Jcs.canonicalString(F.numberNode(new BigDecimal("0.1000000000000000001"))));
    assertEquals("4.5", Jcs.canonicalString(F.numberNode(new BigDecimal("4.50"))));
  }

  @Test
  void nestingIsBounded() {
    assertEquals(
        "[".repeat(Jcs.MAX_DEPTH) + "]".repeat(Jcs.MAX_DEPTH),
        Jcs.canonicalString(nested(Jcs.MAX_DEPTH)));
    assertThrows(AuditFormatException.class, () -> Jcs.canonicalize(nested(Jcs.MAX_DEPTH + 1)));
    String deep = "[".repeat(Jcs.MAX_DEPTH + 1) + "]".repeat(Jcs.MAX_DEPTH + 1);
    assertThrows(AuditFormatException.class, () -> Jcs.canonicalize(deep));
  }

  @Test
  void emptyOrMissingInputIsAnError() {
    assertThrows(AuditFormatException.class, () -> Jcs.canonicalize(""));
    assertThrows(AuditFormatException.class, () -> Jcs.canonicalize("   "));
    assertThrows(AuditFormatException.class, () -> Jcs.canonicalize((String) null));
    assertThrows(AuditFormatException.class, () -> Jcs.canonicalize((JsonNode) null));
  }

  @Test
  void errorsNameNoValue() {
    AuditFormatException e =
        assertThrows(
            AuditFormatException.class,
            () -> Jcs.canonicalize("{\"secret\": \"hunter2\", \"secret\": \"hunter2\"}"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  private static JsonNode nested(int depth) {
    ArrayNode root = F.arrayNode();
    ArrayNode a = root;
    for (int i = 1; i < depth; i++) {
      a = a.addArray();
    }
    return root;
  }
}
