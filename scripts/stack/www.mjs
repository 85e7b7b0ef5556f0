// The demo's static server: www/ at /, the package at /pkg/, /config.js generated, and
// POST /demo/pay (V1) and POST /demo/pay-v2 (V2): the buyer paying in PortOne's checkout,
// simulated with the local PortOne server (its admin API creates a real, paid payment) and
// answered with what IMP.request_pay hands its callback, or what PortOne.requestPayment
// resolves to. (Same origin as the page, so the page needs no CORS from PortOne.)

import { once } from "node:events";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";

import { payAtPortOne, payAtPortOneV2 } from "./portone.mjs";
import { LOOPBACK, wwwDir } from "./util.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Resolves `rel` under `root`, or null if it escapes it. */
function inside(root, rel) {
  const file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function readBody(req, limit = 64 * 1024) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** What IMP.request_pay's callback gets for a paid payment (V1 JS SDK's RequestPayResponse). */
export function callbackOf(p) {
  return {
    success: true,
    imp_uid: p.imp_uid,
    merchant_uid: p.merchant_uid,
    pay_method: p.pay_method,
    paid_amount: p.amount,
    status: p.status,
    name: p.name,
    pg_provider: p.pg_provider,
    pg_tid: p.pg_tid,
    buyer_name: p.buyer_name,
    buyer_email: p.buyer_email,
    currency: p.currency,
    paid_at: p.paid_at,
    receipt_url: p.receipt_url,
    apply_num: p.apply_num,
    card_name: p.card_name,
  };
}

/** POST /demo/pay {merchant_uid, amount, name?}: pays at the local PortOne server. */
async function demoPay(req, portoneUrl) {
  let input;
  try {
    input = JSON.parse(await readBody(req));
  } catch {
    return [400, { error: { code: "INVALID_JSON", message: "the body is not JSON" } }];
  }
  const { merchant_uid, amount, name } = input ?? {};
  if (typeof merchant_uid !== "string" || merchant_uid === "") {
    return [400, { error: { code: "MISSING_FIELD", path: "merchant_uid", message: "merchant_uid is required" } }];
  }
  if (typeof amount !== "number" || !Number.isFinite(amount) || amount <= 0) {
    return [400, { error: { code: "INVALID_FIELD", path: "amount", message: "amount must be a positive number" } }];
  }
  const payment = await payAtPortOne(portoneUrl, { merchant_uid, amount, ...(typeof name === "string" ? { name } : {}) });
  return [200, callbackOf(payment)];
}

/** What PortOne.requestPayment resolves to for a paid V2 payment (browser SDK's PaymentResponse). */
export function paymentResponseOf(p) {
  return { transactionType: "PAYMENT", txId: p.transactionId, paymentId: p.id };
}

/** POST /demo/pay-v2 {paymentId, amount, orderName?}: pays a V2 payment at the local PortOne server. */
async function demoPayV2(req, portoneUrl) {
  let input;
  try {
    input = JSON.parse(await readBody(req));
  } catch {
    return [400, { error: { code: "INVALID_JSON", message: "the body is not JSON" } }];
  }
  const { paymentId, amount, orderName } = input ?? {};
  if (typeof paymentId !== "string" || paymentId === "") {
    return [400, { error: { code: "MISSING_FIELD", path: "paymentId", message: "paymentId is required" } }];
  }
  if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount <= 0) {
    return [400, { error: { code: "INVALID_FIELD", path: "amount", message: "amount must be a positive integer" } }];
  }
  const payment = await payAtPortOneV2(portoneUrl, { paymentId, total: amount, ...(typeof orderName === "string" ? { orderName } : {}) });
  return [200, paymentResponseOf(payment)];
}

/**
 * config: a function returning the page's config ({ workerUrl, pkgEntry }), read on every
 * request of /config.js (so the Worker URL can be filled in after the server started).
 * portoneUrl: the local PortOne server POST /demo/pay pays at.
 */
export async function startStaticServer({ pkgDir, port = 0, config, portoneUrl }) {
  const server = createServer(async (req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    try {
      const { pathname } = new URL(req.url, `http://${LOOPBACK}`);
      const rel = decodeURIComponent(pathname);
      if (rel === "/demo/pay" && req.method === "POST") {
        const [status, body] = await demoPay(req, portoneUrl);
        return send(status, TYPES[".json"], JSON.stringify(body));
      }
      if (rel === "/demo/pay-v2" && req.method === "POST") {
        const [status, body] = await demoPayV2(req, portoneUrl).catch((e) => [502, { error: { code: "PORTONE", message: String(e?.message ?? e) } }]);
        return send(status, TYPES[".json"], JSON.stringify(body));
      }
      if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "method not allowed\n");
      if (rel === "/config.js") {
        return send(200, TYPES[".js"], `// Generated by scripts/demo-stack.mjs\nexport default ${JSON.stringify(config(), null, 2)};\n`);
      }
      if (rel === "/favicon.ico") return send(204, "image/x-icon", "");
      let file = rel.startsWith("/pkg/") ? inside(pkgDir, rel.slice(5)) : inside(wwwDir, rel === "/" ? "index.html" : rel.slice(1));
      if (file && (await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, "index.html");
      const body = file && (await readFile(file).catch(() => null));
      if (!body) return send(404, "text/plain; charset=utf-8", `not found: ${rel}\n`);
      send(200, TYPES[path.extname(file)] ?? "application/octet-stream", req.method === "HEAD" ? "" : body);
    } catch (e) {
      send(500, "text/plain; charset=utf-8", `${e?.message ?? e}\n`);
    }
  });
  server.listen(port, LOOPBACK);
  await once(server, "listening");
  return {
    url: `http://${LOOPBACK}:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
