// PortOne V2: the buyer's browser reports a payment (after PortOne.requestPayment resolves, or
// on the redirectUrl page), PortOne sends a signed webhook. Both only name a paymentId: the
// payment is fetched from PortOne's V2 API and verified against the order in D1, and the
// verdict is applied with the same conditional updates as V1 (src/store.ts).
//
//   POST /v2/payments/complete  {paymentId}. 200 verified, 409 not.
//   POST /v2/webhooks           PortOne's V2 webhook (Standard Webhooks signature on the raw
//                               body). 200 when handled, 401 when the signature does not hold.

import { verifyWebhookV2 } from "portone-verify/server";

import type { Env } from "../env.js";
import { HttpError, json, readJsonObject, requiredString } from "../http.js";
import { expectedOf, loadOrder, portoneV2, PROVIDER, record, verdictBody } from "../portone-v2.js";
import type { Route } from "../router.js";
import * as store from "../store.js";
import type { Order } from "../store.js";

async function complete(request: Request, env: Env): Promise<Response> {
  const input = await readJsonObject(request);
  const paymentId = requiredString(input, "paymentId");
  // Whatever else the browser sent (totalAmount, txId, a code) is ignored on purpose.
  const order = await loadOrder(env, paymentId);
  const verdict = await portoneV2(env).verifyPayment(paymentId, expectedOf(env, order));
  const recorded = await record(env, order, verdict, "complete", new Date().toISOString());
  return json(
    { ...verdictBody(verdict), changed: recorded.changed, disposition: recorded.payment?.disposition ?? null, order: recorded.order },
    verdict.ok ? 200 : 409,
  );
}

/** The codes a V2 webhook's signature check fails with: the sender is refused (401). */
const SIGNATURE_FAILURES = new Set([
  "MISSING_REQUIRED_HEADERS",
  "INVALID_SIGNATURE",
  "NO_MATCHING_SIGNATURE",
  "TIMESTAMP_TOO_OLD",
  "TIMESTAMP_TOO_NEW",
]);

const codeOf = (e: unknown) => (typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "");

async function webhook(request: Request, env: Env): Promise<Response> {
  // The raw body as received: the signature covers these exact bytes.
  const body = await request.text();
  const at = new Date().toISOString();
  const secret = env.PORTONE_V2_WEBHOOK_SECRET;
  if (!secret) throw new HttpError(500, "NOT_CONFIGURED", "PORTONE_V2_WEBHOOK_SECRET is not set (.dev.vars or wrangler secret put)");
  // The signature first: only then is the webhook-id PortOne's, and a delivery already applied
  // is answered without fetching the payment again (verifyWebhook below checks it once more).
  try {
    verifyWebhookV2(secret, body, request.headers);
  } catch (e) {
    throw refused(e);
  }
  const webhookId = request.headers.get("webhook-id") ?? "";
  const repeat = await store.repeatedDelivery(env.DB, { provider: PROVIDER, key: webhookId, at });
  if (repeat !== null) {
    const order = await store.getOrder(env.DB, repeat.merchant_uid);
    return json({ duplicate: true, changed: false, outcome: repeat.outcome, deliveries: repeat.deliveries, webhookId, order });
  }
  // signature -> body -> fetch the payment by data.paymentId -> verdict against our order.
  // The body's claim (`type`: Transaction.Paid, …) never decides anything.
  const asked: { order?: Order } = {};
  let verdict;
  try {
    verdict = await portoneV2(env).verifyWebhook(body, request.headers, async (paymentId) => {
      asked.order = await loadOrder(env, paymentId);
      return expectedOf(env, asked.order);
    });
  } catch (e) {
    // Signed, but about no payment (BillingKey.*): nothing for this shop to do; 200 so
    // PortOne does not send it again.
    if (codeOf(e) === "WEBHOOK_WITHOUT_PAYMENT") return json({ ignored: true, changed: false, webhookId });
    throw refused(e); // our 404 UNKNOWN_ORDER, or PortOne unreachable (5xx: PortOne retries later)
  }
  const order = asked.order;
  if (order === undefined) throw new Error("verifyWebhook gave a verdict without asking for the order");
  const recorded = await record(env, order, verdict, "webhook", at);
  const eventType = eventTypeOf(verdict.webhook);
  const deliveries = await store.recordDelivery(env.DB, {
    provider: PROVIDER,
    key: verdict.webhookId,
    paymentId: order.merchant_uid,
    merchantUid: order.merchant_uid,
    outcome: store.deliveryOutcome(verdict.ok, recorded),
    at,
    ...(eventType === null ? {} : { eventType }),
  });
  // 200 also when the verdict is not ok: the delivery was handled (its claim is simply not
  // acted on). Failing to fetch the payment is an error (5xx), never a verdict.
  return json({
    ...verdictBody(verdict),
    changed: recorded.changed,
    disposition: recorded.payment?.disposition ?? null,
    order: recorded.order,
    webhookId: verdict.webhookId,
    type: eventType,
    deliveries,
  });
}

/** A signature that does not hold is the sender's fault: 401 with its code. Others as they are. */
function refused(e: unknown): unknown {
  const code = codeOf(e);
  return SIGNATURE_FAILURES.has(code) ? new HttpError(401, code, e instanceof Error ? e.message : code) : e;
}

/** The body's `type` (2024-04-25) or `status` (2024-01-01), for the record only. */
function eventTypeOf(webhook: unknown): string | null {
  const w = (typeof webhook === "object" && webhook !== null ? webhook : {}) as { type?: unknown; status?: unknown };
  const t = w.type ?? w.status;
  return typeof t === "string" ? t : null;
}

export const portoneV2Routes: Route[] = [
  { method: "POST", path: "/v2/payments/complete", browser: true, handler: complete },
  { method: "POST", path: "/v2/webhooks", browser: false, handler: webhook },
];
