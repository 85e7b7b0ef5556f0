// Test-only admin API under /__admin/ (not PortOne's; no token needed, not counted in stats,
// never faulted). Answers use the same envelope `{code, message, response}`. The V2 payment
// endpoints are under /__admin/v2/ (v2/admin.mjs).
//   POST /__admin/payments  partial PaymentAnnotation -> the stored, completed payment
//   GET  /__admin/stats     { getToken, requests, byRoute, inFlight }
//   POST /__admin/reset     V1 and V2 seeds, counters, tokens, prepared and pre-registered
//                           amounts, faults and clock
//   POST /__admin/clock     { advanceSeconds } -> { now, offsetSeconds }
//   POST /__admin/faults    { fault, times = 1, route? } -> { queued: [...] }

import { ApiError, badRequest, ok, readBody } from "./http.mjs";
import { buildPayment, generateImpUid } from "./payment.mjs";
import { ROUTE_KEYS } from "./routes.mjs";
import { handleV2Admin, V2_ADMIN_PREFIX } from "./v2/admin.mjs";
import { V2_ROUTE_KEYS } from "./v2/routes.mjs";

const ALL_ROUTE_KEYS = [...ROUTE_KEYS, ...V2_ROUTE_KEYS];

export const ADMIN_PREFIX = "/__admin/";

function unusedImpUid(store) {
  let impUid;
  do impUid = generateImpUid();
  while (store.has(impUid));
  return impUid;
}

async function createPayment({ req, state }) {
  const partial = await readBody(req);
  if (partial.imp_uid != null && (typeof partial.imp_uid !== "string" || partial.imp_uid === "")) {
    throw badRequest("imp_uid는 비어 있지 않은 문자열이어야 합니다.");
  }
  if (partial.imp_uid != null && state.store.has(partial.imp_uid)) {
    throw new ApiError(409, 1, `이미 존재하는 imp_uid입니다: ${partial.imp_uid}`);
  }
  const impUid = partial.imp_uid ?? unusedImpUid(state.store);
  const payment = buildPayment({ ...partial, imp_uid: impUid }, state.clock.nowSeconds());
  return ok(state.store.add(payment));
}

async function advanceClock({ req, state }) {
  const { advanceSeconds } = await readBody(req);
  if (typeof advanceSeconds !== "number" || !Number.isFinite(advanceSeconds)) {
    throw badRequest("advanceSeconds는 숫자여야 합니다.");
  }
  state.clock.advance(advanceSeconds);
  return ok({ now: state.clock.nowSeconds(), offsetSeconds: state.clock.offsetSeconds });
}

async function queueFault({ req, state }) {
  const { fault, times = 1, route = null } = await readBody(req);
  if (typeof fault !== "string") throw badRequest("fault는 문자열이어야 합니다.");
  if (!Number.isInteger(times) || times < 1) throw badRequest("times는 1 이상의 정수입니다.");
  if (route !== null && !ALL_ROUTE_KEYS.includes(route)) {
    throw badRequest(`알 수 없는 route입니다: ${route} (${ALL_ROUTE_KEYS.join(", ")})`);
  }
  state.faults.enqueue({ fault, times, route });
  return ok({ queued: state.faults.pending() });
}

const ADMIN_ROUTES = {
  "POST /__admin/payments": createPayment,
  "GET /__admin/stats": ({ state }) => ok(state.stats.snapshot()),
  "POST /__admin/reset": ({ state }) => {
    state.reset();
    return ok(null);
  },
  "POST /__admin/clock": advanceClock,
  "POST /__admin/faults": queueFault,
};

export function handleAdmin(req, pathname, state) {
  const v2 = pathname.startsWith(V2_ADMIN_PREFIX) ? handleV2Admin(req, pathname, state) : null;
  if (v2 !== null) return v2;
  const handler = ADMIN_ROUTES[`${req.method} ${pathname}`];
  if (!handler) throw new ApiError(404, -1, `존재하지 않는 admin API입니다: ${req.method} ${pathname}`);
  return handler({ req, state });
}
