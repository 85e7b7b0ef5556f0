// Amount pre-registration (PaymentPrepareAnnotation): POST /payments/prepare registers
// `{merchant_uid, amount, currency?}` (a merchant_uid only once), PUT updates a registered one,
// GET /payments/prepare/{merchant_uid} reads it back. Registrations live in state.prepared.

import { badRequest, notFound, ok, readBody, refused } from "./http.mjs";

const NOT_REGISTERED = "사전등록된 결제정보가 없습니다.";

function registrationFrom(body) {
  if (!body.merchant_uid) throw badRequest("merchant_uid는 필수입니다.");
  const amount = Number(body.amount);
  if (body.amount === undefined || body.amount === "" || !Number.isFinite(amount) || amount < 0) {
    throw badRequest("amount는 0 이상의 숫자여야 합니다.");
  }
  return { merchant_uid: String(body.merchant_uid), amount, currency: body.currency || null };
}

/** POST /payments/prepare */
export async function registerPrepared({ req, state }) {
  const registration = registrationFrom(await readBody(req));
  if (state.prepared.has(registration.merchant_uid)) {
    throw refused("이미 사전등록된 merchant_uid입니다.");
  }
  state.prepared.set(registration.merchant_uid, registration);
  return ok(registration);
}

/** PUT /payments/prepare */
export async function updatePrepared({ req, state }) {
  const registration = registrationFrom(await readBody(req));
  if (!state.prepared.has(registration.merchant_uid)) throw notFound(NOT_REGISTERED);
  state.prepared.set(registration.merchant_uid, registration);
  return ok(registration);
}

/** GET /payments/prepare/{merchant_uid} */
export function getPrepared({ params, state }) {
  const registration = state.prepared.get(params.merchant_uid);
  if (!registration) throw notFound(NOT_REGISTERED);
  return ok(registration);
}
