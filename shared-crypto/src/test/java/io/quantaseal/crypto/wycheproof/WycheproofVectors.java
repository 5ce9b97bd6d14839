package io.quantaseal.crypto.wycheproof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads Wycheproof files shipped in this module's test resources ({@code /wycheproof/}, copied from
 * the Wycheproof project with its LICENSE) and tallies results per file.
 */
public final class WycheproofVectors {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();

  private WycheproofVectors() {}

  /** Every test case of {@code fileName}, in file order. */
  public static List<WycheproofCase> load(String fileName) {
    try (InputStream in = WycheproofVectors.class.getResourceAsStream("/wycheproof/" + fileName)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /wycheproof/" + fileName);
      }
      JsonNode root = MAPPER.readTree(in);
      List<WycheproofCase> cases = new ArrayList<>();
      for (JsonNode group : root.get("testGroups")) {
        for (JsonNode test : group.get("tests")) {
          cases.add(new WycheproofCase(fileName, group, test));
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records that a case passed (call after its assertions). */
  public static void passed(WycheproofCase c) {
    PASSED.computeIfAbsent(c.file(), f -> new AtomicInteger()).incrementAndGet();
  }

  /** Prints "wycheproof FILE: passed P of N (valid V, invalid I, acceptable A)". */
  public static void report(String fileName) {
    List<WycheproofCase> all = load(fileName);
    long valid = all.stream().filter(WycheproofCase::expectValid).count();
    long invalid = all.stream().filter(WycheproofCase::expectInvalid).count();
    int passed = PASSED.getOrDefault(fileName, new AtomicInteger()).get();
    System.out.printf(
        "wycheproof %s: passed %d of %d (valid %d, invalid %d, acceptable %d)%n",
        fileName, passed, all.size(), valid, invalid, all.size() - valid - invalid);
  }
}
