/**
 * Credentials: the tenant's sealed entries; sealing a new one (secret fields are write-only: sent
 * once, cleared, never shown again), rotating, retiring an old version and deleting (a refusal
 * because integrations use it is explained, with the choice to force).
 */
import { ApiError, type CredentialType, type SealInput, type VaultEntry } from "quantaseal";
import { field, h, replace, table, time } from "../dom.js";
import { Status, successBox } from "../feedback.js";
import { confirmDialog, formDialog, Page } from "../page.js";

interface SecretField {
  readonly name: string;
  readonly label: string;
  readonly secret: boolean;
  readonly optional: boolean;
}

/** The fields of each credential type (docs/vault.md). */
export const CREDENTIAL_FIELDS: Readonly<Record<CredentialType, readonly SecretField[]>> = {
  api_key: [
    { name: "api_key", label: "API key", secret: true, optional: false },
    { name: "app_key", label: "Application key (optional)", secret: true, optional: true },
  ],
  bearer_token: [{ name: "token", label: "Token", secret: true, optional: false }],
  basic_auth: [
    { name: "username", label: "User name", secret: false, optional: false },
    { name: "password", label: "Password", secret: true, optional: false },
  ],
  oauth2_client_credentials: [
    { name: "client_id", label: "Client id", secret: false, optional: false },
    { name: "client_secret", label: "Client secret", secret: true, optional: false },
    { name: "token_url", label: "Token URL (optional)", secret: false, optional: true },
    { name: "scope", label: "Scope (optional)", secret: false, optional: true },
    { name: "audience", label: "Audience (optional)", secret: false, optional: true },
  ],
};

const TYPE_NAMES: Readonly<Record<CredentialType, string>> = {
  api_key: "API key (Datadog)",
  bearer_token: "Bearer token",
  basic_auth: "Basic auth",
  oauth2_client_credentials: "OAuth 2 client credentials",
};

/** Inputs for a type's fields; secrets are password inputs that the browser may not fill or keep. */
function valueInputs(type: CredentialType, prefix: string): { element: HTMLElement; read: () => Record<string, string>; clear: () => void } {
  const inputs = CREDENTIAL_FIELDS[type].map((f) => {
    const input = h("input", {
      type: f.secret ? "password" : "text",
      name: `${prefix}-${f.name}`,
      autocomplete: f.secret ? "new-password" : "off",
      spellcheck: "false",
      required: !f.optional,
      "data-field": f.name,
    });
    return { f, input };
  });
  return {
    element: h("div", { class: "fields" }, inputs.map(({ f, input }) => field(f.label, input, f.secret ? "Write-only: sealed on submit, then cleared; never shown again." : undefined))),
    read: () => Object.fromEntries(inputs.filter(({ input }) => input.value !== "").map(({ f, input }) => [f.name, input.value])),
    clear: () => inputs.forEach(({ input }) => (input.value = "")),
  };
}

export class CredentialsPage extends Page {
  readonly heading = "Credentials";
  #list = h("div", { class: "list" });
  #listStatus = new Status();
  #cursor: string | undefined;
  #entries: VaultEntry[] = [];

  protected async render(body: HTMLElement): Promise<void> {
    body.append(this.#sealForm(), this.section("Sealed credentials", this.#listStatus.element, this.#list));
    await this.#load(true);
  }

  async #load(fresh: boolean): Promise<void> {
    if (fresh) {
      this.#cursor = undefined;
      this.#entries = [];
    }
    const page = await this.#listStatus.run("Loading credentials…", () => this.session.client.vault.list({ limit: 50, cursor: this.#cursor }));
    if (page === undefined) return;
    this.#entries.push(...page.entries);
    this.#cursor = page.nextCursor;
    this.#show();
  }

  #show(): void {
    const rows = this.#entries.map((e) => [
      e.name ?? "(no name)",
      h("code", {}, e.vaultEntryId),
      TYPE_NAMES[e.credentialType] ?? e.credentialType,
      `v${e.version}`,
      time(e.rotatedAt),
      h(
        "div",
        { class: "row-actions" },
        h("button", { type: "button", class: "secondary", "aria-label": `Versions of ${e.name ?? e.vaultEntryId}`, onclick: () => void this.#versions(e) }, "Versions"),
        h("button", { type: "button", class: "secondary", "aria-label": `Rotate ${e.name ?? e.vaultEntryId}`, onclick: () => this.#rotate(e) }, "Rotate"),
        h("button", { type: "button", class: "danger", "aria-label": `Delete ${e.name ?? e.vaultEntryId}`, onclick: () => void this.#delete(e) }, "Delete"),
      ),
    ]);
    replace(
      this.#list,
      table("Sealed credentials", ["Name", "Id", "Type", "Version", "Rotated", "Actions"], rows, "No credential is sealed yet."),
      this.#cursor === undefined ? null : h("button", { type: "button", class: "secondary", onclick: () => void this.#load(false) }, "Load more"),
    );
  }

  #sealForm(): HTMLElement {
    const status = new Status();
    const name = h("input", { type: "text", name: "name", autocomplete: "off", maxlength: "128" });
    const type = h(
      "select",
      { name: "credential_type" },
      (Object.keys(TYPE_NAMES) as CredentialType[]).map((t) => h("option", { value: t }, TYPE_NAMES[t])),
    );
    const valuesSlot = h("div");
    let values = valueInputs("api_key", "seal");
    valuesSlot.append(values.element);
    type.addEventListener("change", () => {
      values = valueInputs(type.value as CredentialType, "seal");
      replace(valuesSlot, values.element);
    });
    const submit = h("button", { type: "submit", class: "primary" }, "Seal credential");
    const form = h("form", { class: "form", "aria-label": "Seal a credential" }, field("Name", name, "A label for you; never secret."), field("Credential type", type), valuesSlot, h("div", { class: "actions" }, submit), status.element);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const input = { credentialType: type.value, name: name.value === "" ? undefined : name.value, values: values.read() } as unknown as SealInput;
      void status
        .run("Sealing (ML-KEM-768 + AES-256-GCM, then a KMS data key)…", () => this.session.client.vault.seal(input), [submit])
        .then((entry) => {
          values.clear();
          if (entry === undefined) return;
          name.value = "";
          status.show(successBox(h("p", {}, "Sealed ", h("code", { class: "new-entry-id" }, entry.vaultEntryId), ` (v${entry.version}). The secret was not kept in this page and will never be shown again.`)));
          void this.#load(true);
        });
    });
    return this.section("Seal a credential", form);
  }

  #rotate(e: VaultEntry): void {
    const status = new Status();
    const values = valueInputs(e.credentialType, "rotate");
    const submit = h("button", { type: "submit", class: "primary" }, "Rotate");
    const form = h("form", { class: "form", "aria-label": `Rotate ${e.name ?? e.vaultEntryId}` }, h("p", {}, `The new value becomes version ${e.version + 1}; older versions stay until retired.`), values.element, h("div", { class: "actions" }, submit), status.element);
    formDialog(`Rotate ${e.name ?? e.vaultEntryId}`, form, async () => {
      const detail = await status.run("Rotating…", () => this.session.client.vault.rotate(e.vaultEntryId, { values: values.read() }), [submit]);
      values.clear();
      if (detail === undefined) return false;
      void this.#load(true).then(() => this.#listStatus.show(successBox(h("p", {}, `Rotated ${e.name ?? e.vaultEntryId}: now version ${detail.version}.`))));
      return true;
    });
  }

  async #versions(e: VaultEntry): Promise<void> {
    const detail = await this.#listStatus.run("Loading versions…", () => this.session.client.vault.get(e.vaultEntryId));
    if (detail === undefined) return;
    const status = new Status();
    const list = h("div");
    const show = (versions: typeof detail.versions) =>
      replace(
        list,
        table(
          `Versions of ${e.name ?? e.vaultEntryId}`,
          ["Version", "Created", "State", "Action"],
          versions.map((v) => [
            `v${v.version}`,
            time(v.createdAt),
            v.current ? "current" : "older",
            v.current
              ? "the current version cannot be retired"
              : h(
                  "button",
                  {
                    type: "button",
                    class: "danger",
                    "aria-label": `Retire version ${v.version}`,
                    onclick: (ev: Event) =>
                      void status.run(`Retiring v${v.version}…`, () => this.session.client.vault.retireVersion(e.vaultEntryId, v.version), [ev.currentTarget as HTMLButtonElement]).then(async () => {
                        const again = await status.run("Reloading…", () => this.session.client.vault.get(e.vaultEntryId));
                        if (again !== undefined) show(again.versions);
                      }),
                  },
                  "Retire",
                ),
          ]),
          "No versions.",
        ),
      );
    show(detail.versions);
    formDialog(`Versions of ${e.name ?? e.vaultEntryId}`, h("form", { class: "form" }, list, status.element), async () => true);
  }

  async #delete(e: VaultEntry): Promise<void> {
    const label = e.name ?? e.vaultEntryId;
    if (!(await confirmDialog(`Delete ${label}?`, "Every version is deleted; integrations that use it stop working.", "Delete"))) return;
    const done = await this.#listStatus.run(`Deleting ${label}…`, async () => {
      try {
        await this.session.client.vault.delete(e.vaultEntryId);
        return "deleted" as const;
      } catch (error) {
        if (error instanceof ApiError && error.code === "resource_in_use") return error;
        throw error;
      }
    });
    if (done === "deleted") {
      await this.#load(true);
      this.#listStatus.show(successBox(h("p", {}, `Deleted ${label}.`)));
    } else if (done instanceof ApiError) {
      this.#inUse(e, done);
    }
  }

  #inUse(e: VaultEntry, error: ApiError): void {
    const label = e.name ?? e.vaultEntryId;
    const force = h("button", { type: "button", class: "danger" }, "Delete anyway");
    force.addEventListener("click", () => {
      void this.#listStatus.run(`Deleting ${label} (force)…`, () => this.session.client.vault.delete(e.vaultEntryId, { force: true }), [force]).then(async (done) => {
        if (done === undefined) return;
        await this.#load(true);
        this.#listStatus.show(successBox(h("p", {}, `Deleted ${label} (force).`)));
      });
    });
    this.#listStatus.show(
      h(
        "div",
        { class: "notice warning", role: "alert" },
        h("p", { class: "notice-text" }, `${label} was not deleted: it is in use.`),
        h("p", {}, "One or more integrations call Datadog with this credential. Point them at another credential (Integrations → Edit) or delete them first. Deleting anyway leaves those integrations unhealthy (credential_deleted)."),
        h("p", { class: "notice-detail" }, "The service said: ", error.message),
        h("p", { class: "notice-meta" }, "Code ", h("code", {}, error.code), error.requestId === undefined ? null : [" · Request id ", h("code", { class: "request-id" }, error.requestId)]),
        h("div", { class: "actions" }, force),
      ),
    );
  }
}
customElements.define("qs-credentials-page", CredentialsPage);
