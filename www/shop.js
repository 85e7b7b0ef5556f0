// Steps 1 and 2 of the demo page: the buyer orders through PortOne V1 or V2 (the Worker prices
// the order and registers its amount at PortOne: V1 prepare, V2 pre-register) and pays in
// PortOne's checkout, played by the demo server: POST /demo/pay creates a real V1 payment at the
// local PortOne server and answers what IMP.request_pay hands its callback; POST /demo/pay-v2
// creates a real V2 payment (paymentId = the order's merchant_uid) and answers what
// PortOne.requestPayment resolves to. The buyer may change the amount before paying: that is the
// forgery the Worker must catch in step 4.

import { $, badge, bi, code, fetchJson, h, rawJson, setResult, showError, table } from "./ui.js";

let order = null;

/** workerUrl: the Worker example; onPaid(result, api): what to do with the checkout's result ("v1" or "v2"). */
export function startShop({ workerUrl, onPaid }) {
  $("order").addEventListener("click", () => placeOrder(workerUrl));
  $("pay").addEventListener("click", () => pay(onPaid));
  loadProducts(workerUrl);
}

async function loadProducts(workerUrl) {
  let res;
  try {
    res = await fetchJson(`${workerUrl}/products`);
  } catch (e) {
    showError($("order-result"), 0, { code: "NETWORK", message: `cannot reach the Worker at ${workerUrl}: ${e?.message ?? e}` });
    return;
  }
  if (res.body.error) return showError($("order-result"), res.status, res.body.error);
  const won = new Intl.NumberFormat("ko-KR");
  $("product").replaceChildren(
    ...res.body.products.map((p) => h("option", { value: p.id }, `${p.name} · ${won.format(p.price)} ${p.currency}`)),
  );
  $("quantity").max = String(res.body.max_quantity);
  $("order").disabled = false;
}

async function placeOrder(workerUrl) {
  const out = $("order-result");
  $("order").disabled = true;
  setResult(out, "pending", bi("주문 중…", "ordering…"));
  try {
    const res = await fetchJson(`${workerUrl}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // Only what the buyer chose: the Worker decides the price.
      body: JSON.stringify({ product_id: $("product").value, quantity: Number($("quantity").value), api: $("api").value }),
    });
    if (res.body.error) return showError(out, res.status, res.body.error);
    order = res.body.order;
  } catch (e) {
    return showError(out, 0, { code: "NETWORK", message: String(e?.message ?? e) });
  } finally {
    $("order").disabled = false;
  }
  setResult(
    out,
    "ok",
    h("p", {}, badge("ok", "주문됨", "ordered"), " ", bi("금액은 Worker가 정하고 PortOne에 사전 등록했습니다.", "the Worker set the amount and registered it at PortOne.")),
    table([
      ["merchant_uid", order.merchant_uid, "order-merchant-uid"],
      ["api", order.api === "v2" ? "v2 (paymentId = merchant_uid)" : "v1", "order-api"],
      ["name", `${order.name} × ${order.quantity}`],
      ["amount", `${order.amount} ${order.currency}`, "order-amount"],
      ["status", order.status, "order-status"],
      ["prepared_at", order.prepared_at],
    ]),
  );
  $("pay-amount").value = String(order.amount);
  $("pay-order").replaceChildren(code(order.merchant_uid));
  $("pay").disabled = false;
}

async function pay(onPaid) {
  const out = $("pay-result");
  if (!order) return;
  const amount = Number($("pay-amount").value);
  const v2 = order.api === "v2";
  $("pay").disabled = true;
  setResult(out, "pending", bi("결제 중…", "paying…"));
  let res;
  try {
    res = await fetchJson(v2 ? "/demo/pay-v2" : "/demo/pay", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(
        v2 ? { paymentId: order.merchant_uid, amount, orderName: order.name } : { merchant_uid: order.merchant_uid, amount, name: order.name },
      ),
    });
  } catch (e) {
    return showError(out, 0, { code: "NETWORK", message: String(e?.message ?? e) });
  } finally {
    $("pay").disabled = false;
  }
  if (res.body.error) return showError(out, res.status, res.body.error);
  const result = res.body;
  const forged = amount !== order.amount;
  const id = v2 ? result.paymentId : result.imp_uid;
  setResult(
    out,
    "ok",
    h(
      "p",
      {},
      forged ? badge("warn", "금액 바꿈", "amount changed") : badge("ok", "결제됨", "paid"),
      " ",
      bi(`PortOne ${v2 ? "V2" : "V1"}에 ${amount} ${order.currency} 결제`, `paid ${amount} ${order.currency} at PortOne ${v2 ? "V2" : "V1"}`),
      " ",
      code(id),
    ),
    h("p", { className: "note" }, bi("결과를 3단계에 넣었습니다.", "the result is in step 3.")),
    rawJson(result, v2 ? "PortOne.requestPayment 결과 / result" : "IMP.request_pay 콜백 / callback"),
  );
  delete out.dataset.impUid;
  delete out.dataset.paymentId;
  if (v2) out.dataset.paymentId = id;
  else out.dataset.impUid = id;
  onPaid(result, order.api);
}
