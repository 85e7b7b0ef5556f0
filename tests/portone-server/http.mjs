// HTTP plumbing shared by every route: the PortOne envelope `{code, message, response}`,
// replies as plain values `{status, headers, body}`, ApiError for failures, and request bodies
// (JSON or application/x-www-form-urlencoded).

const JSON_CONTENT_TYPE = "application/json; charset=utf-8";
const MAX_BODY_BYTES = 1024 * 1024;

/** A failure a route answers with: HTTP status plus the envelope's `code` and `message`. */
export class ApiError extends Error {
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const badRequest = (message) => new ApiError(400, -1, message);
export const notFound = (message) => new ApiError(404, 1, message);
/** HTTP 200 with a non-zero code: PortOne's way of refusing a business operation. */
export const refused = (message) => new ApiError(200, 1, message);

export function jsonReply(status, value, headers = {}) {
  return {
    status,
    headers: { "content-type": JSON_CONTENT_TYPE, ...headers },
    body: JSON.stringify(value),
  };
}

export function envelopeReply(status, code, message, response) {
  return jsonReply(status, { code, message, response });
}

export const ok = (response) => envelopeReply(200, 0, null, response);

export function errorReply(error) {
  return jsonReply(
    error.status,
    { code: error.code, message: error.message, response: null },
    error.headers,
  );
}

/** The reply `run` builds, or the envelope of the ApiError it throws. */
export async function answer(run) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error);
    throw error;
  }
}

export function writeReply(res, { status, headers, body }) {
  const bytes = Buffer.from(body);
  res.writeHead(status, { ...headers, "content-length": bytes.length });
  res.end(bytes);
}

/** The request body as an object: JSON, or form fields (every value a string). */
export async function readBody(req) {
  const text = await readText(req);
  if (text.trim() === "") return {};
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest("요청 본문이 올바른 JSON이 아닙니다.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw badRequest("요청 본문은 JSON 객체여야 합니다.");
  }
  return parsed;
}

async function readText(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, -1, "요청 본문이 너무 큽니다.");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
