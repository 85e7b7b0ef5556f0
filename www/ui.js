// DOM helpers of the demo page (no framework).

export const $ = (id) => document.getElementById(id);

/** Makes an element: h("td", { className: "x" }, "text", child, …). */
export function h(tag, props = {}, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}
export const bi = (ko, en) => h("span", {}, ko, " ", h("span", { className: "en" }, `/ ${en}`));
export const code = (text) => h("code", {}, text);
export const show = (value) => (value === null || value === undefined ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value));
export function badge(kind, ko, en) {
  return h("span", { className: `badge ${kind}` }, `${ko} / ${en}`);
}
/** A two-column table of [label, value, id?] rows (the value cell gets the id). */
export function table(rows) {
  return h(
    "table",
    {},
    h("tbody", {}, ...rows.map(([k, v, id]) => h("tr", {}, h("th", {}, k), h("td", id ? { id } : {}, code(show(v)))))),
  );
}
export function rawJson(value, summary = "JSON") {
  return h("details", {}, h("summary", {}, summary), h("pre", {}, JSON.stringify(value, null, 2)));
}
export function setResult(el, state, ...children) {
  el.hidden = false;
  el.dataset.state = state;
  el.replaceChildren(...children);
}

/** `fetch` + JSON: { status, body } (a body that is not JSON becomes an error body). */
export async function fetchJson(url, init = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: { error: { code: "NOT_JSON", message: text.slice(0, 300) } } };
  }
}

/** An `{ error: { code, message, path? } }` answer (or a network failure) as a result. */
export function showError(el, status, error) {
  setResult(
    el,
    "error",
    h("p", {}, badge("bad", "오류", "error"), status ? ` HTTP ${status}` : ""),
    table([
      ["code", error?.code, `${el.id}-error-code`],
      ["path", error?.path],
      ["message", error?.message ?? String(error)],
    ]),
  );
}
