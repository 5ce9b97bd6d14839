package io.quantaseal.common.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers to build and read DynamoDB items without an ORM. */
public final class Items {
  private Items() {}

  public static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  public static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  public static AttributeValue b(byte[] v) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(v));
  }

  public static AttributeValue bool(boolean v) {
    return AttributeValue.fromBool(v);
  }

  /** A string list (order kept; may be empty, unlike a DynamoDB string set). */
  public static AttributeValue list(Collection<String> values) {
    return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
  }

  public static AttributeValue map(Map<String, String> values) {
    Map<String, AttributeValue> m = new HashMap<>();
    values.forEach((k, v) -> m.put(k, AttributeValue.fromS(v)));
    return AttributeValue.fromM(m);
  }

  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  public static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  public static Optional<String> optStr(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(str(item, name));
  }

  public static long num(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  public static byte[] bytes(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.b() == null ? null : v.b().asByteArray();
  }

  public static boolean boolOf(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }

  public static List<String> strList(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null) {
      return List.of();
    }
    if (v.hasL()) {
      return v.l().stream().map(AttributeValue::s).toList();
    }
    if (v.hasSs()) {
      return List.copyOf(v.ss());
    }
    return List.of();
  }

  public static Set<String> strSet(Map<String, AttributeValue> item, String name) {
    return Set.copyOf(strList(item, name));
  }

  public static Map<String, String> strMap(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null || !v.hasM()) {
      return Map.of();
    }
    Map<String, String> m = new HashMap<>();
    v.m().forEach((k, a) -> m.put(k, a.s()));
    return m;
  }
}
