// The local server's V2 read side over HTTP: authentication, GET /v2/payments/{paymentId} for
// every seed (checked against the vendored official OpenAPI), GET /v2/payments (paging, filters,
// query or body), error bodies, stats. Run with `node --test tests/portone-server/`.

import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, beforeEach, describe, test } from "node:test";
import { startServer } from "./server.mjs";
import { errorTypesByStatus, schemaProblems } from "./support/openapi.mjs";
import { assertV2Error, request, V2_AUTH, v2Client } from "./support/http.mjs";
import { V2_DEFAULTS, V2_LARGE_AMOUNT, V2_SEED_IDS } from "./v2/seeds.mjs";

const IDS = V2_SEED_IDS;
let server;
let api;

/** A GET with a body (fetch cannot send one): `{status, text}`. */
function getWithBody(url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const allHeaders = { authorization: V2_AUTH, "content-length": Buffer.byteLength(body), ...headers };
    const req = httpRequest(url, { method: "GET", headers: allHeaders }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk) => (text += chunk)).on("end", () => resolve({ status: res.statusCode, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

before(async () => {
  server = await startServer();
  api = v2Client(server);
});
after(() => server.close());
beforeEach(() => api.reset());

describe("V2 authentication", () => {
  test("startServer gives the V2 base URL: the same port under /v2", () => {
    assert.equal(server.v2Url, `${server.url}/v2`);
  });

  test("`PortOne <secret>` is accepted (scheme in any case); anything else is 401 UNAUTHORIZED", async () => {
    const path = `/payments/${IDS.cardPaid}`;
    assert.equal((await request(server.v2Url, "GET", path, { auth: V2_AUTH })).status, 200);
    assert.equal((await request(server.v2Url, "GET", path, { auth: `portone ${V2_DEFAULTS.apiSecret}` })).status, 200);
    for (const auth of [undefined, "PortOne wrong", `Bearer ${V2_DEFAULTS.apiSecret}`, V2_DEFAULTS.apiSecret, "PortOne"]) {
      assertV2Error(await request(server.v2Url, "GET", path, { auth }), 401, "UNAUTHORIZED");
    }
  });

  test("every V2 route but login needs it", async () => {
    for (const [method, path] of [
      ["GET", `/payments/${IDS.cardPaid}`],
      ["GET", "/payments"],
      ["POST", `/payments/${IDS.cardPaid}/cancel`],
      ["POST", `/payments/${IDS.ready}/pre-register`],
    ]) {
      const json = method === "POST" ? { reason: "x" } : undefined;
      assertV2Error(await request(server.v2Url, method, path, { json }), 401, "UNAUTHORIZED");
    }
    assert.equal((await api.getPayment(IDS.cardPaid)).body.status, "PAID");
  });

  test("POST /v2/login/api-secret gives a Bearer token that works for 30 minutes", async () => {
    const login = await request(server.v2Url, "POST", "/login/api-secret", { json: { apiSecret: V2_DEFAULTS.apiSecret } });
    assert.equal(login.status, 200);
    const { accessToken, refreshToken } = login.body;
    assert.ok(accessToken && refreshToken && accessToken !== refreshToken);
    const bearer = `Bearer ${accessToken}`;
    assert.equal((await request(server.v2Url, "GET", `/payments/${IDS.cardPaid}`, { auth: bearer })).status, 200);
    await api.adminOk("POST", "clock", { advanceSeconds: 30 * 60 });
    assertV2Error(await request(server.v2Url, "GET", `/payments/${IDS.cardPaid}`, { auth: bearer }), 401, "UNAUTHORIZED");
    assertV2Error(await request(server.v2Url, "POST", "/login/api-secret", { json: { apiSecret: "wrong" } }), 401, "UNAUTHORIZED");
    assertV2Error(await request(server.v2Url, "POST", "/login/api-secret", { json: {} }), 400, "INVALID_REQUEST");
  });

  test("V1 tokens do not open V2 and the V2 secret does not open V1", async () => {
    const v1 = await request(server.url, "POST", "/users/getToken", { json: { imp_key: "test_imp_key", imp_secret: "test_imp_secret" } });
    const token = v1.body.response.access_token;
    assertV2Error(await request(server.v2Url, "GET", `/payments/${IDS.cardPaid}`, { auth: `Bearer ${token}` }), 401, "UNAUTHORIZED");
    const res = await request(server.url, "GET", "/payments/imp_100000000001", { auth: V2_AUTH });
    assert.equal(res.status, 401);
    assert.equal(res.body.code, -1n);
  });
});

describe("GET /v2/payments/{paymentId}", () => {
  const documented = Object.entries(IDS).filter(([name]) => name !== "futureStatus");

  test("every seed with a documented status is a Payment exactly as the OpenAPI defines it", async () => {
    const statuses = new Set();
    for (const [name, id] of documented) {
      const res = await api.getPayment(id);
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
      assert.deepEqual(schemaProblems(res.body, "Payment"), [], name);
      assert.equal(res.body.id, id);
      assert.equal(res.body.storeId, V2_DEFAULTS.storeId);
      statuses.add(res.body.status);
    }
    assert.deepEqual([...statuses].sort(), [
      "CANCELLED", "FAILED", "PAID", "PARTIAL_CANCELLED", "PAY_PENDING", "READY", "VIRTUAL_ACCOUNT_ISSUED",
    ]);
  });

  test("the card seed is a realistic PAID card payment of a couple KB with its optional fields filled", async () => {
    const res = await api.getPayment(IDS.cardPaid);
    const payment = res.body;
    assert.ok(res.text.length > 2000 && res.text.length < 4000, `${res.text.length} bytes`);
    assert.equal(payment.method.type, "PaymentMethodCard");
    assert.match(payment.method.card.number, /^\d{8}\*{4}\d{4}$/);
    assert.equal(payment.channel.type, "LIVE");
    assert.equal(payment.version, "V2");
    assert.deepEqual(payment.amount, {
      total: 30000n, taxFree: 0n, vat: 2727n, supply: 27273n, discount: 0n, paid: 30000n, cancelled: 0n, cancelledTaxFree: 0n,
    });
    assert.deepEqual(JSON.parse(payment.customData), { cartId: "cart-7781", coupon: null });
    assert.ok(Date.parse(payment.paidAt) > Date.parse(payment.requestedAt));
    for (const field of ["channelGroup", "webhooks", "products", "productCount", "customData", "country", "pgTxId", "pgResponse", "receiptUrl", "disputes", "cancellations", "isCulturalExpense"]) {
      assert.ok(field in payment, `lacks ${field}`);
    }
  });

  test("each status carries its own fields", async () => {
    const get = async (id) => (await api.getPayment(id)).body;
    const ready = await get(IDS.ready);
    assert.equal(ready.method, undefined);
    assert.equal(ready.amount.paid, 0n);
    const va = await get(IDS.virtualAccountIssued);
    assert.equal(va.method.type, "PaymentMethodVirtualAccount");
    assert.ok(Date.parse(va.method.expiredAt) > Date.now());
    const failed = await get(IDS.failed);
    assert.deepEqual(Object.keys(failed.failure).sort(), ["pgCode", "pgMessage", "reason"]);
    const partial = await get(IDS.partialCancelled);
    assert.equal(partial.amount.cancelled, 10000n);
    assert.equal(partial.amount.cancelledTaxFree, 1000n);
    assert.equal(partial.cancellations[0].status, "SUCCEEDED");
    const cancelled = await get(IDS.cancelled);
    assert.equal(cancelled.amount.cancelled, cancelled.amount.total);
    assert.ok(cancelled.cancelledAt);
    assert.equal((await get(IDS.testChannel)).channel.type, "TEST");
    const usd = await get(IDS.usd);
    assert.deepEqual([usd.currency, usd.amount.total, usd.amount.vat], ["USD", 1010n, 0n]);
    assert.equal((await get(IDS.easyPayPaid)).method.easyPayMethod.type, "PaymentMethodCard");
  });

  test("an unknown status keeps its undocumented fields", async () => {
    const res = await api.getPayment(IDS.futureStatus);
    assert.equal(res.body.status, "REFUNDING");
    assert.ok(res.body.refundingAt);
    assert.deepEqual(schemaProblems(res.body, "Payment"), ['(root): status "REFUNDING" is not in the union']);
  });

  test("the large amount keeps all its digits (2^53 + 1)", async () => {
    const res = await api.getPayment(IDS.largeAmount);
    assert.equal(res.body.amount.total, V2_LARGE_AMOUNT);
    assert.ok(res.text.includes(`"total":${V2_LARGE_AMOUNT}`));
    assert.notEqual(JSON.parse(res.text).amount.total.toString(), V2_LARGE_AMOUNT.toString());
  });

  test("a paymentId with / # ? space and Korean is found percent-encoded", async () => {
    const res = await api.getPayment(IDS.encodedId);
    assert.equal(res.status, 200);
    assert.equal(res.body.id, "결제/2024 #1?");
  });

  test("storeId: the server's own is fine, another is 403 FORBIDDEN, an empty one 400", async () => {
    assert.equal((await api.getPayment(IDS.cardPaid, `?storeId=${V2_DEFAULTS.storeId}`)).status, 200);
    assertV2Error(await api.getPayment(IDS.cardPaid, "?storeId=store-someone-else"), 403, "FORBIDDEN");
    assertV2Error(await api.getPayment(IDS.cardPaid, "?storeId="), 400, "INVALID_REQUEST");
  });

  test("unknown ids are 404 PAYMENT_NOT_FOUND; bad paths 400; only the types the OpenAPI lists", async () => {
    const allowed = errorTypesByStatus("getPayment");
    const cases = [
      [await api.getPayment("payment-does-not-exist"), 404, "PAYMENT_NOT_FOUND"],
      [await api.v2("GET", "/payments/%E0%A4%A"), 400, "INVALID_REQUEST"],
      [await api.v2("GET", "/payments/"), 400, "INVALID_REQUEST"],
      [await api.getPayment(IDS.cardPaid, "?storeId=x"), 403, "FORBIDDEN"],
    ];
    for (const [res, status, type] of cases) {
      assertV2Error(res, status, type);
      assert.ok(allowed[status].includes(type), `${type} on ${status}`);
      assert.deepEqual(schemaProblems(res.body, "GetPaymentError"), []);
    }
  });

  test("an unknown V2 path is 404, a known one with another method 405", async () => {
    assertV2Error(await api.v2("GET", "/nowhere"), 404, "INVALID_REQUEST");
    assertV2Error(await api.v2("DELETE", `/payments/${IDS.cardPaid}`), 405, "INVALID_REQUEST");
  });

  test("a GET body on getPayment is ignored; V2 requests are counted under their own route keys", async () => {
    assert.equal((await getWithBody(`${server.v2Url}/payments/${IDS.cardPaid}`, "{}")).status, 200);
    await api.listPayments();
    await api.v2("GET", "/nowhere");
    assert.deepEqual((await api.stats()).byRoute, {
      "GET /v2/payments/{paymentId}": 1n,
      "GET /v2/payments": 1n,
      unmatched: 1n,
    });
  });
});

describe("GET /v2/payments", () => {
  const ids = (res) => res.body.items.map((p) => p.id);

  test("without a body: page 0 of 10, newest request first, every item a Payment", async () => {
    const res = await api.listPayments();
    assert.equal(res.status, 200);
    assert.deepEqual(schemaProblems(res.body, "GetPaymentsResponse", { allowUnknown: [] }).filter((p) => !p.includes("REFUNDING")), []);
    assert.deepEqual(res.body.page, { number: 0n, size: 10n, totalCount: BigInt(Object.keys(IDS).length) });
    assert.equal(res.body.items.length, 10);
    const requested = res.body.items.map((p) => Date.parse(p.requestedAt));
    assert.deepEqual(requested, [...requested].sort((a, b) => b - a));
  });

  test("pages through everything with page.number and page.size", async () => {
    const seen = [];
    for (let number = 0; number < 5; number += 1) {
      const res = await api.listPayments({ page: { number, size: 4 } });
      assert.deepEqual(res.body.page, { number: BigInt(number), size: 4n, totalCount: 14n });
      seen.push(...ids(res));
    }
    assert.deepEqual(seen.sort(), Object.values(IDS).sort());
  });

  test("filters: status (PENDING = PAY_PENDING), methods, isTest, currency, pgProvider, textSearch, sort", async () => {
    const only = async (filter) => ids(await api.listPayments({ filter, page: { size: 100 } })).sort();
    assert.deepEqual(await only({ status: ["PENDING"] }), [IDS.payPending]);
    assert.deepEqual(await only({ status: ["PAY_PENDING", "FAILED"] }), [IDS.failed, IDS.payPending].sort());
    assert.deepEqual(await only({ methods: ["VIRTUAL_ACCOUNT"] }), [IDS.virtualAccountIssued, IDS.virtualAccountPaid].sort());
    assert.deepEqual(await only({ isTest: true }), [IDS.testChannel]);
    assert.deepEqual(await only({ currency: "USD" }), [IDS.usd]);
    assert.deepEqual(await only({ pgProvider: ["KAKAOPAY"] }), [IDS.easyPayPaid]);
    assert.deepEqual(await only({ textSearch: [{ field: "ORDER_NAME", value: "머그컵" }] }), [IDS.cardPaid]);
    assert.deepEqual(await only({ cardBrand: "LOCAL", status: ["CANCELLED"] }), [IDS.cancelled]);
    const asc = await api.listPayments({ filter: { sortOrder: "ASC", sortBy: "STATUS_CHANGED_AT" }, page: { size: 100 } });
    const changed = asc.body.items.map((p) => Date.parse(p.statusChangedAt));
    assert.deepEqual(changed, [...changed].sort((a, b) => a - b));
  });

  test("filters: the time window (default: the 90 days up to now)", async () => {
    const now = Date.now();
    const window = (hoursAgoFrom, hoursAgoUntil) => ({
      from: new Date(now - hoursAgoFrom * 3600e3).toISOString(),
      until: new Date(now - hoursAgoUntil * 3600e3).toISOString(),
    });
    const recent = await api.listPayments({ filter: window(1.5, 0), page: { size: 100 } });
    assert.deepEqual(ids(recent).sort(), [IDS.payPending, IDS.ready, IDS.testChannel, IDS.virtualAccountIssued].sort());
    await api.adminOk("POST", "clock", { advanceSeconds: 91 * 24 * 3600 });
    assert.equal((await api.listPayments()).body.page.totalCount, 0n);
  });

  test("the requestBody may come as the query parameter or the JSON body of the GET, not both", async () => {
    const body = JSON.stringify({ filter: { status: ["FAILED"] } });
    const viaBody = await getWithBody(`${server.v2Url}/payments`, body, { "content-type": "application/json" });
    assert.equal(viaBody.status, 200);
    assert.deepEqual(JSON.parse(viaBody.text).items.map((p) => p.id), [IDS.failed]);
    assert.deepEqual(ids(await api.listPayments(body)), [IDS.failed]);
    const both = await getWithBody(`${server.v2Url}/payments?requestBody=${encodeURIComponent(body)}`, body);
    assert.equal(both.status, 400);
    assert.equal(JSON.parse(both.text).type, "INVALID_REQUEST");
  });

  test("bad requests are 400 INVALID_REQUEST; another store is 403 FORBIDDEN", async () => {
    const allowed = errorTypesByStatus("getPayments");
    const cases = [
      ["{not json", 400, "INVALID_REQUEST"],
      ["[1]", 400, "INVALID_REQUEST"],
      [{ page: { number: -1 } }, 400, "INVALID_REQUEST"],
      [{ page: { size: 0 } }, 400, "INVALID_REQUEST"],
      [{ page: { number: 6000, size: 10 } }, 400, "INVALID_REQUEST"],
      [{ page: { size: 1.5 } }, 400, "INVALID_REQUEST"],
      [{ filter: { status: ["PAYED"] } }, 400, "INVALID_REQUEST"],
      [{ filter: { from: "2024-01-01" } }, 400, "INVALID_REQUEST"],
      [{ filter: { from: "2024-02-01T00:00:00Z", until: "2024-01-01T00:00:00Z" } }, 400, "INVALID_REQUEST"],
      [{ filter: { webhookStatus: "SUCCEEDED" } }, 400, "INVALID_REQUEST"],
      [{ filter: { textSearch: [{ field: "BILLING_KEY", value: "x" }] } }, 400, "INVALID_REQUEST"],
      [{ filter: { storeId: "store-someone-else" } }, 403, "FORBIDDEN"],
    ];
    for (const [requestBody, status, type] of cases) {
      const res = await api.listPayments(requestBody);
      assertV2Error(res, status, type);
      assert.ok(allowed[status].includes(type));
    }
    assert.equal((await api.listPayments({ page: { number: 5999, size: 10 }, filter: { unknownField: 1 } })).status, 200);
  });
});
