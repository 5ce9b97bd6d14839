package io.quantaseal.common.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The Lambda event of a DynamoDB stream batch, from the records DynamoDB Streams' {@code
 * GetRecords} returns: {@code {"Records":[{"eventID","eventName","eventVersion","eventSource":
 * "aws:dynamodb","awsRegion","dynamodb":{"ApproximateCreationDateTime":<epoch s>,"Keys","NewImage",
 * "OldImage","SequenceNumber","SizeBytes","StreamViewType"},"eventSourceARN"}]}}, attribute values
 * in DynamoDB's JSON form. What an event source mapping hands the function (the local runner's
 * stream poller builds its events with it).
 */
public final class DynamodbStreamEventJson {
  private DynamodbStreamEventJson() {}

  /** The event of {@code records} of the stream {@code streamArn}. */
  public static ObjectNode event(List<Record> records, String streamArn) {
    ObjectNode e = LambdaEventJson.mapper().createObjectNode();
    ArrayNode arr = e.putArray("Records");
    records.forEach(r -> arr.add(record(r, streamArn)));
    return e;
  }

  /** One record of the event. */
  public static ObjectNode record(Record rec, String streamArn) {
    ObjectNode o = LambdaEventJson.mapper().createObjectNode();
    o.put("eventID", rec.eventID());
    o.put("eventName", rec.eventNameAsString());
    o.put("eventVersion", rec.eventVersion());
    o.put("eventSource", "aws:dynamodb");
    o.put("awsRegion", rec.awsRegion());
    ObjectNode db = o.putObject("dynamodb");
    var sr = rec.dynamodb();
    if (sr.approximateCreationDateTime() != null) {
      db.put("ApproximateCreationDateTime", sr.approximateCreationDateTime().getEpochSecond());
    }
    image(db.putObject("Keys"), sr.keys());
    if (sr.hasNewImage()) {
      image(db.putObject("NewImage"), sr.newImage());
    }
    if (sr.hasOldImage()) {
      image(db.putObject("OldImage"), sr.oldImage());
    }
    db.put("SequenceNumber", sr.sequenceNumber());
    if (sr.sizeBytes() != null) {
      db.put("SizeBytes", sr.sizeBytes());
    }
    db.put("StreamViewType", sr.streamViewTypeAsString());
    o.put("eventSourceARN", streamArn);
    return o;
  }

  private static void image(ObjectNode into, Map<String, AttributeValue> item) {
    item.forEach((k, v) -> into.set(k, json(v)));
  }

  /** DynamoDB's JSON form of an attribute value, as in stream events. */
  public static ObjectNode json(AttributeValue v) {
    ObjectNode o = LambdaEventJson.mapper().createObjectNode();
    if (v.s() != null) {
      o.put("S", v.s());
    } else if (v.n() != null) {
      o.put("N", v.n());
    } else if (v.b() != null) {
      o.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
    } else if (v.bool() != null) {
      o.put("BOOL", v.bool());
    } else if (v.hasM()) {
      image(o.putObject("M"), v.m());
    } else if (v.hasL()) {
      ArrayNode l = o.putArray("L");
      v.l().forEach(x -> l.add(json(x)));
    } else if (v.hasSs()) {
      ArrayNode l = o.putArray("SS");
      v.ss().forEach(l::add);
    } else if (v.hasNs()) {
      ArrayNode l = o.putArray("NS");
      v.ns().forEach(l::add);
    } else if (v.hasBs()) {
      ArrayNode l = o.putArray("BS");
      for (SdkBytes b : v.bs()) {
        l.add(Base64.getEncoder().encodeToString(b.asByteArray()));
      }
    } else {
      o.put("NULL", true);
    }
    return o;
  }
}
