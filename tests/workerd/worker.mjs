// A Cloudflare Worker that uses "portone-verify" exactly as a user's Worker would: a bare
// import, resolved by the bundler through the package's `exports` map ("workerd" condition ->
// workerd.js, which imports the .wasm as a compiled module and instantiates it synchronously).
//
// Routes:
//   GET  /runtime            what runs us (navigator.userAgent), whether PortOneClient exists,
//                            and the clock readings taken at startup and on the first verify
//   POST /verify             body: a PaymentAnnotation (JSON, bare or in PortOne's envelope);
//                            query: merchant_uid, amount, currency?, imp_uid?,
//                            allow_virtual_account_issued?, allow_sandbox? -> verifyPayment verdict
//   POST /verify/strings     body: a payment (JSON text); verifies it as strings with every
//                            script, lone surrogates and lengths in its merchant_uid, and
//                            answers what did not arrive as TextEncoder would encode it
//   POST /webhook/v2         verifyWebhookV2(env.PORTONE_WEBHOOK_SECRET, raw body, headers)
//   POST /payments/complete  {imp_uid, merchant_uid}: the buyer's browser says "I paid"; the
//                            amount comes from our own order table, the payment from PortOne
//   POST /portone/webhook    PortOne's V1 notification (JSON or form) -> client.verifyWebhookV1
//   GET  /payment?imp_uid=   client.getPayment: the payment's imp_uid, or the error
//   POST /client/construct   body: extra PortOneClient options -> { ok } or the constructor's error
//   POST /v2/webhook         PortOne's V2 webhook (raw body, signed) -> PortOneClientV2.verifyWebhook
//                            against ORDERS_V2: the verdict, its webhookId and the body's type
//   POST /v2/payments/complete  {paymentId}: PortOneClientV2.verifyPayment with ORDERS_V2's amount
// The client routes need PortOneClient (PortOneClientV2) and answer 501 when the package does
// not have it. V2 bindings: PORTONE_V2_BASE_URL, PORTONE_V2_API_SECRET, PORTONE_V2_WEBHOOK_SECRET.
//
// Errors of the package are answered as { error: { code, name, message, path? } }.

import { beforePackage } from "./clock.mjs";
import * as portone from "portone-verify";

// Startup clock readings, around the package's evaluation (its initSync). workerd may freeze
// the clock while JavaScript runs and move it only at I/O, so these tell what the runtime lets
// a Worker see, not necessarily the real time spent.
const afterPackage = { dateNow: Date.now(), performanceNow: performance.now() };
const startup = {
  beforePackage,
  afterPackage,
  instantiateDateNowMs: afterPackage.dateNow - beforePackage.dateNow,
  instantiatePerformanceNowMs: afterPackage.performanceNow - beforePackage.performanceNow,
};
let firstVerify = null;
let lastVerify = null;

// The merchant's own orders: what each one costs. Never take the amount from the buyer.
const ORDERS = {
  "order-card-paid": { amount: 1004, currency: "KRW" },
  "order-vbank-paid": { amount: 52000, currency: "KRW" },
  // A payment of 100 KRW exists at PortOne for this order (the test creates it): a buyer who
  // changed the amount in the browser before IMP.request_pay.
  "order-tampered": { amount: 10000, currency: "KRW" },
};

const expectedFor = (merchantUid) => {
  const order = Object.hasOwn(ORDERS, merchantUid) ? ORDERS[merchantUid] : null;
  return order && { merchantUid, amount: order.amount, currency: order.currency };
};

// One client per isolate, so its access token is reused across requests.
let client = null;
let clientKey = "";
function getClient(env) {
  const key = `${env.PORTONE_BASE_URL}\n${env.PORTONE_API_KEY}`;
  if (client === null || clientKey !== key) {
    client = new portone.PortOneClient({
      apiKey: env.PORTONE_API_KEY,
      apiSecret: env.PORTONE_API_SECRET,
      baseUrl: env.PORTONE_BASE_URL,
      timeoutMs: 5000,
      maxRetries: 1,
    });
    clientKey = key;
  }
  return client;
}

// The merchant's own V2 orders, keyed by the paymentId the Worker gave each one.
const ORDERS_V2 = {
  "payment-v2-card-paid": { amount: 30000 },
  "payment-v2-cancelled": { amount: 15000 },
};
const expectedForV2 = (paymentId) => (Object.hasOwn(ORDERS_V2, paymentId) ? { amount: ORDERS_V2[paymentId].amount } : null);

let clientV2 = null;
function getClientV2(env) {
  clientV2 ??= new portone.PortOneClientV2({
    apiSecret: env.PORTONE_V2_API_SECRET,
    webhookSecret: env.PORTONE_V2_WEBHOOK_SECRET,
    baseUrl: env.PORTONE_V2_BASE_URL,
    timeoutMs: 5000,
    maxRetries: 1,
  });
  return clientV2;
}

/** What a V2 verdict tells the test (the payment's id and status, not all of it). */
const verdictV2Body = (verdict) =>
  verdict.ok
    ? { ok: true, state: verdict.state, payment: { id: verdict.payment.id, status: verdict.payment.status } }
    : { ok: false, failures: verdict.failures, payment: { id: verdict.payment.id, status: verdict.payment.status } };

const SIGNATURE_CODES = new Set(["MISSING_REQUIRED_HEADERS", "NO_MATCHING_SIGNATURE", "INVALID_SIGNATURE", "TIMESTAMP_TOO_OLD", "TIMESTAMP_TOO_NEW"]);

async function webhookV2Flow(request, env) {
  const body = await request.text(); // the raw body: the signature is over these bytes
  try {
    const verdict = await getClientV2(env).verifyWebhook(body, request.headers, expectedForV2);
    return json({ ...verdictV2Body(verdict), webhookId: verdict.webhookId, type: verdict.webhook.type });
  } catch (e) {
    if (e?.code === "WEBHOOK_WITHOUT_PAYMENT") return json({ ignored: true, code: e.code });
    return json(errorBody(e), SIGNATURE_CODES.has(e?.code) ? 400 : 502);
  }
}

async function completePaymentV2(request, env) {
  const { paymentId } = await request.json();
  const expected = expectedForV2(paymentId);
  if (!expected) return json({ error: { code: "UNKNOWN_ORDER" } }, 404);
  try {
    return json(verdictV2Body(await getClientV2(env).verifyPayment(paymentId, expected)));
  } catch (e) {
    return json(errorBody(e), 502);
  }
}

const json = (value, status = 200) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });

function errorBody(e) {
  const error = { code: e?.code ?? "INTERNAL", name: e?.name ?? typeof e, message: String(e?.message ?? e) };
  if (e?.path !== undefined) error.path = e.path;
  if (e?.reason !== undefined) error.reason = e.reason;
  if (e?.status !== undefined) error.status = e.status;
  return { error };
}

// Input the package refused to judge: the caller's fault.
const BAD_INPUT = new Set([
  "INVALID_JSON",
  "INVALID_INPUT",
  "MISSING_FIELD",
  "INVALID_FIELD",
  "INVALID_ARGUMENT",
  "API_ERROR",
]);

function expectedFromQuery(url) {
  const q = url.searchParams;
  const expected = { merchantUid: q.get("merchant_uid") ?? "", amount: q.get("amount") ?? "" };
  if (q.has("currency")) expected.currency = q.get("currency");
  if (q.has("imp_uid")) expected.impUid = q.get("imp_uid");
  if (q.get("allow_virtual_account_issued") === "true") expected.allowVirtualAccountIssued = true;
  if (q.get("allow_sandbox") === "true") expected.allowSandbox = true;
  return expected;
}

async function verify(request, url) {
  const body = new Uint8Array(await request.arrayBuffer());
  const expected = expectedFromQuery(url);
  const t0 = Date.now();
  let verdict;
  try {
    verdict = portone.verifyPayment(body, expected);
  } catch (e) {
    return json(errorBody(e), BAD_INPUT.has(e?.code) ? 400 : 500);
  }
  const t1 = Date.now();
  const text = JSON.stringify(verdict); // parses the whole payment (verdict.payment is lazy)
  const t2 = Date.now();
  lastVerify = { verifyDateNowMs: t1 - t0, serializeDateNowMs: t2 - t1 };
  firstVerify ??= lastVerify;
  return new Response(text, { headers: { "content-type": "application/json; charset=utf-8" } });
}

// How a string reaches the package's wasm depends on the runtime (Buffer in Node, TextEncoder
// in Workers, with or without nodejs_compat): every one must deliver the text TextEncoder would.
async function verifyStrings(request) {
  const payment = JSON.parse(await request.text());
  const pieces = ["a", "0", "-", " ", "é", "ß", "가", "힣", "中", "🥕", "\ud800", "\udfff", "\ud83e", "\udd55", "\u07ff", "\u0800", "\uffff"];
  let seed = 11;
  const random = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const wrong = [];
  for (let round = 0; round < 100; round++) {
    // Never blank (a blank merchant_uid is not an identifier).
    const uid = `o${Array.from({ length: random(40) }, () => pieces[random(pieces.length)]).join("")}`;
    // The raw text (JSON.stringify would escape the lone surrogates), at every alignment.
    const text = JSON.stringify({ ...payment, pg_tid: "x".repeat(random(17)), merchant_uid: "@" }).replace('"@"', `"${uid}"`);
    const verdict = portone.verifyPayment(text, { merchantUid: "other", amount: payment.amount });
    const actual = verdict.failures.find((f) => f.code === "MERCHANT_UID_MISMATCH")?.actual;
    if (actual !== uid.toWellFormed() || verdict.payment.merchant_uid !== actual) wrong.push(uid);
  }
  return json({ buffer: typeof Buffer, wrong });
}

async function webhookV2(request, env) {
  const rawBody = await request.text();
  try {
    const webhook = portone.verifyWebhookV2(env.PORTONE_WEBHOOK_SECRET, rawBody, request.headers);
    // A real Worker would now fetch the payment by webhook.data.paymentId and act once per
    // `webhook-id`.
    return json({ ok: true, webhook });
  } catch (e) {
    return json(errorBody(e), BAD_INPUT.has(e?.code) || e?.reason !== undefined ? 400 : 500);
  }
}

function verdictBody(verdict) {
  const p = verdict.payment;
  return {
    ok: verdict.ok,
    ...(verdict.ok ? { state: verdict.state } : { failures: verdict.failures }),
    payment: { imp_uid: p.imp_uid, merchant_uid: p.merchant_uid, amount: p.amount, status: p.status },
  };
}

async function completePayment(request, env) {
  let input;
  try {
    input = await request.json();
  } catch {
    return json({ error: { code: "INVALID_JSON", message: "the body is not JSON" } }, 400);
  }
  const { imp_uid: impUid, merchant_uid: merchantUid } = input ?? {};
  if (typeof impUid !== "string" || typeof merchantUid !== "string") {
    return json({ error: { code: "MISSING_FIELD", message: "imp_uid and merchant_uid are required" } }, 400);
  }
  const expected = expectedFor(merchantUid);
  if (!expected) return json({ error: { code: "UNKNOWN_ORDER", message: `no order ${merchantUid}` } }, 404);
  try {
    const verdict = await getClient(env).verifyPayment(impUid, expected);
    // On ok: mark the order paid (idempotently) and ship.
    return json(verdictBody(verdict));
  } catch (e) {
    return json(errorBody(e), e?.code === "NOT_FOUND" ? 404 : 502);
  }
}

async function getPayment(url, env) {
  try {
    const payment = await getClient(env).getPayment(url.searchParams.get("imp_uid") ?? "");
    return json({ imp_uid: payment.imp_uid });
  } catch (e) {
    return json(errorBody(e), 502);
  }
}

async function construct(request, env) {
  const options = await request.json();
  try {
    new portone.PortOneClient({ apiKey: env.PORTONE_API_KEY, apiSecret: env.PORTONE_API_SECRET, ...options });
    return json({ ok: true });
  } catch (e) {
    return json(errorBody(e), 400);
  }
}

/** The globals the client's browser guard could look at, as this runtime has them. */
function globalsSeen() {
  const seen = {};
  for (const name of ["window", "document", "importScripts", "WorkerGlobalScope", "ServiceWorkerGlobalScope", "WorkerNavigator"]) {
    seen[name] = typeof globalThis[name];
  }
  seen.isWorkerGlobalScope = typeof WorkerGlobalScope === "function" && globalThis instanceof WorkerGlobalScope;
  return seen;
}

async function portoneWebhookV1(request, env) {
  const body = await request.text();
  try {
    const verdict = await getClient(env).verifyWebhookV1(body, request.headers.get("content-type"), expectedFor);
    return json({ ...verdictBody(verdict), webhook: verdict.webhook });
  } catch (e) {
    const status = BAD_INPUT.has(e?.code) ? 400 : e?.code === "NOT_FOUND" ? 404 : 502;
    return json(errorBody(e), status);
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname}`;
    const hasClient = typeof portone.PortOneClient === "function";
    switch (route) {
      case "GET /runtime":
        return json({
          userAgent: globalThis.navigator?.userAgent ?? null,
          hasClient,
          exports: Object.keys(portone).sort(),
          globals: globalsSeen(),
          startup,
          firstVerify,
          lastVerify,
          now: { dateNow: Date.now(), performanceNow: performance.now() },
        });
      case "POST /verify":
        return verify(request, url);
      case "POST /verify/strings":
        return verifyStrings(request);
      case "POST /webhook/v2":
        return webhookV2(request, env);
      case "POST /payments/complete":
        return hasClient ? completePayment(request, env) : json({ error: { code: "NO_CLIENT" } }, 501);
      case "POST /portone/webhook":
        return hasClient ? portoneWebhookV1(request, env) : json({ error: { code: "NO_CLIENT" } }, 501);
      case "GET /payment":
        return hasClient ? getPayment(url, env) : json({ error: { code: "NO_CLIENT" } }, 501);
      case "POST /v2/webhook":
        return typeof portone.PortOneClientV2 === "function" ? webhookV2Flow(request, env) : json({ error: { code: "NO_CLIENT" } }, 501);
      case "POST /v2/payments/complete":
        return typeof portone.PortOneClientV2 === "function" ? completePaymentV2(request, env) : json({ error: { code: "NO_CLIENT" } }, 501);
      case "POST /client/construct":
        return hasClient ? construct(request, env) : json({ error: { code: "NO_CLIENT" } }, 501);
      default:
        return json({ error: { code: "NOT_FOUND", message: route } }, 404);
    }
  },
};
