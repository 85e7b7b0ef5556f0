// The V2 standalone exports as a Node user calls them (the real wasm-bindgen build):
// parsePaymentV2, verifyPaymentV2, parsePaymentResponseV2, parseRedirectQueryV2.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const pkgPath = process.env.PORTONE_VERIFY_PKG ?? "../../target/pkg-node/portone_verify.js";
const { parsePaymentV2, verifyPaymentV2, parsePaymentResponseV2, parseRedirectQueryV2, verifyPayment } =
  createRequire(import.meta.url)(pkgPath);

const fixture = (name) => readFileSync(new URL(`../fixtures/v2/${name}.json`, import.meta.url), "utf8");
const paidCard = fixture("paid-card");
const order = { paymentId: "order-20240701-0001", amount: 129000 };
const encoder = new TextEncoder();

function assertCoded(fn, code, path, message) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, "a real Error");
    assert.equal(err.name, "PortOneVerifyError");
    assert.equal(err.code, code);
    if (path !== undefined) assert.equal(err.path, path);
    if (message !== undefined) assert.equal(err.message, message);
    return true;
  });
}

// Each input kind the payment functions take, made from the same JSON text.
const inputKinds = (text) => ({
  string: text,
  Uint8Array: encoder.encode(text),
  ArrayBuffer: encoder.encode(text).buffer,
  "Node Buffer": Buffer.from(text),
  object: JSON.parse(text),
});

test("parsePaymentV2 reads a string, bytes, an ArrayBuffer or an object into the same Payment", () => {
  const results = Object.entries(inputKinds(paidCard)).map(([kind, input]) => [kind, parsePaymentV2(input)]);
  for (const [kind, payment] of results) {
    assert.equal(payment.status, "PAID", kind);
    assert.equal(payment.id, "order-20240701-0001", kind);
    assert.equal(payment.paidAt, "2024-07-01T05:12:33.876Z", kind);
    assert.equal(payment.amount.total, 129000, kind);
    assert.equal(payment.method.type, "PaymentMethodCard", kind);
    assert.equal(payment.channel.type, "LIVE", kind);
    assert.deepEqual(payment, results[0][1], kind);
  }
});

test("parsePaymentV2 keeps every status's own fields and an unknown status", () => {
  const cancelled = parsePaymentV2(fixture("cancelled"));
  assert.equal(cancelled.status, "CANCELLED");
  assert.equal(typeof cancelled.cancelledAt, "string");
  assert.ok(Array.isArray(cancelled.cancellations));
  const failed = parsePaymentV2(fixture("failed"));
  assert.equal(failed.status, "FAILED");
  assert.equal(typeof failed.failure, "object");
  const unknown = parsePaymentV2(fixture("unknown-status"));
  assert.equal(unknown.status, "REFUND_PENDING");
  assert.equal(unknown.id, "order-20240701-0010");
  assert.equal("paidAt" in unknown, false, "an unknown status keeps the common fields only");
  // Amounts are exact integers; JSON numbers round past 2^53 in JavaScript (as JSON.parse).
  assert.equal(parsePaymentV2(fixture("big-amount")).amount.total, 9007199254740993);
});

test("parsePaymentV2 errors are coded, with paths; an error body is API_ERROR", () => {
  const body = JSON.parse(paidCard);
  delete body.amount.total;
  assertCoded(() => parsePaymentV2(body), "MISSING_FIELD", "amount.total");
  assertCoded(() => parsePaymentV2({ ...JSON.parse(paidCard), amount: { ...body.amount, total: 1.5 } }), "INVALID_FIELD", "amount.total");
  assertCoded(() => parsePaymentV2("{"), "INVALID_JSON", "");
  assertCoded(() => parsePaymentV2(new Uint8Array(0)), "INVALID_JSON", "");
  assertCoded(() => parsePaymentV2(42), "INVALID_INPUT", "");
  assertCoded(() => parsePaymentV2("[1]"), "INVALID_INPUT", "");
  assertCoded(
    () => parsePaymentV2({ type: "PAYMENT_NOT_FOUND", message: "결제 건이 존재하지 않습니다." }),
    "API_ERROR", "type", "PortOne answered PAYMENT_NOT_FOUND: 결제 건이 존재하지 않습니다.",
  );
});

test("verifyPaymentV2 verifies the matching order from every input kind; payment is the V2 Payment", () => {
  for (const [kind, input] of Object.entries(inputKinds(paidCard))) {
    const verdict = verifyPaymentV2(input, order);
    assert.equal(verdict.ok, true, kind);
    assert.equal(verdict.state, "paid", kind);
    assert.equal(verdict.payment.status, "PAID", kind);
    assert.equal(verdict.payment.id, order.paymentId, kind);
    assert.deepEqual(verdict.payment, parsePaymentV2(paidCard), kind);
    assert.equal(JSON.parse(JSON.stringify(verdict)).payment.paidAt, "2024-07-01T05:12:33.876Z", kind);
    assert.equal(verifyPaymentV2(input, { ...order, amount: 129001 }).ok, false, kind);
  }
});

test("each V2 fixture gets the documented verdict", () => {
  const store = "store-4f4f6a36-5b6b-4e6b-9f1a-0c6d7c1f2a11";
  const va = { paymentId: "order-20240701-0003", amount: 32000, allowVirtualAccountIssued: true };
  const deadline = Date.parse("2024-07-04T14:59:59Z");
  const cases = [
    ["paid-card", order, []],
    ["paid-card", { ...order, storeId: store, orderName: "무선 기계식 키보드 외 1건", currency: "KRW" }, []],
    ["paid-card", { ...order, storeId: "store-other", orderName: "other" }, ["STORE_ID_MISMATCH", "ORDER_NAME_MISMATCH"]],
    ["paid-card", { paymentId: "order-other", amount: 100, currency: "USD" }, ["PAYMENT_ID_MISMATCH", "AMOUNT_MISMATCH", "CURRENCY_MISMATCH"]],
    ["usd", { paymentId: "order-20240701-0009", amount: 12999, currency: "USD" }, []],
    ["usd", { paymentId: "order-20240701-0009", amount: 12999 }, ["CURRENCY_MISMATCH"]],
    ["ready", { paymentId: "order-20240701-0002", amount: 15000 }, ["NOT_PAID", "INCOMPLETE_PAYMENT"]],
    ["pay-pending", { paymentId: "order-20240701-0004", amount: 27000 }, ["NOT_PAID"]],
    ["failed", { paymentId: "order-20240701-0005", amount: 89000 }, ["NOT_PAID", "INCOMPLETE_PAYMENT"]],
    ["cancelled", { paymentId: "order-20240701-0007", amount: 55000 }, ["CANCELLED"]],
    ["partial-cancelled", { paymentId: "order-20240701-0006", amount: 30000 }, ["PARTIALLY_CANCELLED"]],
    ["unknown-status", { paymentId: "order-20240701-0010", amount: 42000 }, ["NOT_PAID"]],
    ["test-channel", { paymentId: "order-20240701-0008", amount: 129000 }, ["SANDBOX_PAYMENT", "SANDBOX_PAYMENT"]],
    ["test-channel", { paymentId: "order-20240701-0008", amount: 129000, allowTestChannel: true }, []],
    // Issued virtual accounts: only when allowed, and before method.expiredAt (nowMs, by
    // default this runtime's clock: long past the fixture's 2024 deadline).
    ["virtual-account-issued", { paymentId: va.paymentId, amount: 32000 }, ["NOT_PAID"]],
    ["virtual-account-issued", { ...va, nowMs: deadline - 1 }, []],
    ["virtual-account-issued", { ...va, nowMs: deadline }, ["VIRTUAL_ACCOUNT_EXPIRED"]],
    ["virtual-account-issued", va, ["VIRTUAL_ACCOUNT_EXPIRED"]],
    // int64 amounts: exact as a string or a bigint; the number 2^53 + 1 does not exist.
    ["big-amount", { paymentId: "order-big", amount: 9007199254740993n }, []],
    ["big-amount", { paymentId: "order-big", amount: "9007199254740993" }, []],
    ["big-amount", { paymentId: "order-big", amount: 9007199254740992n }, ["AMOUNT_MISMATCH"]],
    ["big-amount", { paymentId: "order-big", amount: 2 ** 53 }, ["AMOUNT_MISMATCH"]],
  ];
  for (const [name, expected, codes] of cases) {
    const label = `${name} ${JSON.stringify(expected, (_, v) => (typeof v === "bigint" ? `${v}n` : v))}`;
    const verdict = verifyPaymentV2(fixture(name), expected);
    assert.deepEqual(verdict.ok ? [] : verdict.failures.map((f) => f.code), codes, label);
    assert.equal(verdict.ok, codes.length === 0, label);
  }
  const issued = verifyPaymentV2(fixture("virtual-account-issued"), { ...va, nowMs: deadline - 1 });
  assert.equal(issued.state, "virtual_account_issued");
  assert.equal(issued.payment.status, "VIRTUAL_ACCOUNT_ISSUED");
  // An amount.cancelled > 0 under PAID fails; every failure is listed with its values.
  const body = JSON.parse(paidCard);
  body.amount.cancelled = 1000;
  const verdict = verifyPaymentV2(body, order);
  assert.deepEqual(verdict.failures, [{
    code: "PARTIALLY_CANCELLED", field: "amount.cancelled", expected: 0, actual: 1000,
    message: "1000 of the payment was cancelled",
  }]);
});

// A paid order-1 body and a cancelled order-9 body of the same length (the attacker's swap).
function paidAndCancelled() {
  const body = JSON.parse(paidCard);
  const paid = JSON.stringify({ ...body, id: "order-1" });
  const cancelled = JSON.stringify({
    ...body, id: "order-9", status: "CANCELLED", cancelledAt: "2024-07-02T00:00:00Z", cancellations: [],
    amount: { ...body.amount, cancelled: 129000 },
  });
  const length = Math.max(paid.length, cancelled.length);
  return { paid: paid.padEnd(length), cancelled: cancelled.padEnd(length) };
}
const order1 = { paymentId: "order-1", amount: 129000 };

test("a V2 verdict's payment is what was verified, whatever the caller does to its input afterwards", () => {
  const { paid, cancelled } = paidAndCancelled();
  assert.equal(encoder.encode(paid).length, encoder.encode(cancelled).length);
  const kinds = {
    string: () => [paid, () => cancelled],
    Uint8Array: () => {
      const input = encoder.encode(paid);
      return [input, () => (input.set(encoder.encode(cancelled)), input)];
    },
    "Uint8Array at an offset": () => {
      const whole = new Uint8Array(encoder.encode(paid).length + 16);
      whole.set(encoder.encode(paid), 8);
      const input = whole.subarray(8, whole.length - 8);
      return [input, () => (whole.set(encoder.encode(cancelled), 8), input)];
    },
    ArrayBuffer: () => {
      const input = encoder.encode(paid).buffer;
      return [input, () => (new Uint8Array(input).set(encoder.encode(cancelled)), input)];
    },
    object: () => {
      const input = JSON.parse(paid);
      return [input, () => (Object.assign(input, JSON.parse(cancelled)), input)];
    },
    "object with toJSON": () => {
      let body = JSON.parse(paid);
      const input = { toJSON: () => body };
      return [input, () => ((body = JSON.parse(cancelled)), input)];
    },
  };
  for (const [kind, make] of Object.entries(kinds)) {
    for (const readFirst of [false, true]) {
      const label = `${kind}, payment read ${readFirst ? "before and after" : "only after"} the change`;
      const [input, change] = make();
      const verdict = verifyPaymentV2(input, order1);
      assert.equal(verdict.ok, true, label);
      const before = readFirst ? verdict.payment : undefined;
      const changed = change();
      for (const payment of [before, verdict.payment, JSON.parse(JSON.stringify(verdict)).payment]) {
        if (payment === undefined) continue;
        assert.equal(payment.id, "order-1", label);
        assert.equal(payment.status, "PAID", label);
        assert.equal(payment.amount.cancelled, 0, label);
      }
      const again = verifyPaymentV2(changed, order1);
      assert.deepEqual(again.failures.map((f) => f.code), ["PAYMENT_ID_MISMATCH", "CANCELLED"], label);
      assert.equal(again.payment.id, "order-9", label);
    }
  }
});

test("V2 and V1 verdicts are the same class, and calls of each may nest in getters of expected", () => {
  const v1Body = readFileSync(new URL("../fixtures/payments/card-paid.json", import.meta.url), "utf8");
  let inner;
  const expected = { paymentId: "order-20240701-0001", get amount() { inner = verifyPayment(v1Body, { merchantUid: "57008833-33004", amount: 1004 }); return 129000; } };
  const outer = verifyPaymentV2(encoder.encode(paidCard), expected);
  assert.equal(outer.ok, true);
  assert.equal(outer.payment.id, "order-20240701-0001");
  assert.equal(inner.ok, true);
  assert.equal(inner.payment.merchant_uid, "57008833-33004");
  assert.equal(Object.getPrototypeOf(outer), Object.getPrototypeOf(inner));
});

test("expected (V2) is read property by property in one order, stopping at the first bad one", () => {
  const recording = (target) => {
    const reads = [];
    const proxy = new Proxy(target, { get: (object, key) => (reads.push(key), object[key]) });
    return { proxy, reads };
  };
  const all = ["paymentId", "amount", "allowVirtualAccountIssued", "allowTestChannel", "currency", "orderName", "storeId"];
  const id = order.paymentId;
  const bad = (path, message) => ({ path: `expected.${path}`, message });
  const amountError = bad("amount", "amount must be a finite number, a bigint or a decimal string");
  const whole = bad("amount", "amount must be a whole number, not negative (V2 amounts are integers)");
  for (const [expected, error, expectedReads] of [
    [{ paymentId: id, amount: 129000 }, null, all],
    [{ paymentId: id, amount: "129000", currency: "KRW", orderName: "x", storeId: "s" }, null, all],
    [{ paymentId: id, amount: 129000n, allowTestChannel: null, currency: undefined }, null, all],
    [{ paymentId: id, amount: 1, allowVirtualAccountIssued: true, nowMs: 1 }, null,
      ["paymentId", "amount", "allowVirtualAccountIssued", "nowMs", ...all.slice(3)]],
    [{}, bad("paymentId", "paymentId is required"), ["paymentId"]],
    [{ merchantUid: id, amount: 1 }, bad("paymentId", "paymentId is required"), ["paymentId"]],
    [{ paymentId: 7, amount: 1 }, bad("paymentId", "paymentId must be a string"), ["paymentId"]],
    ...[undefined, Number.NaN, Infinity, "abc", "", {}].map((amount) => [
      { paymentId: id, amount, allowTestChannel: "no" }, amountError, ["paymentId", "amount"],
    ]),
    [{ paymentId: id, amount: 1, allowVirtualAccountIssued: "yes" },
      bad("allowVirtualAccountIssued", "allowVirtualAccountIssued must be a boolean"), all.slice(0, 3)],
    [{ paymentId: id, amount: 1, allowVirtualAccountIssued: true, nowMs: "1" },
      bad("nowMs", "nowMs must be a finite number of milliseconds since 1970"), ["paymentId", "amount", "allowVirtualAccountIssued", "nowMs"]],
    [{ paymentId: id, amount: 1, allowTestChannel: 1, currency: 2 },
      bad("allowTestChannel", "allowTestChannel must be a boolean"), all.slice(0, 4)],
    [{ paymentId: id, amount: 1, currency: 2 }, bad("currency", "currency must be a string"), all.slice(0, 5)],
    [{ paymentId: id, amount: 1, orderName: 2 }, bad("orderName", "orderName must be a string"), all.slice(0, 6)],
    [{ paymentId: id, amount: 1, storeId: 2 }, bad("storeId", "storeId must be a string"), all],
    [{ paymentId: "", amount: -1 }, bad("paymentId", "paymentId must not be empty"), all],
    [{ paymentId: id, amount: -1 }, whole, all],
    [{ paymentId: id, amount: 10.5 }, whole, all],
    [{ paymentId: id, amount: "10.5" }, whole, all],
    [{ paymentId: id, amount: -3n }, whole, all],
    [{ paymentId: id, amount: 1, currency: " " }, bad("currency", "currency must not be empty"), all],
    [{ paymentId: id, amount: 1, orderName: "" }, bad("orderName", "orderName must not be empty (omit it to skip)"), all],
    [{ paymentId: id, amount: 1, storeId: "" }, bad("storeId", "storeId must not be empty (omit it to skip)"), all],
  ]) {
    const { proxy, reads } = recording(expected);
    const label = JSON.stringify(expected, (_, value) => (typeof value === "bigint" ? `${value}n` : value));
    if (error === null) {
      assert.equal(typeof verifyPaymentV2(paidCard, proxy).ok, "boolean", label);
    } else {
      assertCoded(() => verifyPaymentV2(paidCard, proxy), "INVALID_ARGUMENT", error.path, error.message);
    }
    assert.deepEqual(reads, expectedReads, `${label}: the properties read, in order`);
  }
  for (const expected of [null, "order", 42, () => {}]) {
    assertCoded(() => verifyPaymentV2(paidCard, expected), "INVALID_ARGUMENT", "expected", "expected must be an object like { paymentId, amount }");
  }
  // The payment is judged only once expected is good, whatever its type.
  assertCoded(() => verifyPaymentV2(42, { paymentId: id, amount: "x" }), "INVALID_ARGUMENT", "expected.amount");
  assertCoded(() => verifyPaymentV2(42, order), "INVALID_INPUT", "");
  assertCoded(() => verifyPaymentV2("{", order), "INVALID_JSON", "");
  assertCoded(() => verifyPaymentV2({ type: "UNAUTHORIZED", message: "bad secret" }, order), "API_ERROR", "type");
  // V1's bigint rule is unchanged: V1 amounts are decimals, read from numbers or strings.
  assertCoded(() => verifyPayment("{}", { merchantUid: "m", amount: 1n }), "INVALID_ARGUMENT", "expected.amount",
    "amount must be a finite number or a decimal string");
});

test("parsePaymentResponseV2 normalises requestPayment's result; `code` present means failure", () => {
  const success = { transactionType: "PAYMENT", txId: "0190693c-6a3e", paymentId: "order-1" };
  const failure = { ...success, code: "FAILURE_TYPE_PG", message: "사용자가 결제를 취소하였습니다", pgCode: "PAY_PROCESS_CANCELED", pgMessage: "취소" };
  for (const input of [success, JSON.stringify(success), encoder.encode(JSON.stringify(success))]) {
    assert.deepEqual(parsePaymentResponseV2(input), {
      success: true, transactionType: "PAYMENT", txId: "0190693c-6a3e", paymentId: "order-1",
      paymentToken: null, code: null, message: null, pgCode: null, pgMessage: null,
    });
  }
  const failed = parsePaymentResponseV2(failure);
  assert.equal(failed.success, false);
  assert.equal(failed.code, "FAILURE_TYPE_PG");
  assert.equal(failed.pgMessage, "취소");
  assertCoded(() => parsePaymentResponseV2("{"), "INVALID_JSON", "");
  assertCoded(() => parsePaymentResponseV2(3), "INVALID_INPUT", "");
  assertCoded(() => parsePaymentResponseV2({ paymentId: {} }), "INVALID_FIELD", "paymentId");
});

test("parseRedirectQueryV2 reads a URL string, a URL, a query string or URLSearchParams", () => {
  const href = "https://shop.example/done?paymentId=order-1&code=FAILURE_TYPE_PG&message=%EA%B2%B0%EC%A0%9C+%EC%B7%A8%EC%86%8C&pgCode=PAY_PROCESS_CANCELED";
  const url = new URL(href);
  for (const input of [href, url, url.search, url.searchParams]) {
    const r = parseRedirectQueryV2(input);
    assert.equal(r.success, false);
    assert.equal(r.paymentId, "order-1");
    assert.equal(r.message, "결제 취소");
    assert.equal(r.pgCode, "PAY_PROCESS_CANCELED");
  }
  const ok = parseRedirectQueryV2("?paymentId=payment-39ecfa97&txId=tx-1&transactionType=PAYMENT");
  assert.equal(ok.success, true);
  assert.deepEqual(Object.keys(ok), Object.keys(parsePaymentResponseV2({})));
  // A URL without PortOne's V2 parameters (a V1 redirect, a page opened directly) is no result.
  assertCoded(() => parseRedirectQueryV2("https://shop.example/done?imp_uid=imp_1&merchant_uid=o"), "INVALID_INPUT", "");
  assertCoded(() => parseRedirectQueryV2(new URL("https://shop.example/done")), "INVALID_INPUT", "");
  assertCoded(() => parseRedirectQueryV2(42), "INVALID_INPUT", "");
});
