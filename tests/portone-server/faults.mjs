// Fault knobs: how a request is made to misbehave, chosen by the `x-portone-fault` header or
// queued through POST /__admin/faults for the next matching request(s). They apply to V1 and
// V2 routes alike (error bodies in each API's own shape). README.md has the table.
//   latency=<ms>                          wait, then answer normally
//   status=<429|500|502|503|504>[;retry-after=<s>|none|date+<s>]
//                                         that status, not processed (429 adds Retry-After: 1)
//   truncated                             run the request, send the first half of its body
//   reset                                 run it, send headers + half the body, then a TCP RST
//   slow-body=<ms>                        run it, send headers now and the body over <ms>
//   oversized=<bytes> / oversized-chunked=<bytes>
//                                         run it, send a valid body padded to <bytes>
//   non-json | bad-json                   200 with an HTML page | with JSON that does not parse
//   api-code=<n>                          200 with {code:n, message, response:null}
//   error=<TYPE>                          V2 only: that V2 error body with its OpenAPI status
//   unauthorized                          401 as for an expired token (V1) / a wrong secret (V2)
//   drop                                  destroy the socket without answering

import { badRequest, errorReply, jsonReply } from "./http.mjs";
import { unauthorized } from "./tokens.mjs";
import { ERROR_STATUS, V2Error, v2ErrorReply, v2JsonReply } from "./v2/http.mjs";

export const FAULT_HEADER = "x-portone-fault";
const MAX_MS = 60_000;
const MAX_OVERSIZED_BYTES = 1024 * 1024 * 1024;

const STATUS_MESSAGES = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** V2 has no envelope: what a 429/5xx says there. */
const V2_STATUS_TYPES = {
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

const MAINTENANCE_PAGE =
  "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>점검 중</title></head>" +
  "<body><h1>서비스 점검 중입니다</h1><p>잠시 후 다시 시도해 주세요.</p></body></html>\n";

/** A body that claims success and does not parse: `"imp_uid":}` / `"paid":}`. */
const BAD_JSON = {
  v1: '{"code":0,"message":null,"response":{"status":"paid","amount":1004,"imp_uid":}}',
  v2: '{"status":"PAID","id":"payment","amount":{"total":1004,"paid":}}',
};

const SIMPLE_FAULTS = ["truncated", "reset", "non-json", "bad-json", "unauthorized", "drop"];
const KNOWN = [
  `latency=<0..${MAX_MS}>`,
  "status=429|500|502|503|504[;retry-after=<s>|none|date+<s>]",
  `slow-body=<0..${MAX_MS}>`,
  "oversized=<bytes>",
  "oversized-chunked=<bytes>",
  "api-code=<n>",
  "error=<V2 TYPE>",
  ...SIMPLE_FAULTS,
];

function statusFault(status, retryAfter) {
  if (!STATUS_MESSAGES[status]) return null;
  if (retryAfter === undefined) return { kind: "status", status: Number(status), retryAfter: status === "429" ? "1" : null };
  if (retryAfter === "none") return { kind: "status", status: Number(status), retryAfter: null };
  const date = /^date\+(\d+)$/.exec(retryAfter);
  if (date) return { kind: "status", status: Number(status), retryAfterDateIn: Number(date[1]) };
  return /^\d+$/.test(retryAfter) ? { kind: "status", status: Number(status), retryAfter } : null;
}

/** `{ kind, … }` from a fault string; a 400 ApiError when it names no fault. */
export function parseFault(text) {
  const value = String(text).trim();
  if (SIMPLE_FAULTS.includes(value)) return { kind: value };
  const [, name, argument] = /^([a-z-]+)=(.*)$/.exec(value) ?? [];
  let fault = null;
  if ((name === "latency" || name === "slow-body") && /^\d+$/.test(argument) && Number(argument) <= MAX_MS) {
    fault = { kind: name, ms: Number(argument) };
  } else if (name === "status") {
    const [, status, retryAfter] = /^(\d+)(?:;retry-after=(.+))?$/.exec(argument) ?? [];
    fault = status ? statusFault(status, retryAfter) : null;
  } else if ((name === "oversized" || name === "oversized-chunked") && /^\d+$/.test(argument)) {
    const bytes = Number(argument);
    if (bytes <= MAX_OVERSIZED_BYTES) fault = { kind: "oversized", bytes, chunked: name === "oversized-chunked" };
  } else if (name === "api-code" && /^-?\d{1,10}$/.test(argument)) {
    fault = { kind: "api-code", code: Number(argument) };
  } else if (name === "error" && Object.hasOwn(ERROR_STATUS, argument)) {
    fault = { kind: "error", type: argument };
  }
  if (fault) return fault;
  throw badRequest(`알 수 없는 fault입니다: ${value} (${KNOWN.join(", ")})`);
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

function retryAfterHeaders(fault) {
  if (fault.retryAfterDateIn !== undefined) {
    return { "retry-after": new Date(Date.now() + fault.retryAfterDateIn * 1000).toUTCString() };
  }
  return fault.retryAfter === null ? {} : { "retry-after": fault.retryAfter };
}

/**
 * The reply that replaces the real answer (the request is then not processed), or null when
 * the request still runs. `api` is "v1" or "v2".
 */
export function replacementReply(fault, api) {
  const v2 = api === "v2";
  switch (fault.kind) {
    case "status": {
      const message = STATUS_MESSAGES[fault.status];
      const body = v2 ? { type: V2_STATUS_TYPES[fault.status], message } : { code: -1, message, response: null };
      return (v2 ? v2JsonReply : jsonReply)(fault.status, body, retryAfterHeaders(fault));
    }
    case "non-json":
      return { status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: MAINTENANCE_PAGE };
    case "bad-json":
      return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: BAD_JSON[api] };
    case "api-code":
      return jsonReply(200, { code: fault.code, message: "요청을 처리하지 못했습니다.", response: null });
    case "error": {
      if (!v2) return errorReply(badRequest("error=<TYPE> fault는 V2 경로에만 적용됩니다."));
      const extra = fault.type === "PG_PROVIDER" ? { pgCode: "PG9999", pgMessage: "PG사 오류" } : {};
      return v2ErrorReply(new V2Error(fault.type, `${fault.type} (fault)`, extra));
    }
    case "unauthorized":
      return v2
        ? v2ErrorReply(new V2Error("UNAUTHORIZED", "인증 정보가 올바르지 않습니다."))
        : errorReply(unauthorized());
    default:
      return null;
  }
}
