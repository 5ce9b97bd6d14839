/** Overview: the tenant and key, what the key's scopes allow, and the server keys' fingerprints. */
import { h, table, time } from "../dom.js";
import { Page } from "../page.js";
import { SCOPES } from "../session.js";

/** SHA-256 of a public key, as colon-separated hex pairs in groups (what a person compares). */
export async function fingerprint(publicKey: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", publicKey as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(":");
}

export class OverviewPage extends Page {
  readonly heading = "Overview";

  protected async render(body: HTMLElement): Promise<void> {
    const s = this.session;
    const id = s.identity;
    const scopeRows = Object.entries(SCOPES).map(([scope, allows]) => {
      const held = s.can(scope);
      return [h("code", {}, scope), allows, held === undefined ? "not known" : held ? "held" : "not held (unavailable)"];
    });
    const keys = await Promise.all(
      s.serverKeys.map(async (k) => [h("code", {}, k.skid), k.alg, k.status, time(k.createdAt), h("code", { class: "fingerprint" }, await fingerprint(k.publicKey))]),
    );
    body.append(
      this.section(
        "This API key",
        h(
          "dl",
          { class: "facts" },
          h("dt", {}, "Tenant"),
          h("dd", {}, id.tenantId ?? "not told by the service to this key"),
          h("dt", {}, "API key"),
          h("dd", {}, h("code", {}, s.keyHint), id.name === undefined ? null : ` (${id.name})`, id.apiKeyId === undefined ? null : [" · ", h("code", {}, id.apiKeyId)]),
          h("dt", {}, "Scopes"),
          h("dd", { class: "scopes" }, id.scopes === undefined ? "not known (the service lists scopes to admin keys only)" : id.scopes.length === 0 ? "none" : id.scopes.map((x) => h("code", { class: "scope" }, x))),
        ),
        table("What the scopes allow", ["Scope", "Allows", "This key"], scopeRows, ""),
        h("p", { class: "hint" }, "Without any scope a key may seal, list, rotate, retire and delete credentials, manage integrations and SIEM destinations, call the proxy and read the server keys."),
      ),
      this.section(
        "Server signing keys",
        h("p", {}, "Every envelope is signed with one of these ML-DSA-65 keys; the console checks the signature with them. Compare a fingerprint (SHA-256 of the public key) with the one your operator publishes."),
        table("Server signing keys", ["Key id", "Algorithm", "Status", "Created", "Fingerprint (SHA-256)"], keys, "The service listed no server keys."),
      ),
    );
  }
}
customElements.define("qs-overview-page", OverviewPage);
