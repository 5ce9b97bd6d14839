/** API keys: the tenant's keys (never the key itself), creating one (shown once) and revoking. */
import { field, h, replace, table, time } from "../dom.js";
import { Status, successBox } from "../feedback.js";
import { confirmDialog, Page } from "../page.js";
import { SCOPES } from "../session.js";

interface ApiKeyView {
  api_key_id: string;
  name?: string | null;
  display_prefix: string;
  scopes: string[];
  created_at: string;
  last_used_at?: string | null;
  expires_at?: string | null;
  revoked_at?: string | null;
  status: string;
}

export class ApiKeysPage extends Page {
  readonly heading = "API keys";
  override readonly needs = "admin";
  #status = new Status();
  #list = h("div");

  protected async render(body: HTMLElement): Promise<void> {
    body.append(this.section("Create an API key", this.#createForm()), this.section("API keys", this.#status.element, this.#list));
    await this.#load();
  }

  async #load(): Promise<void> {
    const page = await this.#status.run("Loading API keys…", () => this.session.api.json<{ api_keys: ApiKeyView[] }>("GET", "/api/v2/api-keys", { query: { limit: "200" } }));
    if (page === undefined) return;
    const rows = page.api_keys.map((k) => [
      k.name ?? "(no name)",
      h("code", {}, k.display_prefix),
      k.scopes.length === 0 ? "none" : k.scopes.map((s) => h("code", { class: "scope" }, s)),
      time(k.created_at),
      k.last_used_at ? time(k.last_used_at) : "never",
      k.expires_at ? time(k.expires_at) : "never",
      h("span", { class: `badge ${k.status === "active" ? "ok" : "bad"}` }, k.status),
      k.status === "revoked"
        ? "—"
        : h("button", { type: "button", class: "danger", "aria-label": `Revoke ${k.name ?? k.api_key_id}`, onclick: () => void this.#revoke(k) }, "Revoke"),
    ]);
    replace(this.#list, table("API keys", ["Name", "Key", "Scopes", "Created", "Last used", "Expires", "Status", "Action"], rows, "No API key."));
  }

  #createForm(): HTMLElement {
    const status = new Status();
    const name = h("input", { type: "text", name: "name", required: true, autocomplete: "off", maxlength: "128" });
    const expires = h("input", { type: "datetime-local", name: "expires_at" });
    const boxes = Object.entries(SCOPES).map(([scope, allows]) => {
      const held = this.session.can(scope) !== false;
      const input = h("input", { type: "checkbox", name: `scope-${scope}`, "data-scope": scope, disabled: !held });
      return { scope, input, element: h("label", { class: "toggle" }, input, h("span", {}, h("code", {}, scope), ` — ${allows}`), held ? null : h("span", { class: "hint" }, "unavailable: this key lacks it")) };
    });
    const submit = h("button", { type: "submit", class: "primary" }, "Create API key");
    const form = h(
      "form",
      { class: "form", "aria-label": "Create an API key" },
      field("Name", name),
      h("fieldset", { class: "toggles" }, h("legend", {}, "Scopes"), h("p", { class: "hint" }, "A key gets no scope its creator lacks."), boxes.map((b) => b.element)),
      field("Expires (optional)", expires),
      h("div", { class: "actions" }, submit),
      status.element,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const expiresAt = expires.value === "" ? undefined : new Date(expires.value).toISOString();
      void status
        .run(
          "Creating the API key…",
          () =>
            this.session.api.json<{ api_key: string; api_key_id: string }>("POST", "/api/v2/api-keys", {
              body: { name: name.value, scopes: boxes.filter((b) => b.input.checked).map((b) => b.scope), expires_at: expiresAt },
            }),
          [submit],
        )
        .then((created) => {
          if (created === undefined) return;
          name.value = "";
          expires.value = "";
          boxes.forEach((b) => (b.input.checked = false));
          const shown = h("input", { type: "text", readonly: true, value: created.api_key, class: "secret-once", "aria-label": "The new API key", spellcheck: "false" });
          const copy = h("button", { type: "button", class: "secondary" }, "Copy");
          copy.addEventListener("click", () => {
            void navigator.clipboard.writeText(shown.value).then(() => (copy.textContent = "Copied"));
          });
          const hide = h("button", { type: "button", class: "secondary" }, "I have saved it");
          hide.addEventListener("click", () => status.clear());
          status.show(
            successBox(
              h("p", {}, "Created ", h("code", {}, created.api_key_id), ". Copy the key now: it is shown once and cannot be shown again."),
              h("div", { class: "once" }, shown, copy, hide),
            ),
          );
          void this.#load();
        });
    });
    return form;
  }

  async #revoke(k: ApiKeyView): Promise<void> {
    const label = k.name ?? k.api_key_id;
    if (!(await confirmDialog(`Revoke ${label}?`, "Calls with it are refused within a minute (the gateway caches each key's decision for 60 s). This cannot be undone.", "Revoke"))) return;
    const done = await this.#status.run(`Revoking ${label}…`, () => this.session.api.send("DELETE", `/api/v2/api-keys/${encodeURIComponent(k.api_key_id)}`).then(() => true));
    if (done === true) {
      this.#status.show(successBox(h("p", {}, `Revoked ${label}.`)));
      await this.#load();
      this.#status.show(successBox(h("p", {}, `Revoked ${label}.`)));
    }
  }
}
customElements.define("qs-api-keys-page", ApiKeysPage);
