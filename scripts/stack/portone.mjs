// The local PortOne server (tests/portone-server: V1 at the root, V2 under /v2) for the demo
// stack, and what a test or the demo does at PortOne's side: a buyer paying (the admin API
// creates a real, paid payment), the shop cancelling, reading a pre-registered amount,
// counting token requests; for V2 also changing a payment's status and signing webhooks.

import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { repoRoot, requestJson } from "./util.mjs";

/** The local server's credentials (.dev.vars.example has the same). */
export const TEST_CREDENTIALS = { imp_key: "test_imp_key", imp_secret: "test_imp_secret" };

/**
 * Starts the local PortOne V1 server: in this process (default), or as a child process
 * (`inProcess: false`, e.g. so that a load generator does not share its event loop).
 * Returns { url, pid?, close() }.
 */
export async function startPortOne({ port = 0, inProcess = true } = {}) {
  if (inProcess) {
    const { startServer } = await import(pathToFileURL(path.join(repoRoot, "tests/portone-server/server.mjs")).href);
    const server = await startServer({ port });
    return { url: server.url, close: () => server.close() };
  }
  const child = spawn(process.execPath, [path.join(repoRoot, "tests/portone-server/server.mjs"), "--port", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the PortOne server did not start in 10 s")), 10_000);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /PORTONE_SERVER_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the PortOne server exited with ${code}`));
    });
  });
  return {
    url,
    pid: child.pid,
    async close() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** `{ getToken, requests, byRoute }` of the server (admin API: not counted itself). */
export async function portoneStats(portoneUrl) {
  const res = await fetch(`${portoneUrl}/__admin/stats`);
  return (await res.json()).response;
}

/**
 * The buyer pays at PortOne: a real, paid payment of `amount` for `merchant_uid` (whatever
 * amount the buyer's page asked for; the local server does not enforce pre-registration).
 * Returns the stored PaymentAnnotation (with its imp_uid).
 */
export async function payAtPortOne(portoneUrl, { merchant_uid, amount, imp_uid, name, ...rest }) {
  const res = await requestJson(`${portoneUrl}/__admin/payments`, {
    body: { merchant_uid, amount, status: "paid", ...(imp_uid ? { imp_uid } : {}), ...(name ? { name } : {}), ...rest },
  });
  if (res.status !== 200 || res.body?.code !== 0) throw new Error(`paying at PortOne: HTTP ${res.status} ${res.text}`);
  return res.body.response;
}

/** A token of the test credentials (counted by the server's getToken stat). */
export async function portoneToken(portoneUrl) {
  const res = await requestJson(`${portoneUrl}/users/getToken`, { body: TEST_CREDENTIALS });
  if (res.body?.code !== 0) throw new Error(`getToken: HTTP ${res.status} ${res.text}`);
  return res.body.response.access_token;
}

/** The shop cancels a payment at PortOne (fully). Returns the envelope. */
export async function cancelAtPortOne(portoneUrl, impUid, token, reason = "고객 요청") {
  const res = await requestJson(`${portoneUrl}/payments/cancel`, {
    body: { imp_uid: impUid, reason },
    headers: { authorization: `Bearer ${token}` },
  });
  return res.body;
}

/** The amount registered for an order (`GET /payments/prepare/{merchant_uid}`): the envelope. */
export async function preparedAtPortOne(portoneUrl, merchantUid, token) {
  const res = await requestJson(`${portoneUrl}/payments/prepare/${encodeURIComponent(merchantUid)}`, {
    method: "GET",
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, ...res.body };
}

// ---------------------------------------------------------------------------------------
// PortOne V2 (the same local server, under /v2; admin API under /__admin/v2/).

/**
 * The buyer pays a V2 order at PortOne: a real V2 payment with paymentId `paymentId` (a V2
 * order's merchant_uid) of `total` (whatever the buyer's page asked for), status PAID unless
 * `status` says otherwise. Returns the stored V2 Payment.
 */
export async function payAtPortOneV2(portoneUrl, { paymentId, total, currency = "KRW", orderName, status = "PAID", ...rest }) {
  const res = await requestJson(`${portoneUrl}/__admin/v2/payments`, {
    body: { id: paymentId, status, amount: { total }, currency, ...(orderName ? { orderName } : {}), ...rest },
  });
  if (res.status !== 200 || res.body?.code !== 0) throw new Error(`paying at PortOne V2: HTTP ${res.status} ${res.text}`);
  return res.body.response;
}

/** Sets a V2 payment's status at PortOne (`CANCELLED` cancels what is left). Returns the payment. */
export async function setV2Status(portoneUrl, paymentId, status, extra = {}) {
  const res = await requestJson(`${portoneUrl}/__admin/v2/payments/${encodeURIComponent(paymentId)}/status`, { body: { status, ...extra } });
  if (res.status !== 200 || res.body?.code !== 0) throw new Error(`V2 status ${status}: HTTP ${res.status} ${res.text}`);
  return res.body.response;
}

/** What V2 pre-register recorded for a paymentId: `{ status, body }` (body.response: the registration). */
export async function preRegisteredAtPortOneV2(portoneUrl, paymentId) {
  const res = await requestJson(`${portoneUrl}/__admin/v2/pre-registrations/${encodeURIComponent(paymentId)}`, { method: "GET" });
  return { status: res.status, ...res.body };
}

/**
 * A V2 webhook delivery signed by the local server as PortOne would send it:
 * `{ headers: { webhook-id, webhook-timestamp, webhook-signature, content-type }, body }`.
 * options: { paymentId, type (e.g. "Transaction.Paid"), webhookId?, secret?, timestamp?, version?, format? }.
 */
export async function signedWebhookV2(portoneUrl, options) {
  const res = await requestJson(`${portoneUrl}/__admin/v2/webhook`, { body: options });
  if (res.status !== 200 || res.body?.code !== 0) throw new Error(`signing a V2 webhook: HTTP ${res.status} ${res.text}`);
  return res.body.response;
}
