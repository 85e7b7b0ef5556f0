// Fault knobs: how a request is made to misbehave, chosen by the `x-portone-fault` header or
// queued through POST /__admin/faults for the next matching request(s).
//   latency=<ms>                 wait, then answer normally
//   status=429|500|502|503       envelope with that HTTP status (429 adds Retry-After: 1)
//   truncated                    run the request, then send the first half of its JSON body
//   non-json                     HTTP 200 with an HTML page
//   unauthorized                 401 as for an expired token
//   drop                         destroy the socket without answering

import { badRequest, errorReply, jsonReply } from "./http.mjs";
import { unauthorized } from "./tokens.mjs";

export const FAULT_HEADER = "x-portone-fault";
const MAX_LATENCY_MS = 60_000;

const STATUS_MESSAGES = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

const MAINTENANCE_PAGE =
  "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>점검 중</title></head>" +
  "<body><h1>서비스 점검 중입니다</h1><p>잠시 후 다시 시도해 주세요.</p></body></html>\n";

const SIMPLE_FAULTS = ["truncated", "non-json", "unauthorized", "drop"];

/** `{ kind, ms?, status? }` from a fault string; a 400 ApiError when it names no fault. */
export function parseFault(text) {
  const value = String(text).trim();
  if (SIMPLE_FAULTS.includes(value)) return { kind: value };
  const latency = /^latency=(\d+)$/.exec(value);
  if (latency && Number(latency[1]) <= MAX_LATENCY_MS) {
    return { kind: "latency", ms: Number(latency[1]) };
  }
  const status = /^status=(\d+)$/.exec(value);
  if (status && STATUS_MESSAGES[status[1]]) return { kind: "status", status: Number(status[1]) };
  const known = [`latency=<0..${MAX_LATENCY_MS}>`, "status=429|500|502|503", ...SIMPLE_FAULTS];
  throw badRequest(`알 수 없는 fault입니다: ${value} (${known.join(", ")})`);
}

/** Faults waiting for the next request(s), first queued first served. */
export function createFaultQueue() {
  let queued = []; // { fault: string, parsed, remaining: number, route: string | null }
  return {
    enqueue({ fault, times, route }) {
      queued.push({ fault, parsed: parseFault(fault), remaining: times, route });
    },
    /** The fault for a request to `routeKey`, consuming one of its times; null when none. */
    take(routeKey) {
      const entry = queued.find((e) => e.route === null || e.route === routeKey);
      if (!entry) return null;
      entry.remaining -= 1;
      if (entry.remaining === 0) queued = queued.filter((e) => e !== entry);
      return entry.parsed;
    },
    pending: () => queued.map(({ fault, remaining, route }) => ({ fault, remaining, route })),
    reset() {
      queued = [];
    },
  };
}

/** The reply that replaces the real answer, or null when the request still runs. */
export function replacementReply(fault) {
  switch (fault.kind) {
    case "status":
      return jsonReply(
        fault.status,
        { code: -1, message: STATUS_MESSAGES[fault.status], response: null },
        fault.status === 429 ? { "retry-after": "1" } : {},
      );
    case "non-json":
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: MAINTENANCE_PAGE,
      };
    case "unauthorized":
      return errorReply(unauthorized());
    default:
      return null;
  }
}

/** The first half (in bytes) of a reply's body, announced with its cut length. */
export function truncated(reply) {
  const bytes = Buffer.from(reply.body);
  return { ...reply, body: bytes.subarray(0, Math.floor(bytes.length / 2)) };
}
