// Writing a processed request's reply, honestly or as a fault says: cut in half (`truncated`),
// cut by a TCP reset (`reset`), trickled (`slow-body`), or padded to a huge but valid body
// (`oversized`, streamed in 64 KiB chunks with backpressure, never held in memory). Streaming
// stops when the client goes away or the server closes.

import { once } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import { writeReply } from "./http.mjs";

const PAD_CHUNK = Buffer.alloc(64 * 1024, "a");
const TRICKLE_STEP_MS = 50;
/** How long the first half of a `reset` body is left to reach the client before the RST. */
const RESET_AFTER_MS = 50;

/** A signal that aborts when the server closes or this response's connection closes. */
function lifetime(res, serverSignal) {
  const gone = new AbortController();
  res.once("close", () => gone.abort());
  return AbortSignal.any([serverSignal, gone.signal]);
}

async function write(res, chunk, signal) {
  if (!res.write(chunk)) await once(res, "drain", { signal });
}

/** The first half (in bytes) of a reply's body, announced with its cut length. */
export function truncated(reply) {
  const bytes = Buffer.from(reply.body);
  return { ...reply, body: bytes.subarray(0, Math.floor(bytes.length / 2)) };
}

async function trickle(res, reply, ms, signal) {
  const bytes = Buffer.from(reply.body);
  res.writeHead(reply.status, { ...reply.headers, "content-length": bytes.length });
  res.flushHeaders();
  const steps = Math.max(1, Math.min(bytes.length, Math.floor(ms / TRICKLE_STEP_MS)));
  for (let step = 1; step <= steps; step += 1) {
    await delay(ms / steps, undefined, { signal });
    const from = Math.floor(((step - 1) * bytes.length) / steps);
    await write(res, bytes.subarray(from, Math.floor((step * bytes.length) / steps)), signal);
  }
  res.end();
}

/**
 * The reply's JSON object with one more member, `"x_padding":"aaa…"`, so that the whole body
 * is `size` bytes (or the reply unchanged when it is already that big).
 */
async function padded(res, reply, size, chunked, signal, stats) {
  const body = Buffer.from(reply.body);
  const head = Buffer.concat([body.subarray(0, body.lastIndexOf("}")), Buffer.from(',"x_padding":"')]);
  const tail = Buffer.from('"}');
  const padding = size - head.length - tail.length;
  if (padding < 0 || !body.toString("utf8").trimEnd().endsWith("}")) return writeReply(res, reply);
  const headers = { ...reply.headers };
  if (!chunked) headers["content-length"] = size;
  stats.oversizedStarted();
  res.writeHead(reply.status, headers);
  const counted = async (chunk) => {
    await write(res, chunk, signal);
    stats.oversizedWritten(chunk.length);
  };
  await counted(head);
  for (let left = padding; left > 0; left -= PAD_CHUNK.length) {
    await counted(left >= PAD_CHUNK.length ? PAD_CHUNK : PAD_CHUNK.subarray(0, left));
  }
  res.end(tail);
  stats.oversizedWritten(tail.length);
  stats.oversizedCompleted();
}

async function resetMidBody(req, res, reply) {
  const bytes = Buffer.from(reply.body);
  res.writeHead(reply.status, { ...reply.headers, "content-length": bytes.length });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
  await delay(RESET_AFTER_MS);
  req.socket.resetAndDestroy();
}

/** Streams with `send(signal)`; when the client leaves or the server closes, drops the socket. */
async function streamed(req, res, serverSignal, send) {
  const signal = lifetime(res, serverSignal);
  try {
    await send(signal);
  } catch (error) {
    if (!signal.aborted) throw error;
    req.socket.destroy();
  }
}

/**
 * Sends `reply` as `fault` (the fault of this request, or null) says; `stats` counts what an
 * `oversized` body streamed.
 */
export async function deliver(req, res, reply, fault, serverSignal, stats) {
  switch (fault?.kind) {
    case "truncated":
      return writeReply(res, truncated(reply));
    case "reset":
      return resetMidBody(req, res, reply);
    case "slow-body":
      return streamed(req, res, serverSignal, (signal) => trickle(res, reply, fault.ms, signal));
    case "oversized":
      return streamed(req, res, serverSignal, (signal) =>
        padded(res, reply, fault.bytes, fault.chunked, signal, stats),
      );
    default:
      return writeReply(res, reply);
  }
}
