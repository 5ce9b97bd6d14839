/**
 * Send test event: one call of the outbound proxy through an integration. Datadog's answer comes
 * back as an envelope sealed to this tab's client key; the TypeScript SDK verifies it (ML-DSA-65
 * signature with the server keys, HMAC-SHA-512) and decrypts it (ML-KEM-768 + AES-256-GCM) here,
 * in the browser. The client key is made here and its secret half never leaves the page.
 */
import type { DatadogOperation, Integration, ProxyAnswer } from "quantaseal";
import { field, h, replace } from "../dom.js";
import { Status, successBox } from "../feedback.js";
import { collect, Page } from "../page.js";
import { health, OPERATIONS } from "./integrations.js";

export class TestEventPage extends Page {
  readonly heading = "Send test event";
  override readonly needs = "client_keys:manage";
  #integrations: Integration[] = [];

  protected async render(body: HTMLElement): Promise<void> {
    const status = new Status();
    body.append(status.element);
    const all = await status.run("Loading integrations…", () => collect(this.session.client.integrations.listAll({ limit: 200 })));
    this.#integrations = (all ?? []).filter((i) => i.allowedOperations.length > 0);
    if (this.#integrations.length === 0) {
      body.append(h("p", { class: "empty" }, "No integration allows any operation yet: create one on the Integrations page and turn on at least one operation."));
      return;
    }
    body.append(
      this.section(
        "Send through the proxy",
        h("p", {}, "QuantaSeal calls Datadog with the sealed key; the answer comes back encrypted to a client key made in this browser, and is verified and decrypted here."),
        this.#form(),
      ),
    );
  }

  #form(): HTMLElement {
    const status = new Status();
    const integration = h(
      "select",
      { name: "integration" },
      this.#integrations.map((i) => h("option", { value: i.integrationId }, `${i.name ?? "(no name)"} — ${i.config.site} — ${i.integrationId}`)),
    );
    const operation = h("select", { name: "operation" });
    const fieldsSlot = h("div");
    const result = h("div", { class: "result", "aria-live": "polite" });
    let read: () => Record<string, unknown> = () => ({});
    const setOperations = () => {
      const i = this.#integrations.find((x) => x.integrationId === integration.value);
      replace(
        operation,
        OPERATIONS.filter(({ op }) => i?.allowedOperations.includes(op)).map(({ op, label }) => h("option", { value: op }, label)),
      );
      setFields();
    };
    const setFields = () => {
      const op = operation.value as DatadogOperation;
      if (op === "send_event") {
        const title = h("input", { type: "text", name: "title", required: true, maxlength: "100", value: "QuantaSeal console test" });
        const text = h("textarea", { name: "text", required: true, maxlength: "4000", rows: "3" }, "Sent from the QuantaSeal Admin Console.");
        const alert = h("select", { name: "alert_type" }, ["info", "success", "warning", "error"].map((a) => h("option", { value: a }, a)));
        replace(fieldsSlot, field("Title", title), field("Text", text), field("Alert type", alert));
        read = () => ({ title: title.value, text: text.value, alert_type: alert.value, tags: ["source:quantaseal-console"] });
      } else if (op === "send_metric") {
        const metric = h("input", { type: "text", name: "metric", required: true, value: "quantaseal.console.test" });
        const value = h("input", { type: "number", name: "value", required: true, step: "any", value: "1" });
        replace(fieldsSlot, field("Metric name", metric), field("Value", value));
        read = () => ({ metric: metric.value, value: Number(value.value), type: "gauge", tags: ["source:quantaseal-console"] });
      } else {
        const message = h("input", { type: "text", name: "message", required: true, value: "QuantaSeal console test log" });
        const service = h("input", { type: "text", name: "service", value: "quantaseal-console" });
        replace(fieldsSlot, field("Message", message), field("Service", service));
        read = () => ({ message: message.value, service: service.value, ddsource: "quantaseal-console" });
      }
    };
    integration.addEventListener("change", setOperations);
    operation.addEventListener("change", setFields);
    setOperations();
    const submit = h("button", { type: "submit", class: "primary" }, "Send test event");
    const form = h("form", { class: "form", "aria-label": "Send a test event" }, field("Integration", integration), field("Operation", operation), fieldsSlot, h("div", { class: "actions" }, submit), status.element, result);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      replace(result);
      void (async () => {
        const client = await status.run("Making a client key in this browser (ML-KEM-768) and registering its public half…", () => this.session.withClientKey(), [submit]);
        if (client === undefined) return;
        const op = operation.value as DatadogOperation;
        const answer = await status.run("Sending through the proxy, then verifying and decrypting the envelope here…", () => client.proxy.outbound(integration.value, op, read() as never), [submit]);
        if (answer === undefined) return;
        replace(result, await this.#verified(answer));
      })();
    });
    return form;
  }

  async #verified(answer: ProxyAnswer): Promise<HTMLElement> {
    const rkid = (await this.session.clientKeyRkid) ?? "";
    const i = this.#integrations.find((x) => x.integrationId === answer.integrationId);
    return successBox(
      h("p", { class: "notice-text verified" }, "Verified and decrypted in this browser."),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, "Envelope"),
        h("dd", {}, "signature (ML-DSA-65) and MAC (HMAC-SHA-512) checked, request binding and time checked, decrypted with client key ", h("code", {}, rkid)),
        h("dt", {}, "Datadog answered"),
        h("dd", { class: "upstream-status" }, `HTTP ${answer.upstream.status} in ${answer.upstream.latencyMs} ms`),
        h("dt", {}, "Integration"),
        h("dd", {}, h("code", {}, answer.integrationId), " ", i === undefined ? null : health(i)),
        h("dt", {}, "Audit record"),
        h("dd", {}, h("code", {}, answer.auditId)),
        answer.$metadata.requestId === undefined ? null : [h("dt", {}, "Request id"), h("dd", {}, h("code", {}, answer.$metadata.requestId))],
      ),
      h("details", {}, h("summary", {}, "Datadog's answer (decrypted)"), h("pre", { class: "json" }, JSON.stringify(answer.upstream.body, null, 2))),
    );
  }
}
customElements.define("qs-test-event-page", TestEventPage);
