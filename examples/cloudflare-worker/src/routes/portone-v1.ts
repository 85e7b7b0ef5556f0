// PortOne V1: the buyer's browser reports a payment, PortOne notifies one. Both are only hints:
// the payment is fetched from PortOne's API and verified against the order in D1, and the
// verdict is applied with conditional updates (src/store.ts), so the two racing each other,
// in any isolates and any number of times, pay the order once.
//
//   POST /payments/complete  {imp_uid, merchant_uid} after IMP.request_pay (or on the
//                            m_redirect_url page). 200 verified, 409 not.
//   POST /portone/webhook    PortOne's V1 notification (JSON or form; unsigned). 200 when handled.

import type { Env } from "../env.js";
import { json, readJsonObject, requiredString } from "../http.js";
import { expectedOf, loadOrder, portone, PROVIDER, record, verdictBody } from "../portone-v1.js";
import type { Route } from "../router.js";
import * as store from "../store.js";
import type { Order } from "../store.js";

async function complete(request: Request, env: Env): Promise<Response> {
  const input = await readJsonObject(request);
  const impUid = requiredString(input, "imp_uid");
  const merchantUid = requiredString(input, "merchant_uid");
  // Whatever else the browser sent (paid_amount, status, success) is ignored on purpose.
  const order = await loadOrder(env, merchantUid);
  const verdict = await portone(env).verifyPayment(impUid, expectedOf(order));
  const recorded = await record(env, order, verdict, "complete", new Date().toISOString());
  return json(
    { ...verdictBody(verdict), changed: recorded.changed, disposition: recorded.payment?.disposition ?? null, order: recorded.order },
    verdict.ok ? 200 : 409,
  );
}

async function webhook(request: Request, env: Env): Promise<Response> {
  const body = await request.text();
  // Parses the notification, ignores its `status`, fetches the payment by imp_uid and verifies
  // it against the order of its merchant_uid (also checking merchant_uid and imp_uid).
  const asked: { order?: Order } = {};
  const verdict = await portone(env).verifyWebhookV1(body, request.headers.get("content-type"), async (merchantUid) => {
    asked.order = await loadOrder(env, merchantUid);
    return expectedOf(asked.order);
  });
  const order = asked.order ?? (await loadOrder(env, verdict.webhook.merchant_uid));
  const at = new Date().toISOString();
  const recorded = await record(env, order, verdict, "webhook", at);
  const w = verdict.webhook;
  const deliveries = await store.recordDelivery(env.DB, {
    provider: PROVIDER,
    key: [w.imp_uid, w.status ?? "", w.cancellation_id ?? ""].join("\n"),
    paymentId: w.imp_uid,
    merchantUid: w.merchant_uid,
    outcome: store.deliveryOutcome(verdict.ok, recorded),
    at,
  });
  // 200 also when the verdict is not ok: the notification was handled (a forged one is simply
  // not acted on). Failing to fetch the payment is an error (5xx), never a verdict.
  return json({
    ...verdictBody(verdict),
    changed: recorded.changed,
    disposition: recorded.payment?.disposition ?? null,
    order: recorded.order,
    webhook: w,
    deliveries,
  });
}

export const portoneV1Routes: Route[] = [
  { method: "POST", path: "/payments/complete", browser: true, handler: complete },
  { method: "POST", path: "/portone/webhook", browser: false, handler: webhook },
];
