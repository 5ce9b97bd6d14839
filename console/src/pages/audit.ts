/** Audit: the tenant's own records (GET /api/v2/audit) with filters, pages and CSV export. */
import { field, h, replace, table } from "../dom.js";
import { Status, successBox } from "../feedback.js";
import { Page } from "../page.js";

interface AuditRecordView {
  audit_id: string;
  time: string;
  action: string;
  outcome: string;
  request_id: string;
  actor: string;
  resource?: { id?: string };
  details?: Record<string, string>;
  security_alert?: string;
}

/** A datetime-local value (the reader's time) as RFC 3339 UTC; undefined when empty. */
function rfc3339(local: string): string | undefined {
  if (local === "") return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export class AuditPage extends Page {
  readonly heading = "Audit";
  override readonly needs = "admin";
  #status = new Status();
  #list = h("div");
  #cursors: (string | undefined)[] = [undefined];
  #pageIndex = 0;
  #next: string | undefined;
  #filters: Record<string, string | undefined> = {};

  protected async render(body: HTMLElement): Promise<void> {
    const from = h("input", { type: "datetime-local", name: "from", step: "1" });
    const to = h("input", { type: "datetime-local", name: "to", step: "1" });
    const action = h("input", { type: "text", name: "action", placeholder: "e.g. vault.seal", autocomplete: "off" });
    const outcome = h("select", { name: "outcome" }, ["", "allowed", "denied", "failed"].map((o) => h("option", { value: o }, o === "" ? "any" : o)));
    const apply = h("button", { type: "submit", class: "primary" }, "Apply filters");
    const exportCsv = h("button", { type: "button", class: "secondary" }, "Export CSV");
    const form = h("form", { class: "form filters", "aria-label": "Audit filters" }, field("From", from), field("To", to), field("Action", action), field("Outcome", outcome), h("div", { class: "actions" }, apply, exportCsv));
    const read = () => ({ from: rfc3339(from.value), to: rfc3339(to.value), action: action.value.trim() || undefined, outcome: outcome.value || undefined });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#filters = read();
      this.#cursors = [undefined];
      this.#pageIndex = 0;
      void this.#load();
    });
    exportCsv.addEventListener("click", () => void this.#export(read(), exportCsv));
    body.append(this.section("Filters", form), this.section("Records", this.#status.element, this.#list));
    await this.#load();
  }

  async #load(): Promise<void> {
    const cursor = this.#cursors[this.#pageIndex];
    const page = await this.#status.run("Loading audit records…", () =>
      this.session.api.json<{ records: AuditRecordView[]; next_cursor?: string }>("GET", "/api/v2/audit", { query: { ...this.#filters, limit: "50", cursor } }),
    );
    if (page === undefined) return;
    this.#next = page.next_cursor;
    const rows = page.records.map((r) => [
      h("time", { datetime: r.time }, new Date(r.time).toLocaleString()),
      h("code", {}, r.action),
      h("span", { class: `badge ${r.outcome === "allowed" ? "ok" : "bad"}` }, r.outcome),
      h("code", {}, r.actor),
      r.resource?.id === undefined ? "—" : h("code", {}, r.resource.id),
      Object.entries(r.details ?? {}).map(([k, v]) => h("span", { class: "detail" }, `${k}=${v} `)),
      r.security_alert ?? "",
      h("code", {}, r.request_id),
    ]);
    const prev = h("button", { type: "button", class: "secondary", disabled: this.#pageIndex === 0 }, "Previous page");
    const next = h("button", { type: "button", class: "secondary", disabled: this.#next === undefined }, "Next page");
    prev.addEventListener("click", () => {
      this.#pageIndex -= 1;
      void this.#load();
    });
    next.addEventListener("click", () => {
      this.#pageIndex += 1;
      this.#cursors[this.#pageIndex] = this.#next;
      void this.#load();
    });
    replace(
      this.#list,
      table("Audit records", ["Time", "Action", "Outcome", "Actor", "Resource", "Details", "Alert", "Request id"], rows, "No audit record matches."),
      h("nav", { class: "pager", "aria-label": "Audit pages" }, prev, h("span", { class: "page-number" }, `Page ${this.#pageIndex + 1}`), next),
    );
  }

  /** Every page of the filtered records as CSV (Accept: text/csv; X-Next-Cursor), then a download. */
  async #export(filters: Record<string, string | undefined>, button: HTMLButtonElement): Promise<void> {
    const csv = await this.#status.run(
      "Exporting CSV…",
      async () => {
        let cursor: string | undefined;
        let out = "";
        let pages = 0;
        do {
          const answer = await this.session.api.send("GET", "/api/v2/audit", { accept: "text/csv", query: { ...filters, limit: "200", cursor } });
          const text = answer.text;
          // The header line once: later pages repeat it.
          out += pages === 0 ? text : text.slice(text.indexOf("\n") + 1);
          cursor = answer.headers.get("X-Next-Cursor") ?? undefined;
          pages += 1;
        } while (cursor !== undefined && pages < 100);
        return out;
      },
      [button],
    );
    if (csv === undefined) return;
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const link = h("a", { href: url, download: `quantaseal-audit-${new Date().toISOString().slice(0, 19).replace(/:/g, "")}.csv`, class: "download" }, "Download the CSV again");
    const n = Math.max(0, csv.trimEnd().split("\n").length - 1);
    this.#status.show(successBox(h("p", {}, `Exported ${n} ${n === 1 ? "record" : "records"}. `, link)));
    link.click();
  }
}
customElements.define("qs-audit-page", AuditPage);
