package io.quantaseal.client.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java conformance runner on the shipped file (every case passes) and on altered copies of it
 * (each altered case is reported, by name, and counted as failed).
 */
class ConformanceRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The shipped file: -Dquantaseal.envelope.conformance (surefire), else found from here up. */
  static Path shippedFile() {
    String override = System.getProperty("quantaseal.envelope.conformance");
    if (override != null && !override.isBlank()) {
      return Paths.get(override);
    }
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("docs/vectors/envelope-v1-conformance.json");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("docs/vectors/envelope-v1-conformance.json not found");
  }

  /** What one run printed and returned. */
  record Run(int status, List<String> out, String err) {
    String last() {
      return out.get(out.size() - 1);
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = ConformanceRunner.run(List.of(args), o, e);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
    return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void shippedFile_everyCasePasses() throws IOException {
    int cases = JSON.readTree(shippedFile().toFile()).get("vectors").size();
    assertTrue(cases >= 40, "the shipped file has at least 40 cases");
    Run r = run(shippedFile().toString());
    assertEquals(List.of(cases + " passed, 0 failed"), r.out(), "no FAIL line, one closing line");
    assertEquals(ConformanceRunner.ALL_PASSED, r.status());
    assertEquals("", r.err());
  }

  @Test
  void alteredCases_areReportedByName_andCounted(@TempDir Path dir) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(shippedFile().toFile());
    ArrayNode vectors = (ArrayNode) root.get("vectors");
    ObjectNode valid = find(vectors, "valid-proxy-answer");
    int proxyAnswer = Base64.getUrlDecoder().decode(valid.get("plaintext").textValue()).length;
    ObjectNode invalid = find(vectors, "mac-bit-flipped");
    ObjectNode otherPlaintext = find(vectors, "valid-empty-plaintext");
    ObjectNode wrongKey = find(vectors, "valid-every-byte-value");
    ObjectNode noKey = find(vectors, "sig-bit-flipped");
    // A valid envelope declared invalid, and the other way round: both must fail.
    valid.put("result", "invalid");
    valid.remove("plaintext");
    invalid.put("result", "valid");
    invalid.put("plaintext", "");
    // A valid envelope that opens, but to something else than the case says.
    otherPlaintext.put("plaintext", "eA");
    // The holder given another MAC key: the valid envelope no longer opens.
    wrongKey.put("mac_key", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]));
    // A case without its server key is a failure, not a skip.
    noKey.remove("server_public_key");
    Path file = dir.resolve("altered.json");
    Files.writeString(file, JSON.writeValueAsString(root));

    Run r = run(file.toString());
    assertEquals(ConformanceRunner.SOME_FAILED, r.status());
    assertEquals((vectors.size() - 5) + " passed, 5 failed", r.last());
    // One line per failing case, in file order, saying what went wrong.
    assertEquals(
        List.of(
            "FAIL valid-empty-plaintext: opened to a different plaintext (0 bytes, expected 1)",
            "FAIL valid-proxy-answer: expected invalid, but it opened (" + proxyAnswer + " bytes)",
            "FAIL valid-every-byte-value: expected valid, but it was rejected (invalid envelope)",
            "FAIL sig-bit-flipped: malformed case: 'server_public_key' must be a string",
            "FAIL mac-bit-flipped: expected valid, but it was rejected (invalid envelope)"),
        r.out().subList(0, r.out().size() - 1));
  }

  @Test
  void noFile_orNotAConformanceFile_isBadInput(@TempDir Path dir) throws IOException {
    Run none = run();
    assertEquals(ConformanceRunner.BAD_INPUT, none.status());
    assertTrue(none.err().startsWith("usage: conformance-runner FILE"), none.err());

    Run missing = run(dir.resolve("missing.json").toString());
    assertEquals(ConformanceRunner.BAD_INPUT, missing.status());
    assertTrue(missing.err().contains("cannot read"), missing.err());
    assertEquals(List.of(), missing.out());

    for (String text :
        List.of(
            "not json",
            "[]",
            "{\"suite\":\"QS1-MLKEM768-HKDFSHA512-A256GCM-MLDSA65-HS512\",\"vectors\":[]}",
            "{\"suite\":\"QS2\",\"vectors\":[{}]}")) {
      Path f = dir.resolve("bad.json");
      Files.writeString(f, text);
      Run bad = run(f.toString());
      assertEquals(ConformanceRunner.BAD_INPUT, bad.status(), text);
      assertTrue(bad.err().contains("is not a conformance file"), bad.err());
    }
  }

  private static ObjectNode find(ArrayNode vectors, String name) {
    for (JsonNode v : vectors) {
      if (v.get("name").textValue().equals(name)) {
        return (ObjectNode) v;
      }
    }
    throw new IllegalArgumentException(name);
  }
}
