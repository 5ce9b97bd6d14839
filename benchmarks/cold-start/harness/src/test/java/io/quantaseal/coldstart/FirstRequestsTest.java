package io.quantaseal.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.testsupport.RepoRoot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * benchmarks/cold-start/first-requests.json against this checkout: every function of template.yaml
 * has a first request, and every request renders from events/ with the values provisioning
 * captures, so a new function or a changed event breaks here rather than in a run.
 */
class FirstRequestsTest {
  private static final Path ROOT = RepoRoot.find();
  private static final Scenario SCENARIO =
      Scenario.read(ROOT.resolve("benchmarks/cold-start/first-requests.json"));
  private static final StackTemplate TEMPLATE = StackTemplate.read(ROOT.resolve("template.yaml"));

  /** What provisioning would have captured by the time each request is sent. */
  private static Map<String, String> vars() {
    return vars(TEMPLATE.functions().keySet());
  }

  /** The values the steps a run of {@code measured} runs capture (each as "captured-NAME"). */
  private static Map<String, String> vars(java.util.Collection<String> measured) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("build", "current");
    vars.put("client_public_key", "cHVibGlj");
    for (Scenario.Step step : SCENARIO.provision()) {
      if (!step.neededFor(measured)) {
        continue;
      }
      Map<String, String> capture =
          step instanceof Scenario.OperatorStep op
              ? op.capture()
              : ((Scenario.FunctionStep) step).request().capture();
      capture.keySet().forEach(k -> vars.put(k, "captured-" + k));
    }
    return vars;
  }

  @Test
  void eachFunctionMeasuredAlone_getsEveryValueItsStepsAndItsRequestNeed() {
    for (String function : TEMPLATE.functions().keySet()) {
      // Values are only known once the step that captures them has run, in order.
      Map<String, String> known = new LinkedHashMap<>();
      known.put("build", "current");
      known.put("client_public_key", "cHVibGlj");
      for (Scenario.Step step : SCENARIO.provision()) {
        if (!step.neededFor(java.util.List.of(function))) {
          continue;
        }
        Map<String, String> capture;
        if (step instanceof Scenario.OperatorStep op) {
          op.args().forEach(a -> Scenario.fill(a, known));
          capture = op.capture();
        } else {
          Scenario.FunctionStep fs = (Scenario.FunctionStep) step;
          SCENARIO.render(fs.request(), ROOT.resolve("events"), known);
          capture = fs.request().capture();
        }
        capture.keySet().forEach(k -> known.put(k, "captured-" + k));
      }
      SCENARIO.render(SCENARIO.firstRequest(function).orElseThrow(), ROOT.resolve("events"), known);
    }
  }

  @Test
  void everyFunctionOfTheTemplate_hasAFirstRequestThatRenders() throws Exception {
    Map<String, String> vars = vars();
    for (String function : TEMPLATE.functions().keySet()) {
      Scenario.Request r =
          SCENARIO
              .firstRequest(function)
              .orElseThrow(() -> new AssertionError(function + " has no first request"));
      JsonNode event = JsonPaths.JSON.readTree(SCENARIO.render(r, ROOT.resolve("events"), vars));
      assertTrue(event.isObject(), function);
      if (JsonPaths.get(event, "requestContext.authorizer").isPresent()) {
        assertEquals(
            "captured-tenant",
            JsonPaths.get(event, "requestContext.authorizer.tenant_id").orElseThrow().asText(),
            function);
        assertEquals(
            "captured-api_key",
            JsonPaths.get(event, "headers.X-API-Key").orElseThrow().asText(),
            function);
      }
    }
  }

  @Test
  void provisioningSteps_nameFunctionsOfTheTemplate_andRender() {
    Map<String, String> vars = vars();
    for (Scenario.Step step : SCENARIO.provision()) {
      if (step instanceof Scenario.FunctionStep fs) {
        assertTrue(TEMPLATE.functions().containsKey(fs.function()), fs.function());
        String event = SCENARIO.render(fs.request(), ROOT.resolve("events"), vars);
        assertTrue(!event.contains("${"), event);
      }
    }
  }

  @Test
  void theProxysRequest_namesTheProvisionedIntegration() throws Exception {
    JsonNode event =
        JsonPaths.JSON.readTree(
            SCENARIO.render(
                SCENARIO.firstRequest(Report.PROXY).orElseThrow(), ROOT.resolve("events"), vars()));
    assertEquals(
        "captured-integration", JsonPaths.get(event, "body.integration_id").orElseThrow().asText());
  }
}
