// verifyPayment and verifyPaymentV2 throughput against named baselines, in one run, plus
// gzipped sizes.
//   node bench/verify.bench.mjs <dir with speed/ and size/ builds>   (bench/run builds them)
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { verifyWithZod } from "./baseline.mjs";
import { verifyV2WithZod } from "./baseline-v2.mjs";

const dir = resolve(process.argv[2] ?? "target/bench");
const load = (variant) => createRequire(import.meta.url)(join(dir, variant, "portone_verify.js"));
const speed = load("speed");
const size = load("size");

const body = JSON.stringify(JSON.parse(readFileSync(new URL("../tests/fixtures/payments/card-paid.json", import.meta.url), "utf8")));
const bytes = new TextEncoder().encode(body);
const expected = { merchantUid: "57008833-33004", amount: 1004 };
// V2: the paid card payment fixture (a real-sized GET /payments/{paymentId} body, ~3 KB).
const bodyV2 = JSON.stringify(JSON.parse(readFileSync(new URL("../tests/fixtures/v2/paid-card.json", import.meta.url), "utf8")));
const bytesV2 = new TextEncoder().encode(bodyV2);
const expectedV2 = { paymentId: "order-20240701-0001", amount: 129000 };

// Every contender must reach the same verdict before it is timed.
for (const [name, fn] of [
  ["speed", () => speed.verifyPayment(body, expected)], ["zod", () => verifyWithZod(body, expected)],
  ["speed V2", () => speed.verifyPaymentV2(bodyV2, expectedV2)], ["zod V2", () => verifyV2WithZod(bodyV2, expectedV2)],
]) {
  if (fn().ok !== true) throw new Error(`${name} did not verify the benchmark payment`);
}
if (speed.verifyPayment(body, { ...expected, amount: 1005 }).ok !== false) throw new Error("forged amount verified");
for (const fn of [speed.verifyPaymentV2, verifyV2WithZod]) {
  if (fn(bodyV2, { ...expectedV2, amount: 129001 }).ok !== false) throw new Error("forged V2 amount verified");
}

/** ops/second of `fn` over about `ms` milliseconds. */
function round(fn, ms) {
  let n = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms * 1e6);
  let now = start;
  while (now < end) {
    for (let i = 0; i < 200; i++) sink ^= fn() ? 1 : 0;
    n += 200;
    now = process.hrtime.bigint();
  }
  globalThis.__sink = sink;
  return n / (Number(now - start) / 1e9);
}

const cases = {
  "portone-verify verifyPayment(string)": () => speed.verifyPayment(body, expected).ok,
  "portone-verify verifyPayment(bytes)": () => speed.verifyPayment(bytes, expected).ok,
  "portone-verify opt-level z, verifyPayment(string)": () => size.verifyPayment(body, expected).ok,
  "baseline JSON.parse + zod 4 + checks (string)": () => verifyWithZod(body, expected).ok,
  "baseline JSON.parse + zod 4 + checks (bytes)": () => verifyWithZod(bytes, expected).ok,
  "baseline bare JSON.parse (string)": () => JSON.parse(body) !== null,
  "baseline TextDecoder + JSON.parse (bytes)": () => JSON.parse(new TextDecoder().decode(bytes)) !== null,
  "portone-verify verifyPaymentV2(string)": () => speed.verifyPaymentV2(bodyV2, expectedV2).ok,
  "portone-verify verifyPaymentV2(bytes)": () => speed.verifyPaymentV2(bytesV2, expectedV2).ok,
  "portone-verify opt-level z, verifyPaymentV2(string)": () => size.verifyPaymentV2(bodyV2, expectedV2).ok,
  "baseline V2 JSON.parse + zod 4 + checks (string)": () => verifyV2WithZod(bodyV2, expectedV2).ok,
  "baseline V2 JSON.parse + zod 4 + checks (bytes)": () => verifyV2WithZod(bytesV2, expectedV2).ok,
  "baseline V2 bare JSON.parse (string)": () => JSON.parse(bodyV2) !== null,
  "baseline V2 TextDecoder + JSON.parse (bytes)": () => JSON.parse(new TextDecoder().decode(bytesV2)) !== null,
};
// Rounds interleave the cases, so a slow stretch of the machine hits all of them alike; each
// case's figure is its median round.
for (const fn of Object.values(cases)) round(fn, 200);
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let r = 0; r < 9; r++) {
  for (const [name, fn] of Object.entries(cases)) samples[name].push(round(fn, 100));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rates = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));

const fmt = (n) => Math.round(n).toLocaleString("en-US").padStart(10);
console.log(`verifyPayment on a ${bytes.length}-byte envelope, verifyPaymentV2 on a ${bytesV2.length}-byte V2 payment (Node ${process.version})`);
for (const [name, rate] of Object.entries(rates)) console.log(`${fmt(rate)} ops/s  ${(1e6 / rate).toFixed(2).padStart(6)} µs  ${name}`);
const ratio = (a, b) => (rates[a] / rates[b]).toFixed(2);
console.log("\nratios (higher is better for portone-verify)");
console.log(`  string vs JSON.parse+zod:   ${ratio("portone-verify verifyPayment(string)", "baseline JSON.parse + zod 4 + checks (string)")}x   (target >= 2)`);
console.log(`  bytes  vs JSON.parse+zod:   ${ratio("portone-verify verifyPayment(bytes)", "baseline JSON.parse + zod 4 + checks (bytes)")}x   (target >= 2)`);
console.log(`  string vs bare JSON.parse:  ${ratio("portone-verify verifyPayment(string)", "baseline bare JSON.parse (string)")}x   (target >= 1)`);
console.log(`  bytes  vs decode+JSON.parse:${ratio("portone-verify verifyPayment(bytes)", "baseline TextDecoder + JSON.parse (bytes)")}x   (target >= 1)`);
console.log(`  edge (opt-level 3, inliner threshold 25) vs browser (opt-level z): ${ratio("portone-verify verifyPayment(string)", "portone-verify opt-level z, verifyPayment(string)")}x`);
console.log("V2 ratios");
console.log(`  string vs JSON.parse+zod:   ${ratio("portone-verify verifyPaymentV2(string)", "baseline V2 JSON.parse + zod 4 + checks (string)")}x   (target >= 2)`);
console.log(`  bytes  vs JSON.parse+zod:   ${ratio("portone-verify verifyPaymentV2(bytes)", "baseline V2 JSON.parse + zod 4 + checks (bytes)")}x   (target >= 2)`);
console.log(`  string vs bare JSON.parse:  ${ratio("portone-verify verifyPaymentV2(string)", "baseline V2 bare JSON.parse (string)")}x   (target >= 1)`);
console.log(`  bytes  vs decode+JSON.parse:${ratio("portone-verify verifyPaymentV2(bytes)", "baseline V2 TextDecoder + JSON.parse (bytes)")}x   (target >= 1)`);
console.log(`  edge (opt-level 3, inliner threshold 25) vs browser (opt-level z): ${ratio("portone-verify verifyPaymentV2(string)", "portone-verify opt-level z, verifyPaymentV2(string)")}x`);

console.log("\ngzipped size, parse + verify (wasm + JS glue)");
for (const variant of ["speed", "size"]) {
  // The wasm, the glue and its snippets (the JS modules the Rust binds).
  const files = readdirSync(join(dir, variant), { recursive: true }).filter((f) => f.endsWith(".wasm") || f.endsWith(".js"));
  const raw = files.reduce((sum, f) => sum + readFileSync(join(dir, variant, f)).length, 0);
  const gz = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, variant, f)), { level: 9 }).length, 0);
  // The budgets are the package's (bench/package-size.mjs); these builds leave out the client.
  console.log(`  ${variant.padEnd(5)} ${(gz / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw)`);
}
