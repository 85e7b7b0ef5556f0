// The shop's side of the demo, over HTTP against the Worker example: what its page and PortOne
// send it. Every function resolves { status, headers, body, text } (body: parsed JSON).

import { requestJson } from "./util.mjs";

/** POST /orders {product_id, quantity?, ...extra} (extra: what a page might add; ignored). */
export const createOrder = (workerUrl, input, headers = {}) => requestJson(`${workerUrl}/orders`, { body: input, headers });

/** GET /orders/{merchant_uid}: { order, payments }. */
export const getOrder = (workerUrl, merchantUid) =>
  requestJson(`${workerUrl}/orders/${encodeURIComponent(merchantUid)}`, { method: "GET" });

/** POST /payments/complete {imp_uid, merchant_uid, ...extra}. */
export const completePayment = (workerUrl, input, headers = {}) =>
  requestJson(`${workerUrl}/payments/complete`, { body: input, headers });

/**
 * POST /portone/webhook as PortOne's V1 notification: a form post (PortOne's default) of
 * {imp_uid, merchant_uid, status, cancellation_id?}, or JSON with `json: true`, or a raw body
 * with `contentType`.
 */
export function sendWebhook(workerUrl, note, { json = false, contentType } = {}) {
  if (typeof note === "string") {
    return requestJson(`${workerUrl}/portone/webhook`, { body: note, raw: true, headers: contentType ? { "content-type": contentType } : {} });
  }
  const body = json ? JSON.stringify(note) : new URLSearchParams(note).toString();
  const type = json ? "application/json" : "application/x-www-form-urlencoded";
  return requestJson(`${workerUrl}/portone/webhook`, { body, raw: true, headers: { "content-type": type } });
}

/** A verdict answer (of /payments/complete or the webhook) as one line. */
export function describeVerdict({ status, body, text }) {
  if (!body) return `HTTP ${status}: ${text}`;
  if (body.error) return `HTTP ${status}: error ${body.error.code}${body.error.path ? ` at ${body.error.path}` : ""}: ${body.error.message}`;
  const p = body.payment ?? {};
  if (body.duplicate) return `HTTP ${status}: duplicate delivery (outcome ${body.outcome}), nothing changed`;
  const head = `HTTP ${status}: ok=${body.ok}`;
  const what = body.ok
    ? `state=${body.state}`
    : `failures=${body.failures.map((f) => `${f.code}(${f.field}: expected ${JSON.stringify(f.expected)}, actual ${JSON.stringify(f.actual)})`).join(", ")}`;
  const order = body.order ? `order ${body.order.merchant_uid} ${body.order.amount} ${body.order.currency} ${body.order.status}` : "no order";
  return `${head} ${what}; payment ${p.imp_uid ?? p.paymentId} ${p.amount} ${p.currency ?? ""} ${p.status}; ${order}${body.changed ? " (changed)" : ""}`;
}

/** POST /v2/payments/complete {paymentId, ...extra}. */
export const completePaymentV2 = (workerUrl, input, headers = {}) =>
  requestJson(`${workerUrl}/v2/payments/complete`, { body: input, headers });

/** POST /v2/webhooks with a delivery `{ headers, body }` (signedWebhookV2's), sent as is. */
export const sendWebhookV2 = (workerUrl, { headers, body }) => requestJson(`${workerUrl}/v2/webhooks`, { body, raw: true, headers });
