//! The platform wing: clock, random ids and runtime detection, timers, console, and `fetch`,
//! all from the global scope (never `window`), so the same code runs in pages, workers,
//! workerd and Node.

pub mod console;
pub mod env;
pub mod fetch;
pub mod storage;
pub mod timers;
