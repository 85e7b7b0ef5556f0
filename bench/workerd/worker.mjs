// Benchmark Worker: runs inside workerd and times verifyPayment and verifyPaymentV2 against the
// same baselines as bench/verify.bench.mjs (JSON.parse + zod 4 + checks, bare JSON.parse). Date.now() advances
// during a request in local workerd, so loops of a few hundred ms give stable per-call figures.
import { moduleStart } from "./clock.mjs";
import { verifyPayment, verifyPaymentV2 } from "portone-verify";
import { packageReady } from "./package-ready.mjs";
import { verifyWithZod } from "../baseline.mjs";
import { verifyV2WithZod } from "../baseline-v2.mjs";

let firstCallMs;

function perSecond(fn, minMs = 300) {
  let n = 0;
  const start = Date.now();
  while (Date.now() - start < minMs) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return n / ((Date.now() - start) / 1000);
}

export default {
  async fetch(request) {
    // { v1: the V1 envelope's text, v2: the V2 payment's text }
    const { v1: body, v2: bodyV2 } = await request.json();
    const encoder = new TextEncoder();
    const bytes = encoder.encode(body);
    const scratch = new Uint8Array(3 * body.length);
    // The same payment with its Korean (33 of 1415 characters) as "x": V8 then holds it as a
    // one-byte string (JSON.parse makes one when every character fits), which V8 holds and
    // parses apart from a two-byte one (any other character); workerd before 1.20261117
    // encoded a two-byte string one unit at a time in encodeInto.
    const oneByte = JSON.parse(JSON.stringify([body.replace(/[^\x00-\x7f]/g, "x")]))[0];
    const expected = { merchantUid: "57008833-33004", amount: 1004 };
    const expectedV2 = { paymentId: "order-20240701-0001", amount: 129000 };
    if (firstCallMs === undefined) {
      const start = Date.now();
      if (!verifyPayment(body, expected).ok) throw new Error("the benchmark payment must verify");
      firstCallMs = Date.now() - start;
    }
    if (!verifyPayment(oneByte, expected).ok) throw new Error("the one-byte payment must verify");
    const url = new URL(request.url);
    if (url.pathname === "/cold") {
      return Response.json({ evaluateMs: packageReady - moduleStart, firstVerifyMs: firstCallMs });
    }
    for (let i = 0; i < 2000; i++) verifyPayment(body, expected); // warm-up
    for (let i = 0; i < 2000; i++) verifyWithZod(body, expected);
    if (!verifyPaymentV2(bodyV2, expectedV2).ok || !verifyV2WithZod(bodyV2, expectedV2).ok) {
      throw new Error("the V2 benchmark payment must verify");
    }
    for (let i = 0; i < 2000; i++) verifyPaymentV2(bodyV2, expectedV2);
    for (let i = 0; i < 2000; i++) verifyV2WithZod(bodyV2, expectedV2);
    const cases = {
      "portone-verify verifyPayment(string)": () => verifyPayment(body, expected).ok,
      "portone-verify verifyPayment(bytes)": () => verifyPayment(bytes, expected).ok,
      // What a string's crossing costs where there is no Buffer: its UTF-8 alone.
      "TextEncoder.encodeInto(string) alone": () => encoder.encodeInto(body, scratch).written > 0,
      "baseline JSON.parse + zod 4 + checks (string)": () => verifyWithZod(body, expected).ok,
      "baseline bare JSON.parse (string)": () => JSON.parse(body) !== null,
      "portone-verify verifyPayment(one-byte string)": () => verifyPayment(oneByte, expected).ok,
      "baseline bare JSON.parse (one-byte string)": () => JSON.parse(oneByte) !== null,
      "portone-verify verifyPaymentV2(string)": () => verifyPaymentV2(bodyV2, expectedV2).ok,
      "baseline V2 JSON.parse + zod 4 + checks (string)": () => verifyV2WithZod(bodyV2, expectedV2).ok,
      "baseline V2 bare JSON.parse (string)": () => JSON.parse(bodyV2) !== null,
    };
    // Rounds of every case interleaved, each case's figure its median round: a neighbour's
    // burst of load then slows all cases alike instead of one.
    const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
    for (let round = 0; round < 9; round++) {
      for (const [name, fn] of Object.entries(cases)) samples[name].push(perSecond(fn, 60));
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return Response.json({
      userAgent: navigator.userAgent,
      rates: Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)])),
    });
  },
};
