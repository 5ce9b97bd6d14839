package io.quantaseal.siem.stream;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Converts a stream record's image (aws-lambda-java-events attribute values) into AWS SDK v2
 * attribute values, so the repositories' item readers (e.g. {@code AuditLog.fromItem}) read it.
 */
public final class StreamImages {
  private StreamImages() {}

  public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
      Map<String, AttributeValue> image) {
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out =
        new HashMap<>();
    if (image != null) {
      image.forEach((k, v) -> out.put(k, toSdk(v)));
    }
    return out;
  }

  static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
    var b = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
    if (v == null) {
      return b.nul(true).build();
    }
    if (v.getS() != null) {
      return b.s(v.getS()).build();
    }
    if (v.getN() != null) {
      return b.n(v.getN()).build();
    }
    if (v.getBOOL() != null) {
      return b.bool(v.getBOOL()).build();
    }
    if (v.getB() != null) {
      return b.b(bytes(v.getB())).build();
    }
    if (v.getM() != null) {
      return b.m(toSdk(v.getM())).build();
    }
    if (v.getL() != null) {
      List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> l = new ArrayList<>();
      v.getL().forEach(x -> l.add(toSdk(x)));
      return b.l(l).build();
    }
    if (v.getSS() != null) {
      return b.ss(v.getSS()).build();
    }
    if (v.getNS() != null) {
      return b.ns(v.getNS()).build();
    }
    if (v.getBS() != null) {
      return b.bs(v.getBS().stream().map(StreamImages::bytes).toList()).build();
    }
    return b.nul(true).build();
  }

  private static SdkBytes bytes(ByteBuffer buffer) {
    return SdkBytes.fromByteBuffer(buffer.duplicate());
  }
}
