// V2 HTTP plumbing: bare JSON bodies (no envelope) written with exact int64s, error bodies
// `{type, message}` as the OpenAPI's error schemas define them, and JSON request bodies read
// with exact integers.

import { ApiError } from "../http.mjs";
import { parseExact, stringify } from "./json.mjs";

const JSON_CONTENT_TYPE = "application/json; charset=utf-8";
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The HTTP status of every error `type` the server answers, as the OpenAPI's responses list
 * them (`x-portone-error` unions of getPayment, getPayments, cancelPayment, preRegisterPayment).
 */
export const ERROR_STATUS = Object.freeze({
  INVALID_REQUEST: 400,
  NEGATIVE_PROMOTION_ADJUSTED_CANCEL_AMOUNT: 400,
  PROMOTION_DISCOUNT_RETAIN_OPTION_SHOULD_NOT_BE_CHANGED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PAYMENT_NOT_FOUND: 404,
  ALREADY_PAID: 409,
  PAYMENT_NOT_PAID: 409,
  PAYMENT_ALREADY_CANCELLED: 409,
  CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN: 409,
  CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT: 409,
  SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT: 409,
  CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT: 409,
  CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT: 409,
  MAX_CANCEL_COUNT_REACHED: 409,
  PG_PROVIDER: 502,
});

/** A V2 failure: HTTP status, the error `type`, its message, and extra fields (pgCode…). */
export class V2Error extends Error {
  constructor(type, message, extra = {}, status = ERROR_STATUS[type]) {
    super(message);
    this.type = type;
    this.status = status;
    this.extra = extra;
  }
}

export const invalidRequest = (message) => new V2Error("INVALID_REQUEST", message);

export function v2JsonReply(status, value, headers = {}) {
  return {
    status,
    headers: { "content-type": JSON_CONTENT_TYPE, ...headers },
    body: stringify(value),
  };
}

export const v2Ok = (value) => v2JsonReply(200, value);

export function v2ErrorReply(error) {
  return v2JsonReply(error.status, { type: error.type, message: error.message, ...error.extra });
}

/** The reply `run` builds, or the error body of the V2Error it throws. */
export async function answerV2(run) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof V2Error) return v2ErrorReply(error);
    if (error instanceof ApiError) {
      // A shared helper refused (e.g. a request body over 1 MB): same status, V2's shape.
      return v2ErrorReply(new V2Error("INVALID_REQUEST", error.message, {}, error.status));
    }
    throw error;
  }
}

/** The request body's text ("" when there is none). */
export async function readText(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new V2Error("INVALID_REQUEST", "요청 본문이 너무 큽니다.", {}, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON text as an object with exact integers; INVALID_REQUEST when it is not one. */
export function parseObject(text, what = "요청 본문") {
  let parsed;
  try {
    parsed = parseExact(text);
  } catch {
    throw invalidRequest(`${what}이 올바른 JSON이 아닙니다.`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw invalidRequest(`${what}은 JSON 객체여야 합니다.`);
  }
  return parsed;
}

/** The request body as an object with exact integers; `{}` when empty only if `optional`. */
export async function readObject(req, { optional = false } = {}) {
  const text = await readText(req);
  if (text.trim() === "") {
    if (optional) return {};
    throw invalidRequest("요청 본문이 필요합니다.");
  }
  return parseObject(text);
}
