/**
 * The console's shell (`<qs-console>`): sign-in, then a header (key, sign-out), the navigation and
 * one page at a time, chosen by the URL's fragment (`#/credentials`), so the site needs no server
 * routing. Pages whose scope the key lacks are marked unavailable in the navigation.
 */
import { field, h, replace } from "./dom.js";
import { errorBox } from "./feedback.js";
import type { Page } from "./page.js";
import { ApiKeysPage } from "./pages/api-keys.js";
import { AuditPage } from "./pages/audit.js";
import { CredentialsPage } from "./pages/credentials.js";
import { IntegrationsPage } from "./pages/integrations.js";
import { OverviewPage } from "./pages/overview.js";
import { SiemPage } from "./pages/siem.js";
import { TestEventPage } from "./pages/test-event.js";
import { allowed, needsText, Session, type Needs } from "./session.js";
import { ClientKeysPage } from "./pages/client-keys.js";

interface Route {
  readonly path: string;
  readonly label: string;
  readonly page: new () => Page;
  readonly needs?: Needs;
}

const ROUTES: readonly Route[] = [
  { path: "overview", label: "Overview", page: OverviewPage },
  { path: "credentials", label: "Credentials", page: CredentialsPage },
  { path: "integrations", label: "Integrations", page: IntegrationsPage },
  { path: "test-event", label: "Send test event", page: TestEventPage, needs: "client_keys:manage" },
  { path: "security/siem", label: "Security → SIEM Webhooks", page: SiemPage },
  { path: "audit", label: "Audit", page: AuditPage, needs: "admin" },
  { path: "api-keys", label: "API keys", page: ApiKeysPage, needs: "admin" },
  { path: "client-keys", label: "Client keys", page: ClientKeysPage, needs: ["client_keys:manage", "admin"] },
];

class ConsoleApp extends HTMLElement {
  #session: Session | undefined;

  connectedCallback(): void {
    window.addEventListener("hashchange", () => this.#route());
    void Session.resume().then((s) => {
      this.#session = s;
      this.#route();
    });
  }

  #route(): void {
    if (this.#session === undefined) {
      this.#signIn();
      return;
    }
    const path = location.hash.replace(/^#\/?/, "");
    const route = ROUTES.find((r) => r.path === path) ?? ROUTES[0]!;
    document.title = `${route.label} · QuantaSeal Admin Console`;
    const page = new route.page();
    page.session = this.#session;
    const main = h("main", { id: "main", class: "main" });
    replace(this, h("a", { class: "skip", href: "#main", onclick: (e: Event) => (e.preventDefault(), main.querySelector("h1")?.focus()) }, "Skip to content"), this.#header(), h("div", { class: "layout" }, this.#nav(route), main));
    main.append(page);
  }

  #header(): HTMLElement {
    const s = this.#session!;
    const signOut = h("button", { type: "button", class: "secondary sign-out" }, "Sign out");
    signOut.addEventListener("click", () => {
      s.signOut();
      this.#session = undefined;
      history.replaceState(null, "", location.pathname);
      this.#signIn("Signed out: the API key was forgotten by this tab.");
    });
    return h(
      "header",
      { class: "top" },
      h("a", { class: "brand", href: "#/overview" }, "QuantaSeal", h("span", { class: "brand-sub" }, " Admin Console")),
      h("div", { class: "who" }, h("span", { class: "key-hint" }, "Signed in with ", h("code", {}, s.keyHint)), signOut),
    );
  }

  #nav(current: Route): HTMLElement {
    const s = this.#session!;
    return h(
      "nav",
      { class: "side", "aria-label": "Console pages" },
      h(
        "ul",
        {},
        ROUTES.map((r) => {
          const unavailable = allowed(s, r.needs) === false;
          return h(
            "li",
            {},
            h(
              "a",
              {
                href: `#/${r.path}`,
                "aria-current": r === current ? "page" : undefined,
                class: unavailable ? "unavailable" : undefined,
                "aria-describedby": unavailable ? `needs-${r.path.replace("/", "-")}` : undefined,
              },
              r.label,
            ),
            unavailable ? h("span", { class: "needs", id: `needs-${r.path.replace("/", "-")}` }, `unavailable: needs ${needsText(r.needs ?? "")}`) : null,
          );
        }),
      ),
    );
  }

  #signIn(message?: string): void {
    document.title = "Sign in · QuantaSeal Admin Console";
    const key = h("input", { type: "password", name: "api-key", autocomplete: "off", spellcheck: "false", required: true, placeholder: "qs_live_… or qs_test_…" });
    const submit = h("button", { type: "submit", class: "primary" }, "Sign in");
    const status = h("div", { class: "status", "aria-live": "polite" });
    const form = h(
      "form",
      { class: "form sign-in", "aria-labelledby": "sign-in-title" },
      h("h1", { id: "sign-in-title" }, "Sign in to the QuantaSeal Admin Console"),
      message === undefined ? null : h("p", { class: "notice success", role: "status" }, message),
      field("API key", key, "Kept in this tab only (sessionStorage) and sent only as X-API-Key to this origin; Sign out forgets it."),
      h("div", { class: "actions" }, submit),
      status,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = key.value.trim();
      if (!Session.looksLikeApiKey(value)) {
        replace(status, h("div", { class: "notice error", role: "alert" }, h("p", {}, "That is not an API key: keys are qs_live_ or qs_test_ and 43 more characters.")));
        return;
      }
      submit.disabled = true;
      replace(status, h("p", { class: "progress-line" }, h("progress", { "aria-label": "Checking the key" }), " Checking the key with the service…"));
      Session.signIn(value)
        .then((s) => {
          key.value = "";
          this.#session = s;
          if (location.hash === "") history.replaceState(null, "", "#/overview");
          this.#route();
        })
        .catch((error: unknown) => replace(status, errorBox(error)))
        .finally(() => (submit.disabled = false));
    });
    replace(this, h("main", { id: "main", class: "main sign-in-page" }, form));
    key.focus();
  }
}
customElements.define("qs-console", ConsoleApp);
