//! Settings of the whole module: how much it may say on the console, and how many bytes of
//! events all emitters together may hold.

use snowplow_core::emitter::memory;

use crate::boundary::answer::Answer;
use crate::boundary::errors::{to_js, JsResult};
use crate::boundary::message;

/// Module function `index` of core's declared ones (`opts::METHODS` of `""`: setLogLevel,
/// setTotalBufferCapacityBytes; drainRedis and forwardQueueBatch in the Node and workerd build; the facade calls them
/// as `call(0, index, message)`).
pub fn call(index: u32, message: &str) -> JsResult<Answer> {
    let done = match snowplow_core::opts::method_at("", index).map_or("", |m| m.0) {
        "setLogLevel" => set_log_level(message),
        "setTotalBufferCapacityBytes" => set_total_buffer_capacity_bytes(message),
        #[cfg(feature = "edge")]
        "drainRedis" => return crate::api::redis::drain_redis(message),
        #[cfg(feature = "edge")]
        "forwardQueueBatch" => return crate::api::queue::forward_queue_batch(message),
        _ => return Err(crate::boundary::message::undeclared("module", index)),
    };
    done.map(|()| Answer::Nothing)
}

/// How much the module writes to the console, for the whole module: `"warn"` (the default:
/// warnings and errors), `"error"` (errors only) or `"off"` (nothing). Callbacks still get
/// every failure.
fn set_log_level(message: &str) -> JsResult<()> {
    let level = message::first(message, "", "setLogLevel")?.str();
    let level = level.ok_or_else(|| message::fail("", "setLogLevel", snowplow_core::Error::required("level")))?;
    let n = match level.as_str() {
        "off" => 0,
        "error" => 1,
        "warn" => 2,
        _ => {
            let e = snowplow_core::Error::type_error(
                "setLogLevel: level",
                "\"warn\", \"error\" or \"off\"",
                snowplow_core::error::quoted(&level),
            );
            return Err(to_js(e));
        }
    };
    crate::boundary::js::set_log_level(n);
    Ok(())
}

/// Bound the bytes of events (as sent) that all emitters together hold, buffered or in
/// flight (default 64 MiB, at most 1 GiB); beyond it new events are refused and reported like a
/// full buffer.
/// It can be set once per module, best before the first emitter.
fn set_total_buffer_capacity_bytes(message: &str) -> JsResult<()> {
    let fail = |e| message::fail("", "setTotalBufferCapacityBytes", e);
    let n =
        message::first(message, "", "setTotalBufferCapacityBytes")?.num().ok_or_else(|| fail(snowplow_core::Error::required("bytes")))?;
    memory::set_total_bytes("bytes", n.value(), n.as_str()).map_err(fail)
}

/// Test-only, in the Node and workerd build: read far outside the module's memory, which traps
/// as a bug in the module would (`tests/node/fixtures/trap-child.mjs` checks what users then see).
#[cfg(feature = "edge")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = __trapForTests, skip_typescript)]
pub fn trap_for_tests() -> u8 {
    // SAFETY: none needed in wasm: an address beyond the memory's end is a trap, never a read.
    unsafe { std::ptr::read_volatile(0x7fff_fff0 as *const u8) }
}
