//! Input and output: JSON (the tree, the readers with their field paths, the writers), the
//! TypeScript declarations, the operations over JSON, and the WebAssembly bindings.

pub mod json;
pub mod ops;
pub mod read;
#[cfg(test)]
pub mod ts;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod write;

/// `#[derive(Ts)]`: a type's TypeScript declaration (tests write `js/types.d.ts`).
pub use billcalc_derive::Ts;
