// The local PortOne server as its own process for scripts/faults: started as the README says
// (it prints `PORTONE_SERVER_URL=…`), driven through its admin API, stopped with SIGTERM.

import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";

const SETTLE_LIMIT_MS = 60_000;

export async function startServerProcess(repoRoot) {
  const child = spawn(process.execPath, [path.join(repoRoot, "tests/portone-server/server.mjs")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  let output = "";
  child.stdout.setEncoding("utf8");
  while (!output.includes("\n")) {
    const [chunk] = await Promise.race([
      once(child.stdout, "data"),
      exited.then(([code]) => {
        throw new Error(`the PortOne server exited (${code}) before printing its URL`);
      }),
    ]);
    output += chunk;
  }
  const url = /^PORTONE_SERVER_URL=(\S+)$/m.exec(output)?.[1];
  if (!url) throw new Error(`unexpected server output: ${output}`);

  async function admin(method, name, body) {
    const res = await fetch(`${url}/__admin/${name}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const envelope = await res.json();
    if (envelope.code !== 0) throw new Error(`admin ${method} ${name}: ${envelope.message}`);
    return envelope.response;
  }

  return {
    url,
    v2Url: `${url}/v2`,
    admin,
    routeCount: async (route) => (await admin("GET", "stats")).byRoute[route] ?? 0,
    /** Waits until the server handles no request (a late `latency` or a slow body ends). */
    async settle() {
      const deadline = performance.now() + SETTLE_LIMIT_MS;
      while ((await admin("GET", "stats")).inFlight > 0) {
        if (performance.now() > deadline) throw new Error("the server still handles a request after 60 s");
        await delay(20);
      }
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
