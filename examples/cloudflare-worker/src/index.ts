// A Cloudflare Worker for a shop that takes PortOne (I'mport) payments and ships only what is
// proven paid. Orders, payments and webhook deliveries live in D1 (migrations/).
//
//   GET  /products             the catalogue
//   POST /orders               the page orders a product; the Worker prices it and registers
//                              the amount with PortOne (routes/orders.ts)
//   POST /payments/complete    the page reports a V1 payment; the Worker verifies it
//   POST /portone/webhook      PortOne's V1 notification; verified the same way (routes/portone-v1.ts)
//   POST /v2/payments/complete the page reports a V2 payment {paymentId}; verified the same way
//   POST /v2/webhooks          PortOne's signed V2 webhook, idempotent by webhook-id (routes/portone-v2.ts)
//   GET  /orders, /orders/{merchant_uid}   demo listings
//
// V1 and V2 store through the same src/store.ts (provider 'portone-v1' or 'portone-v2').

import type { Env } from "./env.js";
import { json } from "./http.js";
import { router, type Route } from "./router.js";
import { orderRoutes } from "./routes/orders.js";
import { portoneV1Routes } from "./routes/portone-v1.js";
import { portoneV2Routes } from "./routes/portone-v2.js";

const routes: Route[] = [
  ...orderRoutes,
  ...portoneV1Routes,
  ...portoneV2Routes,
  {
    method: "GET",
    path: "/",
    browser: false,
    handler: async () =>
      json({ name: "portone-verify Cloudflare Worker example", routes: routes.map((r) => `${r.method} ${r.path}`) }),
  },
];

const handle = router(routes);

export default {
  fetch: (request, env) => handle(request, env),
} satisfies ExportedHandler<Env>;
