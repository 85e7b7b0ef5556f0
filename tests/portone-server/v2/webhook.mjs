// Signed V2 webhook deliveries, as PortOne sends them: Standard Webhooks signing (signed
// content `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 keyed with the base64
// secret after an optional `whsec_` prefix, header `v1,<base64>`), body version 2024-04-25
// `{type, timestamp, data: {paymentId, storeId, transactionId, cancellationId?}}` or the older
// 2024-01-01 `{payment_id, tx_id, status}` (JSON or form).

import { createHmac, randomBytes } from "node:crypto";
import { stringify } from "./json.mjs";
import { rfc3339 } from "./values.mjs";

const SECRET = /^(?:whsec_)?([A-Za-z0-9+/]+={0,2})$/;

/** The status word of a 2024-01-01 body for a 2024-04-25 `type`. */
const LEGACY_STATUS = {
  "Transaction.Ready": "Ready",
  "Transaction.Paid": "Paid",
  "Transaction.VirtualAccountIssued": "VirtualAccountIssued",
  "Transaction.PartialCancelled": "PartialCancelled",
  "Transaction.Cancelled": "Cancelled",
  "Transaction.Failed": "Failed",
  "Transaction.PayPending": "PayPending",
  "Transaction.CancelPending": "CancelPending",
};

const CANCEL_TYPES = new Set(["Transaction.PartialCancelled", "Transaction.Cancelled", "Transaction.CancelPending"]);

/** Whether `secret` is a usable webhook secret (`whsec_` + base64, or bare base64). */
export const isWebhookSecret = (secret) => typeof secret === "string" && SECRET.test(secret);

/** The three Standard Webhooks headers for `body`. */
export function signWebhook({ secret, id, timestamp, body }) {
  const key = Buffer.from(SECRET.exec(secret)[1], "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": `v1,${signature}`,
  };
}

/** A fresh webhook id, shaped like Standard Webhooks' `msg_…`. */
export const webhookId = () => `msg_${randomBytes(16).toString("base64url")}`;

/**
 * The body of a delivery about `payment` (or about a payment the server does not have:
 * `payment` null, `paymentId` and `transactionId` as given).
 * @returns {{ body: string, contentType: string }}
 */
export function webhookBody({ version, format, type, timestamp, paymentId, storeId, transactionId, payment, cancellationId, billingKey }) {
  if (version === "2024-01-01") {
    const fields = { payment_id: paymentId, tx_id: transactionId, status: LEGACY_STATUS[type] ?? type };
    return format === "form"
      ? { body: new URLSearchParams(fields).toString(), contentType: "application/x-www-form-urlencoded" }
      : { body: JSON.stringify(fields), contentType: "application/json" };
  }
  let data;
  if (type.startsWith("BillingKey.")) {
    data = { billingKey: billingKey ?? payment?.billingKey, storeId };
  } else {
    data = { paymentId, storeId, transactionId };
    if (CANCEL_TYPES.has(type)) {
      const latest = Array.isArray(payment?.cancellations) ? payment.cancellations.at(-1)?.id : undefined;
      data.cancellationId = cancellationId ?? latest ?? randomBytes(16).toString("hex");
    }
    if (type === "Transaction.Confirm") data.totalAmount = payment?.amount?.total ?? 0n;
  }
  return { body: stringify({ type, timestamp: rfc3339(timestamp), data }), contentType: "application/json" };
}
