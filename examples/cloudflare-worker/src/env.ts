// The Worker's bindings (wrangler.toml, .dev.vars locally, `wrangler secret put` when deployed).

export interface Env {
  /** The shop's database: orders, payments, webhook deliveries (migrations/). */
  DB: D1Database;
  /** PortOne V1 REST API key and secret (secrets). */
  PORTONE_API_KEY?: string;
  PORTONE_API_SECRET?: string;
  /** PortOne V1 REST API origin; default https://api.iamport.kr (.dev.vars: the local server). */
  PORTONE_BASE_URL?: string;
  /** PortOne V2 API secret (secret; `Authorization: PortOne <secret>`, no token exchange). */
  PORTONE_V2_API_SECRET?: string;
  /** PortOne V2 webhook secret (`whsec_…`, secret): V2 webhooks are refused without it. */
  PORTONE_V2_WEBHOOK_SECRET?: string;
  /** PortOne V2 store id (var): payments of another store never verify. Optional with one store. */
  PORTONE_V2_STORE_ID?: string;
  /** PortOne V2 REST API origin; default https://api.portone.io (.dev.vars: the local server's /v2). */
  PORTONE_V2_BASE_URL?: string;
  /** Origins of the shop's pages allowed to call the browser routes (comma-separated). */
  ALLOWED_ORIGINS?: string;
}
