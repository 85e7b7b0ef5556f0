// Request counters for GET /__admin/stats: every PortOne API request (admin requests are not
// counted), by route key ("GET /payments/{imp_uid}"), with getToken calls singled out.

const GET_TOKEN_ROUTE = "POST /users/getToken";

export function createStats() {
  let requests = 0;
  let byRoute = {};
  return {
    record(routeKey) {
      requests += 1;
      byRoute[routeKey] = (byRoute[routeKey] ?? 0) + 1;
    },
    snapshot: () => ({
      getToken: byRoute[GET_TOKEN_ROUTE] ?? 0,
      requests,
      byRoute: { ...byRoute },
    }),
    reset() {
      requests = 0;
      byRoute = {};
    },
  };
}
