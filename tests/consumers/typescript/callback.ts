// The README's browser snippet: `if (!r.success) return showError(r.error_code, r.error_msg)`.
// parseRequestPayResponse always returns a boolean `success` ("no error reported", never
// "paid"), so its type must declare it. Type-checked, never run.
import { parseRequestPayResponse } from "portone-verify";
import type { RequestPayResponse } from "portone-verify";

const r: RequestPayResponse = parseRequestPayResponse({ success: "true", imp_uid: "imp_1" });
const success: boolean = r.success;
if (!success) console.log(r.error_code, r.error_msg);
