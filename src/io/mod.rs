//! Input and output: JSON (the tree, the readers with their field paths, the writers), the
//! operations over JSON, and the WebAssembly bindings.

pub mod json;
pub mod ops;
pub mod read;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod write;
