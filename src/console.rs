//! `console.warn` / `console.error` from the global scope.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `console.warn(message)`.
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    pub fn warn(message: &str);
    /// `console.error(message, detail)`.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub fn error(message: &str, detail: &JsValue);
}
