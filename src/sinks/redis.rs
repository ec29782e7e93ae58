//! Redis, the Python tracker's RedisEmitter and RedisWorker for today's clients: `RedisEmitter`
//! appends each event to a Redis list as a JSON string, and `drainRedis` moves them to a
//! collector through an `Emitter`, by core's rules ([`snowplow_core::emitter::drain`]). The
//! client is held by the host (`js/clients.js`), which runs each command the module names.

use std::cell::RefCell;
use std::rc::Rc;

use snowplow_core::emitter::drain::{event_ids, Command, Drain, Reply, PUSH};
use snowplow_core::Payload;

use crate::boundary::clients::{self, args, client_failed, Answer};
use crate::boundary::handles::Registry;
use crate::boundary::hold::Hold;
use crate::boundary::tasks::Deferred;
use crate::emitter::state::EmitterShared;
use crate::platform::console;

/// Shared state of a `RedisEmitter`.
pub struct RedisShared {
    /// The client, held by the host.
    pub client: Hold,
    /// The list events are appended to.
    pub key: String,
}

thread_local! {
    /// Live `RedisEmitter`s.
    pub static REDIS: Registry<Rc<RedisShared>> = const { Registry::new() };
}

impl RedisShared {
    /// `RPUSH key <event as JSON>`; a failure is reported with the event, never silent.
    pub fn input(&self, event: &Payload) {
        let json = event.to_json();
        let thrown = ["snowplow-tracker-wasm: RPUSH to Redis failed; the event was not stored: ", &json].concat();
        clients::call_and_forget(&self.client, PUSH, &args(&[&self.key, &json]), &thrown);
    }
}

/// One `drainRedis` run: core's state machine, the client, the emitter, and the promise.
struct Run {
    drain: RefCell<Drain>,
    client: Rc<Hold>,
    emitter: Rc<EmitterShared>,
    /// The drain's deferred (its number, to reject it), until it is settled.
    done: RefCell<Option<(u32, Deferred)>>,
}

/// Start a drain (see `drainRedis`) and return its deferred's number: it resolves to
/// `{sent, requeued, invalid, dead}`, or rejects with what a failed command threw.
pub fn drain(client: Hold, drain: Drain, emitter: Rc<EmitterShared>) -> u32 {
    let (id, done) = Deferred::new();
    let run = Rc::new(Run { drain: RefCell::new(drain), client: Rc::new(client), emitter, done: RefCell::new(Some((id, done))) });
    step(run, Reply::Start);
    id
}

/// Ask the host for the next command of `run`'s drain after `reply`, and go on from its answer.
fn step(run: Rc<Run>, reply: Reply) {
    let command = run.drain.borrow_mut().next(reply);
    let (names, text, element, answer) = match command {
        Command::Move { from, to, from_side, to_side, keep } => {
            let answer = if keep { Answer::KeptElement } else { Answer::Element };
            ("lMove lmove", args(&[&from, &to, from_side, to_side]), 0, answer)
        }
        Command::Remove { list, text, kept, invalid } => {
            if let Some((message, why)) = invalid {
                console::error(&message, &crate::boundary::errors::to_js(why).into());
            }
            let values = match &text {
                Some(t) => args(&[&list, "1", t]),
                None => args(&[&list, "1"]),
            };
            ("lRem lrem", values, kept, Answer::Done)
        }
        Command::Push { list, text } => (PUSH, args(&[&list, &text]), 0, Answer::Done),
        Command::Send(events) => return send(run, events),
        Command::Finish(counts) => {
            let settled = run.done.borrow_mut().take();
            if let Some((_, done)) = settled {
                done.resolve(&counts);
            }
            return;
        }
    };
    let client = run.client.clone();
    clients::call(&client, names, &text, element, answer, move |answered| match answered {
        Ok(_) if matches!(answer, Answer::Done) => step(run, Reply::Done),
        Ok(text) => step(run, Reply::moved(&text)),
        Err(task) => {
            let settled = run.done.borrow_mut().take();
            if let Some((deferred, _)) = settled {
                client_failed(deferred, task);
            }
        }
    });
}

/// Hand the batch to the emitter (what it does not hold already), flush it, and go on with each
/// event's outcome.
fn send(run: Rc<Run>, events: Vec<Payload>) {
    let watched = event_ids(&events);
    for p in events {
        run.emitter.input_new(p);
    }
    run.emitter.watch(&watched);
    let emitter = run.emitter.clone();
    emitter.flush_then(Box::new(move |_| {
        let outcomes = run.emitter.outcomes(&watched);
        step(run, Reply::Outcomes(outcomes));
    }));
}
