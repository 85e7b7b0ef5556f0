// The demo page: a shop's flow against the Worker example (examples/cloudflare-worker), with
// PortOne V1 or V2: order (the Worker prices it and registers the amount at PortOne), pay in
// PortOne's checkout (the demo server plays it, shop.js), parse the result with the package's
// browser build (parse.js), and ask the Worker to verify the payment (V1: imp_uid and
// merchant_uid; V2: paymentId). No framework, no bundler.
//
// config.js gives { workerUrl, pkgEntry }: scripts/demo's server generates it (pkgEntry follows
// the "browser" condition of the package's exports map); the checked-in www/config.js is the
// fallback for serving the repository with any static server. ?worker=<url> overrides workerUrl.

import config from "./config.js";
import { startParser } from "./parse.js";
import { startShop } from "./shop.js";
import { $, badge, bi, code, fetchJson, h, rawJson, setResult, show, showError, table } from "./ui.js";

const params = new URLSearchParams(location.search);
const workerUrl = (params.get("worker") || config.workerUrl || "http://127.0.0.1:8787").replace(/\/+$/, "");
// Never from the query string: a page must not import code named by its URL.
const pkgEntry = new URL(config.pkgEntry || "../pkg/browser.js", location.href).href;

let pkg; // the package's browser entry, once loaded

const parser = startParser(() => pkg);
startShop({
  workerUrl,
  // IMP.request_pay's callback (V1) or what PortOne.requestPayment resolved to (V2): step 3.
  onPaid: (result, api) => parser.show(JSON.stringify(result, null, 2), api === "v2" ? "v2-response" : "callback"),
});

// ---------------------------------------------------------------------------------------
// The package.

try {
  const t0 = performance.now();
  pkg = await import(pkgEntry);
  if (typeof pkg.init === "function") await pkg.init(); // once, before anything else
  const ms = (performance.now() - t0).toFixed(0);
  $("status").replaceChildren(
    bi("패키지", "package"), " ", code(new URL(pkgEntry).pathname), ` (${ms} ms) · Worker `, code(workerUrl),
  );
  $("status").dataset.ready = "true";
  $("parse").disabled = false;
} catch (e) {
  $("status").dataset.ready = "false";
  $("status").replaceChildren(
    h("span", { className: "badge bad" }, "오류 / error"), " ",
    bi("패키지를 불러오지 못했습니다", "could not load the package"), " ", code(pkgEntry), `: ${e?.message ?? e}`,
  );
}
$("worker-url").replaceChildren("→ ", code(`POST ${workerUrl}/payments/complete`));
$("worker-url-v2").replaceChildren("→ ", code(`POST ${workerUrl}/v2/payments/complete`));

// ---------------------------------------------------------------------------------------
// 4. Complete payment: the Worker verifies.

// Only ids are sent, never an amount: the Worker takes it from its own order.
$("complete").addEventListener("click", () =>
  complete("complete", "/payments/complete", { imp_uid: $("imp-uid").value.trim(), merchant_uid: $("merchant-uid").value.trim() }),
);
$("complete-v2").addEventListener("click", () => complete("complete-v2", "/v2/payments/complete", { paymentId: $("payment-id").value.trim() }));

async function complete(button, route, body) {
  const out = $("verdict");
  $(button).disabled = true;
  setResult(out, "pending", bi("검증 중…", "verifying…"));
  let res;
  try {
    res = await fetchJson(`${workerUrl}${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (e) {
    setResult(
      out,
      "error",
      h("p", {}, badge("bad", "연결 실패", "network error"), " ", bi("Worker에 연결할 수 없습니다", "cannot reach the Worker"), " ", code(workerUrl)),
      h("p", { className: "note" }, String(e?.message ?? e)),
    );
    return;
  } finally {
    $(button).disabled = false;
  }
  renderVerdict(out, res.status, res.body);
}

function renderVerdict(out, status, v) {
  if (v.error) return showError(out, status, v.error);
  const p = v.payment ?? {};
  const parts = [];
  if (v.ok) {
    parts.push(
      h("p", {}, badge("ok", "검증됨", "verified"), " ", code("ok: true"), " state ", h("code", { id: "verdict-state" }, v.state), ` · HTTP ${status}`),
      h("p", {}, bi("주문 금액과 결제가 일치합니다: 출고해도 됩니다.", "the payment matches the order: safe to ship.")),
    );
  } else {
    parts.push(
      h("p", {}, badge("bad", "거부됨", "rejected"), " ", code("ok: false"), ` · HTTP ${status}`),
      h(
        "table",
        { id: "failures" },
        h("thead", {}, h("tr", {}, ...["code", "field", "expected", "actual", "message"].map((c) => h("th", {}, c)))),
        h(
          "tbody",
          {},
          ...v.failures.map((f) =>
            h(
              "tr",
              {},
              h("td", { className: "failure-code" }, code(f.code)),
              h("td", {}, code(show(f.field))),
              h("td", {}, code(show(f.expected))),
              h("td", {}, code(show(f.actual))),
              h("td", {}, f.message),
            ),
          ),
        ),
      ),
    );
  }
  parts.push(
    table([
      [
        "payment (PortOne)",
        p.imp_uid !== undefined
          ? `${p.imp_uid} · ${p.merchant_uid} · ${p.amount} ${p.currency ?? ""} · ${p.status}`
          : `${p.paymentId} · ${p.amount} ${p.currency ?? ""} · ${p.status}`,
        "verdict-payment",
      ],
      ["order (Worker)", v.order ? `${v.order.merchant_uid} · ${v.order.amount} ${v.order.currency} · ${v.order.status}` : null, "verdict-order"],
      ["changed", v.changed, "verdict-changed"],
      ["disposition", v.disposition, "verdict-disposition"],
    ]),
    rawJson(v, "Worker 응답 / Worker's answer"),
  );
  setResult(out, v.ok ? "ok" : "rejected", ...parts);
}
