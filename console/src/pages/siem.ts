/**
 * Security → SIEM Webhooks: where QuantaSeal pushes the tenant's own metrics, audit trail and
 * security alerts (a Datadog integration). Add Datadog, the destinations with their streams and
 * delivery status (last delivery, last error, delivered and failed counts, dead-letter depth, as
 * the service reports them), a test push, and delete.
 */
import type { Integration, SiemStream } from "quantaseal";
import { field, h, replace, table, time, type Child } from "../dom.js";
import { Status, successBox } from "../feedback.js";
import { collect, confirmDialog, Page } from "../page.js";

const STREAMS: readonly { stream: SiemStream; label: string; needs: string }[] = [
  { stream: "metrics", label: "Metrics (QuantaSeal's usage and latency)", needs: "send_metric" },
  { stream: "audit", label: "Audit trail (every allowed, denied and failed action)", needs: "send_log" },
  { stream: "security_alerts", label: "Security alerts (denials, rejected keys)", needs: "send_event and send_log" },
];

/** A destination as GET /api/v2/siem/destinations/{id} answers it (delivery fields when reported). */
interface DestinationView {
  destination_id: string;
  integration_id: string;
  streams: SiemStream[];
  status: string;
  stopped_reason?: string | null;
  created_at: string;
  delivery?: {
    last_delivery_at?: string | null;
    last_error?: string | null;
    last_error_at?: string | null;
    delivered_count?: number;
    failed_count?: number;
    dead_letter_depth?: number;
  };
}

/** POST /api/v2/siem/destinations/{id}/test: what Datadog answered to one test item. */
interface TestPushView {
  operation: string;
  sent_at: string;
  delivered: boolean;
  datadog: { status: number; latency_ms: number; body: unknown };
  error?: string;
}

function delivery(d: DestinationView): Child {
  const x = d.delivery;
  if (x === undefined) {
    return h("span", { class: "hint" }, "not reported by this service");
  }
  return h(
    "dl",
    { class: "facts compact delivery" },
    h("dt", {}, "Last delivery"),
    h("dd", { class: "last-delivery" }, x.last_delivery_at ? time(x.last_delivery_at) : "none yet"),
    h("dt", {}, "Delivered / failed"),
    h("dd", { class: "delivered-count" }, `${x.delivered_count ?? 0} / ${x.failed_count ?? 0}`),
    h("dt", {}, "Dead-letter queue"),
    h("dd", { class: "dlq-depth" }, `${x.dead_letter_depth ?? 0} waiting`),
    x.last_error ? [h("dt", {}, "Last error"), h("dd", { class: "last-error" }, x.last_error, x.last_error_at ? [" (", time(x.last_error_at), ")"] : null)] : null,
  );
}

export class SiemPage extends Page {
  readonly heading = "Security → SIEM Webhooks";
  #list = h("div");
  #listStatus = new Status();
  #integrations: Integration[] = [];
  #addSlot = h("div");

  protected async render(body: HTMLElement): Promise<void> {
    body.append(
      h("p", {}, "QuantaSeal sends its own metrics, audit trail and security alerts to your Datadog through one of your integrations."),
      this.section("Add Datadog", this.#addSlot),
      this.section("Destinations", h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", onclick: () => void this.#load() }, "Refresh status")), this.#listStatus.element, this.#list),
    );
    this.#integrations = (await this.#listStatus.run("Loading integrations…", () => collect(this.session.client.integrations.listAll({ limit: 200 })))) ?? [];
    replace(this.#addSlot, this.#addForm());
    await this.#load();
  }

  async #load(): Promise<void> {
    const all = await this.#listStatus.run("Loading destinations and their delivery status…", async () => {
      const list = await this.session.api.json<{ destinations: DestinationView[] }>("GET", "/api/v2/siem/destinations", { query: { limit: "200" } });
      // The one-destination read carries the delivery status.
      return Promise.all(list.destinations.map((d) => this.session.api.json<DestinationView>("GET", `/api/v2/siem/destinations/${encodeURIComponent(d.destination_id)}`)));
    });
    if (all === undefined) return;
    const rows = all.map((d) => [
      h("code", {}, d.destination_id),
      h("code", {}, d.integration_id),
      d.streams.join(", "),
      h("span", { class: `badge ${d.status === "active" ? "ok" : "bad"}` }, d.status + (d.stopped_reason ? ` (${d.stopped_reason})` : "")),
      delivery(d),
      h(
        "div",
        { class: "row-actions" },
        h("button", { type: "button", class: "secondary", "aria-label": `Test push to ${d.destination_id}`, onclick: (e: Event) => void this.#test(d, e.currentTarget as HTMLButtonElement) }, "Test push"),
        h("button", { type: "button", class: "danger", "aria-label": `Delete ${d.destination_id}`, onclick: () => void this.#delete(d) }, "Delete"),
      ),
    ]);
    replace(this.#list, table("SIEM destinations", ["Id", "Integration", "Streams", "Status", "Delivery", "Actions"], rows, "No SIEM destination yet: add Datadog above."));
  }

  #addForm(): HTMLElement {
    const status = new Status();
    if (this.#integrations.length === 0) {
      return h("p", { class: "empty" }, "No integration yet: create a Datadog integration first (Integrations page).");
    }
    const integration = h(
      "select",
      { name: "integration" },
      this.#integrations.map((i) => h("option", { value: i.integrationId }, `${i.name ?? "(no name)"} — ${i.config.site} — allows ${i.allowedOperations.join(", ") || "nothing"}`)),
    );
    const boxes = STREAMS.map((s) => ({ s, input: h("input", { type: "checkbox", name: `stream-${s.stream}`, checked: true, "data-stream": s.stream }) }));
    const submit = h("button", { type: "submit", class: "primary" }, "Add Datadog destination");
    const form = h(
      "form",
      { class: "form", "aria-label": "Add a Datadog SIEM destination" },
      field("Datadog integration", integration),
      h(
        "fieldset",
        { class: "toggles" },
        h("legend", {}, "Streams"),
        boxes.map(({ s, input }) => h("label", { class: "toggle" }, input, h("span", {}, s.label), h("span", { class: "hint" }, `needs ${s.needs}`))),
      ),
      h("div", { class: "actions" }, submit),
      status.element,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void status
        .run(
          "Adding the destination…",
          () =>
            this.session.client.siem.createDestination({
              systemType: "datadog",
              integrationId: integration.value,
              streams: boxes.filter((b) => b.input.checked).map((b) => b.s.stream),
            }),
          [submit],
        )
        .then((d) => {
          if (d === undefined) return;
          status.show(successBox(h("p", {}, "Added ", h("code", { class: "new-destination-id" }, d.destinationId), `: ${d.streams.join(", ")} go to Datadog from the next push on.`)));
          void this.#load();
        });
    });
    return form;
  }

  async #test(d: DestinationView, button: HTMLButtonElement): Promise<void> {
    const answer = await this.#listStatus.run(`Sending a test item to ${d.destination_id} through Datadog…`, () => this.session.api.json<TestPushView>("POST", `/api/v2/siem/destinations/${encodeURIComponent(d.destination_id)}/test`, { body: {} }), [button]);
    if (answer === undefined) return;
    await this.#load();
    const said = h("details", {}, h("summary", {}, "Datadog's answer"), h("pre", { class: "json" }, JSON.stringify(answer.datadog.body, null, 2)));
    this.#listStatus.show(
      h(
        "div",
        { class: `notice ${answer.delivered ? "success" : "error"}`, role: answer.delivered ? "status" : "alert" },
        h("p", { class: "notice-text test-push-result" }, `Test push to ${d.destination_id} (${answer.operation}): ${answer.delivered ? "delivered" : "not delivered"}, Datadog answered HTTP ${answer.datadog.status} in ${answer.datadog.latency_ms} ms.`),
        answer.error === undefined ? null : h("p", {}, answer.error),
        said,
      ),
    );
  }

  async #delete(d: DestinationView): Promise<void> {
    if (!(await confirmDialog(`Delete ${d.destination_id}?`, "QuantaSeal stops pushing to it.", "Delete"))) return;
    const done = await this.#listStatus.run("Deleting…", () => this.session.client.siem.deleteDestination(d.destination_id).then(() => true));
    if (done === true) {
      await this.#load();
      this.#listStatus.show(successBox(h("p", {}, `Deleted ${d.destination_id}.`)));
    }
  }
}
customElements.define("qs-siem-page", SiemPage);
