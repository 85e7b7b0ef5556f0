//! JavaScript glue: converts values and errors, nothing else. Compiled only for wasm32.

#[cfg(feature = "client")]
mod client;
pub(crate) mod errors;
mod exports;
pub(crate) mod input;
#[cfg(feature = "webhook")]
mod webhook;
