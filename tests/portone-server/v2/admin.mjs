// The V2 half of the test-only admin API, under /__admin/v2/ (no auth, not counted, never
// faulted; answers in the admin envelope `{code, message, response}`, int64s exact):
//   POST /__admin/v2/payments                       partial Payment -> the stored payment
//   GET  /__admin/v2/payments/{paymentId}           the stored payment
//   POST /__admin/v2/payments/{paymentId}/status    { status, amount?, reason? } -> payment
//   GET  /__admin/v2/pre-registrations/{paymentId}  what pre-register recorded
//   POST /__admin/v2/webhook                        { paymentId, type, … } -> { headers, body }

import { ApiError, badRequest } from "../http.mjs";
import { decodeParams, matchSegments } from "../routing.mjs";
import { parseExact, stringify } from "./json.mjs";
import { readText } from "./http.mjs";
import { buildV2Payment, generatePaymentId } from "./payment.mjs";
import { changeStatus } from "./transitions.mjs";
import { isWebhookSecret, signWebhook, webhookBody, webhookId } from "./webhook.mjs";

const adminOk = (response) => ({
  status: 200,
  headers: { "content-type": "application/json; charset=utf-8" },
  body: stringify({ code: 0, message: null, response }),
});

const notFound = (message) => new ApiError(404, 1, message);

async function readAdminBody(req) {
  const text = await readText(req).catch((error) => {
    throw badRequest(error.message);
  });
  if (text.trim() === "") return {};
  let body;
  try {
    body = parseExact(text);
  } catch {
    throw badRequest("요청 본문이 올바른 JSON이 아닙니다.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest("요청 본문은 JSON 객체여야 합니다.");
  }
  return body;
}

const nonEmptyString = (value) => typeof value === "string" && value !== "";

function storedPayment(state, paymentId) {
  const payment = state.v2.store.get(paymentId);
  if (!payment) throw notFound(`존재하지 않는 V2 결제입니다: ${paymentId}`);
  return payment;
}

async function createV2Payment({ req, state }) {
  const partial = await readAdminBody(req);
  const { store } = state.v2;
  if (partial.id != null && !nonEmptyString(partial.id)) throw badRequest("id는 비어 있지 않은 문자열이어야 합니다.");
  if (partial.status != null && !nonEmptyString(partial.status)) throw badRequest("status는 문자열이어야 합니다.");
  if (partial.amount != null && (typeof partial.amount !== "object" || Array.isArray(partial.amount))) {
    throw badRequest("amount는 객체여야 합니다.");
  }
  if (partial.id != null && store.has(partial.id)) throw new ApiError(409, 1, `이미 존재하는 paymentId입니다: ${partial.id}`);
  let id = partial.id;
  while (id == null || store.has(id)) id = generatePaymentId();
  return adminOk(store.add(buildV2Payment({ ...partial, id }, state.clock.nowSeconds(), store.config)));
}

async function setStatus({ req, state, params }) {
  const payment = storedPayment(state, params.paymentId);
  const { status, amount, reason } = await readAdminBody(req);
  if (!nonEmptyString(status)) throw badRequest("status는 비어 있지 않은 문자열이어야 합니다.");
  if (reason !== undefined && typeof reason !== "string") throw badRequest("reason은 문자열이어야 합니다.");
  try {
    changeStatus(payment, { status, amount, reason }, state.clock.nowSeconds());
  } catch (error) {
    throw badRequest(error.message);
  }
  return adminOk(payment);
}

function preRegistration({ state, params }) {
  const registration = state.v2.store.preRegistered.get(params.paymentId);
  if (!registration) throw notFound(`사전 등록되지 않은 paymentId입니다: ${params.paymentId}`);
  return adminOk(registration);
}

async function signedWebhook({ req, state }) {
  const body = await readAdminBody(req);
  const { store } = state.v2;
  const { paymentId, type, version = "2024-04-25", format = "json" } = body;
  if (!nonEmptyString(paymentId) || !nonEmptyString(type)) throw badRequest("paymentId와 type은 필수입니다.");
  if (!["2024-04-25", "2024-01-01"].includes(version)) throw badRequest(`알 수 없는 version입니다: ${version}`);
  if (!["json", "form"].includes(format)) throw badRequest("format은 json 또는 form입니다.");
  const secret = body.secret ?? store.config.webhookSecret;
  if (!isWebhookSecret(secret)) throw badRequest("secret은 whsec_ 뒤의 base64(또는 base64)여야 합니다.");
  const timestamp = body.timestamp ?? BigInt(state.clock.nowSeconds());
  if (typeof timestamp !== "bigint") throw badRequest("timestamp는 UNIX 초(정수)여야 합니다.");
  const id = body.webhookId ?? webhookId();
  if (!nonEmptyString(id)) throw badRequest("webhookId는 문자열이어야 합니다.");
  for (const name of ["cancellationId", "transactionId", "billingKey"]) {
    if (body[name] !== undefined && !nonEmptyString(body[name])) throw badRequest(`${name}은 문자열이어야 합니다.`);
  }
  const payment = store.get(paymentId) ?? null;
  if (type.startsWith("BillingKey.") && !(body.billingKey ?? payment?.billingKey)) {
    throw badRequest("BillingKey 웹훅에는 billingKey가 필요합니다.");
  }
  const { body: text, contentType } = webhookBody({
    version,
    format,
    type,
    timestamp: Number(timestamp),
    paymentId,
    storeId: store.config.storeId,
    transactionId: body.transactionId ?? payment?.transactionId ?? `${paymentId}-tx`,
    payment,
    cancellationId: body.cancellationId,
    billingKey: body.billingKey,
  });
  const headers = { ...signWebhook({ secret, id, timestamp: timestamp.toString(), body: text }), "content-type": contentType };
  return adminOk({ headers, body: text });
}

const ROUTES = [
  ["POST", "/__admin/v2/payments", createV2Payment],
  ["GET", "/__admin/v2/payments/{paymentId}", ({ state, params }) => adminOk(storedPayment(state, params.paymentId))],
  ["POST", "/__admin/v2/payments/{paymentId}/status", setStatus],
  ["GET", "/__admin/v2/pre-registrations/{paymentId}", preRegistration],
  ["POST", "/__admin/v2/webhook", signedWebhook],
].map(([method, pattern, handler]) => ({ method, segments: pattern.slice(1).split("/"), handler }));

export const V2_ADMIN_PREFIX = "/__admin/v2/";

/** Runs a /__admin/v2/ request; null when no V2 admin route has this path and method. */
export function handleV2Admin(req, pathname, state) {
  const pathSegments = pathname.slice(1).split("/");
  for (const { method, segments, handler } of ROUTES) {
    const raw = method === req.method ? matchSegments(segments, pathSegments) : null;
    if (raw === null || Object.values(raw).includes("")) continue;
    const params = decodeParams(raw);
    if (params === null) throw badRequest("경로의 퍼센트 인코딩이 올바르지 않습니다.");
    return handler({ req, state, params });
  }
  return null;
}
