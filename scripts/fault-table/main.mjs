// scripts/faults' work: start the local PortOne server as its own process, run each method row
// under each fault column (fresh server state and a fresh client per cell), count what reached
// the method's route through /__admin/stats, check the outcomes, print the table.

import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { faultColumns } from "./columns.mjs";
import { METHOD_ROWS } from "./rows.mjs";
import { startServerProcess } from "./server-process.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULTS = { timeoutMs: 400, maxRetries: 2, oversizedMb: 64, methods: null, faults: null };

/** How each API's client is made, from the package and the server; a row's `api` picks one. */
const CLIENTS = {
  v1: (pkg, server, options) =>
    new pkg.PortOneClient({ apiKey: "test_imp_key", apiSecret: "test_imp_secret", baseUrl: server.url, ...options }),
  v2: (pkg, server, options) =>
    new pkg.PortOneClientV2({
      apiSecret: "test_v2_api_secret",
      webhookSecret: "whsec_cG9ydG9uZS12ZXJpZnkgbG9jYWwgdjIgd2ViaG9vayBrZXkh",
      baseUrl: server.v2Url,
      ...options,
    }),
};

function parseArgs(argv) {
  const settings = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--methods") settings.methods = value().split(",");
    else if (flag === "--faults") settings.faults = value().split(",");
    else if (flag === "--timeout-ms") settings.timeoutMs = Number(value());
    else if (flag === "--max-retries") settings.maxRetries = Number(value());
    else if (flag === "--oversized-mb") settings.oversizedMb = Number(value());
    else if (flag === "--help" || flag === "-h") settings.help = true;
    else throw new Error(`unknown option ${argv[i]} (see scripts/faults --help)`);
  }
  return settings;
}

/** One cell: reset, prepare, queue the fault on the row's route, call, count, settle. */
async function runCell(row, column, { server, pkg, settings }) {
  await server.admin("POST", "reset", {});
  const client = CLIENTS[row.api](pkg, server, {
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    ...column.client,
  });
  const context = row.setup ? await row.setup(client, server) : undefined;
  const before = await server.routeCount(row.route);
  if (column.fault) {
    await server.admin("POST", "faults", { fault: column.fault, times: column.times ?? 50, route: row.route });
  }
  const started = performance.now();
  let outcome;
  try {
    const value = await row.call(client, context);
    outcome = row.verifies ? (value?.ok === true ? "verified" : "not verified") : "ok";
  } catch (error) {
    outcome = typeof error?.code === "string" ? error.code : `threw ${error?.name ?? typeof error}`;
  }
  const ms = performance.now() - started;
  await server.settle();
  const { byRoute, oversized } = await server.admin("GET", "stats");
  return { outcome, sent: (byRoute[row.route] ?? 0) - before, ms, oversized };
}

/** The checks of issue 13, as lists of violations. */
function violations(results) {
  const falseVerified = [];
  const accepted = [];
  const resent = [];
  const readWhole = [];
  for (const { row, column, cell } of results) {
    const where = `${row.name} × ${column.label}: ×${cell.sent} → ${cell.outcome}`;
    if (column.corrupts && row.verifies && cell.outcome === "verified") falseVerified.push(where);
    if (column.corrupts && ["ok", "verified", "not verified"].includes(cell.outcome)) accepted.push(where);
    const allowed = column.fault === "unauthorized" ? 2 : 1;
    if (row.post && cell.sent > allowed) resent.push(where);
    if (column.tooLarge && cell.oversized.completed > 0) readWhole.push(`${where} (${cell.oversized.completed} sent whole)`);
  }
  return { falseVerified, accepted, resent, readWhole };
}

function printTable(rows, columns, results, settings) {
  const cellOf = new Map(results.map((r) => [`${r.row.name}|${r.column.id}`, r.cell]));
  const header = ["method", ...columns.map((c) => c.label)];
  const lines = [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => {
      const cells = columns.map((column) => {
        const cell = cellOf.get(`${row.name}|${column.id}`);
        return `${row.verb} ×${cell.sent} → ${cell.outcome}`;
      });
      return `| ${row.name} | ${cells.join(" | ")} |`;
    }),
  ];
  console.log(
    `PortOneClient / PortOneClientV2 (rows "V2 …") × fault: requests that reached the method's route → outcome ` +
      `(timeoutMs ${settings.timeoutMs}, maxRetries ${settings.maxRetries})\n`,
  );
  console.log(lines.join("\n"));
  console.log("\nfaults (queued on the method's route for every attempt unless noted), and how long the calls took:");
  for (const column of columns) {
    const what = column.fault ? `\`${column.fault}\`` : "none";
    const times = column.times ? `, ${column.times} request` : "";
    const ms = results.filter((r) => r.column === column).map((r) => r.cell.ms);
    const took = `${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)} s`;
    const written = results.filter((r) => r.column === column).map((r) => r.cell.oversized.bytesWritten);
    const wrote = Math.max(...written) > 0 ? `; the server wrote at most ${(Math.max(...written) / 2 ** 20).toFixed(1)} MiB of a body` : "";
    console.log(`- ${column.label}: ${what}${times}${column.note ? ` (${column.note})` : ""}; ${took}${wrote}`);
  }
}

export async function main(argv) {
  const settings = parseArgs(argv);
  if (settings.help) {
    console.log("scripts/faults [--methods a,b] [--faults id,id] [--timeout-ms 400] [--max-retries 2] [--oversized-mb 64]");
    console.log(`fault ids: ${faultColumns(settings).map((c) => c.id).join(", ")}`);
    console.log(`methods: ${METHOD_ROWS.map((r) => r.name).join(", ")}`);
    return 0;
  }
  const pkgPath = process.env.PORTONE_VERIFY_PKG
    ? path.resolve(process.env.PORTONE_VERIFY_PKG)
    : path.join(repoRoot, "target/pkg-node/portone_verify.js");
  const pkg = createRequire(import.meta.url)(pkgPath);
  const columns = faultColumns(settings).filter((c) => !settings.faults || settings.faults.includes(c.id));
  const rows = METHOD_ROWS.filter((r) => CLIENTS[r.api] && (!settings.methods || settings.methods.includes(r.name)));
  if (rows.length === 0 || columns.length === 0) throw new Error("no method or no fault selected");

  const started = performance.now();
  const server = await startServerProcess(repoRoot);
  const results = [];
  try {
    for (const row of rows) {
      for (const column of columns) {
        const cell = await runCell(row, column, { server, pkg, settings });
        results.push({ row, column, cell });
        process.stderr.write(`  ${row.name} × ${column.label}: ×${cell.sent} → ${cell.outcome} (${Math.round(cell.ms)} ms)\n`);
      }
    }
  } finally {
    await server.stop();
  }

  printTable(rows, columns, results, settings);
  const { falseVerified, accepted, resent, readWhole } = violations(results);
  const report = (label, list) => {
    console.log(`${label}: ${list.length}`);
    for (const where of list) console.log(`  - ${where}`);
  };
  console.log("");
  report('false "verified" under a fault that corrupts the answer', falseVerified);
  report("answers accepted although a fault corrupted them", accepted);
  report("POST requests sent twice without a 401 in between", resent);
  report("oversized answers the server sent to their end (the size cap did not stop them)", readWhole);
  console.log(`cells: ${results.length}, run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return falseVerified.length + accepted.length + resent.length + readWhole.length === 0 ? 0 : 1;
}
