// Reading V2 request fields by their OpenAPI types (int64 integers exactly, strings, enums,
// booleans, RFC 3339 date-times), each refusal an INVALID_REQUEST naming the field; and
// writing the server clock as RFC 3339.

import { invalidRequest } from "./http.mjs";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Server-clock seconds as an RFC 3339 date-time in UTC ("2024-05-10T03:00:00.000Z"). */
export const rfc3339 = (seconds) => new Date(seconds * 1000).toISOString();

/** Epoch milliseconds of a stored RFC 3339 value; 0 when it is absent or unreadable. */
export const timeOf = (text) => (typeof text === "string" ? Date.parse(text) || 0 : 0);

const isInt64 = (value) => typeof value === "bigint" && value >= INT64_MIN && value <= INT64_MAX;

/** An optional int64 (a JSON integer) of at least `min`; null when absent. */
export function optionalInt64(body, name, { min = 0n } = {}) {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (!isInt64(value)) throw invalidRequest(`${name}는 정수(int64)여야 합니다.`);
  if (value < min) throw invalidRequest(`${name}는 ${min} 이상이어야 합니다.`);
  return value;
}

/** An optional int32 page value (a JSON integer) of at least `min`; `fallback` when absent. */
export function optionalInt32(body, name, fallback, { min = 0 } = {}) {
  const value = body?.[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "bigint" || value < BigInt(min) || value > 2n ** 31n - 1n) {
    throw invalidRequest(`${name}는 ${min} 이상의 정수(int32)여야 합니다.`);
  }
  return Number(value);
}

export function optionalString(body, name) {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw invalidRequest(`${name}는 문자열이어야 합니다.`);
  return value;
}

export function requiredString(body, name) {
  const value = optionalString(body, name);
  if (value === null || value.trim() === "") throw invalidRequest(`${name}는 필수입니다.`);
  return value;
}

export function optionalBoolean(body, name) {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== "boolean") throw invalidRequest(`${name}는 boolean이어야 합니다.`);
  return value;
}

export function optionalEnum(body, name, values) {
  const value = optionalString(body, name);
  if (value !== null && !values.includes(value)) {
    throw invalidRequest(`${name}는 ${values.join(", ")} 중 하나여야 합니다: ${value}`);
  }
  return value;
}

/** An optional array of strings, each one of `values` when given. */
export function optionalEnumList(body, name, values = null) {
  const list = body[name];
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) {
    throw invalidRequest(`${name}는 문자열 배열이어야 합니다.`);
  }
  const unknown = values && list.find((item) => !values.includes(item));
  if (unknown) throw invalidRequest(`${name}에 알 수 없는 값이 있습니다: ${unknown}`);
  return list;
}

/** An optional RFC 3339 date-time as epoch milliseconds. */
export function optionalDateTime(body, name) {
  const value = optionalString(body, name);
  if (value === null) return null;
  const ms = Date.parse(value);
  if (!RFC3339.test(value) || Number.isNaN(ms)) {
    throw invalidRequest(`${name}는 RFC 3339 date-time이어야 합니다: ${value}`);
  }
  return ms;
}

/** An optional JSON object. */
export function optionalObject(body, name) {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalidRequest(`${name}는 객체여야 합니다.`);
  }
  return value;
}
