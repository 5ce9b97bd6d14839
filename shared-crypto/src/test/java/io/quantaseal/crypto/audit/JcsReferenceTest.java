package io.quantaseal.crypto.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Jcs} against docs/vectors/rfc8785-jcs.json: RFC 8785's own examples and outputs computed
 * by an independent implementation, so the canonical form is RFC 8785's and not merely stable.
 */
class JcsReferenceTest {
  private static final JsonNode FILE = VectorFiles.json("rfc8785-jcs.json");

  static Stream<Arguments> cases() {
    return VectorFiles.list(FILE.required("cases")).stream()
        .map(
            c ->
                Arguments.of(
                    Named.of(c.required("name").textValue(), c.required("input").textValue()),
                    c.required("output").textValue()));
  }

  static Stream<Arguments> numbers() {
    return VectorFiles.list(FILE.required("numbers")).stream()
        .map(
            n ->
                Arguments.of(
                    Named.of(
                        n.required("bits").textValue(),
                        Double.longBitsToDouble(
                            Long.parseUnsignedLong(n.required("bits").textValue(), 16))),
                    n.required("output").textValue()));
  }

  static Stream<Arguments> invalid() {
    return VectorFiles.list(FILE.required("invalid")).stream()
        .map(
            c ->
                Arguments.of(
                    Named.of(c.required("name").textValue(), c.required("input").textValue())));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void canonicalizesLikeRfc8785(String input, String output) {
    assertArrayEquals(output.getBytes(StandardCharsets.UTF_8), Jcs.canonicalize(input));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void canonicalFormIsAFixedPoint(String input, String output) {
    assertEquals(output, new String(Jcs.canonicalize(output), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("numbers")
  void printsNumbersLikeEcmaScript(double value, String output) {
    assertEquals(output, Jcs.canonicalString(DoubleNode.valueOf(value)));
  }

  @ParameterizedTest
  @MethodSource("numbers")
  void printsNumbersLikeEcmaScriptInsideObjects(double value, String output) {
    String json = "{\"n\":" + Jcs.canonicalString(DoubleNode.valueOf(value)) + "}";
    assertEquals(
        "{\"n\":" + output + "}", new String(Jcs.canonicalize(json), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejects(String input) {
    assertThrows(AuditFormatException.class, () -> Jcs.canonicalize(input));
  }
}
