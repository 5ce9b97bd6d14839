package io.quantaseal.crypto.wycheproof;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;

/** One Wycheproof test case together with its test group. */
public final class WycheproofCase {
  private final String file;
  private final JsonNode group;
  private final JsonNode test;

  WycheproofCase(String file, JsonNode group, JsonNode test) {
    this.file = file;
    this.group = group;
    this.test = test;
  }

  public String file() {
    return file;
  }

  public int tcId() {
    return test.get("tcId").asInt();
  }

  /** "valid", "invalid" or "acceptable". */
  public String result() {
    return test.get("result").asText();
  }

  public boolean expectValid() {
    return "valid".equals(result());
  }

  public boolean expectInvalid() {
    return "invalid".equals(result());
  }

  public boolean has(String member) {
    return test.has(member);
  }

  public boolean groupHas(String member) {
    return group.has(member) && !group.get(member).isNull();
  }

  public byte[] hex(String member) {
    return HexFormat.of().parseHex(test.get(member).asText());
  }

  public byte[] groupHex(String member) {
    return HexFormat.of().parseHex(group.get(member).asText());
  }

  public int integer(String member) {
    return test.get(member).asInt();
  }

  public int groupInteger(String member) {
    return group.get(member).asInt();
  }

  public boolean hasFlag(String flag) {
    JsonNode flags = test.get("flags");
    if (flags == null) {
      return false;
    }
    for (JsonNode f : flags) {
      if (f.asText().equals(flag)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    String comment = test.has("comment") ? test.get("comment").asText() : "";
    return file + " tcId " + tcId() + " [" + result() + "] " + comment;
  }
}
