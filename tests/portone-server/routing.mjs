// Path matching shared by the V1 and V2 route tables: patterns with `{param}` and an optional
// trailing `{param?}`, matched on raw (still percent-encoded) segments, then decoded, so ids
// may hold `/`, spaces or Korean.

/** A route of a table: `key` ("GET /payments/{imp_uid}") names it in stats and faults. */
export const route = (method, pattern, handler, { auth = true } = {}) => ({
  key: `${method} ${pattern}`,
  method,
  segments: pattern.slice(1).split("/"),
  handler,
  auth,
});

/** The stats / fault key of a request that matched no route. */
export const UNMATCHED_ROUTE = "unmatched";

/** The raw (still percent-encoded) params, or null when the path does not fit the pattern. */
export function matchSegments(patternSegments, pathSegments) {
  if (pathSegments.length > patternSegments.length) return null;
  const params = {};
  for (const [index, part] of patternSegments.entries()) {
    const segment = pathSegments[index];
    const param = /^\{(\w+)(\?)?\}$/.exec(part);
    if (!param) {
      if (segment !== part) return null;
    } else if (segment === undefined || (param[2] && segment === "")) {
      if (!param[2]) return null;
    } else {
      params[param[1]] = segment;
    }
  }
  return params;
}

/**
 * The route of `routes` (first match wins) for a request: `{ key, route, rawParams }`;
 * `route` is null when nothing matches, and `methodNotAllowed` tells a known path asked
 * with another method.
 */
export function resolveIn(routes, method, pathname) {
  const pathSegments = pathname.slice(1).split("/");
  let methodNotAllowed = false;
  for (const candidate of routes) {
    const rawParams = matchSegments(candidate.segments, pathSegments);
    if (rawParams === null) continue;
    if (candidate.method === method) return { key: candidate.key, route: candidate, rawParams };
    methodNotAllowed = true;
  }
  return { key: UNMATCHED_ROUTE, route: null, methodNotAllowed };
}

/** The percent-decoded params, or null when one of them is not valid percent-encoding. */
export function decodeParams(rawParams) {
  try {
    return Object.fromEntries(
      Object.entries(rawParams).map(([name, raw]) => [name, decodeURIComponent(raw)]),
    );
  } catch {
    return null;
  }
}
