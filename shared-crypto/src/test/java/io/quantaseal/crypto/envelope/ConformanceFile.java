package io.quantaseal.crypto.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads and writes {@code docs/vectors/envelope-v1-conformance.json}
 * (docs/envelope.md#conformance): binary members unpadded base64url, {@code plaintext} only in
 * valid cases. A case's {@link ConformanceCase#rejection()} is not part of the file: read back, it
 * is {@code NONE} for a valid case and null for an invalid one.
 */
public final class ConformanceFile {
  /** The file, relative to the repository root. */
  public static final String RELATIVE_PATH = "docs/vectors/envelope-v1-conformance.json";

  /** The members of a case, in the order of docs/envelope.md#conformance. */
  public static final List<String> CASE_MEMBERS =
      List.of(
          "name",
          "recipient_seed",
          "rkid",
          "server_public_key",
          "skid",
          "mac_key",
          "hkid",
          "now",
          "envelope",
          "result",
          "plaintext");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private ConformanceFile() {}

  /** {@value #RELATIVE_PATH} in the working directory or one of its parents. */
  public static Path file() {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve(RELATIVE_PATH);
      if (Files.isRegularFile(candidate)) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(RELATIVE_PATH + " not found from " + dir);
  }

  public static ObjectNode tree(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cases of a file; {@code rejection} is NONE for valid cases and null for invalid ones. */
  public static List<ConformanceCase> parse(String text) {
    List<ConformanceCase> out = new ArrayList<>();
    for (JsonNode c : tree(text).required("vectors")) {
      boolean valid = c.required("result").textValue().equals("valid");
      out.add(
          new ConformanceCase(
              c.required("name").textValue(),
              bytes(c, "recipient_seed"),
              c.required("rkid").textValue(),
              bytes(c, "server_public_key"),
              c.required("skid").textValue(),
              bytes(c, "mac_key"),
              c.required("hkid").textValue(),
              c.required("now").longValue(),
              c.required("envelope").textValue(),
              valid ? bytes(c, "plaintext") : null,
              valid ? ConformanceCase.Rejection.NONE : null));
    }
    return out;
  }

  private static byte[] bytes(JsonNode c, String member) {
    return B64D.decode(c.required(member).textValue());
  }

  /**
   * The file's exact text: two-space indentation, "\n" line ends, members in the order of
   * docs/envelope.md#conformance, UTF-8 text unescaped, and a final newline.
   */
  public static String render(String suiteId, List<ConformanceCase> cases) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("suite", suiteId);
    ArrayNode list = root.putArray("vectors");
    for (ConformanceCase c : cases) {
      ObjectNode o = list.addObject();
      o.put("name", c.name());
      o.put("recipient_seed", B64.encodeToString(c.recipientSeed()));
      o.put("rkid", c.rkid());
      o.put("server_public_key", B64.encodeToString(c.serverPublicKey()));
      o.put("skid", c.skid());
      o.put("mac_key", B64.encodeToString(c.macKey()));
      o.put("hkid", c.hkid());
      o.put("now", c.now());
      o.put("envelope", c.envelope());
      o.put("result", c.valid() ? "valid" : "invalid");
      if (c.valid()) {
        o.put("plaintext", B64.encodeToString(c.plaintext()));
      }
    }
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    try {
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
