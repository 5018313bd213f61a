//! Input and output: JSON (the reader with its field paths, the writers), the operations over JSON,
//! and the WebAssembly bindings.

pub mod input;
pub mod ops;
pub mod output;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
