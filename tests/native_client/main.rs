//! `NativeClient` (feature `native-client`: the client core over `reqwest`) against the local
//! PortOne server, started as a child process per test (`node tests/portone-server/server.mjs`,
//! 127.0.0.1 only) so tests run in parallel without sharing counters: every endpoint, the
//! shared token, the one refresh after a 401, retries of reads only, timeouts, fail-closed
//! verification, the V1 webhook flow, errors free of secrets (in any encoding) and the size
//! cap on answers.
#![cfg(all(feature = "native-client", not(target_arch = "wasm32")))]

mod endpoints;
mod limits;
mod policy;
mod secrets;
mod support;
mod token;
mod v2;
mod v2_verify;
mod verify;
