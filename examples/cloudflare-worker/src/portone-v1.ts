// PortOne V1 (REST API V1, imp_uid / merchant_uid) for this Worker: the client, the amount
// registration done when an order is created, and what a verdict does to the order.
//
// "portone-verify/server" always gives the server build (PortOneClient, webhooks), whatever
// conditions the bundler or TypeScript resolve with.

import { PortOneClient } from "portone-verify/server";
import type { Expected, Failure, PaymentAnnotation, Verdict } from "portone-verify/server";

import type { Env } from "./env.js";
import { HttpError } from "./http.js";
import * as store from "./store.js";

export const PROVIDER = "portone-v1" satisfies store.Provider;

// One client per isolate, so its access token is fetched once and shared by every request
// (concurrent ones included).
let client: PortOneClient | null = null;
let clientKey = "";

export function portone(env: Env): PortOneClient {
  const { PORTONE_API_KEY: apiKey, PORTONE_API_SECRET: apiSecret, PORTONE_BASE_URL: baseUrl } = env;
  if (!apiKey || !apiSecret) {
    throw new HttpError(500, "NOT_CONFIGURED", "PORTONE_API_KEY and PORTONE_API_SECRET are not set (.dev.vars or wrangler secret put)");
  }
  const key = `${baseUrl ?? ""}\n${apiKey}\n${apiSecret}`;
  if (client === null || clientKey !== key) {
    client = new PortOneClient({ apiKey, apiSecret, ...(baseUrl ? { baseUrl } : {}), timeoutMs: 8000 });
    clientKey = key;
  }
  return client;
}

/**
 * Registers an order's amount with PortOne (`POST /payments/prepare`) before the buyer pays:
 * PortOne then refuses an `IMP.request_pay` for this merchant_uid with another amount.
 */
export async function prepare(env: Env, order: { merchant_uid: string; amount: number; currency: string }): Promise<void> {
  await portone(env).preparePayment(order.merchant_uid, order.amount, { currency: order.currency });
}

/** The order a payment must match, from D1 (a 404 UNKNOWN_ORDER when there is none). */
export async function loadOrder(env: Env, merchantUid: string): Promise<store.Order> {
  const order = await store.getOrder(env.DB, merchantUid);
  if (order === null) throw new HttpError(404, "UNKNOWN_ORDER", `no order ${JSON.stringify(merchantUid)}`, "merchant_uid");
  return order;
}

/** What a payment for `order` must be: its id, amount and currency are ours, never the browser's. */
export const expectedOf = (order: store.Order): Expected => ({ merchantUid: order.merchant_uid, amount: order.amount, currency: order.currency });

type V1Verdict = Verdict & { payment: PaymentAnnotation };

const cancelledAtPortOne = (failures: Failure[]) => failures.some((f) => f.code === "CANCELLED" || f.code === "PARTIALLY_CANCELLED");

/**
 * Applies a verdict about a payment for `order` (as read before verifying) to D1. ok: the order
 * is paid by this payment (once), or the payment is kept for a refund. Cancelled at PortOne:
 * the order it paid is cancelled. Anything else (a forged amount, someone else's payment, not
 * paid yet) changes nothing.
 */
export async function record(env: Env, order: store.Order, verdict: V1Verdict, source: store.PaymentSource, at: string): Promise<store.Applied> {
  const paymentId = verdict.payment.imp_uid;
  if (verdict.ok) {
    // Already paid by this very payment: final (its payment row was written in the same
    // transaction, and only a cancellation changes the order again), so a repeat costs no write.
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
  // Only a payment of this order: never cancel an order on another order's payment.
  if (cancelledAtPortOne(verdict.failures) && verdict.payment.merchant_uid === order.merchant_uid) {
    return store.applyCancelledPayment(env.DB, { provider: PROVIDER, paymentId, merchantUid: order.merchant_uid, at });
  }
  return { changed: false, order, payment: null };
}

/** A verdict as an answer: `payment` summarised, the rest kept. */
export function verdictBody(verdict: V1Verdict) {
  const p = verdict.payment;
  return {
    ok: verdict.ok,
    ...(verdict.ok ? { state: verdict.state } : { failures: verdict.failures }),
    payment: { imp_uid: p.imp_uid, merchant_uid: p.merchant_uid, amount: p.amount, currency: p.currency, status: p.status },
  };
}
