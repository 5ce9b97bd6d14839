/**
 * The one way the console makes DOM: `h(tag, props, ...children)`. Text is always a text node
 * (never parsed as HTML), so nothing an API returns can become markup; there is no innerHTML.
 * `on…` props become event listeners; `true` is an empty attribute; `false`/`undefined` none.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Listener = (event: Event) => void;
export type Props = Record<string, string | number | boolean | undefined | Listener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) {
      continue;
    }
    if (typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "class") {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(parent, c as readonly Child[]);
    } else if (c instanceof Node) {
      parent.appendChild(c);
    } else {
      parent.appendChild(document.createTextNode(String(c as string | number)));
    }
  }
}

/** Replaces every child of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

let ids = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field: `<label for>` + control, with an optional hint tied by aria-describedby. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  if (control.id === "") {
    control.id = uid("f");
  }
  const parts: Child[] = [h("label", { for: control.id }, label), control];
  if (hint !== undefined) {
    const hintId = uid("hint");
    control.setAttribute("aria-describedby", hintId);
    parts.push(h("p", { class: "hint", id: hintId }, hint));
  }
  return h("div", { class: "field" }, ...parts);
}

/** A date-time as the reader's locale shows it, with the ISO text as its machine value. */
export function time(iso: string | undefined): HTMLElement | string {
  if (iso === undefined || iso === "") {
    return "—";
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : h("time", { datetime: iso }, d.toLocaleString());
}

/** A table with a caption (its accessible name), header cells with scope, and rows. */
export function table(caption: string, headers: readonly string[], rows: readonly (readonly Child[])[], empty: string): HTMLElement {
  if (rows.length === 0) {
    return h("p", { class: "empty" }, empty);
  }
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
      h(
        "tbody",
        {},
        rows.map((r) => h("tr", {}, r.map((c, i) => (i === 0 ? h("th", { scope: "row" }, c) : h("td", { "data-label": headers[i] ?? "" }, c))))),
      ),
    ),
  );
}
