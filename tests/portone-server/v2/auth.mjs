// V2 authentication: `Authorization: PortOne <API secret>` on every request, or
// `Authorization: Bearer <access token>` with a token from POST /login/api-secret (valid 30
// minutes on the server clock). Anything else is a 401 UNAUTHORIZED.

import { randomBytes } from "node:crypto";
import { V2Error, readObject, v2Ok } from "./http.mjs";
import { requiredString } from "./values.mjs";

const ACCESS_TOKEN_SECONDS = 30 * 60;

export const v2Unauthorized = (message = "인증 정보가 올바르지 않습니다.") =>
  new V2Error("UNAUTHORIZED", message);

export function createV2Auth({ apiSecret, clock }) {
  const accessTokens = new Map(); // token -> expires at (server seconds)

  return {
    secretMatches: (secret) => secret === apiSecret,

    /** An access token and a refresh token for a correct API secret. */
    login() {
      const now = clock.nowSeconds();
      const accessToken = `v2at_${randomBytes(24).toString("hex")}`;
      accessTokens.set(accessToken, now + ACCESS_TOKEN_SECONDS);
      return {
        accessToken,
        // Issued as PortOne does; POST /token/refresh is not served.
        refreshToken: `v2rt_${randomBytes(24).toString("hex")}`,
      };
    },

    /** Throws 401 unless the request carries the API secret or a live access token. */
    requireAuth(req) {
      const header = req.headers.authorization ?? "";
      const portone = /^PortOne\s+(\S+)\s*$/i.exec(header);
      if (portone) {
        if (portone[1] === apiSecret) return;
        throw v2Unauthorized("API Secret이 올바르지 않습니다.");
      }
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (bearer) {
        const expiresAt = accessTokens.get(bearer[1]);
        if (expiresAt !== undefined && clock.nowSeconds() < expiresAt) return;
        throw v2Unauthorized("액세스 토큰이 올바르지 않거나 만료되었습니다.");
      }
      throw v2Unauthorized("Authorization 헤더가 필요합니다 (PortOne <API Secret>).");
    },

    reset() {
      accessTokens.clear();
    },
  };
}

/** POST /login/api-secret `{apiSecret}` -> `{accessToken, refreshToken}`. */
export async function loginViaApiSecret({ req, state }) {
  const body = await readObject(req);
  const apiSecret = requiredString(body, "apiSecret");
  if (!state.v2.auth.secretMatches(apiSecret)) throw v2Unauthorized("API Secret이 올바르지 않습니다.");
  return v2Ok(state.v2.auth.login());
}
