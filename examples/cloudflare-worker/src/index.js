// A Cloudflare Worker that proves PortOne (I'mport) V1 payments are real before an order ships.
//
//   POST /payments/complete   {imp_uid, merchant_uid} from the buyer's browser after
//                             IMP.request_pay (or the m_redirect_url landing page). The amount
//                             comes from OUR order table, the payment from PortOne's API.
//   POST /portone/webhook     PortOne's V1 notification (JSON or form). Unsigned, so its body is
//                             only a hint: the payment is fetched again and verified. Idempotent.
//   GET  /orders              the order table (demo only; a real shop would not expose it)
//
// Bindings: PORTONE_API_KEY, PORTONE_API_SECRET (secrets; .dev.vars locally),
// PORTONE_BASE_URL (default https://api.iamport.kr), ALLOWED_ORIGINS (comma-separated origins
// of the shop's pages, for CORS).
//
// The order table lives in memory, per isolate: fine for a demo, lost on restart and not shared
// between isolates. A real shop keeps orders in D1, KV or a Durable Object, and makes "mark
// paid" a conditional update (e.g. UPDATE … WHERE status = 'pending').

import { PortOneClient } from "portone-verify";

// ---------------------------------------------------------------------------------------
// Orders: what each order costs. The amount to expect is always taken from here, never from
// the browser (a buyer can change the amount before IMP.request_pay).

const ORDERS = new Map(
  [
    // PortOne's seeded card payment imp_100000000001 (1004 KRW) pays this one.
    { merchantUid: "order-card-paid", name: "당근 10kg", amount: 1004 },
    { merchantUid: "order-vbank-paid", name: "사과 5kg", amount: 52000 },
    { merchantUid: "order-cancelled", name: "배 3kg", amount: 15000 },
    { merchantUid: "order-failed", name: "귤 2kg", amount: 5000 },
    // The demo creates a real paid payment of 100 KRW for this 1004 KRW order: the buyer
    // changed the amount in the browser. It must never verify.
    { merchantUid: "order-forged-amount", name: "감자 1kg", amount: 1004 },
  ].map((o) => [o.merchantUid, { ...o, currency: "KRW", status: "pending", impUid: null, paidAt: null }]),
);

function expectedFor(merchantUid) {
  const order = ORDERS.get(merchantUid);
  if (!order) throw httpError(404, "UNKNOWN_ORDER", `no order ${JSON.stringify(merchantUid)}`, "merchant_uid");
  return { merchantUid, amount: order.amount, currency: order.currency };
}

/**
 * Applies a verdict to the order. Returns true when the order changed. Running it twice with
 * the same verdict changes nothing the second time (webhooks are delivered more than once,
 * and the browser and the webhook both report the same payment).
 */
function recordVerdict(order, verdict) {
  const impUid = verdict.payment.imp_uid;
  if (verdict.ok) {
    // Already paid (by this payment, or by an earlier one: a second payment for a paid order
    // is for a human to refund, never a reason to ship twice).
    if (order.status !== "pending") return false;
    order.status = "paid";
    order.impUid = impUid;
    order.paidAt = new Date().toISOString();
    return true;
  }
  // The payment that paid this order was cancelled at PortOne since.
  const cancelled = verdict.failures.some((f) => f.code === "CANCELLED" || f.code === "PARTIALLY_CANCELLED");
  if (cancelled && order.status === "paid" && order.impUid === impUid) {
    order.status = "cancelled";
    return true;
  }
  return false;
}

const orderBody = (o) => ({
  merchant_uid: o.merchantUid,
  name: o.name,
  amount: o.amount,
  currency: o.currency,
  status: o.status,
  imp_uid: o.impUid,
  paid_at: o.paidAt,
});

// ---------------------------------------------------------------------------------------
// The PortOne client: one per isolate, so its access token is fetched once and shared by all
// requests (concurrent ones included).

let client = null;
let clientKey = "";
function portone(env) {
  const key = `${env.PORTONE_BASE_URL}\n${env.PORTONE_API_KEY}\n${env.PORTONE_API_SECRET}`;
  if (client === null || clientKey !== key) {
    if (!env.PORTONE_API_KEY || !env.PORTONE_API_SECRET) {
      throw httpError(500, "NOT_CONFIGURED", "PORTONE_API_KEY and PORTONE_API_SECRET are not set (.dev.vars or wrangler secret put)");
    }
    client = new PortOneClient({
      apiKey: env.PORTONE_API_KEY,
      apiSecret: env.PORTONE_API_SECRET,
      baseUrl: env.PORTONE_BASE_URL || undefined,
      timeoutMs: 8000,
    });
    clientKey = key;
  }
  return client;
}

// ---------------------------------------------------------------------------------------
// HTTP helpers.

/** An error of this Worker (as opposed to portone-verify's): answered with `httpStatus`. */
function httpError(httpStatus, code, message, path) {
  return Object.assign(new Error(message), { httpStatus, code, ...(path === undefined ? {} : { path }) });
}

/** The HTTP status for an error of portone-verify (or ours). */
function statusOf(e) {
  if (typeof e?.httpStatus === "number") return e.httpStatus;
  switch (e?.code) {
    case "INVALID_JSON":
    case "INVALID_INPUT":
    case "MISSING_FIELD":
    case "INVALID_FIELD":
    case "INVALID_ARGUMENT":
      return 400;
    case "NOT_FOUND":
      return 404; // PortOne has no such payment
    default:
      return 502; // PortOne unreachable, refusing us, or answering nonsense: try again later
  }
}

/** An error as `{ error: { code, message, path? } }`. Messages of portone-verify never hold secrets. */
function errorBody(e) {
  const error = { code: e?.code ?? "INTERNAL", message: String(e?.message ?? e) };
  if (e?.path !== undefined) error.path = e.path;
  return { error };
}

function json(value, status, extraHeaders) {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...extraHeaders },
  });
}

/** A verdict of portone-verify as an answer: `payment` is summarised, the rest kept. */
function verdictBody(verdict) {
  const p = verdict.payment;
  return {
    ok: verdict.ok,
    ...(verdict.ok ? { state: verdict.state } : { failures: verdict.failures }),
    payment: { imp_uid: p.imp_uid, merchant_uid: p.merchant_uid, amount: p.amount, currency: p.currency, status: p.status },
  };
}

// CORS: only the shop's own pages may call the browser-facing routes.
function allowedOrigins(env) {
  return String(env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function corsHeaders(request, env) {
  const origin = request.headers.get("origin");
  if (origin === null) return { ok: true, headers: {} }; // not a browser's cross-origin call
  if (!allowedOrigins(env).includes(origin)) return { ok: false, headers: { vary: "Origin" } };
  return { ok: true, headers: { "access-control-allow-origin": origin, vary: "Origin" } };
}

// ---------------------------------------------------------------------------------------
// Routes.

async function completePayment(request, env) {
  let input;
  try {
    input = await request.json();
  } catch {
    throw httpError(400, "INVALID_JSON", "the body is not JSON");
  }
  const impUid = input?.imp_uid;
  const merchantUid = input?.merchant_uid;
  if (typeof impUid !== "string" || impUid === "") throw httpError(400, "MISSING_FIELD", "imp_uid is required", "imp_uid");
  if (typeof merchantUid !== "string" || merchantUid === "") {
    throw httpError(400, "MISSING_FIELD", "merchant_uid is required", "merchant_uid");
  }
  // Whatever else the browser sent (paid_amount, status, success) is ignored on purpose.
  const expected = expectedFor(merchantUid);
  const verdict = await portone(env).verifyPayment(impUid, expected);
  const order = ORDERS.get(merchantUid);
  const changed = recordVerdict(order, verdict);
  return json({ ...verdictBody(verdict), changed, order: orderBody(order) }, verdict.ok ? 200 : 409);
}

async function webhookV1(request, env) {
  const body = await request.text();
  // Parses the notification, ignores its `status`, fetches the payment by imp_uid and
  // verifies it against expectedFor(merchant_uid) (also checking merchant_uid and imp_uid).
  const verdict = await portone(env).verifyWebhookV1(body, request.headers.get("content-type"), expectedFor);
  const order = ORDERS.get(verdict.webhook.merchant_uid);
  const changed = recordVerdict(order, verdict);
  // 200 also when the verdict is not ok: the notification was handled (a forged one is simply
  // not acted on). Failing to fetch the payment is an error (5xx), never a verdict.
  return json({ ...verdictBody(verdict), changed, order: orderBody(order), webhook: verdict.webhook }, 200);
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const browserRoute = url.pathname === "/payments/complete" || url.pathname === "/orders";
    const cors = browserRoute ? corsHeaders(request, env) : { ok: true, headers: {} };

    if (request.method === "OPTIONS" && browserRoute) {
      if (!cors.ok) return new Response(null, { status: 403, headers: cors.headers });
      return new Response(null, {
        status: 204,
        headers: {
          ...cors.headers,
          "access-control-allow-methods": "GET, POST, OPTIONS",
          "access-control-allow-headers": "content-type",
          "access-control-max-age": "600",
        },
      });
    }
    if (!cors.ok) {
      return json({ error: { code: "ORIGIN_NOT_ALLOWED", message: "this origin is not in ALLOWED_ORIGINS" } }, 403, cors.headers);
    }

    try {
      switch (`${request.method} ${url.pathname}`) {
        case "POST /payments/complete":
          return withHeaders(await completePayment(request, env), cors.headers);
        case "POST /portone/webhook":
          return await webhookV1(request, env);
        case "GET /orders":
          return json({ orders: [...ORDERS.values()].map(orderBody) }, 200, cors.headers);
        case "GET /":
          return json({
            name: "portone-verify Cloudflare Worker example",
            routes: ["POST /payments/complete", "POST /portone/webhook", "GET /orders"],
          }, 200);
        default:
          return json({ error: { code: "NO_ROUTE", message: `${request.method} ${url.pathname}` } }, 404, cors.headers);
      }
    } catch (e) {
      const status = statusOf(e);
      if (status >= 500) console.error(`${request.method} ${url.pathname}: ${e?.code ?? ""} ${e?.message ?? e}`);
      return json(errorBody(e), status, cors.headers);
    }
  },
};

function withHeaders(response, headers) {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}
