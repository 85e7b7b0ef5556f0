// Access tokens, as POST /users/getToken documents them: a token lives 30 minutes; asking
// again before expiry returns the same token, and asking within its last minute extends it by
// 5 minutes; once expired, the next request gets a new token and the old one answers 401.

import { randomBytes } from "node:crypto";
import { ApiError, ok, readBody } from "./http.mjs";

const TOKEN_LIFETIME_SECONDS = 30 * 60;
const EXTENSION_WINDOW_SECONDS = 60;
const EXTENSION_SECONDS = 5 * 60;

export const unauthorized = () => new ApiError(401, -1, "Unauthorized");

export function createTokenIssuer({ impKey, impSecret, clock }) {
  let current = null; // { accessToken, expiredAt }

  function issue() {
    const now = clock.nowSeconds();
    if (current === null || now >= current.expiredAt) {
      current = {
        accessToken: randomBytes(20).toString("hex"),
        expiredAt: now + TOKEN_LIFETIME_SECONDS,
      };
    } else if (current.expiredAt - now <= EXTENSION_WINDOW_SECONDS) {
      current.expiredAt += EXTENSION_SECONDS;
    }
    return { access_token: current.accessToken, now, expired_at: current.expiredAt };
  }

  return {
    issue,
    credentialsMatch: (key, secret) => key === impKey && secret === impSecret,

    /** Throws 401 unless the request carries the current, unexpired token. */
    requireToken(req) {
      const token = presentedToken(req);
      const valid =
        current !== null &&
        token === current.accessToken &&
        clock.nowSeconds() < current.expiredAt;
      if (!valid) throw unauthorized();
    },

    reset() {
      current = null;
    },
  };
}

/** POST /users/getToken, with `{imp_key, imp_secret}` as JSON or form fields. */
export async function getToken({ req, state }) {
  const { imp_key, imp_secret } = await readBody(req);
  if (!state.tokens.credentialsMatch(imp_key, imp_secret)) {
    throw new ApiError(401, -1, "imp_key, imp_secret 인증에 실패하였습니다.");
  }
  return ok(state.tokens.issue());
}

/** `Authorization: Bearer <token>`, or the legacy `X-ImpTokenHeader: <token>`. */
function presentedToken(req) {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return bearer ? bearer[1] : req.headers["x-imptokenheader"];
}
