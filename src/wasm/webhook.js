// Reads a V2 webhook request (verifyWebhookV2's secret, rawBody, headers and options.now, or
// the V2 client's rawBody and headers) into a buffer in wasm memory, in one crossing. The
// contract with Rust is src/wasm/webhook_args.rs's module doc: Rust owns the buffer's layout and
// gives it to this module once (`install_webhook`); a read writes what it read (or, in
// `needed`, the room it needs: then Rust grows the buffer and calls write_webhook), or throws.
//
// Only the reading is here: which header values count (a name given twice, an empty or a
// non-string value) is decided in Rust (WebhookHeaders), from the (name, value) pairs this
// module finds with the names that match.
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

// The bytes of rawBody: a string (as UTF-8), a Uint8Array or an ArrayBuffer; else INVALID_INPUT.
function rawBody(body) {
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw codedError(
    "INVALID_INPUT",
    "rawBody must be the request body as received: a string, Uint8Array or ArrayBuffer",
    "rawBody",
  );
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

// The (slot, value) pairs of the three headers, value `null` when it is not a string. A
// `Headers`-like object (a `get` method) is asked for the three names; a plain object is walked
// as the official SDK walks it (Object.entries, names by toLowerCase(), arrays as repeated
// values, null and undefined skipped).
function headerPairs(headers) {
  const pairs = [];
  if (typeof headers !== "object" || headers === null) return pairs;
  let get;
  try {
    get = headers.get;
  } catch {
    get = undefined;
  }
  if (typeof get === "function") {
    for (let slot = 0; slot < NAMES.length; slot++) {
      let value;
      try {
        value = get.call(headers, NAMES[slot]);
      } catch {
        continue;
      }
      if (typeof value === "string") pairs.push(slot, value);
    }
    return pairs;
  }
  // Object.keys and one get each: what Object.entries reads, without its pair arrays.
  for (const name of Object.keys(headers)) {
    const slot = NAMES.indexOf(name.toLowerCase());
    if (slot < 0) continue;
    const value = headers[name];
    if (Array.isArray(value)) {
      for (const v of value) if (v !== null && v !== undefined) pairs.push(slot, typeof v === "string" ? v : null);
    } else if (value !== null && value !== undefined) {
      pairs.push(slot, typeof value === "string" ? value : null);
    }
  }
  return pairs;
}

// What a read that needed more room found, until Rust calls write_webhook (no JS runs between).
let pending = null;

// verifyWebhookV2's arguments (`secret` and `options` undefined for the client's reads), in the
// order the errors are decided: rawBody's type, options.now, then the headers. The secret is
// only written (its type is Rust's to refuse, after the headers and the timestamp).
export function read_webhook(secret, body, headers, options, memory, at, capacity) {
  const raw = rawBody(body);
  const now = nowMs(options);
  const pairs = headerPairs(headers);
  return write(memory, at, capacity, secret, raw, now, pairs);
}

// Writes what the last read_webhook found into the grown buffer.
export function write_webhook(memory, at, capacity) {
  const args = pending;
  pending = null;
  write(memory, at, capacity, ...args);
}

const room = (text) => (typeof text === "string" ? 3 * text.length : text.length);

function write(memory, at, capacity, secret, body, now, pairs) {
  const secretKind = typeof secret === "string" ? L.secretText : secret instanceof Uint8Array ? L.secretBytes : L.secretOther;
  const count = pairs.length / 2;
  let needed = L.header + L.pair * count + room(body) + (secretKind === L.secretOther ? 0 : room(secret));
  for (let i = 1; i < pairs.length; i += 2) if (pairs[i] !== null) needed += room(pairs[i]);
  views(memory);
  if (needed > capacity) {
    pending = [secret, body, now, pairs];
    data.setUint32(at + L.needed, needed, true);
    return;
  }
  data.setUint32(at + L.needed, 0, true);
  data.setUint32(at + L.secretKind, secretKind, true);
  data.setFloat64(at + L.nowMs, now, true);
  data.setUint32(at + L.headerCount, count, true);
  // The texts and where their slots are: the body, the secret, each header's value (the pairs'
  // slots: the header's index, then its text's start and length, L.none when not a string).
  const texts = [body];
  const slots = [at + L.body];
  if (secretKind !== L.secretOther) {
    texts.push(secret);
    slots.push(at + L.secret);
  }
  for (let i = 0, slot = at + L.header; i < pairs.length; i += 2, slot += L.pair) {
    data.setUint32(slot, pairs[i], true);
    if (pairs[i + 1] === null) {
      data.setUint32(slot + 8, L.none, true);
    } else {
      texts.push(pairs[i + 1]);
      slots.push(slot + 4);
    }
  }
  putTexts(texts, slots, at, at + L.header + L.pair * count, at + capacity);
}

// Writes the texts (strings as UTF-8, bytes as they are) from `end` on, each one's start (from
// `at`) and length at its slot. The strings go in one encodeInto when they are all ASCII (then
// each one's UTF-8 length is its length; the usual case, measured 2x faster than one call per
// string); `needed` counted three bytes per UTF-16 unit, so they fit before `limit`.
function putTexts(texts, slots, at, end, limit) {
  let joined = "";
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    if (typeof text === "string") {
      joined += text;
    } else {
      bytes.set(text, end);
      end = setSlot(slots[i], at, end, text.length);
    }
  }
  if (joined.length === 0) return;
  const ascii = encoder.encodeInto(joined, bytes.subarray(end, limit)).written === joined.length;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    if (typeof text !== "string") continue;
    const written = ascii ? text.length : encoder.encodeInto(text, bytes.subarray(end, limit)).written;
    end = setSlot(slots[i], at, end, written);
  }
}

// Writes a text's start (from `at`) and length at `slotAt`; returns its end.
function setSlot(slotAt, at, start, length) {
  data.setUint32(slotAt, start - at, true);
  data.setUint32(slotAt + 4, length, true);
  return start + length;
}
