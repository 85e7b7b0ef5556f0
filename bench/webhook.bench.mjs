// verifyWebhookV2 (the package's edge build, as shipped) against the official
// @portone/server-sdk `Webhook.verify` on the same signed V2 webhook, in one run.
//   node bench/webhook.bench.mjs <package dir>   (bench/run builds it with scripts/build-pkg)
// Webhook.verify is async (WebCrypto's HMAC); each of its calls is awaited, as a server would.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Webhook } from "@portone/server-sdk";

const dir = resolve(process.argv[2] ?? "pkg");
const { verifyWebhookV2 } = await import(pathToFileURL(join(dir, "node.js")).href);

const body = readFileSync(new URL("../tests/fixtures/webhook/v2-transaction-paid.json", import.meta.url), "utf8");
const key = Buffer.from("portone-verify bench webhook secret");
const secret = `whsec_${key.toString("base64")}`;
const id = "msg_2iQ2Xr0c6f1f";
const timestamp = String(Math.floor(Date.now() / 1000));
const signature = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
const headers = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };

// Both must accept the webhook, and refuse it with one byte changed, before they are timed.
const ours = verifyWebhookV2(secret, body, headers);
const theirs = await Webhook.verify(secret, body, headers);
if (ours.type !== theirs.type) throw new Error(`the two disagree: ${ours.type} vs ${theirs.type}`);
const forged = body.replace("Transaction.Paid", "Transaction.Paie");
let refused = 0;
try { verifyWebhookV2(secret, forged, headers); } catch { refused++; }
try { await Webhook.verify(secret, forged, headers); } catch { refused++; }
if (refused !== 2) throw new Error("a forged webhook was accepted");

async function round(fn, ms) {
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms * 1e6);
  let now = start;
  while (now < end) {
    for (let i = 0; i < 50; i++) await fn();
    n += 50;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}
const cases = {
  "portone-verify verifyWebhookV2": () => verifyWebhookV2(secret, body, headers),
  "baseline @portone/server-sdk Webhook.verify": () => Webhook.verify(secret, body, headers),
};
for (const fn of Object.values(cases)) await round(fn, 200);
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let r = 0; r < 9; r++) {
  for (const [name, fn] of Object.entries(cases)) samples[name].push(await round(fn, 100));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rates = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
const fmt = (n) => Math.round(n).toLocaleString("en-US").padStart(10);
console.log(`\nV2 webhook verification on a ${Buffer.byteLength(body)}-byte body (Node ${process.version})`);
for (const [name, rate] of Object.entries(rates)) console.log(`${fmt(rate)} ops/s  ${(1e6 / rate).toFixed(2).padStart(6)} µs  ${name}`);
const ratio = rates["portone-verify verifyWebhookV2"] / rates["baseline @portone/server-sdk Webhook.verify"];
console.log(`  verifyWebhookV2 vs Webhook.verify: ${ratio.toFixed(2)}x   (target >= 10)`);
