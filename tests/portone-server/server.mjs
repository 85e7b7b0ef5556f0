// A local PortOne V1 REST server on 127.0.0.1 for tests, benchmarks and the demo.
// startServer() runs it in-process; `node tests/portone-server/server.mjs [--port N]` runs it
// as a process that prints `PORTONE_SERVER_URL=http://127.0.0.1:PORT` and stops on SIGINT/SIGTERM.
// A request goes: admin route, or PortOne route -> count -> fault -> token -> handler; an
// ApiError thrown on the way becomes its envelope.

import { once } from "node:events";
import { createServer } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { ADMIN_PREFIX, handleAdmin } from "./admin.mjs";
import { FAULT_HEADER, parseFault, replacementReply, truncated } from "./faults.mjs";
import { ApiError, envelopeReply, errorReply, writeReply } from "./http.mjs";
import { dispatch, resolveRoute } from "./routes.mjs";
import { createState } from "./state.mjs";

const LOOPBACK = "127.0.0.1";

async function handlePortOneRequest(req, res, url, state, signal) {
  const resolved = resolveRoute(req.method, url.pathname);
  state.stats.record(resolved.key);
  const faultHeader = req.headers[FAULT_HEADER];
  const fault =
    faultHeader === undefined ? state.faults.take(resolved.key) : parseFault(faultHeader);
  if (fault?.kind === "drop") return req.socket.destroy();
  if (fault?.kind === "latency") await delay(fault.ms, undefined, { signal });
  const replacement = fault && replacementReply(fault);
  if (replacement) return writeReply(res, replacement);

  const reply = await dispatch(resolved, { req, query: url.searchParams, state });
  writeReply(res, fault?.kind === "truncated" ? truncated(reply) : reply);
}

/**
 * @param {object} [options]
 * @param {number} [options.port] 0 picks a free port
 * @param {string} [options.host] only "127.0.0.1" is accepted
 * @param {string} [options.impKey]
 * @param {string} [options.impSecret]
 * @param {() => number} [options.now] wall clock in epoch milliseconds (Date.now)
 */
export async function startServer({
  port = 0,
  host = LOOPBACK,
  impKey = "test_imp_key",
  impSecret = "test_imp_secret",
  now,
} = {}) {
  if (host !== LOOPBACK) throw new Error(`the PortOne test server only listens on ${LOOPBACK}`);
  const state = createState({ impKey, impSecret, now });
  const closing = new AbortController();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://${LOOPBACK}`);
    try {
      if (url.pathname.startsWith(ADMIN_PREFIX)) {
        writeReply(res, await handleAdmin(req, url.pathname, state));
      } else {
        await handlePortOneRequest(req, res, url, state, closing.signal);
      }
    } catch (error) {
      if (closing.signal.aborted) return req.socket.destroy();
      if (error instanceof ApiError) return writeReply(res, errorReply(error));
      console.error("portone-server:", error);
      writeReply(res, envelopeReply(500, -1, "Internal Server Error", null));
    }
  });
  server.listen(port, LOOPBACK);
  await once(server, "listening");
  const actualPort = server.address().port;

  return {
    url: `http://${LOOPBACK}:${actualPort}`,
    port: actualPort,
    state,
    async close() {
      closing.abort();
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

function portFromArgs(args) {
  const index = args.findIndex((arg) => arg === "--port" || arg.startsWith("--port="));
  if (index === -1) return 0;
  const value = args[index].includes("=") ? args[index].split("=")[1] : args[index + 1];
  if (!/^\d+$/.test(value ?? "")) throw new Error(`--port needs a number, got ${value}`);
  return Number(value);
}

async function main() {
  const server = await startServer({ port: portFromArgs(process.argv.slice(2)) });
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Only once the signals are handled: a supervisor may stop us as soon as it reads the URL.
  process.stdout.write(`PORTONE_SERVER_URL=${server.url}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
