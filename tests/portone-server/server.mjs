// A local PortOne REST server on 127.0.0.1 for tests, benchmarks and the demo: V1 at the root,
// V2 under /v2 (in reality two hosts, api.iamport.kr and api.portone.io, whose paths collide).
// startServer() runs it in-process; `node tests/portone-server/server.mjs [--port N]` runs it
// as a process that prints `PORTONE_SERVER_URL=http://127.0.0.1:PORT` and stops on SIGINT/SIGTERM.
// A request goes: admin route, or PortOne route -> count -> fault -> auth -> handler -> delivery
// (as the fault says); an error thrown on the way becomes that API's error body.

import { once } from "node:events";
import { createServer } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { ADMIN_PREFIX, handleAdmin } from "./admin.mjs";
import { deliver } from "./delivery.mjs";
import { FAULT_HEADER, parseFault, replacementReply } from "./faults.mjs";
import { ApiError, envelopeReply, errorReply, writeReply } from "./http.mjs";
import { dispatch, resolveRoute } from "./routes.mjs";
import { createState } from "./state.mjs";
import { V2Error, v2ErrorReply } from "./v2/http.mjs";
import { dispatchV2, isV2Path, resolveV2Route, V2_PREFIX } from "./v2/routes.mjs";
import { V2_DEFAULTS } from "./v2/seeds.mjs";

const LOOPBACK = "127.0.0.1";

const APIS = {
  v1: { name: "v1", resolve: resolveRoute, dispatch },
  v2: { name: "v2", resolve: resolveV2Route, dispatch: dispatchV2 },
};

async function handlePortOneRequest(req, res, url, state, signal) {
  const api = isV2Path(url.pathname) ? APIS.v2 : APIS.v1;
  const resolved = api.resolve(req.method, url.pathname);
  state.stats.record(resolved.key);
  const faultHeader = req.headers[FAULT_HEADER];
  let fault;
  try {
    fault = faultHeader === undefined ? state.faults.take(resolved.key) : parseFault(faultHeader);
  } catch (error) {
    // An unknown fault header: a 400 in the API's own shape.
    if (!(error instanceof ApiError) || api.name === "v1") throw error;
    return writeReply(res, v2ErrorReply(new V2Error("INVALID_REQUEST", error.message)));
  }
  if (fault?.kind === "drop") return req.socket.destroy();
  if (fault?.kind === "latency") await delay(fault.ms, undefined, { signal });
  const replacement = fault && replacementReply(fault, api.name);
  if (replacement) return writeReply(res, replacement);

  const reply = await api.dispatch(resolved, { req, query: url.searchParams, state });
  await deliver(req, res, reply, fault, signal, state.stats);
}

/**
 * @param {object} [options]
 * @param {number} [options.port] 0 picks a free port
 * @param {string} [options.host] only "127.0.0.1" is accepted
 * @param {string} [options.impKey]
 * @param {string} [options.impSecret]
 * @param {string} [options.v2ApiSecret] V2 `Authorization: PortOne <secret>`
 * @param {string} [options.v2StoreId] the one V2 store the secret has access to
 * @param {string} [options.v2MerchantId]
 * @param {string} [options.v2WebhookSecret] default key of POST /__admin/v2/webhook
 * @param {() => number} [options.now] wall clock in epoch milliseconds (Date.now)
 * @returns {Promise<{url: string, v2Url: string, port: number, state: object, close(): Promise<void>}>}
 *   `url` is the V1 base URL, `v2Url` (`${url}/v2`) the V2 one.
 */
export async function startServer({
  port = 0,
  host = LOOPBACK,
  impKey = "test_imp_key",
  impSecret = "test_imp_secret",
  v2ApiSecret = V2_DEFAULTS.apiSecret,
  v2StoreId = V2_DEFAULTS.storeId,
  v2MerchantId = V2_DEFAULTS.merchantId,
  v2WebhookSecret = V2_DEFAULTS.webhookSecret,
  now,
} = {}) {
  if (host !== LOOPBACK) throw new Error(`the PortOne test server only listens on ${LOOPBACK}`);
  const v2 = { apiSecret: v2ApiSecret, storeId: v2StoreId, merchantId: v2MerchantId, webhookSecret: v2WebhookSecret };
  const state = createState({ impKey, impSecret, v2, now });
  const closing = new AbortController();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://${LOOPBACK}`);
    try {
      if (url.pathname.startsWith(ADMIN_PREFIX)) {
        writeReply(res, await handleAdmin(req, url.pathname, state));
      } else {
        state.stats.begin();
        try {
          await handlePortOneRequest(req, res, url, state, closing.signal);
        } finally {
          state.stats.end();
        }
      }
    } catch (error) {
      if (closing.signal.aborted || res.headersSent) return req.socket.destroy();
      if (error instanceof ApiError) return writeReply(res, errorReply(error));
      console.error("portone-server:", error);
      writeReply(res, envelopeReply(500, -1, "Internal Server Error", null));
    }
  });
  server.listen(port, LOOPBACK);
  await once(server, "listening");
  const actualPort = server.address().port;

  const url = `http://${LOOPBACK}:${actualPort}`;
  return {
    url,
    v2Url: `${url}${V2_PREFIX}`,
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
