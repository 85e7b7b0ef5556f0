// Orders: created by the shop's page, priced by the Worker, registered with PortOne before the
// buyer pays.
//
//   GET  /products               the catalogue (id, name, price, currency)
//   POST /orders                 {product_id, quantity?, api?: "v1" | "v2"} -> 201 {order}
//   GET  /orders                 the newest orders (demo only: a real shop would not expose it)
//   GET  /orders/{merchant_uid}  one order and the payments recorded for it

import type { Env } from "../env.js";
import { HttpError, json, readJsonObject, requiredString } from "../http.js";
import * as portoneV1 from "../portone-v1.js";
import * as portoneV2 from "../portone-v2.js";
import { MAX_QUANTITY, PRODUCTS, productById } from "../products.js";
import type { Route } from "../router.js";
import * as store from "../store.js";

/**
 * Registers a new order's amount with PortOne before payment, through the API the order is
 * paid with: V1 `POST /payments/prepare` (merchant_uid), V2 `POST /payments/{paymentId}/pre-register`
 * (the merchant_uid is the paymentId). It runs before the order is stored, so no stored order
 * lacks a registration.
 */
type Registrar = (env: Env, order: { merchant_uid: string; amount: number; currency: string }) => Promise<void>;
const REGISTRARS: Readonly<Record<store.Api, Registrar>> = { v1: portoneV1.prepare, v2: portoneV2.preRegister };

function apiOf(input: Record<string, unknown>): store.Api {
  const api = input.api ?? "v1";
  if (api !== "v1" && api !== "v2") throw new HttpError(400, "INVALID_FIELD", 'api must be "v1" or "v2"', "api");
  return api;
}

/** A fresh order id (also a V2 order's paymentId): PortOne takes merchant_uids of at most 40 characters. */
function newMerchantUid(): string {
  return `order-${crypto.randomUUID().replaceAll("-", "")}`;
}

async function createOrder(request: Request, env: Env): Promise<Response> {
  const input = await readJsonObject(request);
  const productId = requiredString(input, "product_id");
  const product = productById(productId);
  if (product === undefined) throw new HttpError(404, "UNKNOWN_PRODUCT", `no product ${JSON.stringify(productId)}`, "product_id");
  const quantity = input.quantity ?? 1;
  if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new HttpError(400, "INVALID_FIELD", `quantity must be an integer from 1 to ${MAX_QUANTITY}`, "quantity");
  }
  const api = apiOf(input);
  // The price is ours: whatever amount the page sent is ignored on purpose.
  const draft = {
    merchant_uid: newMerchantUid(),
    product_id: productId,
    name: product.name,
    quantity,
    amount: product.price * quantity,
    currency: product.currency,
  };
  const createdAt = new Date().toISOString();
  await REGISTRARS[api](env, draft);
  const order = await store.insertOrder(env.DB, { ...draft, api, created_at: createdAt, prepared_at: new Date().toISOString() });
  return json({ order }, 201);
}

async function listProducts(): Promise<Response> {
  return json({ products: Object.entries(PRODUCTS).map(([id, p]) => ({ id, ...p })), max_quantity: MAX_QUANTITY });
}

async function listOrders(_request: Request, env: Env): Promise<Response> {
  return json({ orders: await store.listOrders(env.DB, 100) });
}

async function showOrder(_request: Request, env: Env, params: Record<string, string>): Promise<Response> {
  const merchantUid = params.merchant_uid ?? "";
  const order = await store.getOrder(env.DB, merchantUid);
  if (order === null) throw new HttpError(404, "UNKNOWN_ORDER", `no order ${JSON.stringify(merchantUid)}`, "merchant_uid");
  return json({ order, payments: await store.paymentsOf(env.DB, merchantUid) });
}

export const orderRoutes: Route[] = [
  { method: "GET", path: "/products", browser: true, handler: listProducts },
  { method: "POST", path: "/orders", browser: true, handler: createOrder },
  { method: "GET", path: "/orders", browser: true, handler: listOrders },
  { method: "GET", path: "/orders/:merchant_uid", browser: true, handler: showOrder },
];
