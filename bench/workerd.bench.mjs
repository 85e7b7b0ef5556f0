// verifyPayment inside real workerd: cold start (package evaluation + first verifyPayment, and
// Miniflare start to first answer) and throughput against the JS baselines, in one run; as a
// Worker without compatibility flags and again with nodejs_compat.
//   node bench/workerd.bench.mjs <package dir with workerd.js>   (bench/run builds it)
import { execFile } from "node:child_process";
import { mkdtemp, rm, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { readFileSync } from "node:fs";
import { Miniflare } from "miniflare";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(process.argv[2] ?? "pkg");
const require = createRequire(import.meta.url);
const wrangler = path.join(path.dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
const body = JSON.stringify(JSON.parse(readFileSync(path.join(here, "../tests/fixtures/payments/card-paid.json"), "utf8")));
const bodyV2 = JSON.stringify(JSON.parse(readFileSync(path.join(here, "../tests/fixtures/v2/paid-card.json"), "utf8")));
const request = JSON.stringify({ v1: body, v2: bodyV2 });

const dir = await mkdtemp(path.join(os.tmpdir(), "portone-verify-bench-"));
try {
  // The worker stays in the repository so zod resolves from its node_modules; the package is
  // aliased to the build under test (its workerd entry, as the `workerd` condition picks).
  await writeFile(path.join(dir, "wrangler.json"), JSON.stringify({
    name: "portone-verify-bench",
    main: path.join(here, "workerd/worker.mjs"),
    compatibility_date: "2026-01-01",
    alias: { "portone-verify": path.join(pkgDir, "workerd.js") },
  }));
  const env = { ...process.env, WRANGLER_HIDE_BANNER: "true", WRANGLER_SEND_METRICS: "false",
    WRANGLER_LOG_PATH: path.join(dir, "logs"), XDG_CONFIG_HOME: path.join(dir, "config") };
  await promisify(execFile)(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", "dist"], { cwd: dir, env, timeout: 120_000 });
  const dist = path.join(dir, "dist");
  const files = await readdir(dist);
  const modules = files.filter((f) => f.endsWith(".js") || f.endsWith(".wasm")).map((f) => ({
    type: f.endsWith(".wasm") ? "CompiledWasm" : "ESModule",
    path: path.join(dist, f),
  }));
  modules.sort((a, b) => (a.path.endsWith("worker.js") ? -1 : b.path.endsWith("worker.js") ? 1 : 0));

  const fmt = (n) => Math.round(n).toLocaleString("en-US").padStart(10);
  // The same bundle as a Worker without compatibility flags (what the package needs), then
  // with nodejs_compat (a global Buffer, which the package leaves unused in Workers: args.js).
  for (const flags of [[], ["nodejs_compat"]]) {
    const started = performance.now();
    const mf = new Miniflare({ modules, modulesRoot: dist, compatibilityDate: "2026-01-01", compatibilityFlags: flags, cf: false });
    const cold = await (await mf.dispatchFetch("http://bench/cold", { method: "POST", body: request })).json();
    const firstAnswerMs = performance.now() - started;
    const { userAgent, rates } = await (await mf.dispatchFetch("http://bench/run", { method: "POST", body: request })).json();
    await mf.dispose();

    const config = flags.length ? `compatibility flags: ${flags.join(", ")}` : "no compatibility flags";
    console.log(`verifyPayment inside workerd (${userAgent}, ${config}) on a ${Buffer.byteLength(body)}-byte envelope`);
    console.log(`  cold start: package evaluation ${cold.evaluateMs} ms + first verifyPayment ${cold.firstVerifyMs} ms (target <= 5 ms; Date.now has 1 ms resolution)`);
    console.log(`  Miniflare start to first answer: ${firstAnswerMs.toFixed(0)} ms (includes starting workerd)`);
    for (const [name, rate] of Object.entries(rates)) console.log(`${fmt(rate)} ops/s  ${(1e6 / rate).toFixed(2).padStart(6)} µs  ${name}`);
    const ratio = (a, b) => (rates[a] / rates[b]).toFixed(2);
    console.log(`  string vs JSON.parse+zod:  ${ratio("portone-verify verifyPayment(string)", "baseline JSON.parse + zod 4 + checks (string)")}x (target >= 2)`);
    console.log(`  string vs bare JSON.parse: ${ratio("portone-verify verifyPayment(string)", "baseline bare JSON.parse (string)")}x (target >= 1)`);
    console.log(`  bytes vs bare JSON.parse:  ${ratio("portone-verify verifyPayment(bytes)", "baseline bare JSON.parse (string)")}x`);
    const share = (rates["portone-verify verifyPayment(string)"] / rates["TextEncoder.encodeInto(string) alone"]) * 100;
    console.log(`  the same payment as a one-byte string (its Korean as "x"): string vs bare JSON.parse ${ratio("portone-verify verifyPayment(one-byte string)", "baseline bare JSON.parse (one-byte string)")}x`);
    console.log(`  TextEncoder.encodeInto of the string alone: ${share.toFixed(0)}% of verifyPayment(string)'s time (a string's crossing in Workers)`);
    console.log(`  V2 (${Buffer.byteLength(bodyV2)}-byte payment) string vs JSON.parse+zod:  ${ratio("portone-verify verifyPaymentV2(string)", "baseline V2 JSON.parse + zod 4 + checks (string)")}x (target >= 2)`);
    console.log(`  V2 string vs bare JSON.parse: ${ratio("portone-verify verifyPaymentV2(string)", "baseline V2 bare JSON.parse (string)")}x (target >= 1)`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
