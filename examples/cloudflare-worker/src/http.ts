// HTTP helpers shared by the routes: errors with a code, JSON answers, request bodies, CORS.

/** An error of this Worker (as opposed to portone-verify's): answered with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** What portone-verify throws: an Error with a stable `code` (and `path` where it applies). */
interface CodedError {
  code?: unknown;
  message?: unknown;
  path?: unknown;
}

/** The HTTP status for an error of portone-verify (or ours). */
export function statusOf(e: unknown): number {
  if (e instanceof HttpError) return e.status;
  switch ((e as CodedError | null)?.code) {
    case "INVALID_JSON":
    case "INVALID_INPUT":
    case "MISSING_FIELD":
    case "INVALID_FIELD":
    case "INVALID_ARGUMENT":
      return 400;
    case "NOT_FOUND":
      return 404; // PortOne has no such payment
    default:
      return 502; // PortOne unreachable, refusing us, or answering nonsense: try again later
  }
}

/** An error as `{ error: { code, message, path? } }`. Messages of portone-verify never hold secrets. */
export function errorBody(e: unknown): { error: { code: string; message: string; path?: string } } {
  const c = (typeof e === "object" && e !== null ? e : {}) as CodedError;
  const error: { code: string; message: string; path?: string } = {
    code: typeof c.code === "string" ? c.code : "INTERNAL",
    message: typeof c.message === "string" ? c.message : String(e),
  };
  if (typeof c.path === "string") error.path = c.path;
  return { error };
}

export function json(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** The request's JSON body as an object, or a 400 INVALID_JSON. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let input: unknown;
  try {
    input = await request.json();
  } catch {
    throw new HttpError(400, "INVALID_JSON", "the body is not JSON");
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new HttpError(400, "INVALID_JSON", "the body is not a JSON object");
  }
  return input as Record<string, unknown>;
}

/** A required non-empty string field of a request body, or a 400 MISSING_FIELD with its path. */
export function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== "string" || value === "") {
    throw new HttpError(400, "MISSING_FIELD", `${field} is required`, field);
  }
  return value;
}

// CORS: only the shop's own pages may call the browser-facing routes.

export interface Cors {
  ok: boolean;
  headers: Record<string, string>;
}

export function cors(request: Request, allowedOrigins: string | undefined): Cors {
  const origin = request.headers.get("origin");
  if (origin === null) return { ok: true, headers: {} }; // not a browser's cross-origin call
  const allowed = String(allowedOrigins ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!allowed.includes(origin)) return { ok: false, headers: { vary: "Origin" } };
  return { ok: true, headers: { "access-control-allow-origin": origin, vary: "Origin" } };
}

export function preflight(c: Cors): Response {
  if (!c.ok) return new Response(null, { status: 403, headers: c.headers });
  return new Response(null, {
    status: 204,
    headers: {
      ...c.headers,
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": "content-type",
      "access-control-max-age": "600",
    },
  });
}
