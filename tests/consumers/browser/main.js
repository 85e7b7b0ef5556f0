// The same page code for the Vite build and the plain <script type="module"> page: init()
// once, then parse a callback and verify payments, V1 and V2 (the requestPayment result and the
// redirect query of V2); the outcome is rendered into #result.
import * as pkg from "portone-verify";
import {
  init, parsePaymentResponseV2, parseRedirectQueryV2, parseRequestPayResponse, verifyPayment, verifyPaymentV2,
} from "portone-verify";

const out = document.getElementById("result");
try {
  await init();
  const callback = parseRequestPayResponse(
    '{"success":"true","imp_uid":"imp_347242536261","merchant_uid":"57008833-33004","paid_amount":"1004","status":"paid"}',
  );
  const payment = {
    code: 0,
    message: null,
    response: {
      imp_uid: "imp_347242536261", merchant_uid: "57008833-33004", amount: 1004, cancel_amount: 0,
      currency: "KRW", status: "paid", sandbox: false,
    },
  };
  const order = { merchantUid: callback.merchant_uid, amount: 1004 };
  const good = verifyPayment(payment, order);
  const forged = verifyPayment(payment, { ...order, amount: 100 });
  let error;
  try {
    verifyPayment("{", order);
  } catch (err) {
    error = { name: err.name, code: err.code };
  }
  // V2: what PortOne.requestPayment resolved to, the redirect URL, and the payment the server
  // fetched (verified here only to show the browser build has the rules).
  const resolved = parsePaymentResponseV2({ transactionType: "PAYMENT", txId: "tx-1", paymentId: "order-1" });
  const redirect = parseRedirectQueryV2(new URL("https://shop.example/done?paymentId=order-1&code=FAILURE_TYPE_PG&message=%EC%B7%A8%EC%86%8C"));
  const paymentV2 = {
    status: "PAID", id: "order-1", transactionId: "tx-1", merchantId: "m", storeId: "store-1",
    channel: { type: "LIVE", pgProvider: "TOSSPAYMENTS", pgMerchantId: "t" }, version: "V2",
    requestedAt: "2024-05-01T00:00:00Z", updatedAt: "2024-05-01T00:00:05Z", statusChangedAt: "2024-05-01T00:00:05Z",
    orderName: "Book", amount: { total: 1004, taxFree: 0, discount: 0, paid: 1004, cancelled: 0, cancelledTaxFree: 0 },
    currency: "KRW", customer: {}, origin: { platformType: "PC", ipAddress: "127.0.0.1" }, paidAt: "2024-05-01T00:00:05Z",
  };
  const goodV2 = verifyPaymentV2(JSON.stringify(paymentV2), { paymentId: resolved.paymentId, amount: 1004 });
  const forgedV2 = verifyPaymentV2(paymentV2, { paymentId: "order-1", amount: 100n });
  out.textContent = JSON.stringify({
    callback: { success: callback.success, paid_amount: callback.paid_amount },
    good: { ok: good.ok, state: good.state },
    forged: { ok: forged.ok, codes: forged.failures.map((f) => f.code) },
    error,
    v2: {
      resolved: { success: resolved.success, paymentId: resolved.paymentId, code: resolved.code },
      redirect: { success: redirect.success, paymentId: redirect.paymentId, code: redirect.code, message: redirect.message },
      good: { ok: goodV2.ok, state: goodV2.state, paidAt: goodV2.payment.paidAt },
      forged: { ok: forgedV2.ok, codes: forgedV2.failures.map((f) => f.code) },
    },
    hasClient: "PortOneClient" in pkg,
  });
  out.dataset.status = "done";
} catch (err) {
  out.textContent = String(err?.stack ?? err);
  out.dataset.status = "error";
}
