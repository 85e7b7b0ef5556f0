//! JavaScript glue: converts values and errors, nothing else. Compiled only for wasm32.

pub(crate) mod errors;
mod exports;
pub(crate) mod input;
