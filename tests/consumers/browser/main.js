// The same page code for the Vite build and the plain <script type="module"> page: init()
// once, then parse a callback and verify payments; the outcome is rendered into #result.
import * as pkg from "portone-verify";
import { init, parseRequestPayResponse, verifyPayment } from "portone-verify";

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
  out.textContent = JSON.stringify({
    callback: { success: callback.success, paid_amount: callback.paid_amount },
    good: { ok: good.ok, state: good.state },
    forged: { ok: forged.ok, codes: forged.failures.map((f) => f.code) },
    error,
    hasClient: "PortOneClient" in pkg,
  });
  out.dataset.status = "done";
} catch (err) {
  out.textContent = String(err?.stack ?? err);
  out.dataset.status = "error";
}
