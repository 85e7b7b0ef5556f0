// The Worker's bindings (wrangler.toml, .dev.vars locally, `wrangler secret put` when deployed).

export interface Env {
  /** The shop's database: orders, payments, webhook deliveries (migrations/). */
  DB: D1Database;
  /** PortOne V1 REST API key and secret (secrets). */
  PORTONE_API_KEY?: string;
  PORTONE_API_SECRET?: string;
  /** PortOne V1 REST API origin; default https://api.iamport.kr (.dev.vars: the local server). */
  PORTONE_BASE_URL?: string;
  /** Origins of the shop's pages allowed to call the browser routes (comma-separated). */
  ALLOWED_ORIGINS?: string;
}
