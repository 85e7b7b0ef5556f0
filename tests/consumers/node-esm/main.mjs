// A Node >= 20 ESM consumer, exactly as a user writes it: a bare import of the installed
// package, no init(). It prints what it saw as one JSON object; node-esm.test.mjs judges it.
// Needs PORTONE_BASE_URL (the local PortOne V1 server, credentials test_imp_key/test_imp_secret).
import * as pkg from "portone-verify";
import * as server from "portone-verify/server";
import { PortOneClient, parsePayment, parseRequestPayResponse, verifyPayment } from "portone-verify";

const seen = {};
const attempt = async (name, fn) => {
  try {
    seen[name] = await fn();
  } catch (err) {
    seen[name] = { threw: { name: err?.name, code: err?.code, path: err?.path, message: String(err?.message) } };
  }
};

// A PortOne V1 GET /payments/{imp_uid} answer, as the server received it (a string).
const body = JSON.stringify({
  code: 0,
  message: null,
  response: {
    imp_uid: "imp_347242536261", merchant_uid: "57008833-33004", pay_method: "card", pg_provider: "kcp",
    sandbox: false, name: "당근 10kg", amount: 1004, cancel_amount: 0, currency: "KRW", status: "paid",
    paid_at: 1648344363, cancel_history: [], cancel_receipt_urls: [],
  },
});
const order = { merchantUid: "57008833-33004", amount: 1004 };

await attempt("entry", () => ({
  resolved: import.meta.resolve("portone-verify"),
  exports: Object.keys(pkg).sort(),
}));
await attempt("serverEntry", () => ({
  resolved: import.meta.resolve("portone-verify/server"),
  exports: Object.keys(server).sort(),
  sameClient: server.PortOneClient === pkg.PortOneClient,
}));
await attempt("good", () => {
  const v = verifyPayment(body, order);
  return { ok: v.ok, state: v.state, impUid: v.payment.imp_uid, amount: v.payment.amount };
});
await attempt("forged", () => {
  // The buyer paid 100 for a 1004 order, in dollars.
  const forged = body.replace('"amount":1004', '"amount":100').replace('"currency":"KRW"', '"currency":"USD"');
  const v = verifyPayment(forged, order);
  return { ok: v.ok, codes: v.failures.map((f) => f.code) };
});
await attempt("callback", () =>
  parseRequestPayResponse({
    success: "true", imp_uid: "imp_347242536261", merchant_uid: "57008833-33004",
    paid_amount: "1004", status: "paid",
  }),
);
await attempt("badJson", () => parsePayment("{not json"));
await attempt("missingAmount", () => parsePayment({ imp_uid: "imp_1", merchant_uid: "o-1" }));

const client = new PortOneClient({
  apiKey: "test_imp_key",
  apiSecret: "test_imp_secret",
  baseUrl: process.env.PORTONE_BASE_URL,
});
await attempt("getPayment", async () => {
  const p = await client.getPayment("imp_100000000001");
  return { imp_uid: p.imp_uid, merchant_uid: p.merchant_uid, amount: p.amount, currency: p.currency, status: p.status };
});
await attempt("clientVerify", async () => {
  const v = await client.verifyPayment("imp_100000000001", { merchantUid: "order-card-paid", amount: 1004 });
  return { ok: v.ok, state: v.state };
});
await attempt("clientVerifyWrongAmount", async () => {
  const v = await client.verifyPayment("imp_100000000001", { merchantUid: "order-card-paid", amount: 1005 });
  return { ok: v.ok, codes: v.failures.map((f) => f.code) };
});
await attempt("notFound", () => client.getPayment("imp_999999999999"));
await attempt("badSecret", () =>
  new PortOneClient({ apiKey: "test_imp_key", apiSecret: "wrong_secret_value", baseUrl: process.env.PORTONE_BASE_URL })
    .getPayment("imp_100000000001"),
);

process.stdout.write(JSON.stringify(seen));
