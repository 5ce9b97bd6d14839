/**
 * Integrations: a sealed Datadog key, a Datadog site and the operations it may call (default
 * deny: each operation is off until turned on); health as the service reports it; edit; delete.
 */
import { ApiError, type DatadogOperation, type DatadogSite, type Integration, type VaultEntry } from "quantaseal";
import { field, h, replace, table, time } from "../dom.js";
import { Status, successBox } from "../feedback.js";
import { collect, confirmDialog, formDialog, Page } from "../page.js";

/** The nine Datadog sites (docs/openapi.yaml, DatadogSite). */
export const DATADOG_SITES: readonly { site: DatadogSite; label: string }[] = [
  { site: "datadoghq.com", label: "US1 (datadoghq.com)" },
  { site: "us3.datadoghq.com", label: "US3 (us3.datadoghq.com)" },
  { site: "us5.datadoghq.com", label: "US5 (us5.datadoghq.com)" },
  { site: "datadoghq.eu", label: "EU1 (datadoghq.eu)" },
  { site: "uk1.datadoghq.com", label: "UK1 (uk1.datadoghq.com)" },
  { site: "ap1.datadoghq.com", label: "AP1 (ap1.datadoghq.com)" },
  { site: "ap2.datadoghq.com", label: "AP2 (ap2.datadoghq.com)" },
  { site: "ddog-gov.com", label: "US1-FED (ddog-gov.com)" },
  { site: "us2.ddog-gov.com", label: "US2-FED (us2.ddog-gov.com)" },
];

export const OPERATIONS: readonly { op: DatadogOperation; label: string }[] = [
  { op: "send_event", label: "Send events (POST /api/v1/events)" },
  { op: "send_metric", label: "Send metrics (POST /api/v2/series)" },
  { op: "send_log", label: "Send logs (POST /api/v2/logs)" },
];

/** One switch per operation, off by default; its state is said in words beside it. */
function operationToggles(initial: readonly DatadogOperation[]): { element: HTMLElement; read: () => DatadogOperation[] } {
  const toggles = OPERATIONS.map(({ op, label }) => {
    const input = h("input", { type: "checkbox", role: "switch", name: `op-${op}`, "data-op": op, checked: initial.includes(op) });
    const state = h("span", { class: "toggle-state", "aria-hidden": "true" });
    const sync = () => {
      state.textContent = input.checked ? "allowed" : "denied";
      state.className = `toggle-state ${input.checked ? "on" : "off"}`;
    };
    input.addEventListener("change", sync);
    sync();
    return { op, input, element: h("label", { class: "toggle" }, input, h("span", {}, label), state) };
  });
  return {
    element: h(
      "fieldset",
      { class: "toggles" },
      h("legend", {}, "Allowed operations"),
      h("p", { class: "hint" }, "Default deny: an operation that is not turned on is refused by the proxy (403)."),
      toggles.map((t) => t.element),
    ),
    read: () => toggles.filter((t) => t.input.checked).map((t) => t.op),
  };
}

function siteSelect(selected: DatadogSite = "datadoghq.com"): HTMLSelectElement {
  return h("select", { name: "site" }, DATADOG_SITES.map((s) => h("option", { value: s.site, selected: s.site === selected }, s.label)));
}

function credentialSelect(entries: readonly VaultEntry[], selected?: string): HTMLSelectElement {
  const keys = entries.filter((e) => e.credentialType === "api_key");
  return h(
    "select",
    { name: "credential", required: true },
    keys.length === 0 ? h("option", { value: "" }, "No API-key credential: seal one on the Credentials page") : null,
    keys.map((e) => h("option", { value: e.vaultEntryId, selected: e.vaultEntryId === selected }, `${e.name ?? "(no name)"} — ${e.vaultEntryId}`)),
  );
}

export function health(i: Integration): HTMLElement {
  return h("span", { class: `badge ${i.status === "healthy" ? "ok" : "bad"}` }, i.status === "healthy" ? "healthy" : `unhealthy${i.unhealthyReason === undefined ? "" : ` (${i.unhealthyReason})`}`);
}

export class IntegrationsPage extends Page {
  readonly heading = "Integrations";
  #list = h("div");
  #listStatus = new Status();
  #entries: VaultEntry[] = [];
  #createSlot = h("div");

  protected async render(body: HTMLElement): Promise<void> {
    body.append(this.section("Add a Datadog integration", this.#createSlot), this.section("Integrations", this.#listStatus.element, this.#list));
    const entries = await this.#listStatus.run("Loading credentials…", () => collect(this.session.client.vault.listAll({ limit: 200 })));
    this.#entries = entries ?? [];
    replace(this.#createSlot, this.#createForm());
    await this.#load();
  }

  async #load(): Promise<void> {
    const all = await this.#listStatus.run("Loading integrations…", () => collect(this.session.client.integrations.listAll({ limit: 200 })));
    if (all === undefined) return;
    const rows = all.map((i) => [
      i.name ?? "(no name)",
      h("code", {}, i.integrationId),
      i.config.site,
      h("ul", { class: "ops" }, OPERATIONS.map(({ op }) => h("li", { class: i.allowedOperations.includes(op) ? "on" : "off" }, `${op}: ${i.allowedOperations.includes(op) ? "allowed" : "denied"}`))),
      health(i),
      time(i.updatedAt),
      h(
        "div",
        { class: "row-actions" },
        h("button", { type: "button", class: "secondary", "aria-label": `Check health of ${i.name ?? i.integrationId}`, onclick: () => void this.#check(i) }, "Check"),
        h("button", { type: "button", class: "secondary", "aria-label": `Edit ${i.name ?? i.integrationId}`, onclick: () => this.#edit(i) }, "Edit"),
        h("button", { type: "button", class: "danger", "aria-label": `Delete ${i.name ?? i.integrationId}`, onclick: () => void this.#delete(i) }, "Delete"),
      ),
    ]);
    replace(this.#list, table("Integrations", ["Name", "Id", "Datadog site", "Operations", "Health", "Updated", "Actions"], rows, "No integration yet."));
  }

  #createForm(): HTMLElement {
    const status = new Status();
    const name = h("input", { type: "text", name: "name", autocomplete: "off", maxlength: "128" });
    const credential = credentialSelect(this.#entries);
    const site = siteSelect();
    const ops = operationToggles([]);
    const submit = h("button", { type: "submit", class: "primary" }, "Create integration");
    const form = h(
      "form",
      { class: "form", "aria-label": "Add a Datadog integration" },
      field("Name", name),
      field("Datadog API key (a sealed credential)", credential, "The service checks the key with Datadog before it saves the integration."),
      field("Datadog site", site),
      ops.element,
      h("div", { class: "actions" }, submit),
      status.element,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void status
        .run(
          "Checking the key with Datadog and creating…",
          () =>
            this.session.client.integrations.create({
              systemType: "datadog",
              name: name.value === "" ? undefined : name.value,
              credentialId: credential.value,
              config: { site: site.value as DatadogSite },
              allowedOperations: ops.read(),
            }),
          [submit],
        )
        .then((i) => {
          if (i === undefined) return;
          status.show(successBox(h("p", {}, "Created ", h("code", { class: "new-integration-id" }, i.integrationId), ` (${i.status}).`)));
          name.value = "";
          void this.#load();
        });
    });
    return form;
  }

  async #check(i: Integration): Promise<void> {
    const now = await this.#listStatus.run(`Checking ${i.name ?? i.integrationId}…`, () => this.session.client.integrations.get(i.integrationId));
    if (now === undefined) return;
    await this.#load();
    this.#listStatus.show(successBox(h("p", {}, `${now.name ?? now.integrationId}: `, health(now), ".")));
  }

  #edit(i: Integration): void {
    const status = new Status();
    const name = h("input", { type: "text", name: "name", autocomplete: "off", value: i.name ?? "" });
    const credential = credentialSelect(this.#entries, i.credentialId);
    const site = siteSelect(i.config.site);
    const ops = operationToggles(i.allowedOperations);
    const submit = h("button", { type: "submit", class: "primary" }, "Save");
    const form = h("form", { class: "form", "aria-label": `Edit ${i.name ?? i.integrationId}` }, field("Name", name), field("Datadog API key (a sealed credential)", credential), field("Datadog site", site), ops.element, h("div", { class: "actions" }, submit), status.element);
    formDialog(`Edit ${i.name ?? i.integrationId}`, form, async () => {
      const saved = await status.run(
        "Saving…",
        () =>
          this.session.client.integrations.update(i.integrationId, {
            name: name.value,
            credentialId: credential.value === i.credentialId ? undefined : credential.value,
            config: site.value === i.config.site ? undefined : { site: site.value as DatadogSite },
            allowedOperations: ops.read(),
          }),
        [submit],
      );
      if (saved === undefined) return false;
      void this.#load().then(() => this.#listStatus.show(successBox(h("p", {}, `Saved ${saved.name ?? saved.integrationId}.`))));
      return true;
    });
  }

  async #delete(i: Integration): Promise<void> {
    const label = i.name ?? i.integrationId;
    if (!(await confirmDialog(`Delete ${label}?`, "The proxy stops calling Datadog through it. The sealed credential stays.", "Delete"))) return;
    const result = await this.#listStatus.run(`Deleting ${label}…`, async () => {
      try {
        await this.session.client.integrations.delete(i.integrationId);
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === "resource_in_use") {
          const force = await confirmDialog(
            `${label} is in use`,
            h("p", {}, "SIEM destinations push through this integration (", error.message, "). Delete it anyway? Those destinations stop (integration_missing)."),
            "Delete anyway",
          );
          if (!force) return false;
          await this.session.client.integrations.delete(i.integrationId, { force: true });
          return true;
        }
        throw error;
      }
    });
    if (result === true) {
      await this.#load();
      this.#listStatus.show(successBox(h("p", {}, `Deleted ${label}.`)));
    }
  }
}
customElements.define("qs-integrations-page", IntegrationsPage);
