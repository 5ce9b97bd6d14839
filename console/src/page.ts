/** The base of every page: a custom element that renders itself once it is in the document. */
import { h, replace, type Child } from "./dom.js";
import { errorBox } from "./feedback.js";
import { allowed, needsText, type Needs, type Session } from "./session.js";

export abstract class Page extends HTMLElement {
  session!: Session;
  /** The page's title (its h1 and the document title). */
  abstract readonly heading: string;
  /** The scope the page needs (or any of several), if any. */
  readonly needs: Needs | undefined = undefined;

  connectedCallback(): void {
    const h1 = h("h1", { tabindex: "-1", class: "page-title" }, this.heading);
    const body = h("div", { class: "page-body" });
    replace(this, h1, body);
    h1.focus();
    if (this.needs !== undefined && allowed(this.session, this.needs) === false) {
      replace(
        body,
        h(
          "div",
          { class: "notice unavailable", role: "note" },
          h("p", {}, `Unavailable with this API key: it needs the `, h("code", {}, needsText(this.needs)), " scope, which this key does not have."),
          h("p", {}, "Sign in with a key that has it (an admin issues one on the API keys page)."),
        ),
      );
      return;
    }
    this.render(body).catch((error: unknown) => replace(body, errorBox(error)));
  }

  protected abstract render(body: HTMLElement): Promise<void>;

  /** A section with an h2, for one part of a page. */
  protected section(title: string, ...children: Child[]): HTMLElement {
    const id = `${this.localName}-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
    return h("section", { class: "card", "aria-labelledby": id }, h("h2", { id }, title), ...children);
  }
}

/** A modal dialog (native <dialog>): resolves true when its confirm button is pressed. */
export function confirmDialog(title: string, text: Child, confirmLabel: string, danger = true): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
    const dialog = h("dialog", { "aria-labelledby": titleId, class: "dialog" });
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const cancel = h("button", { type: "button", class: "secondary", onclick: () => close(false) }, "Cancel");
    const ok = h("button", { type: "button", class: danger ? "danger" : "primary", onclick: () => close(true) }, confirmLabel);
    dialog.addEventListener("cancel", () => close(false));
    dialog.append(h("h2", { id: titleId }, title), h("div", { class: "dialog-text" }, text), h("div", { class: "actions" }, cancel, ok));
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/** A dialog holding a form; `submit` runs on its submit and closes it when it returns true. */
export function formDialog(title: string, form: HTMLFormElement, submit: () => Promise<boolean>): void {
  const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
  const dialog = h("dialog", { "aria-labelledby": titleId, class: "dialog" });
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.addEventListener("cancel", close);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit().then((done) => {
      if (done) close();
    });
  });
  form.append(h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", onclick: close }, "Cancel")));
  dialog.append(h("h2", { id: titleId }, title), form);
  document.body.append(dialog);
  dialog.showModal();
}

/** Every item of a paginated list (the SDK's listAll). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
