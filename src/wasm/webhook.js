// Reads a V2 webhook request (verifyWebhookV2's secret, rawBody, headers and options.now, or
// the V2 client's rawBody and headers) into a buffer in wasm memory, in one crossing. The
// contract with Rust is src/wasm/webhook_args.rs's module doc: Rust owns the buffer's layout and
// gives it to this module once (`install_webhook`); a read writes what it read (or, in
// `needed`, the room it needs: then Rust grows the buffer and calls write_webhook), or throws.
//
// Only the reading is here: which header values count (a name given twice, an empty or a
// non-string value) is decided in Rust (WebhookHeaders), from the values this module finds
// under the names that match.
import { codedError } from "./errors.js";

const encoder = new TextEncoder();

// From Rust, once: the layout (offsets from the buffer's start) and the three header names.
let L;
let NAMES;

export function install_webhook(layout, names) {
  L = layout;
  NAMES = names;
}

// Views of wasm memory, made again when it grows (the old buffer is then detached).
let bytes = null;
let data = null;
function views(memory) {
  if (bytes === null || bytes.byteLength === 0) {
    bytes = new Uint8Array(memory.buffer);
    data = new DataView(memory.buffer);
  }
}

// `options.now` (milliseconds), else Date.now(). A getter that throws counts as absent.
function nowMs(options) {
  let now;
  if (typeof options === "object" && options !== null) {
    try {
      now = options.now;
    } catch {
      now = undefined;
    }
  }
  if (now === undefined) return Date.now();
  if (typeof now !== "number" || !Number.isFinite(now)) {
    throw codedError(
      "INVALID_ARGUMENT",
      "options.now must be a finite number of milliseconds since the epoch",
      "options.now",
    );
  }
  return now;
}

// Adds the three headers' (tag, value) entries: the tag is the header's index in NAMES, the
// value `null` when it is not a string. A `Headers`-like object (a `get` method) is asked for the
// three names; a plain object is walked as the official SDK walks it (own enumerable keys, names
// by toLowerCase(), arrays as repeated values, null and undefined skipped).
function readHeaders(headers, entries) {
  if (typeof headers !== "object" || headers === null) return;
  let get;
  try {
    get = headers.get;
  } catch {
    get = undefined;
  }
  if (typeof get === "function") {
    for (let tag = 0; tag < NAMES.length; tag++) {
      let value;
      try {
        value = get.call(headers, NAMES[tag]);
      } catch {
        continue;
      }
      if (typeof value === "string") entries.push(tag, value);
    }
    return;
  }
  // Object.keys and one get each: what Object.entries reads, without its pair arrays.
  for (const name of Object.keys(headers)) {
    const tag = NAMES.indexOf(name.toLowerCase());
    if (tag < 0) continue;
    const value = headers[name];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== null && v !== undefined) entries.push(tag, typeof v === "string" ? v : null);
    }
  }
}

// What a read that needed more room found, until Rust calls write_webhook (no JS runs between).
let pending = null;

// verifyWebhookV2's arguments (`secret` and `options` undefined for the client's reads), in the
// order the errors are decided: rawBody's type, options.now, then the headers. The secret is
// only written (its type is Rust's to refuse, after the headers and the timestamp).
export function read_webhook(secret, body, headers, options, memory, at, capacity) {
  if (body instanceof ArrayBuffer) {
    body = new Uint8Array(body);
  } else if (typeof body !== "string" && !(body instanceof Uint8Array)) {
    throw codedError(
      "INVALID_INPUT",
      "rawBody must be the request body as received: a string, Uint8Array or ArrayBuffer",
      "rawBody",
    );
  }
  const now = nowMs(options);
  const entries = [L.body, body];
  if (typeof secret === "string") entries.push(L.secretText, secret);
  else if (secret instanceof Uint8Array) entries.push(L.secretBytes, secret);
  readHeaders(headers, entries);
  write(memory, at, capacity, now, entries);
}

// Writes what the last read_webhook found into the grown buffer.
export function write_webhook(memory, at, capacity) {
  const [now, entries] = pending;
  pending = null;
  write(memory, at, capacity, now, entries);
}

// Writes the entries (tag, then the text's start from `at` and length: L.none for null), then
// their texts: bytes as they are, strings as UTF-8. The strings go in one encodeInto when they
// are all ASCII (then each one's UTF-8 length is its length; the usual case, 2x faster than one
// call per string measured on the bench webhook's five); `needed` counts three bytes per UTF-16
// unit, so they fit.
function write(memory, at, capacity, now, entries) {
  const first = at + L.entries;
  let end = first + (L.entry * entries.length) / 2;
  let needed = end - at;
  for (let i = 1; i < entries.length; i += 2) {
    const text = entries[i];
    if (text !== null) needed += typeof text === "string" ? 3 * text.length : text.length;
  }
  views(memory);
  if (needed > capacity) {
    pending = [now, entries];
    data.setUint32(at + L.needed, needed, true);
    return;
  }
  data.setUint32(at + L.needed, 0, true);
  data.setFloat64(at + L.nowMs, now, true);
  data.setUint32(at + L.count, entries.length / 2, true);
  let joined = "";
  for (let i = 0, entry = first; i < entries.length; i += 2, entry += L.entry) {
    const text = entries[i + 1];
    data.setUint32(entry, entries[i], true);
    if (text === null) data.setUint32(entry + 8, L.none, true);
    else if (typeof text === "string") joined += text;
    else {
      bytes.set(text, end);
      end = setText(entry, at, end, text.length);
    }
  }
  const limit = at + capacity;
  const ascii = encoder.encodeInto(joined, bytes.subarray(end, limit)).written === joined.length;
  for (let i = 1, entry = first; i < entries.length; i += 2, entry += L.entry) {
    const text = entries[i];
    if (typeof text !== "string") continue;
    const written = ascii ? text.length : encoder.encodeInto(text, bytes.subarray(end, limit)).written;
    end = setText(entry, at, end, written);
  }
}

// Writes a text's start (from `at`) and length into its entry; returns where it ends.
function setText(entry, at, start, length) {
  data.setUint32(entry + 4, start - at, true);
  data.setUint32(entry + 8, length, true);
  return start + length;
}
