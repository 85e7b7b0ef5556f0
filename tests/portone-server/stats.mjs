// Request counters for GET /__admin/stats: every PortOne API request, V1 and V2 (admin
// requests are not counted), by route key ("GET /payments/{imp_uid}",
// "GET /v2/payments/{paymentId}"), with getToken calls singled out, and how many are being
// handled right now (`inFlight`: a request still waiting on latency, or a body still streaming),
// and what the `oversized` faults streamed (how many bodies were started and sent whole, and how
// many bytes were handed to the socket: a client that refuses a huge answer early keeps it low).

const GET_TOKEN_ROUTE = "POST /users/getToken";

export function createStats() {
  let requests = 0;
  let byRoute = {};
  let inFlight = 0;
  let oversized = { started: 0, completed: 0, bytesWritten: 0 };
  return {
    begin() {
      inFlight += 1;
    },
    end() {
      inFlight -= 1;
    },
    record(routeKey) {
      requests += 1;
      byRoute[routeKey] = (byRoute[routeKey] ?? 0) + 1;
    },
    /** An oversized body was started. */
    oversizedStarted() {
      oversized.started += 1;
    },
    /** `bytes` more of an oversized body were handed to the socket. */
    oversizedWritten(bytes) {
      oversized.bytesWritten += bytes;
    },
    /** An oversized body was sent to its end. */
    oversizedCompleted() {
      oversized.completed += 1;
    },
    snapshot: () => ({
      getToken: byRoute[GET_TOKEN_ROUTE] ?? 0,
      requests,
      byRoute: { ...byRoute },
      inFlight,
      oversized: { ...oversized },
    }),
    /** Counters only: requests still in flight stay counted in `inFlight`. */
    reset() {
      requests = 0;
      byRoute = {};
      oversized = { started: 0, completed: 0, bytesWritten: 0 };
    },
  };
}
