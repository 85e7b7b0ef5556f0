// The demo page: a shop's flow against the Worker example (examples/cloudflare-worker): order
// (the Worker prices it and registers the amount at PortOne), pay in PortOne's checkout (the
// demo server plays it, shop.js), parse the callback with the package's browser build, and ask
// the Worker to verify the payment. No framework, no bundler.
//
// config.js gives { workerUrl, pkgEntry }: scripts/demo's server generates it (pkgEntry follows
// the "browser" condition of the package's exports map); the checked-in www/config.js is the
// fallback for serving the repository with any static server. ?worker=<url> overrides workerUrl.

import config from "./config.js";
import { SAMPLES } from "./samples.js";
import { startShop } from "./shop.js";
import { $, badge, bi, code, fetchJson, h, rawJson, setResult, show, showError, table } from "./ui.js";

const params = new URLSearchParams(location.search);
const workerUrl = (params.get("worker") || config.workerUrl || "http://127.0.0.1:8787").replace(/\/+$/, "");
// Never from the query string: a page must not import code named by its URL.
const pkgEntry = new URL(config.pkgEntry || "../pkg/browser.js", location.href).href;

let pkg; // the package's browser entry, once loaded

startShop({
  workerUrl,
  onPaid(callback) {
    $("sample").value = "";
    $("input").value = JSON.stringify(callback, null, 2);
    if (pkg) parse();
  },
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

// ---------------------------------------------------------------------------------------
// 3. Parse the callback.

for (const s of SAMPLES) $("sample").append(h("option", { value: s.id }, `${s.ko} / ${s.en}`));
$("sample").prepend(h("option", { value: "", selected: true }, "— 직접 입력 / paste your own —"));
$("sample").addEventListener("change", () => {
  const sample = SAMPLES.find((s) => s.id === $("sample").value);
  if (!sample) return;
  $("input").value = sample.text;
  if (pkg) parse();
});
$("input").addEventListener("input", () => ($("sample").value = ""));
$("parse").addEventListener("click", () => parse());

function parse() {
  const text = $("input").value.trim();
  const asCallback = text.startsWith("{") || text.startsWith("[") || text.startsWith('"');
  const fn = asCallback ? "parseRequestPayResponse" : "parseRedirectQuery";
  const out = $("parse-result");
  let r;
  try {
    r = pkg[fn](text);
  } catch (e) {
    setResult(
      out,
      "error",
      h("p", {}, badge("bad", "오류", "error"), " ", code(`${fn}()`)),
      table([
        ["code", e?.code, "parse-error-code"],
        ["path", e?.path === "" ? "(입력 전체 / whole input)" : e?.path, "parse-error-path"],
        ["message", e?.message, "parse-error-message"],
      ]),
    );
    return;
  }
  const next = [];
  if (r.imp_uid && r.merchant_uid) {
    $("imp-uid").value = r.imp_uid;
    $("merchant-uid").value = r.merchant_uid;
    next.push(bi("imp_uid와 merchant_uid를 4단계에 채웠습니다: 서버에서 검증하세요.", "imp_uid and merchant_uid are filled in step 4: verify on the server."));
  } else if (!r.imp_uid) {
    next.push(bi("imp_uid가 없어 검증할 결제가 없습니다.", "no imp_uid: there is no payment to verify."));
  }
  setResult(
    out,
    "ok",
    h(
      "p",
      {},
      r.success ? badge("ok", "오류 없음", "no error reported") : badge("warn", "실패", "failed"),
      " ",
      code(`${fn}()`),
      " ",
      h("span", { className: "note" }, bi("결제 증거 아님", "not proof of payment")),
    ),
    table([
      ["success", r.success, "parse-success"],
      ["imp_uid", r.imp_uid, "parse-imp-uid"],
      ["merchant_uid", r.merchant_uid, "parse-merchant-uid"],
      ["paid_amount", r.paid_amount, "parse-paid-amount"],
      ["status", r.status],
      ["pay_method", r.pay_method],
      ["error_code", r.error_code, "parse-error-code-field"],
      ["error_msg", r.error_msg],
    ]),
    ...next.map((n) => h("p", { className: "note" }, n)),
    rawJson(r, "정규화된 전체 결과 / full normalised result"),
  );
}

// ---------------------------------------------------------------------------------------
// 4. Complete payment: the Worker verifies.

$("complete").addEventListener("click", () => complete());

async function complete() {
  const out = $("verdict");
  const body = { imp_uid: $("imp-uid").value.trim(), merchant_uid: $("merchant-uid").value.trim() };
  $("complete").disabled = true;
  setResult(out, "pending", bi("검증 중…", "verifying…"));
  let res;
  try {
    res = await fetchJson(`${workerUrl}/payments/complete`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body), // only the two ids: never the amount
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
    $("complete").disabled = false;
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
      ["payment (PortOne)", `${p.imp_uid} · ${p.merchant_uid} · ${p.amount} ${p.currency ?? ""} · ${p.status}`],
      ["order (Worker)", v.order ? `${v.order.merchant_uid} · ${v.order.amount} ${v.order.currency} · ${v.order.status}` : null, "verdict-order"],
      ["changed", v.changed, "verdict-changed"],
      ["disposition", v.disposition, "verdict-disposition"],
    ]),
    rawJson(v, "Worker 응답 / Worker's answer"),
  );
  setResult(out, v.ok ? "ok" : "rejected", ...parts);
}
