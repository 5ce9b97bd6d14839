/**
 * Client keys: the ML-KEM-768 keys envelopes are sealed to (GET /api/v2/encryption/client-keys:
 * this API key's own with client_keys:manage, the tenant's with admin), and revoking one (no
 * envelope is sealed to it again). The key this browser made for Send test event is marked.
 */
import { h, replace, table, time } from "../dom.js";
import { Status, successBox } from "../feedback.js";
import { confirmDialog, Page } from "../page.js";

interface ClientKeyView {
  rkid: string;
  hkid: string;
  api_key_id: string;
  created_at: string;
  last_used_at?: string | null;
  revoked_at?: string | null;
  status: string;
}

export class ClientKeysPage extends Page {
  readonly heading = "Client keys";
  override readonly needs = ["client_keys:manage", "admin"] as const;
  #status = new Status();
  #list = h("div");

  protected async render(body: HTMLElement): Promise<void> {
    body.append(
      h("p", {}, "Answers that carry a secret or Datadog's answer are encrypted to one of these keys; only whoever holds its secret half can open them. Revoke a key that may have leaked: nothing is sealed to it again."),
      this.section("Client keys", this.#status.element, this.#list),
    );
    await this.#load();
  }

  async #load(): Promise<void> {
    const page = await this.#status.run("Loading client keys…", () =>
      this.session.api.json<{ client_keys: ClientKeyView[] }>("GET", "/api/v2/encryption/client-keys", { query: { limit: "200" } }),
    );
    if (page === undefined) return;
    const mine = (await this.session.clientKeyRkid) ?? "";
    const rows = page.client_keys.map((k) => [
      h("span", {}, h("code", {}, k.rkid), k.rkid === mine ? h("span", { class: "badge ok this-browser" }, " this browser's") : null),
      h("code", {}, k.hkid),
      h("code", {}, k.api_key_id),
      time(k.created_at),
      k.last_used_at ? time(k.last_used_at) : "never",
      h("span", { class: `badge ${k.status === "active" ? "ok" : "bad"}` }, k.status),
      k.status === "revoked" ? "—" : h("button", { type: "button", class: "danger", "aria-label": `Revoke ${k.rkid}`, onclick: () => void this.#revoke(k) }, "Revoke"),
    ]);
    replace(this.#list, table("Client keys", ["Key id (rkid)", "MAC key id (hkid)", "Registered by", "Created", "Last used", "Status", "Action"], rows, "No client key is registered."));
  }

  async #revoke(k: ClientKeyView): Promise<void> {
    if (!(await confirmDialog(`Revoke ${k.rkid}?`, "No envelope is sealed to it again; applications using it must register a new key.", "Revoke"))) return;
    const done = await this.#status.run(`Revoking ${k.rkid}…`, () => this.session.api.send("DELETE", `/api/v2/encryption/client-keys/${encodeURIComponent(k.rkid)}`).then(() => true));
    if (done === true) {
      if (k.rkid === ((await this.session.clientKeyRkid) ?? "")) {
        this.session.forgetClientKey();
      }
      await this.#load();
      this.#status.show(successBox(h("p", {}, `Revoked ${k.rkid}.`)));
    }
  }
}
customElements.define("qs-client-keys-page", ClientKeysPage);
