#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
//! Wings, each with one owner, arrows pointing one way:
//! `api` → `emitter` / `sinks` → `platform` / `boundary` → the `snowplow-core` crate.

mod api;
mod boundary;
mod emitter;
mod platform;
mod sinks;
#[cfg(feature = "web")]
mod web;

#[cfg(test)]
mod tests;

/// At instantiation: tell the host the longest message text the module takes.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    boundary::read::announce_bound();
}

/// Talc instead of dlmalloc: smaller and faster for wasm.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
