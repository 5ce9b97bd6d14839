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
 * Reads and writes {@code docs/vectors/envelope-v1.json}, the golden envelopes shared by
 * shared-crypto's tests and the client's (this class is in shared-crypto's test-jar). The format is
 * docs/envelope.md#golden-vectors; binary members are unpadded base64url.
 */
public final class GoldenVectors {
  /** The file, relative to the repository root. */
  public static final String RELATIVE_PATH = "docs/vectors/envelope-v1.json";

  /** System property that overrides where the file is looked for. */
  public static final String PATH_PROPERTY = "quantaseal.envelope.vectors";

  /** The members of a vector, in the order of docs/envelope.md#golden-vectors. */
  public static final List<String> VECTOR_MEMBERS =
      List.of(
          "name",
          "recipient_seed",
          "signer_seed",
          "mac_key",
          "encaps_m",
          "iv",
          "rid",
          "iat",
          "rkid",
          "skid",
          "hkid",
          "plaintext",
          "H",
          "S",
          "envelope");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private GoldenVectors() {}

  /**
   * The vectors file: {@code -Dquantaseal.envelope.vectors=...} if set, otherwise {@value
   * #RELATIVE_PATH} in the working directory or one of its parents (a module directory, such as
   * {@code shared-crypto/} or {@code clients/java/}, is the working directory of its tests).
   */
  public static Path file() {
    String override = System.getProperty(PATH_PROPERTY);
    if (override != null && !override.isBlank()) {
      return Paths.get(override).toAbsolutePath().normalize();
    }
    Path dir = Paths.get("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve(RELATIVE_PATH);
      if (Files.isRegularFile(candidate)) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(RELATIVE_PATH + " not found from " + dir);
  }

  /** Every vector of {@link #file()}, in file order. */
  public static List<GoldenVector> load() {
    return load(file());
  }

  public static List<GoldenVector> load(Path path) {
    try {
      return parse(Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's text as a tree, for tests of its exact shape. */
  public static ObjectNode tree(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<GoldenVector> parse(String text) {
    ObjectNode root = tree(text);
    List<GoldenVector> out = new ArrayList<>();
    for (JsonNode v : root.required("vectors")) {
      out.add(
          new GoldenVector(
              v.required("name").textValue(),
              bytes(v, "recipient_seed"),
              bytes(v, "signer_seed"),
              bytes(v, "mac_key"),
              bytes(v, "encaps_m"),
              bytes(v, "iv"),
              v.required("rid").textValue(),
              v.required("iat").longValue(),
              v.required("rkid").textValue(),
              v.required("skid").textValue(),
              v.required("hkid").textValue(),
              bytes(v, "plaintext"),
              bytes(v, "H"),
              bytes(v, "S"),
              (ObjectNode) v.required("envelope")));
    }
    return out;
  }

  private static byte[] bytes(JsonNode v, String member) {
    return B64D.decode(v.required(member).textValue());
  }

  /**
   * The file's exact text: two-space indentation, "\n" line ends, members in the order of
   * docs/envelope.md#golden-vectors, UTF-8 text unescaped, and a final newline.
   */
  public static String render(String suiteId, List<GoldenVector> vectors) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("suite", suiteId);
    ArrayNode list = root.putArray("vectors");
    for (GoldenVector v : vectors) {
      ObjectNode o = list.addObject();
      o.put("name", v.name());
      o.put("recipient_seed", B64.encodeToString(v.recipientSeed()));
      o.put("signer_seed", B64.encodeToString(v.signerSeed()));
      o.put("mac_key", B64.encodeToString(v.macKey()));
      o.put("encaps_m", B64.encodeToString(v.encapsM()));
      o.put("iv", B64.encodeToString(v.iv()));
      o.put("rid", v.rid());
      o.put("iat", v.iat());
      o.put("rkid", v.rkid());
      o.put("skid", v.skid());
      o.put("hkid", v.hkid());
      o.put("plaintext", B64.encodeToString(v.plaintext()));
      o.put("H", B64.encodeToString(v.header()));
      o.put("S", B64.encodeToString(v.signed()));
      o.set("envelope", v.envelope());
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
