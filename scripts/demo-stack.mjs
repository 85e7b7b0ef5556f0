// The demo stack, shared by scripts/demo, scripts/load and tests/e2e/:
//   1. the local PortOne server (tests/portone-server; V1 at the root, V2 under /v2);
//   2. examples/cloudflare-worker bundled by wrangler (`deploy --dry-run`) against the built
//      package, its D1 migrations applied by wrangler to a local database directory, run in
//      real workerd by Miniflare on a 127.0.0.1 port with that database, the values of the
//      example's .dev.vars (or .dev.vars.example), PORTONE_BASE_URL and PORTONE_V2_BASE_URL set to server 1;
//   3. a static server for www/ and the package (the page loads its browser entry), which
//      also plays PortOne's checkout (POST /demo/pay).
// The pieces are in scripts/stack/.
//
//   import { startStack } from "./scripts/demo-stack.mjs";
//   const stack = await startStack({ pkgDir });
//   // { portoneUrl, workerUrl, workerUrls, wwwUrl, pageUrl, persistDir, query(), restartWorker(), stop() }
//
// As a program (what scripts/demo runs): `node scripts/demo-stack.mjs [--once]` starts the stack,
// prints the URLs, walks the shop's flow through the Worker (V1: an order paid in full, an
// order paid with a forged amount; V2: an order paid in full, its signed webhook delivered
// twice), then keeps running until SIGINT/SIGTERM (or exits with
// --once). The package directory is PORTONE_VERIFY_PKG_DIR (default pkg), relative to the
// repository. The orders persist in examples/cloudflare-worker/.wrangler/state (where
// `wrangler dev` keeps them too; DEMO_PERSIST_DIR overrides); --once uses a fresh directory.

import path from "node:path";
import { pathToFileURL } from "node:url";

import { payAtPortOne, payAtPortOneV2, portoneStats, signedWebhookV2, startPortOne } from "./stack/portone.mjs";
import { completePayment, completePaymentV2, createOrder, describeVerdict, sendWebhook, sendWebhookV2 } from "./stack/shop.mjs";
import { exampleDevVars, browserEntry, checkPackage, exampleDir, LOOPBACK, packageDir, preferPort, repoRoot, tempDir } from "./stack/util.mjs";
import { applyMigrations, bundleExample, stageExample, startWorker } from "./stack/worker.mjs";
import { startStaticServer } from "./stack/www.mjs";

export { browserEntry, checkPackage, exampleDir, packageDir, repoRoot, requestJson, wwwDir } from "./stack/util.mjs";
export * from "./stack/portone.mjs";
export * from "./stack/shop.mjs";
export { applyMigrations, bundleExample, d1Database, stageExample, startWorker } from "./stack/worker.mjs";

/** The product the demo orders (1004 KRW), and the amount a forging buyer pays for it. */
export const DEMO = { product_id: "carrot-10kg", amount: 1004, forgedAmount: 100 };

/**
 * Starts the PortOne server, the Worker example in workerd (with its D1 database) and the
 * static server.
 *
 * options: pkgDir (default packageDir()), ports { portone, worker, www } (0 = free port; a
 * busy fixed port falls back to a free one), portoneInProcess (default true), www (start the
 * static server; default true), persistDir (the local D1 database's directory, kept; default a
 * fresh temporary one, removed by stop()), isolates (copies of the Worker sharing the
 * database, each in its own isolate on its own port; default 1), log (default silent).
 * Returns { pkgDir, portoneUrl, workerUrl, workerUrls, wwwUrl, pageUrl, devVarsFile,
 * persistDir, mf, query(sql, ...params), restartWorker(), stop() }: query() runs SQL on the
 * Worker's D1 database (results as rows); restartWorker() stops workerd and starts it again
 * on the same database (new ports, updating workerUrl/workerUrls/mf); stop() stops everything
 * started, and is safe to call twice.
 */
export async function startStack({
  pkgDir = packageDir(),
  ports = {},
  portoneInProcess = true,
  www: withWww = true,
  persistDir = null,
  isolates = 1,
  log = () => {},
} = {}) {
  checkPackage(pkgDir);
  const cleanups = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error(`stopping: ${e?.message ?? e}`));
  };
  try {
    const t0 = performance.now();
    const staged = await stageExample(pkgDir);
    cleanups.push(() => staged.remove());
    if (persistDir === null) {
      const temp = await tempDir("portone-verify-d1-");
      cleanups.push(() => temp.remove());
      persistDir = temp.dir;
    }
    // The slowest steps (two wrangler runs) go on while the servers start.
    const building = Promise.all([bundleExample(staged.dir, pkgDir), applyMigrations({ dir: staged.dir, persistDir })]);
    building.catch(() => {});

    const portone = await startPortOne({ port: await preferPort(ports.portone ?? 0), inProcess: portoneInProcess });
    cleanups.push(() => portone.close());
    log(`PortOne server      ${portone.url} (V2: /v2)${portone.pid ? ` (pid ${portone.pid})` : ""}`);

    const page = { workerUrl: null, pkgEntry: `/pkg/${browserEntry(pkgDir)}` };
    const www = withWww
      ? await startStaticServer({ pkgDir, port: await preferPort(ports.www ?? 0), config: () => page, portoneUrl: portone.url })
      : null;
    if (www) cleanups.push(() => www.close());

    const [bundle, migrated] = await building;
    const applied = /No migrations to apply/.test(migrated) ? "none to apply" : "applied";
    const shown = path.relative(repoRoot, persistDir);
    log(`D1 database         ${shown.startsWith("..") ? persistDir : shown}   (migrations: ${applied})`);
    const { file: devVarsFile, vars } = exampleDevVars();
    const wwwOrigins = www ? [www.url, www.url.replace(LOOPBACK, "localhost")] : [];
    const workerOptions = {
      ...bundle,
      persistDir,
      isolates,
      bindings: {
        ...vars,
        PORTONE_BASE_URL: portone.url, // whatever .dev.vars says: this run's server
        PORTONE_V2_BASE_URL: `${portone.url}/v2`,
        ALLOWED_ORIGINS: [...new Set([...String(vars.ALLOWED_ORIGINS ?? "").split(",").filter(Boolean), ...wwwOrigins])].join(","),
      },
    };
    let worker = await startWorker({ ...workerOptions, port: await preferPort(ports.worker ?? 0) });
    cleanups.push(() => worker.close());
    page.workerUrl = worker.url;
    log(`Worker (workerd)    ${worker.urls.join(" ")}   (examples/cloudflare-worker, vars from ${path.relative(repoRoot, devVarsFile ?? "-")})`);
    if (www) log(`www page            ${www.url}/   (package: ${path.relative(repoRoot, pkgDir)}/${browserEntry(pkgDir)})`);
    log(`started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const stack = {
      pkgDir,
      portoneUrl: portone.url,
      workerUrl: worker.url,
      workerUrls: worker.urls,
      wwwUrl: www?.url ?? null,
      pageUrl: www ? `${www.url}/` : null,
      devVarsFile,
      persistDir,
      mf: worker.mf,
      async query(sql, ...params) {
        const db = await worker.db();
        return (await db.prepare(sql).bind(...params).all()).results;
      },
      async restartWorker() {
        await worker.close();
        worker = await startWorker(workerOptions);
        Object.assign(stack, { workerUrl: worker.url, workerUrls: worker.urls, mf: worker.mf });
        page.workerUrl = worker.url;
        return stack;
      },
      stop,
    };
    return stack;
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The demo: the shop's flow twice through the Worker. An order is created (priced by the
 * Worker, registered at PortOne), the buyer pays it at PortOne, the page reports it: verified.
 * A second order is paid with a forged amount: AMOUNT_MISMATCH, still pending. PortOne's
 * webhook for the first changes nothing more. A third order goes through PortOne V2
 * (pre-registered, paid, completed; its signed webhook, sent twice, changes nothing more).
 * Returns true when every answer is as expected.
 */
export async function runDemo(stack, print = console.log) {
  const checks = [];
  const order = async (label, api = "v1") => {
    const res = await createOrder(stack.workerUrl, { product_id: DEMO.product_id, amount: 1, api }); // the amount is ignored
    if (res.status !== 201) throw new Error(`POST /orders: ${describeVerdict(res)}`);
    const o = res.body.order;
    print(`${label}: order ${o.merchant_uid} · ${o.name} · ${o.amount} ${o.currency} (priced by the Worker, registered at PortOne ${api.toUpperCase()})`);
    return o;
  };

  const good = await order("order 1");
  const goodPayment = await payAtPortOne(stack.portoneUrl, { merchant_uid: good.merchant_uid, amount: good.amount, name: good.name });
  const goodVerdict = await completePayment(stack.workerUrl, { imp_uid: goodPayment.imp_uid, merchant_uid: good.merchant_uid });
  print(`  paid ${goodPayment.amount} (${goodPayment.imp_uid}); POST /payments/complete: ${describeVerdict(goodVerdict)}`);
  checks.push(goodVerdict.status === 200 && goodVerdict.body?.ok === true && goodVerdict.body.changed === true);

  const forged = await order("order 2");
  const forgedPayment = await payAtPortOne(stack.portoneUrl, { merchant_uid: forged.merchant_uid, amount: DEMO.forgedAmount, name: forged.name });
  const forgedVerdict = await completePayment(stack.workerUrl, { imp_uid: forgedPayment.imp_uid, merchant_uid: forged.merchant_uid, paid_amount: DEMO.forgedAmount });
  print(`  paid ${forgedPayment.amount} (${forgedPayment.imp_uid}, forged); POST /payments/complete: ${describeVerdict(forgedVerdict)}`);
  checks.push(
    forgedVerdict.status === 409 &&
      forgedVerdict.body?.failures?.some((f) => f.code === "AMOUNT_MISMATCH") &&
      forgedVerdict.body.order?.status === "pending",
  );

  const note = { imp_uid: goodPayment.imp_uid, merchant_uid: good.merchant_uid, status: "paid" };
  const hook = await sendWebhook(stack.workerUrl, note);
  print(`PortOne's webhook for order 1: ${describeVerdict(hook)}`);
  checks.push(hook.status === 200 && hook.body?.ok === true && hook.body.changed === false);

  const v2 = await order("order 3", "v2");
  await payAtPortOneV2(stack.portoneUrl, { paymentId: v2.merchant_uid, total: v2.amount, orderName: v2.name });
  const v2Verdict = await completePaymentV2(stack.workerUrl, { paymentId: v2.merchant_uid });
  print(`  paid ${v2.amount} at PortOne V2 (paymentId ${v2.merchant_uid}); POST /v2/payments/complete: ${describeVerdict(v2Verdict)}`);
  checks.push(v2Verdict.status === 200 && v2Verdict.body?.ok === true && v2Verdict.body.changed === true);
  const delivery = await signedWebhookV2(stack.portoneUrl, { paymentId: v2.merchant_uid, type: "Transaction.Paid" });
  const [v2Hook, v2Again] = [await sendWebhookV2(stack.workerUrl, delivery), await sendWebhookV2(stack.workerUrl, delivery)];
  print(`PortOne's signed V2 webhook for order 3 (${delivery.headers["webhook-id"]}): ${describeVerdict(v2Hook)}; again: duplicate=${v2Again.body?.duplicate}`);
  checks.push(v2Hook.status === 200 && v2Hook.body?.ok === true && v2Hook.body.changed === false);
  checks.push(v2Again.status === 200 && v2Again.body?.duplicate === true && v2Again.body.changed === false);

  const rows = await stack.query(
    "SELECT o.merchant_uid, o.status, o.payment_id, count(p.payment_id) AS payments FROM orders o LEFT JOIN payments p USING (merchant_uid) WHERE o.merchant_uid IN (?1, ?2, ?3) GROUP BY o.merchant_uid",
    good.merchant_uid,
    forged.merchant_uid,
    v2.merchant_uid,
  );
  for (const r of rows) print(`D1: ${r.merchant_uid} ${r.status} payment ${r.payment_id ?? "-"} (${r.payments} recorded)`);
  const byId = Object.fromEntries(rows.map((r) => [r.merchant_uid, r]));
  checks.push(byId[good.merchant_uid]?.status === "paid" && byId[good.merchant_uid]?.payments === 1);
  checks.push(byId[forged.merchant_uid]?.status === "pending" && byId[forged.merchant_uid]?.payments === 0);
  checks.push(byId[v2.merchant_uid]?.status === "paid" && byId[v2.merchant_uid]?.payments === 1);
  return checks.every(Boolean);
}

// ---------------------------------------------------------------------------------------
// As a program.

async function main(argv) {
  const onceOnly = argv.includes("--once");
  const envPort = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
  // Fixed ports for a demo you open in a browser (a busy one falls back to a free one);
  // --once uses free ports so it never collides with a running demo.
  const ports = {
    portone: envPort("DEMO_PORTONE_PORT", onceOnly ? 0 : 8790),
    worker: envPort("DEMO_WORKER_PORT", onceOnly ? 0 : 8787),
    www: envPort("DEMO_WWW_PORT", onceOnly ? 0 : 8080),
  };
  const persistDir = process.env.DEMO_PERSIST_DIR
    ? path.resolve(process.env.DEMO_PERSIST_DIR)
    : onceOnly
      ? null
      : path.join(exampleDir, ".wrangler", "state");
  const print = (line) => console.log(`[demo] ${line}`);

  let stack = null;
  let stopping = null;
  const shutdown = (signal) => {
    stopping ??= (async () => {
      if (signal) print(`${signal}: stopping`);
      await stack?.stop();
    })();
    return stopping;
  };
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      interrupted = true;
      shutdown(signal).then(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }

  const pkgDir = packageDir();
  print(`package ${path.relative(repoRoot, pkgDir)}; starting the local PortOne server, the Worker in workerd with D1 and the www server…`);
  let ok = false;
  try {
    stack = await startStack({ pkgDir, ports, persistDir, log: print });
    if (interrupted) return;
    print("");
    print(`open ${stack.pageUrl}   (the page calls the Worker at ${stack.workerUrl})`);
    print(`     ${stack.pageUrl}?worker=${encodeURIComponent(stack.workerUrl)}   (the Worker URL as a query parameter)`);
    print(`PortOne admin stats: ${stack.portoneUrl}/__admin/stats   orders: ${stack.workerUrl}/orders`);
    print("");
    ok = await runDemo(stack, print);
    const stats = await portoneStats(stack.portoneUrl);
    const n = (key) => stats.byRoute?.[key] ?? 0;
    print(`PortOne V1: getToken ${stats.getToken}, POST /payments/prepare ${n("POST /payments/prepare")}, GET /payments/{imp_uid} ${n("GET /payments/{imp_uid}")}`);
    print(`PortOne V2: pre-register ${n("POST /v2/payments/{paymentId}/pre-register")}, GET /v2/payments/{paymentId} ${n("GET /v2/payments/{paymentId}")}`);
    print(ok ? "every answer as expected (paid once; forged: AMOUNT_MISMATCH, still pending; V2 paid once, repeated webhook a duplicate)" : "UNEXPECTED answers");
  } finally {
    if (onceOnly || !ok) await shutdown();
  }
  if (onceOnly || !ok) {
    process.exitCode = ok ? 0 : 1;
    return;
  }
  print("running; Ctrl-C stops everything");
  await new Promise(() => {}); // the servers keep the process alive until a signal
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch(async (e) => {
    console.error(`[demo] ${e?.stack ?? e}`);
    process.exit(1);
  });
}
