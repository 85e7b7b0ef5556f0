// examples/cloudflare-worker is TypeScript: `tsc --noEmit` with its own tsconfig.json (wrangler's
// template settings: moduleResolution "Bundler", no customConditions; strict and stricter) against
// Cloudflare's Workers types and the built package, installed as a user would have it
// (node_modules/portone-verify), so "portone-verify/server" resolves through the exports map.
//
// Run:  node --test tests/e2e/        (PORTONE_VERIFY_PKG_DIR as for www.test.mjs)

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { promisify } from "node:util";

import { packageDir, stageExample } from "../../scripts/demo-stack.mjs";

const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const run = (args, cwd) => promisify(execFile)(process.execPath, [tsc, ...args], { cwd, timeout: 120_000 });

let staged;
before(async () => {
  staged = await stageExample(packageDir(), { links: ["@cloudflare/workers-types"] });
});
after(() => staged?.remove());

test("the example's tsconfig: wrangler's module settings, no customConditions, strict, Workers types", async () => {
  const { stdout } = await run(["-p", ".", "--showConfig"], staged.dir);
  const { compilerOptions: o } = JSON.parse(stdout);
  assert.equal(o.moduleResolution.toLowerCase(), "bundler");
  assert.equal(o.customConditions, undefined);
  assert.deepEqual(o.types, ["@cloudflare/workers-types"]);
  assert.equal(o.strict, true);
  assert.equal(o.skipLibCheck, false); // the package's .d.ts and the Workers types are checked too
});

test("tsc --noEmit: the example type-checks, importing PortOneClient from portone-verify/server", async () => {
  try {
    const { stdout } = await run(["-p", ".", "--pretty", "false", "--traceResolution"], staged.dir);
    const resolved = /Module name 'portone-verify\/server' was successfully resolved to '([^']+)'/.exec(stdout)?.[1];
    assert.match(resolved ?? "", /\/workerd\.d\.ts$/, "the server types (default condition of ./server)");
  } catch (e) {
    const errors = String(e.stdout ?? "").split("\n").filter((l) => /error TS\d+/.test(l));
    assert.fail(`tsc failed:\n${errors.join("\n") || e.message}`);
  }
});
