// Step 3 of the demo page: what the buyer's browser got back from PortOne, parsed with the
// package's browser build. V1: IMP.request_pay's callback (parseRequestPayResponse) or the
// m_redirect_url URL (parseRedirectQuery). V2: what PortOne.requestPayment resolved to
// (parsePaymentResponseV2) or the redirectUrl URL (parseRedirectQueryV2). None of them is proof
// of payment: the page only copies the ids into step 4, for the Worker to verify.

import { SAMPLES } from "./samples.js";
import { $, badge, bi, code, h, rawJson, setResult, table } from "./ui.js";

/** Sample kinds (samples.js) and the package function that parses each. */
export const PARSERS = {
  callback: "parseRequestPayResponse",
  redirect: "parseRedirectQuery",
  "v2-response": "parsePaymentResponseV2",
  "v2-redirect": "parseRedirectQueryV2",
};

/** What pasted text is when no sample or payment said so: JSON or a URL, V2 when it has V2's names. */
export function kindOf(text) {
  const isJson = /^[{["]/.test(text);
  const v2 = isJson
    ? /"(paymentId|txId|transactionType)"\s*:/.test(text) && !/"imp_uid"\s*:/.test(text)
    : /(^|[?&])(paymentId|txId|transactionType)=/.test(text) && !/(^|[?&])imp_uid=/.test(text);
  if (isJson) return v2 ? "v2-response" : "callback";
  return v2 ? "v2-redirect" : "redirect";
}

/**
 * Wires step 3. getPkg(): the loaded package (or undefined while loading). Returns
 * { show(text, kind) }: puts a result in the box and parses it as `kind`.
 */
export function startParser(getPkg) {
  let kind = null; // set by a sample or a payment; null: detect from the text

  const run = () => {
    const pkg = getPkg();
    if (pkg) parse(pkg, $("input").value.trim(), kind);
  };
  for (const s of SAMPLES) $("sample").append(h("option", { value: s.id }, `${s.ko} / ${s.en}`));
  $("sample").prepend(h("option", { value: "", selected: true }, "— 직접 입력 / paste your own —"));
  $("sample").addEventListener("change", () => {
    const sample = SAMPLES.find((s) => s.id === $("sample").value);
    if (!sample) return;
    $("input").value = sample.text;
    kind = sample.kind;
    run();
  });
  $("input").addEventListener("input", () => {
    $("sample").value = "";
    kind = null;
  });
  $("parse").addEventListener("click", run);
  return {
    show(text, as) {
      $("sample").value = "";
      $("input").value = text;
      kind = as;
      run();
    },
  };
}

function parse(pkg, text, given) {
  const kind = given ?? kindOf(text);
  const fn = PARSERS[kind];
  const out = $("parse-result");
  out.dataset.kind = kind;
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
  const v2 = kind.startsWith("v2-");
  const next = v2 ? fillV2(r) : fillV1(r);
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
    table(v2 ? v2Rows(r) : v1Rows(r)),
    ...next.map((n) => h("p", { className: "note" }, n)),
    rawJson(r, "정규화된 전체 결과 / full normalised result"),
  );
}

const v1Rows = (r) => [
  ["success", r.success, "parse-success"],
  ["imp_uid", r.imp_uid, "parse-imp-uid"],
  ["merchant_uid", r.merchant_uid, "parse-merchant-uid"],
  ["paid_amount", r.paid_amount, "parse-paid-amount"],
  ["status", r.status],
  ["pay_method", r.pay_method],
  ["error_code", r.error_code, "parse-error-code-field"],
  ["error_msg", r.error_msg],
];

// V2 results carry no amount at all: only the server's fetch of the payment has one.
const v2Rows = (r) => [
  ["success", r.success, "parse-success"],
  ["paymentId", r.paymentId, "parse-payment-id"],
  ["txId", r.txId, "parse-tx-id"],
  ["transactionType", r.transactionType],
  ["code", r.code, "parse-code"],
  ["message", r.message, "parse-message"],
  ["pgCode", r.pgCode],
  ["pgMessage", r.pgMessage],
];

function fillV1(r) {
  if (r.imp_uid && r.merchant_uid) {
    $("imp-uid").value = r.imp_uid;
    $("merchant-uid").value = r.merchant_uid;
    return [bi("imp_uid와 merchant_uid를 4단계에 채웠습니다: 서버에서 검증하세요.", "imp_uid and merchant_uid are filled in step 4: verify on the server.")];
  }
  return r.imp_uid ? [] : [bi("imp_uid가 없어 검증할 결제가 없습니다.", "no imp_uid: there is no payment to verify.")];
}

function fillV2(r) {
  if (!r.paymentId) return [bi("paymentId가 없어 검증할 결제가 없습니다.", "no paymentId: there is no payment to verify.")];
  $("payment-id").value = r.paymentId;
  return [bi("paymentId를 4단계(V2)에 채웠습니다: 서버에서 검증하세요.", "the paymentId is filled in step 4 (V2): verify on the server.")];
}
