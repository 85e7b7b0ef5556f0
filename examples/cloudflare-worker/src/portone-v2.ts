// PortOne V2 (REST API V2, api.portone.io) for this Worker: the client, the amount
// pre-registration done when a V2 order is created, and what a verdict does to the order.
//
// A V2 order's paymentId is its merchant_uid: the Worker chooses it, pre-registers the amount
// under it, and the page passes it to PortOne.requestPayment. PortOne takes one payment per
// paymentId, so the browser can only name an order, never an amount.

import { PortOneClientV2 } from "portone-verify/server";
import type { ExpectedV2, Failure, VerdictV2 } from "portone-verify/server";

import type { Env } from "./env.js";
import { HttpError } from "./http.js";
import * as store from "./store.js";

export const PROVIDER = "portone-v2" satisfies store.Provider;

// One client per isolate (V2 needs no token: every request carries the API secret).
let client: PortOneClientV2 | null = null;
let clientKey = "";

export function portoneV2(env: Env): PortOneClientV2 {
  const {
    PORTONE_V2_API_SECRET: apiSecret,
    PORTONE_V2_WEBHOOK_SECRET: webhookSecret,
    PORTONE_V2_STORE_ID: storeId,
    PORTONE_V2_BASE_URL: baseUrl,
  } = env;
  if (!apiSecret) {
    throw new HttpError(500, "NOT_CONFIGURED", "PORTONE_V2_API_SECRET is not set (.dev.vars or wrangler secret put)");
  }
  const key = [baseUrl, apiSecret, webhookSecret, storeId].map((v) => v ?? "").join("\n");
  if (client === null || clientKey !== key) {
    client = new PortOneClientV2({
      apiSecret,
      ...(storeId ? { storeId } : {}),
      ...(webhookSecret ? { webhookSecret } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      timeoutMs: 8000,
    });
    clientKey = key;
  }
  return client;
}

/**
 * Pre-registers a V2 order's amount under its paymentId (`POST /payments/{paymentId}/pre-register`)
 * before the buyer pays: PortOne then refuses a payment of this paymentId for another amount.
 */
export async function preRegister(env: Env, order: { merchant_uid: string; amount: number; currency: string }): Promise<void> {
  await portoneV2(env).preRegisterPayment(order.merchant_uid, { totalAmount: order.amount, currency: order.currency });
}

/** The V2 order a paymentId names, from D1 (a 404 UNKNOWN_ORDER when there is none). */
export async function loadOrder(env: Env, paymentId: string): Promise<store.Order> {
  const order = await store.getOrder(env.DB, paymentId);
  if (order === null) throw new HttpError(404, "UNKNOWN_ORDER", `no order for paymentId ${JSON.stringify(paymentId)}`, "paymentId");
  return order;
}

/**
 * What the payment for `order` must be: its paymentId, amount and currency are the Worker's,
 * never the browser's, and it must belong to our store when one is configured.
 */
export function expectedOf(env: Env, order: store.Order): ExpectedV2 {
  return {
    paymentId: order.merchant_uid,
    amount: order.amount,
    currency: order.currency,
    ...(env.PORTONE_V2_STORE_ID ? { storeId: env.PORTONE_V2_STORE_ID } : {}),
  };
}

const has = (failures: readonly Failure[], ...codes: string[]) => failures.some((f) => codes.includes(f.code));

/**
 * Applies a verdict about the V2 payment of `order` (as read before verifying) to D1, as V1
 * does: ok, the order is paid by this payment (once), or the payment is kept for a refund when
 * another payment paid the order first. Cancelled (fully or partly) at PortOne: the order it
 * paid is cancelled. Anything else (a forged amount, another store's payment, not paid yet)
 * changes nothing.
 */
export async function record(env: Env, order: store.Order, verdict: VerdictV2, source: store.PaymentSource, at: string): Promise<store.Applied> {
  // ok means the fetched payment's id is the order's paymentId (PAYMENT_ID_MISMATCH otherwise).
  const paymentId = order.merchant_uid;
  if (verdict.ok) {
    if (order.status === "paid" && order.payment_provider === PROVIDER && order.payment_id === paymentId) {
      return { changed: false, order, payment: { disposition: "applied", status: "paid" } };
    }
    return store.applyVerifiedPayment(env.DB, {
      provider: PROVIDER,
      paymentId,
      merchantUid: order.merchant_uid,
      amount: order.amount,
      currency: order.currency,
      source,
      at,
    });
  }
  // Only this order's own payment of our store: never cancel on someone else's.
  const f = verdict.failures;
  if (has(f, "CANCELLED", "PARTIALLY_CANCELLED") && !has(f, "PAYMENT_ID_MISMATCH", "STORE_ID_MISMATCH")) {
    return store.applyCancelledPayment(env.DB, { provider: PROVIDER, paymentId, merchantUid: order.merchant_uid, at });
  }
  return { changed: false, order, payment: null };
}

/** An int64 amount as JSON can carry it (a bigint beyond 2^53 as a string). */
const amountOf = (value: unknown) => (typeof value === "bigint" ? value.toString() : value ?? null);

/** A verdict as an answer: `payment` summarised (paymentId, status, amount, currency), the rest kept. */
export function verdictBody(verdict: VerdictV2) {
  // Any status, the unrecognised ones too: read the fields every variant has, loosely.
  const p = verdict.payment as unknown as { id?: unknown; status?: unknown; currency?: unknown; amount?: { total?: unknown } };
  return {
    ok: verdict.ok,
    ...(verdict.ok ? { state: verdict.state } : { failures: verdict.failures }),
    payment: { paymentId: p.id ?? null, status: p.status ?? null, amount: amountOf(p.amount?.total), currency: p.currency ?? null },
  };
}
