package io.quantaseal.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the harness sends ({@code benchmarks/cold-start/first-requests.json}, described in its
 * {@code about}): the steps that give a checkout's stack its state, and each function's measured
 * first request. Events are the repository's own ({@code events/}), adjusted by dotted paths.
 */
final class Scenario {
  /** A request to a function: an event, what to change in it, what its answer must hold. */
  record Request(
      String event,
      Map<String, String> set,
      Map<String, String> expect,
      Map<String, String> capture) {}

  /** One provisioning step. */
  sealed interface Step permits OperatorStep, FunctionStep {
    /** The functions whose first request needs this step ({@code for}); empty: all of them. */
    Set<String> neededBy();

    /** Whether a run measuring {@code functions} needs this step. */
    default boolean neededFor(Collection<String> functions) {
      return neededBy().isEmpty() || functions.stream().anyMatch(neededBy()::contains);
    }
  }

  /** {@code java -jar <operator jar> ARGS}; captures from the JSON it prints. */
  record OperatorStep(List<String> args, Map<String, String> capture, Set<String> neededBy)
      implements Step {}

  /** A request to one of the checkout's functions. */
  record FunctionStep(String function, Request request, Set<String> neededBy) implements Step {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

  private final Path file;
  private final Map<String, String> apiEventDefaults;
  private final List<Step> provision;
  private final Map<String, Request> firstRequests;

  private Scenario(
      Path file,
      Map<String, String> apiEventDefaults,
      List<Step> provision,
      Map<String, Request> firstRequests) {
    this.file = file;
    this.apiEventDefaults = apiEventDefaults;
    this.provision = provision;
    this.firstRequests = firstRequests;
  }

  static Scenario read(Path file) {
    JsonNode root;
    try {
      root = JsonPaths.JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode s : root.path("provision")) {
      if (s.has("operator")) {
        List<String> args = new ArrayList<>();
        s.path("operator").forEach(a -> args.add(a.asText()));
        steps.add(
            new OperatorStep(List.copyOf(args), strings(s.path("capture")), names(s.path("for"))));
      } else if (s.has("function")) {
        steps.add(
            new FunctionStep(s.path("function").asText(), request(s, file), names(s.path("for"))));
      } else {
        throw new IllegalArgumentException(
            file + ": a provision step needs operator or function: " + s);
      }
    }
    Map<String, Request> first = new LinkedHashMap<>();
    var it = root.path("first_requests").fields();
    while (it.hasNext()) {
      var e = it.next();
      first.put(e.getKey(), request(e.getValue(), file));
    }
    return new Scenario(
        file,
        strings(root.path("api_events").path("set")),
        List.copyOf(steps),
        Collections.unmodifiableMap(first));
  }

  private static Request request(JsonNode n, Path file) {
    if (!n.path("event").isTextual()) {
      throw new IllegalArgumentException(file + ": a request needs an event: " + n);
    }
    return new Request(
        n.path("event").asText(),
        strings(n.path("set")),
        strings(n.path("expect")),
        strings(n.path("capture")));
  }

  private static Set<String> names(JsonNode array) {
    Set<String> out = new LinkedHashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return Collections.unmodifiableSet(out);
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> m = new LinkedHashMap<>();
    var it = object.fields();
    while (it.hasNext()) {
      var e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return Collections.unmodifiableMap(m);
  }

  Path file() {
    return file;
  }

  List<Step> provision() {
    return provision;
  }

  /** The measured first request of {@code function}, if the file has one. */
  Optional<Request> firstRequest(String function) {
    return Optional.ofNullable(firstRequests.get(function));
  }

  /** The event of {@code request} as it is sent: defaults and its own changes applied. */
  String render(Request request, Path eventsDir, Map<String, String> vars) {
    Path eventFile = eventsDir.resolve(request.event());
    JsonNode event;
    try {
      event = JsonPaths.JSON.readTree(Files.readString(eventFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the event " + eventFile, e);
    }
    for (var d : apiEventDefaults.entrySet()) {
      if (JsonPaths.hasParent(event, d.getKey())) {
        event = JsonPaths.set(event, d.getKey(), fill(d.getValue(), vars));
      }
    }
    for (var s : request.set().entrySet()) {
      if (!JsonPaths.hasParent(event, s.getKey())) {
        throw new IllegalArgumentException(
            file + ": " + request.event() + " has nothing at " + parentOf(s.getKey()));
      }
      event = JsonPaths.set(event, s.getKey(), fill(s.getValue(), vars));
    }
    return event.toString();
  }

  /** Fails, with the answer, when {@code answer} does not hold what {@code request} expects. */
  static void check(Request request, String answer) {
    JsonNode a;
    try {
      a = JsonPaths.JSON.readTree(answer);
    } catch (IOException e) {
      throw new IllegalStateException(
          "the answer to " + request.event() + " is not JSON: " + answer);
    }
    for (var e : request.expect().entrySet()) {
      Optional<JsonNode> got = JsonPaths.get(a, e.getKey());
      boolean ok =
          got.isPresent() && (e.getValue().equals("*") || got.get().asText().equals(e.getValue()));
      if (!ok) {
        throw new IllegalStateException(
            request.event()
                + ": expected "
                + e.getKey()
                + " = "
                + e.getValue()
                + ", got "
                + got.map(JsonNode::toString).orElse("nothing")
                + " in "
                + abbreviate(answer));
      }
    }
  }

  /** The values {@code capture} names (variable → path) in the JSON {@code answer}. */
  static Map<String, String> capture(Map<String, String> capture, String answer, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    if (capture.isEmpty()) {
      return out;
    }
    JsonNode a;
    try {
      a = JsonPaths.JSON.readTree(answer);
    } catch (IOException e) {
      throw new IllegalStateException(what + " did not answer JSON: " + abbreviate(answer));
    }
    for (var c : capture.entrySet()) {
      out.put(
          c.getKey(),
          JsonPaths.get(a, c.getValue())
              .map(JsonNode::asText)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          what + ": no " + c.getValue() + " in " + abbreviate(answer))));
    }
    return out;
  }

  /** {@code template} with each {@code ${name}} replaced; {@code unique} is new every time. */
  static String fill(String template, Map<String, String> vars) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = name.equals("unique") ? UUID.randomUUID().toString() : vars.get(name);
      if (value == null) {
        throw new IllegalArgumentException(
            "${"
                + name
                + "} is not known here; known: unique, "
                + String.join(", ", vars.keySet()));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String parentOf(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  static String abbreviate(String s) {
    return s.length() <= 600 ? s : s.substring(0, 600) + "…";
  }
}
