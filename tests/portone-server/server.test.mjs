// The local PortOne V1 server, end to end over HTTP: run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { after, before, beforeEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { BILLING_CUSTOMER_UID, ENCODED_MERCHANT_UID, SEED_IDS } from "./seeds.mjs";
import { startServer } from "./server.mjs";

const SERVER_SCRIPT = fileURLToPath(new URL("./server.mjs", import.meta.url));
const CREDENTIALS = { imp_key: "test_imp_key", imp_secret: "test_imp_secret" };
const DAY = 24 * 3600;

/** Every property of PaymentAnnotation in the official V1 Swagger (portone-v1.openapi.json). */
const SWAGGER_PAYMENT_PROPERTIES = [
  "imp_uid", "merchant_uid", "pay_method", "channel", "pg_provider", "emb_pg_provider",
  "pg_tid", "pg_id", "sandbox", "escrow", "apply_num", "bank_code", "bank_name", "card_code",
  "card_name", "card_issuer_code", "card_issuer_name", "card_publisher_code",
  "card_publisher_name", "card_quota", "card_number", "card_type", "vbank_code", "vbank_name",
  "vbank_num", "vbank_holder", "vbank_date", "vbank_issued_at", "name", "amount",
  "cancel_amount", "currency", "buyer_name", "buyer_email", "buyer_tel", "buyer_addr",
  "buyer_postcode", "custom_data", "user_agent", "status", "started_at", "paid_at",
  "failed_at", "cancelled_at", "fail_reason", "cancel_reason", "receipt_url",
  "cancel_history", "deposit_history", "cancel_receipt_urls", "cash_receipt_issued",
  "customer_uid", "customer_uid_usage", "promotion",
];

const SEEDS = {
  cardPaid: "imp_100000000001",
  vbankReady: "imp_100000000002",
  vbankPaid: "imp_100000000003",
  cancelled: "imp_100000000004",
  partiallyCancelled: "imp_100000000005",
  sandbox: "imp_100000000006",
  usdCents: "imp_100000000007",
  failed: "imp_100000000008",
  billingKey: "imp_100000000009",
  billingKeyScheduled: "imp_100000000010",
  futureStatus: "imp_100000000011",
  retryFailed: "imp_100000000012",
  retryPaid: "imp_100000000013",
  encodedMerchantUid: "imp_100000000014",
};

let server;

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One request; `body` is the parsed JSON (undefined when the answer is not JSON). */
async function call(method, path, { token, json, form, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (json !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(json);
  }
  if (form !== undefined) {
    init.headers["content-type"] = "application/x-www-form-urlencoded";
    init.body = new URLSearchParams(form).toString();
  }
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: parseJson(text) };
}

const issueToken = async () =>
  (await call("POST", "/users/getToken", { json: CREDENTIALS })).body.response;
const token = async () => (await issueToken()).access_token;
const authed = async (method, path, options = {}) =>
  call(method, path, { ...options, token: await token() });
const getPayment = (impUid, query = "") => authed("GET", `/payments/${impUid}${query}`);
const cancel = (json) => authed("POST", "/payments/cancel", { json });
const adminPost = (path, json = {}) => call("POST", `/__admin/${path}`, { json });
const stats = async () => (await call("GET", "/__admin/stats")).body.response;
const advanceClock = (advanceSeconds) => adminPost("clock", { advanceSeconds });
const queueFault = (fault) => adminPost("faults", fault);

function assertEnvelopeError(res, status, code) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
  assert.equal(res.body.code, code);
  assert.equal(typeof res.body.message, "string");
  assert.ok(res.body.message.length > 0);
  assert.equal(res.body.response, null);
}

before(async () => {
  server = await startServer();
});
after(() => server.close());
beforeEach(() => adminPost("reset"));

describe("POST /users/getToken", () => {
  test("answers a 30-minute token in the envelope, from JSON", async () => {
    const res = await call("POST", "/users/getToken", { json: CREDENTIALS });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    assert.deepEqual(Object.keys(res.body), ["code", "message", "response"]);
    assert.equal(res.body.code, 0);
    assert.equal(res.body.message, null);
    const { access_token, now, expired_at } = res.body.response;
    assert.match(access_token, /^[0-9a-f]{40}$/);
    assert.ok(Number.isInteger(now) && Number.isInteger(expired_at));
    assert.ok(Math.abs(now - Date.now() / 1000) < 5);
    assert.equal(expired_at - now, 30 * 60);
  });

  test("accepts form-encoded credentials and returns the same token before expiry", async () => {
    const first = await issueToken();
    const res = await call("POST", "/users/getToken", { form: CREDENTIALS });
    assert.equal(res.status, 200);
    assert.equal(res.body.response.access_token, first.access_token);
    assert.equal(res.body.response.expired_at, first.expired_at);
  });

  test("wrong key or secret is a 401 with code -1", async () => {
    for (const json of [
      { ...CREDENTIALS, imp_secret: "wrong" },
      { ...CREDENTIALS, imp_key: "wrong" },
      {},
    ]) {
      assertEnvelopeError(await call("POST", "/users/getToken", { json }), 401, -1);
    }
    assert.equal((await stats()).getToken, 3);
  });

  test("is not extended while more than a minute is left", async () => {
    const first = await issueToken();
    await advanceClock(20 * 60);
    const again = await issueToken();
    assert.equal(again.access_token, first.access_token);
    assert.equal(again.expired_at, first.expired_at);
  });

  test("asked within its last minute, the same token is extended by 5 minutes", async () => {
    const first = await issueToken();
    await advanceClock(29 * 60 + 30);
    const again = await issueToken();
    assert.equal(again.access_token, first.access_token);
    assert.equal(again.expired_at, first.expired_at + 5 * 60);
    assert.equal((await getPayment(SEEDS.cardPaid)).status, 200);
  });

  test("an expired token gets 401 and getToken then issues a new one", async () => {
    const first = await issueToken();
    await advanceClock(29 * 60 + 50);
    const stillValid = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: first.access_token });
    assert.equal(stillValid.status, 200);
    await advanceClock(15);
    const expired = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: first.access_token });
    assertEnvelopeError(expired, 401, -1);
    const renewed = await issueToken();
    assert.notEqual(renewed.access_token, first.access_token);
    assert.equal(renewed.expired_at - renewed.now, 30 * 60);
    assert.ok(renewed.now >= first.expired_at);
  });
});

describe("authentication", () => {
  test("missing, unknown and malformed tokens are 401 with code -1", async () => {
    await issueToken();
    assertEnvelopeError(await call("GET", `/payments/${SEEDS.cardPaid}`), 401, -1);
    assertEnvelopeError(await call("GET", `/payments/${SEEDS.cardPaid}`, { token: "f".repeat(40) }), 401, -1);
    const raw = await call("GET", `/payments/${SEEDS.cardPaid}`, {
      headers: { authorization: await token() },
    });
    assertEnvelopeError(raw, 401, -1);
  });

  test("accepts Bearer in any case and the legacy X-ImpTokenHeader", async () => {
    const accessToken = await token();
    const lower = await call("GET", `/payments/${SEEDS.cardPaid}`, {
      headers: { authorization: `bearer ${accessToken}` },
    });
    assert.equal(lower.status, 200);
    const legacy = await call("GET", `/payments/${SEEDS.cardPaid}`, {
      headers: { "x-imptokenheader": accessToken },
    });
    assert.equal(legacy.status, 200);
    assert.equal(legacy.body.response.imp_uid, SEEDS.cardPaid);
  });

  test("every PortOne route but getToken needs the token", async () => {
    const paths = [
      ["GET", `/payments/${SEEDS.cardPaid}`],
      ["GET", `/payments/${SEEDS.cardPaid}/balance`],
      ["GET", `/payments?imp_uid[]=${SEEDS.cardPaid}`],
      ["GET", "/payments/find/order-card-paid"],
      ["GET", "/payments/findAll/order-card-paid"],
      ["GET", "/payments/status/all"],
      ["GET", "/subscribe/customers/customer-1234/payments"],
      ["POST", "/payments/cancel"],
      ["POST", "/payments/prepare"],
      ["PUT", "/payments/prepare"],
      ["GET", "/payments/prepare/order-card-paid"],
    ];
    for (const [method, path] of paths) {
      const json = method === "GET" ? undefined : { imp_uid: SEEDS.cancelled };
      assertEnvelopeError(await call(method, path, { json }), 401, -1);
    }
    assert.equal((await getPayment(SEEDS.cancelled)).body.response.cancel_amount, 15000);
  });
});

describe("stats", () => {
  test("count getToken calls and requests by route, not admin calls", async () => {
    const accessToken = await token();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("GET", `/payments/${SEEDS.cardPaid}`, { token: accessToken }),
      ),
    );
    assert.ok(answers.every((res) => res.status === 200));
    await call("GET", "/nowhere");
    const counted = await stats();
    assert.equal(counted.getToken, 1);
    assert.equal(counted.requests, 52);
    assert.deepEqual(counted.byRoute, {
      "POST /users/getToken": 1,
      "GET /payments/{imp_uid}": 50,
      unmatched: 1,
    });
  });
});

describe("GET /payments/{imp_uid}", () => {
  test("the card seed is a complete, realistic KCP card payment", async () => {
    const res = await getPayment(SEEDS.cardPaid);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(res.body.code, 0);
    assert.equal(res.body.message, null);
    const payment = res.body.response;
    assert.deepEqual(Object.keys(payment), SWAGGER_PAYMENT_PROPERTIES);
    const size = Buffer.byteLength(JSON.stringify(payment));
    assert.ok(size > 1300 && size < 1600, `payment is ${size} bytes`);
    assert.equal(payment.merchant_uid, "order-card-paid");
    assert.equal(payment.amount, 1004);
    assert.equal(payment.cancel_amount, 0);
    assert.equal(payment.currency, "KRW");
    assert.equal(payment.status, "paid");
    assert.equal(payment.pay_method, "card");
    assert.equal(payment.pg_provider, "kcp");
    assert.equal(payment.sandbox, false);
    assert.match(payment.pg_tid, /^\d{14}$/);
    assert.match(payment.card_number, /^\d{6}\*{6}\d{4}$/);
    assert.match(payment.apply_num, /^\d{8}$/);
    assert.ok(payment.paid_at > payment.started_at);
    assert.equal(payment.failed_at, 0);
    assert.equal(payment.cancelled_at, 0);
    assert.ok(payment.receipt_url.startsWith("https://"));
    assert.deepEqual(JSON.parse(payment.custom_data), { cart_id: "cart-7781", coupon: null });
    const unfilled = Object.entries(payment).filter(([, value]) => value === null);
    assert.ok(unfilled.length < 20, `${unfilled.length} null fields`);
  });

  test("every seed has every Swagger property and a boolean sandbox", async () => {
    for (const impUid of Object.values(SEEDS)) {
      const res = await getPayment(impUid, "?include_sandbox=true");
      assert.equal(res.status, 200, impUid);
      const payment = res.body.response;
      for (const property of SWAGGER_PAYMENT_PROPERTIES) {
        assert.ok(property in payment, `${impUid} lacks ${property}`);
      }
      assert.equal(typeof payment.sandbox, "boolean");
      assert.equal(payment.imp_uid, impUid);
    }
  });

  test("an unknown imp_uid is a 404 with code 1 and the documented message", async () => {
    const res = await getPayment("imp_999999999999");
    assertEnvelopeError(res, 404, 1);
    assert.equal(res.body.message, "존재하지 않는 결제정보입니다.");
  });

  test("sandbox payments are hidden unless include_sandbox=true", async () => {
    assertEnvelopeError(await getPayment(SEEDS.sandbox), 404, 1);
    assertEnvelopeError(await getPayment(SEEDS.sandbox, "?include_sandbox=false"), 404, 1);
    const shown = await getPayment(SEEDS.sandbox, "?include_sandbox=true");
    assert.equal(shown.status, 200);
    assert.equal(shown.body.response.sandbox, true);
    const live = await getPayment(SEEDS.cardPaid, "?include_sandbox=true");
    assert.equal(live.body.response.sandbox, false);
  });

  test("seeds cover vbank, cancellations, cents, failure, billing and unknown values", async () => {
    const payment = async (impUid) => (await getPayment(impUid)).body.response;
    const ready = await payment(SEEDS.vbankReady);
    assert.equal(ready.status, "ready");
    assert.equal(ready.pay_method, "vbank");
    assert.match(ready.vbank_num, /^\d+$/);
    assert.ok(ready.vbank_date > ready.vbank_issued_at);
    assert.equal(ready.paid_at, 0);
    const vbankPaid = await payment(SEEDS.vbankPaid);
    assert.equal(vbankPaid.status, "paid");
    assert.equal(vbankPaid.deposit_history.length, 1);
    assert.deepEqual(Object.keys(vbankPaid.deposit_history[0]).sort(), [
      "amount", "deposited_at", "depositor_name", "pg_tid",
    ]);
    assert.equal(vbankPaid.deposit_history[0].amount, vbankPaid.amount);
    const cancelled = await payment(SEEDS.cancelled);
    assert.equal(cancelled.status, "cancelled");
    assert.equal(cancelled.cancel_amount, cancelled.amount);
    assert.equal(cancelled.cancel_history[0].amount, cancelled.amount);
    const partial = await payment(SEEDS.partiallyCancelled);
    assert.equal(partial.status, "paid");
    assert.ok(partial.cancel_amount > 0 && partial.cancel_amount < partial.amount);
    assert.equal(typeof partial.cancel_history[0].cancellation_id, "string");
    const usd = await payment(SEEDS.usdCents);
    assert.equal(usd.currency, "USD");
    assert.equal(usd.amount, 10.1);
    const failed = await payment(SEEDS.failed);
    assert.equal(failed.status, "failed");
    assert.ok(failed.failed_at > 0);
    assert.equal(typeof failed.fail_reason, "string");
    const billing = await payment(SEEDS.billingKey);
    assert.equal(billing.customer_uid, "customer-1234");
    assert.equal(billing.customer_uid_usage, "payment");
    assert.equal(billing.channel, "api");
    const future = await payment(SEEDS.futureStatus);
    assert.equal(future.status, "partial_refunded");
    assert.equal(future.pay_method, "crypto");
    assert.equal(future.settlement_currency, "KRW");
  });

  test("a malformed percent-encoding is a 400", async () => {
    assertEnvelopeError(await getPayment("%E0%A4%A"), 400, -1);
  });
});

describe("GET /payments (several)", () => {
  test("answers all requested payments, imp_uids first, then merchant_uids", async () => {
    const res = await authed(
      "GET",
      `/payments?imp_uid[]=${SEEDS.cardPaid}&imp_uid[]=${SEEDS.vbankPaid}&merchant_uid[]=order-retry`,
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.code, 0);
    assert.deepEqual(
      res.body.response.map((p) => p.imp_uid),
      [SEEDS.cardPaid, SEEDS.vbankPaid, SEEDS.retryPaid],
    );
  });

  test("with some missing: 207 and the found ones", async () => {
    const res = await authed(
      "GET",
      `/payments?imp_uid[]=${SEEDS.cardPaid}&imp_uid[]=imp_999999999999&merchant_uid[]=nope`,
    );
    assert.equal(res.status, 207);
    assert.equal(res.body.code, 0);
    assert.equal(typeof res.body.message, "string");
    assert.deepEqual(res.body.response.map((p) => p.imp_uid), [SEEDS.cardPaid]);
  });

  test("none found is a 404; none asked or more than 100 is a 400", async () => {
    assertEnvelopeError(await authed("GET", "/payments?imp_uid[]=imp_999999999999"), 404, 1);
    assertEnvelopeError(await authed("GET", "/payments"), 400, -1);
    const ids = (count) =>
      Array.from({ length: count }, () => `imp_uid[]=${SEEDS.cardPaid}`).join("&");
    assertEnvelopeError(await authed("GET", `/payments?${ids(101)}`), 400, -1);
    assert.equal((await authed("GET", `/payments?${ids(100)}`)).body.response.length, 100);
  });
});

describe("GET /payments/find/{merchant_uid}/{payment_status?}", () => {
  const find = (path) => authed("GET", `/payments/find/${path}`);

  test("answers the newest by start, or as `sorting` asks", async () => {
    assert.equal((await find("order-retry")).body.response.imp_uid, SEEDS.retryPaid);
    assert.equal((await find("order-retry?sorting=started")).body.response.imp_uid, SEEDS.retryFailed);
    assert.equal((await find("order-retry?sorting=-paid")).body.response.imp_uid, SEEDS.retryPaid);
    assert.equal((await find("order-retry?sorting=paid")).body.response.imp_uid, SEEDS.retryFailed);
  });

  test("sorting by -updated follows the last change", async () => {
    const old = await adminPost("payments", { merchant_uid: "order-updated", started_at: 1000 });
    await adminPost("payments", { merchant_uid: "order-updated", started_at: 2000 });
    await advanceClock(10);
    assert.equal((await cancel({ imp_uid: old.body.response.imp_uid })).body.code, 0);
    assert.notEqual((await find("order-updated")).body.response.imp_uid, old.body.response.imp_uid);
    const updated = await find("order-updated?sorting=-updated");
    assert.equal(updated.body.response.imp_uid, old.body.response.imp_uid);
  });

  test("filters by payment_status", async () => {
    assert.equal((await find("order-retry/failed")).body.response.imp_uid, SEEDS.retryFailed);
    assert.equal((await find("order-retry/paid")).body.response.imp_uid, SEEDS.retryPaid);
    assertEnvelopeError(await find("order-retry/cancelled"), 404, 1);
  });

  test("percent-decodes merchant_uids with slashes, spaces and Korean", async () => {
    const res = await find(encodeURIComponent("주문/2024 0001"));
    assert.equal(res.status, 200);
    assert.equal(res.body.response.imp_uid, SEEDS.encodedMerchantUid);
    assert.equal(res.body.response.merchant_uid, "주문/2024 0001");
  });

  test("unknown orders are 404, bad status or sorting 400", async () => {
    assertEnvelopeError(await find("no-such-order"), 404, 1);
    assertEnvelopeError(await find("order-retry/refunded"), 400, -1);
    assertEnvelopeError(await find("order-retry?sorting=amount"), 400, -1);
  });
});

describe("GET /payments/findAll/{merchant_uid}/{payment_status?}", () => {
  const findAll = (path) => authed("GET", `/payments/findAll/${path}`);

  test("pages every payment of the order", async () => {
    const all = await findAll("order-retry");
    assert.equal(all.status, 200);
    assert.deepEqual(
      { ...all.body.response, list: all.body.response.list.map((p) => p.imp_uid) },
      { total: 2, previous: 0, next: 0, list: [SEEDS.retryPaid, SEEDS.retryFailed] },
    );
    const first = (await findAll("order-retry?limit=1")).body.response;
    assert.deepEqual([first.total, first.previous, first.next], [2, 0, 2]);
    assert.equal(first.list[0].imp_uid, SEEDS.retryPaid);
    const second = (await findAll("order-retry?limit=1&page=2&sorting=-started")).body.response;
    assert.deepEqual([second.total, second.previous, second.next], [2, 1, 0]);
    assert.equal(second.list[0].imp_uid, SEEDS.retryFailed);
  });

  test("filters by status; rejects bad paging; 404 for unknown orders", async () => {
    const paid = (await findAll("order-retry/paid")).body.response;
    assert.deepEqual(paid.list.map((p) => p.imp_uid), [SEEDS.retryPaid]);
    assertEnvelopeError(await findAll("order-retry?limit=1001"), 400, -1);
    assertEnvelopeError(await findAll("order-retry?limit=0"), 400, -1);
    assertEnvelopeError(await findAll("order-retry?page=0"), 400, -1);
    assertEnvelopeError(await findAll("order-retry?page=3&limit=1"), 400, -1);
    assertEnvelopeError(await findAll("no-such-order"), 404, 1);
    assert.equal((await findAll("order-retry?limit=1000")).status, 200);
  });
});

describe("GET /payments/status/{payment_status}", () => {
  const byStatus = (path) => authed("GET", `/payments/status/${path}`);

  test("all seeds fall in the default 90-day window; pages of 20 by default", async () => {
    const all = (await byStatus("all")).body.response;
    assert.equal(all.total, Object.keys(SEEDS).length);
    assert.equal(all.list.length, Object.keys(SEEDS).length);
    const paged = (await byStatus("all?limit=5&page=2")).body.response;
    assert.deepEqual([paged.previous, paged.next, paged.list.length], [1, 3, 5]);
    const started = all.list.map((p) => p.started_at);
    assert.deepEqual(started, [...started].sort((a, b) => b - a));
  });

  test("filters by status", async () => {
    const ready = (await byStatus("ready")).body.response;
    assert.deepEqual(ready.list.map((p) => p.imp_uid), [SEEDS.vbankReady]);
    const paid = (await byStatus("paid?limit=100")).body.response;
    assert.ok(paid.list.every((p) => p.status === "paid"));
    assert.ok(paid.list.some((p) => p.imp_uid === SEEDS.cardPaid));
    assertEnvelopeError(await byStatus("refunded"), 400, -1);
  });

  test("from/to select by the status's own timestamp", async () => {
    const { now } = await issueToken();
    const lastDay = (await byStatus(`paid?from=${now - DAY}&to=${now}&limit=100`)).body.response;
    const ids = lastDay.list.map((p) => p.imp_uid);
    assert.ok(ids.includes(SEEDS.cardPaid));
    assert.ok(!ids.includes(SEEDS.vbankPaid), "paid two days ago");
    const old = await adminPost("payments", { started_at: now - 101 * DAY, paid_at: now - 100 * DAY });
    const oldId = old.body.response.imp_uid;
    const recent = (await byStatus("paid?limit=100")).body.response.list.map((p) => p.imp_uid);
    assert.ok(!recent.includes(oldId));
    const window = await byStatus(`paid?from=${now - 120 * DAY}&to=${now - 90 * DAY}`);
    assert.deepEqual(window.body.response.list.map((p) => p.imp_uid), [oldId]);
  });

  test("a window over 90 days or reversed is a 400", async () => {
    const { now } = await issueToken();
    assertEnvelopeError(await byStatus(`all?from=${now - 91 * DAY}&to=${now}`), 400, -1);
    assertEnvelopeError(await byStatus(`all?from=${now}&to=${now - DAY}`), 400, -1);
    assertEnvelopeError(await byStatus("all?from=yesterday"), 400, -1);
    assert.equal((await byStatus(`all?from=${now - 90 * DAY}&to=${now}`)).status, 200);
  });
});

describe("GET /subscribe/customers/{customer_uid}/payments", () => {
  test("pages the billing key's payments, newest first", async () => {
    const res = await authed("GET", "/subscribe/customers/customer-1234/payments?page=1");
    assert.equal(res.status, 200);
    const { total, previous, next, list } = res.body.response;
    assert.deepEqual([total, previous, next], [2, 0, 0]);
    assert.deepEqual(list.map((p) => p.imp_uid), [SEEDS.billingKeyScheduled, SEEDS.billingKey]);
    assert.ok(list.every((p) => p.customer_uid === "customer-1234"));
    assertEnvelopeError(await authed("GET", "/subscribe/customers/nobody/payments"), 404, 1);
  });
});

describe("GET /payments/{imp_uid}/balance", () => {
  const balance = async (impUid) => authed("GET", `/payments/${impUid}/balance`);

  test("the remaining balance, with a history entry per cancellation", async () => {
    const res = await balance(SEEDS.partiallyCancelled);
    assert.equal(res.status, 200);
    const { amount, cash_receipt, primary, secondary, discount, histories } = res.body.response;
    assert.equal(amount, 30000);
    assert.equal(primary.supply + primary.vat + primary.tax_free + primary.service, 20000);
    assert.equal(primary.vat, 1818);
    for (const part of [cash_receipt, secondary, discount]) {
      assert.deepEqual(Object.keys(part).sort(), ["service", "supply", "tax_free", "vat"]);
    }
    assert.deepEqual(
      histories.map((h) => h.primary.supply + h.primary.vat),
      [30000, 20000],
    );
    assert.ok(histories.every((h) => Number.isInteger(h.created)));
  });

  test("follows a new cancellation; foreign currency is all supply; unpaid is zero", async () => {
    await cancel({ imp_uid: SEEDS.usdCents, amount: 5.05 });
    const usd = (await balance(SEEDS.usdCents)).body.response;
    assert.deepEqual(usd.primary, { tax_free: 0, supply: 5.05, vat: 0, service: 0 });
    assert.equal(usd.histories.length, 2);
    const ready = (await balance(SEEDS.vbankReady)).body.response;
    assert.equal(ready.amount, 35000);
    assert.equal(ready.primary.supply, 0);
    assert.deepEqual(ready.histories, []);
    assertEnvelopeError(await balance("imp_999999999999"), 404, 1);
  });
});

describe("POST /payments/cancel", () => {
  test("a partial then a full cancellation update the payment", async () => {
    const partial = await cancel({
      imp_uid: SEEDS.cardPaid,
      amount: 400,
      checksum: 1004,
      reason: "부분 환불",
    });
    assert.equal(partial.status, 200);
    assert.equal(partial.body.code, 0);
    const once = partial.body.response;
    assert.equal(once.cancel_amount, 400);
    assert.equal(once.status, "paid");
    assert.equal(once.cancel_reason, "부분 환불");
    assert.ok(once.cancelled_at > 0);
    assert.equal(once.cancel_history.length, 1);
    const [entry] = once.cancel_history;
    assert.equal(entry.amount, 400);
    assert.equal(entry.reason, "부분 환불");
    assert.equal(entry.cancelled_at, once.cancelled_at);
    assert.match(entry.cancellation_id, /^cancel-[0-9a-f]{24}$/);

    const full = await cancel({ imp_uid: SEEDS.cardPaid, reason: "전액 환불" });
    assert.equal(full.body.code, 0);
    const twice = full.body.response;
    assert.equal(twice.cancel_amount, 1004);
    assert.equal(twice.status, "cancelled");
    assert.deepEqual(twice.cancel_history.map((c) => c.amount), [400, 604]);
    assert.notEqual(twice.cancel_history[0].cancellation_id, twice.cancel_history[1].cancellation_id);
    assert.deepEqual((await getPayment(SEEDS.cardPaid)).body.response, twice);
  });

  test("amount 0 cancels the whole remaining balance", async () => {
    const res = await cancel({ imp_uid: SEEDS.partiallyCancelled, amount: 0 });
    assert.equal(res.body.response.cancel_amount, 30000);
    assert.equal(res.body.response.status, "cancelled");
    assert.equal(res.body.response.cancel_history.at(-1).amount, 20000);
  });

  test("a missing payment is HTTP 200 with code 1 and no response", async () => {
    for (const json of [{ imp_uid: "imp_999999999999" }, { merchant_uid: "no-such-order" }]) {
      assertEnvelopeError(await cancel(json), 200, 1);
    }
  });

  test("refuses more than the balance and an already cancelled payment", async () => {
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.partiallyCancelled, amount: 20001 }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cancelled }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cancelled, amount: 1 }), 200, 1);
    assert.equal((await getPayment(SEEDS.partiallyCancelled)).body.response.cancel_amount, 10000);
  });

  test("a checksum other than the cancellable balance is refused", async () => {
    const stale = await cancel({ imp_uid: SEEDS.partiallyCancelled, amount: 5000, checksum: 30000 });
    assertEnvelopeError(stale, 200, 1);
    assert.match(stale.body.message, /checksum/);
    assert.equal((await getPayment(SEEDS.partiallyCancelled)).body.response.cancel_amount, 10000);
    const fresh = await cancel({ imp_uid: SEEDS.partiallyCancelled, amount: 5000, checksum: 20000 });
    assert.equal(fresh.body.code, 0);
    assert.equal(fresh.body.response.cancel_amount, 15000);
  });

  test("cents are exact: 10.1 cancelled as 0.1 + 0.2 + the 9.8 left", async () => {
    await cancel({ imp_uid: SEEDS.usdCents, amount: 0.1 });
    const second = await cancel({ imp_uid: SEEDS.usdCents, amount: 0.2, checksum: 10 });
    assert.equal(second.body.code, 0);
    assert.equal(second.body.response.cancel_amount, 0.3);
    const rest = await cancel({ imp_uid: SEEDS.usdCents, checksum: 9.8 });
    assert.equal(rest.body.code, 0);
    assert.equal(rest.body.response.cancel_history.at(-1).amount, 9.8);
    assert.equal(rest.body.response.cancel_amount, 10.1);
    assert.equal(rest.body.response.status, "cancelled");
  });

  test("form-encoded by merchant_uid cancels the order's paid payment", async () => {
    const res = await authed("POST", "/payments/cancel", {
      form: { merchant_uid: "order-retry", amount: "2000", reason: "폼 취소" },
    });
    assert.equal(res.body.code, 0);
    assert.equal(res.body.response.imp_uid, SEEDS.retryPaid);
    assert.equal(res.body.response.cancel_amount, 2000);
    assert.equal(res.body.response.cancel_reason, "폼 취소");
  });

  test("by merchant_uid, the paid payment is cancelled even when a newer attempt failed", async () => {
    const paid = await adminPost("payments", { merchant_uid: "order-twice", started_at: 1000 });
    await adminPost("payments", { merchant_uid: "order-twice", status: "failed", started_at: 2000 });
    const res = await cancel({ merchant_uid: "order-twice" });
    assert.equal(res.body.code, 0);
    assert.equal(res.body.response.imp_uid, paid.body.response.imp_uid);
    assert.equal(res.body.response.status, "cancelled");
  });

  test("only paid payments are cancellable; a vbank refund needs the refund account", async () => {
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.vbankReady }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.failed }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.futureStatus }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.vbankPaid }), 200, 1);
    const withoutAccount = { imp_uid: SEEDS.vbankPaid, refund_holder: "홍길동", refund_bank: "088" };
    assertEnvelopeError(await cancel(withoutAccount), 200, 1);
    const refunded = await cancel({
      imp_uid: SEEDS.vbankPaid,
      refund_holder: "홍길동",
      refund_bank: "088",
      refund_account: "110123456789",
      refund_tel: "010-1234-5678",
    });
    assert.equal(refunded.body.code, 0);
    assert.equal(refunded.body.response.status, "cancelled");
  });

  test("tax_free or vat_amount over the amount are refused; bad numbers are 400", async () => {
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cardPaid, amount: 100, tax_free: 101 }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cardPaid, amount: 100, vat_amount: 101 }), 200, 1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cardPaid, amount: "lots" }), 400, -1);
    assertEnvelopeError(await cancel({ imp_uid: SEEDS.cardPaid, amount: -1 }), 400, -1);
    assertEnvelopeError(await cancel({ reason: "no id" }), 400, -1);
    const ok = await cancel({ imp_uid: SEEDS.cardPaid, amount: 100, tax_free: 0, vat_amount: 9 });
    assert.equal(ok.body.response.cancel_amount, 100);
  });
});

describe("/payments/prepare", () => {
  test("registers, refuses a duplicate, updates and reads back", async () => {
    const registered = await authed("POST", "/payments/prepare", {
      json: { merchant_uid: "order-prepared", amount: 5000 },
    });
    assert.equal(registered.status, 200);
    assert.deepEqual(registered.body, {
      code: 0,
      message: null,
      response: { merchant_uid: "order-prepared", amount: 5000, currency: null },
    });
    const duplicate = await authed("POST", "/payments/prepare", {
      json: { merchant_uid: "order-prepared", amount: 7000 },
    });
    assertEnvelopeError(duplicate, 200, 1);
    const updated = await authed("PUT", "/payments/prepare", {
      form: { merchant_uid: "order-prepared", amount: "6000", currency: "KRW" },
    });
    assert.equal(updated.body.response.amount, 6000);
    const read = await authed("GET", "/payments/prepare/order-prepared");
    assert.deepEqual(read.body.response, { merchant_uid: "order-prepared", amount: 6000, currency: "KRW" });
  });

  test("unknown registrations are 404; missing fields are 400", async () => {
    assertEnvelopeError(await authed("GET", "/payments/prepare/never-prepared"), 404, 1);
    const put = await authed("PUT", "/payments/prepare", { json: { merchant_uid: "never", amount: 1 } });
    assertEnvelopeError(put, 404, 1);
    assertEnvelopeError(await authed("POST", "/payments/prepare", { json: { amount: 1 } }), 400, -1);
    assertEnvelopeError(await authed("POST", "/payments/prepare", { json: { merchant_uid: "x" } }), 400, -1);
  });

  test("the merchant_uid path segment is percent-decoded", async () => {
    await authed("POST", "/payments/prepare", { json: { merchant_uid: "주문/준비 1", amount: 1 } });
    const read = await authed("GET", `/payments/prepare/${encodeURIComponent("주문/준비 1")}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.response.merchant_uid, "주문/준비 1");
  });
});

describe("routing", () => {
  test("an unknown path is a 404 envelope, a known path with another method a 405", async () => {
    assertEnvelopeError(await authed("GET", "/nowhere"), 404, -1);
    assertEnvelopeError(await authed("DELETE", `/payments/${SEEDS.cardPaid}`), 405, -1);
    assertEnvelopeError(await call("GET", "/users/getToken"), 405, -1);
  });

  test("a body that is not JSON is a 400", async () => {
    const res = await fetch(`${server.url}/users/getToken`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{imp_key:",
    });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).code, -1);
  });
});

describe("admin", () => {
  test("POST /__admin/payments fills every field and generates an imp_uid", async () => {
    const created = await adminPost("payments", { amount: 2500, merchant_uid: "order-admin" });
    assert.equal(created.status, 200);
    const payment = created.body.response;
    assert.match(payment.imp_uid, /^imp_\d{12}$/);
    assert.deepEqual(Object.keys(payment), SWAGGER_PAYMENT_PROPERTIES);
    assert.equal(payment.amount, 2500);
    assert.equal(payment.status, "paid");
    assert.equal(payment.sandbox, false);
    assert.ok(payment.paid_at > 0);
    assert.deepEqual((await getPayment(payment.imp_uid)).body.response, payment);
  });

  test("POST /__admin/payments keeps a given imp_uid, odd values and extra fields", async () => {
    const created = await adminPost("payments", {
      imp_uid: "imp_custom_1",
      amount: "1000",
      status: "ready",
      pay_method: "vbank",
      next_gen_field: { a: 1 },
    });
    const payment = created.body.response;
    assert.equal(payment.imp_uid, "imp_custom_1");
    assert.equal(payment.amount, "1000");
    assert.equal(payment.paid_at, 0);
    assert.ok(payment.vbank_num);
    assert.deepEqual(payment.next_gen_field, { a: 1 });
    assertEnvelopeError(await adminPost("payments", { imp_uid: "imp_custom_1" }), 409, 1);
    assertEnvelopeError(await adminPost("payments", { imp_uid: 42 }), 400, -1);
  });

  test("POST /__admin/clock moves the server clock", async () => {
    const before = await issueToken();
    const moved = await advanceClock(3600);
    assert.equal(moved.body.response.offsetSeconds, 3600);
    const after = await issueToken();
    assert.ok(after.now - before.now >= 3600 && after.now - before.now < 3605);
    assert.equal(moved.body.response.now, after.now);
    assertEnvelopeError(await advanceClock("soon"), 400, -1);
  });

  test("POST /__admin/reset restores seeds, counters, tokens, prepared, faults and clock", async () => {
    const oldToken = await token();
    await cancel({ imp_uid: SEEDS.cardPaid });
    await authed("POST", "/payments/prepare", { json: { merchant_uid: "order-prepared", amount: 1 } });
    await adminPost("payments", { imp_uid: "imp_temporary" });
    await advanceClock(DAY);
    await queueFault({ fault: "status=500", times: 5 });

    assert.equal((await adminPost("reset")).body.code, 0);
    assert.deepEqual(await stats(), {
      getToken: 0,
      requests: 0,
      byRoute: {},
      inFlight: 0,
      oversized: { started: 0, completed: 0, bytesWritten: 0 },
    });
    const stale = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: oldToken });
    assertEnvelopeError(stale, 401, -1);
    const fresh = await issueToken();
    assert.ok(Math.abs(fresh.now - Date.now() / 1000) < 5);
    const restored = (await getPayment(SEEDS.cardPaid)).body.response;
    assert.equal(restored.cancel_amount, 0);
    assert.equal(restored.status, "paid");
    assertEnvelopeError(await getPayment("imp_temporary"), 404, 1);
    assertEnvelopeError(await authed("GET", "/payments/prepare/order-prepared"), 404, 1);
  });

  test("admin calls need no token and reject bad input", async () => {
    assert.equal((await call("GET", "/__admin/stats")).status, 200);
    assertEnvelopeError(await call("GET", "/__admin/nothing"), 404, -1);
    assertEnvelopeError(await queueFault({ fault: "explode" }), 400, -1);
    assertEnvelopeError(await queueFault({ fault: "status=418" }), 400, -1);
    assertEnvelopeError(await queueFault({ fault: "latency=-5" }), 400, -1);
    assertEnvelopeError(await queueFault({ fault: "drop", times: 0 }), 400, -1);
    assertEnvelopeError(await queueFault({ fault: "drop", route: "GET /payment" }), 400, -1);
    const queued = await queueFault({ fault: "drop", times: 2, route: "GET /payments/{imp_uid}" });
    assert.deepEqual(queued.body.response.queued, [
      { fault: "drop", remaining: 2, route: "GET /payments/{imp_uid}" },
    ]);
  });
});

describe("faults", () => {
  const faulted = async (fault, path = `/payments/${SEEDS.cardPaid}`) =>
    authed("GET", path, { headers: { "x-portone-fault": fault } });

  test("latency=<ms> delays, then answers normally (header and queued)", async () => {
    let started = performance.now();
    const res = await faulted("latency=200");
    assert.ok(performance.now() - started >= 190);
    assert.equal(res.body.response.imp_uid, SEEDS.cardPaid);

    const accessToken = await token();
    await queueFault({ fault: "latency=200" });
    started = performance.now();
    const queued = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: accessToken });
    assert.ok(performance.now() - started >= 190);
    assert.equal(queued.status, 200);
  });

  test("status=500|502|503 answer that status with an envelope", async () => {
    for (const status of [500, 502, 503]) {
      const res = await faulted(`status=${status}`);
      assertEnvelopeError(res, status, -1);
      assert.equal(res.headers.get("retry-after"), null);
    }
  });

  test("status=429 adds Retry-After: 1", async () => {
    const res = await faulted("status=429");
    assertEnvelopeError(res, 429, -1);
    assert.equal(res.headers.get("retry-after"), "1");
  });

  test("truncated sends the first half of the real JSON body", async () => {
    const accessToken = await token();
    const url = `${server.url}/payments/${SEEDS.cardPaid}`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const full = Buffer.from(await (await fetch(url, { headers })).arrayBuffer());
    const res = await fetch(url, { headers: { ...headers, "x-portone-fault": "truncated" } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    const cut = Buffer.from(await res.arrayBuffer());
    assert.equal(cut.length, Math.floor(full.length / 2));
    assert.ok(cut.equals(full.subarray(0, cut.length)));
    assert.throws(() => JSON.parse(cut.toString("utf8")), SyntaxError);
  });

  test("truncated still runs the request (a queued one on cancel)", async () => {
    await queueFault({ fault: "truncated", route: "POST /payments/cancel" });
    const res = await cancel({ imp_uid: SEEDS.cardPaid, amount: 4 });
    assert.equal(res.body, undefined);
    assert.ok(res.text.startsWith('{"code":0'));
    assert.equal((await getPayment(SEEDS.cardPaid)).body.response.cancel_amount, 4);
  });

  test("non-json answers 200 with an HTML page", async () => {
    const res = await faulted("non-json");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type"), /^text\/html/);
    assert.match(res.text, /<html/);
    assert.equal(res.body, undefined);
  });

  test("unauthorized answers 401 as for an expired token, without revoking it", async () => {
    const res = await faulted("unauthorized");
    assertEnvelopeError(res, 401, -1);
    const expired = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: "0".repeat(40) });
    assert.deepEqual(res.body, expired.body);
    assert.equal((await getPayment(SEEDS.cardPaid)).status, 200);
  });

  test("drop closes the connection without an answer (header and queued)", async () => {
    await assert.rejects(faulted("drop"), TypeError);
    await queueFault({ fault: "drop", route: "POST /users/getToken" });
    await assert.rejects(call("POST", "/users/getToken", { json: CREDENTIALS }), TypeError);
    assert.equal((await call("POST", "/users/getToken", { json: CREDENTIALS })).status, 200);
  });

  test("queued faults hit only their route, `times` times, and are counted", async () => {
    const accessToken = await token();
    await queueFault({ fault: "status=503", times: 2, route: "GET /payments/{imp_uid}" });
    const other = await call("GET", "/payments/find/order-card-paid", { token: accessToken });
    assert.equal(other.status, 200);
    const get = () => call("GET", `/payments/${SEEDS.cardPaid}`, { token: accessToken });
    assert.equal((await get()).status, 503);
    assert.equal((await get()).status, 503);
    assert.equal((await get()).status, 200);
    assert.equal((await stats()).byRoute["GET /payments/{imp_uid}"], 3);
  });

  test("queued faults apply to getToken too, and in queue order", async () => {
    await queueFault({ fault: "status=502" });
    await queueFault({ fault: "non-json" });
    assertEnvelopeError(await call("POST", "/users/getToken", { json: CREDENTIALS }), 502, -1);
    assert.match((await call("POST", "/users/getToken", { json: CREDENTIALS })).text, /<html/);
    assert.equal((await call("POST", "/users/getToken", { json: CREDENTIALS })).status, 200);
  });

  test("a header fault wins over the queue and leaves it; admin routes are never faulted", async () => {
    const accessToken = await token();
    await queueFault({ fault: "status=500" });
    assert.equal((await call("GET", "/__admin/stats")).status, 200);
    const headed = await call("GET", `/payments/${SEEDS.cardPaid}`, {
      token: accessToken,
      headers: { "x-portone-fault": "latency=0" },
    });
    assert.equal(headed.status, 200);
    const next = await call("GET", `/payments/${SEEDS.cardPaid}`, { token: accessToken });
    assert.equal(next.status, 500);
  });

  test("an unknown fault header is a 400", async () => {
    assertEnvelopeError(await faulted("explode"), 400, -1);
    assertEnvelopeError(await faulted("status=200"), 400, -1);
    assertEnvelopeError(await faulted("latency=999999"), 400, -1);
  });
});

describe("startServer", () => {
  test("seeds.mjs exports the documented seed ids for other suites", () => {
    assert.deepEqual(SEED_IDS, SEEDS);
    assert.equal(BILLING_CUSTOMER_UID, "customer-1234");
    assert.equal(ENCODED_MERCHANT_UID, "주문/2024 0001");
  });

  test("an injected wall clock drives `now`, token expiry and seed timestamps", async () => {
    const fixed = await startServer({ now: () => 1_700_000_000_500, impKey: "k", impSecret: "s" });
    try {
      const res = await fetch(`${fixed.url}/users/getToken`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ imp_key: "k", imp_secret: "s" }),
      });
      const { response } = await res.json();
      assert.equal(response.now, 1_700_000_000);
      assert.equal(response.expired_at, 1_700_001_800);
      const payment = fixed.state.store.get(SEEDS.cardPaid);
      assert.equal(payment.paid_at, 1_700_000_000 - 2 * 3600);
      assert.equal(fixed.url, `http://127.0.0.1:${fixed.port}`);
    } finally {
      await fixed.close();
    }
  });

  test("refuses to listen anywhere but 127.0.0.1", async () => {
    await assert.rejects(startServer({ host: "0.0.0.0" }), /127\.0\.0\.1/);
    await assert.rejects(startServer({ host: "localhost" }), /127\.0\.0\.1/);
  });

  test("close() ends a request still waiting on latency, leaving no timer behind", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const closing = await startServer();
    const timersBefore = timers();
    const pending = fetch(`${closing.url}/users/getToken`, {
      method: "POST",
      headers: { "x-portone-fault": "latency=30000" },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await closing.close();
    await assert.rejects(pending, TypeError);
    assert.ok(performance.now() - started < 2000);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(timers(), timersBefore);
  });
});

describe("command line", () => {
  async function freePort() {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address();
    probe.close();
    await once(probe, "close");
    return port;
  }

  async function runServer(args) {
    const child = spawn(process.execPath, [SERVER_SCRIPT, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = once(child, "exit");
    while (!stdout.includes("\n")) await once(child.stdout, "data");
    return { child, exited, output: () => stdout };
  }

  for (const signal of ["SIGTERM", "SIGINT"]) {
    test(`prints one PORTONE_SERVER_URL line, serves, and exits 0 on ${signal}`, async () => {
      const port = await freePort();
      const { child, exited, output } = await runServer(["--port", String(port)]);
      assert.equal(output(), `PORTONE_SERVER_URL=http://127.0.0.1:${port}\n`);
      const res = await fetch(`http://127.0.0.1:${port}/users/getToken`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(CREDENTIALS),
      });
      assert.equal((await res.json()).code, 0);
      child.kill(signal);
      const [code] = await exited;
      assert.equal(code, 0);
      assert.equal(output().split("\n").filter(Boolean).length, 1);
    });
  }

  test("without --port it picks a free port", async () => {
    const { child, exited, output } = await runServer([]);
    assert.match(output(), /^PORTONE_SERVER_URL=http:\/\/127\.0\.0\.1:\d+\n$/);
    child.kill("SIGTERM");
    assert.equal((await exited)[0], 0);
  });
});
