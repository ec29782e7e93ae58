//! The drain against lists kept here as Redis keeps them: each command run as Redis runs it.

use super::*;
use crate::emitter::Reason;
use std::collections::HashMap;

const EID: &str = "00000000-0000-4000-8000-00000000000";

fn event(n: u32) -> String {
    [r#"{"e":"pv","eid":""#, EID, &int_text(n.into()), r#"","p":"srv","tv":"t"}"#].concat()
}

/// Redis lists of text, and what the emitter answers for each event id.
struct Redis {
    lists: HashMap<String, Vec<String>>,
    kept: Vec<String>,
    reported: Vec<String>,
    sends: usize,
}

impl Redis {
    fn new(key: &str, items: &[String]) -> Redis {
        Redis { lists: HashMap::from([(key.to_owned(), items.to_vec())]), kept: Vec::new(), reported: Vec::new(), sends: 0 }
    }

    fn list(&mut self, name: &str) -> &mut Vec<String> {
        self.lists.entry(name.to_owned()).or_default()
    }

    /// Run the drain to its end; `outcome(eid)` says what became of each sent event.
    fn run(&mut self, mut drain: Drain, outcome: impl Fn(&str) -> Option<Result<(), FailInfo>>) -> String {
        let mut reply = Reply::Start;
        for _ in 0..10_000 {
            reply = match drain.next(reply) {
                Command::Move { from, to, from_side, to_side, keep } => {
                    let from_list = self.list(&from);
                    let v = if from_side == "LEFT" { (!from_list.is_empty()).then(|| from_list.remove(0)) } else { from_list.pop() };
                    match v {
                        None => Reply::Moved(None),
                        Some(v) => {
                            let to_list = self.list(&to);
                            if to_side == "LEFT" {
                                to_list.insert(0, v.clone());
                            } else {
                                to_list.push(v.clone());
                            }
                            // "bytes" stands for an element that is not UTF-8.
                            if v == "bytes" {
                                let kept = if keep {
                                    self.kept.push(v);
                                    self.kept.len() as u32
                                } else {
                                    0
                                };
                                Reply::Moved(Some((None, kept)))
                            } else {
                                Reply::Moved(Some((Some(v), 0)))
                            }
                        }
                    }
                }
                Command::Remove { list, text, kept, invalid } => {
                    if let Some((message, _)) = invalid {
                        self.reported.push(message);
                    }
                    let value = text.unwrap_or_else(|| self.kept.get(kept as usize - 1).cloned().unwrap_or_default());
                    let l = self.list(&list);
                    if let Some(i) = l.iter().position(|v| *v == value) {
                        l.remove(i);
                    }
                    Reply::Done
                }
                Command::Push { list, text } => {
                    self.list(&list).push(text);
                    Reply::Done
                }
                Command::Send(events) => {
                    self.sends += 1;
                    Reply::Outcomes(event_ids(&events).iter().map(|e| outcome(e)).collect())
                }
                Command::Finish(text) => return text,
            };
        }
        panic!("the drain did not end");
    }
}

fn drain(batch: usize) -> Drain {
    Drain::new("k".into(), "k:dead".into(), batch)
}

fn refused(status: u16) -> Option<Result<(), FailInfo>> {
    Some(Err(FailInfo { status, reason: Reason::Http, will_retry: false }))
}

#[test]
fn delivers_everything_in_batches_and_empties_both_lists() {
    let items: Vec<String> = (0..7).map(event).collect();
    let mut r = Redis::new("k", &items);
    let counts = r.run(drain(3), |_| Some(Ok(())));
    assert_eq!(counts, r#"{"sent":7,"requeued":0,"invalid":0,"dead":0}"#);
    assert_eq!(r.sends, 3, "batches of 3, 3 and 1");
    assert!(r.list("k").is_empty() && r.list("k:processing").is_empty());
}

#[test]
fn a_dead_drains_leftovers_go_back_first_in_order() {
    let mut r = Redis::new("k", &[event(2)]);
    r.list("k:processing").extend([event(0), event(1)]);
    let order = std::cell::RefCell::new(Vec::new());
    let counts = r.run(drain(10), |eid| {
        order.borrow_mut().push(eid.to_owned());
        Some(Ok(()))
    });
    assert_eq!(counts, r#"{"sent":3,"requeued":0,"invalid":0,"dead":0}"#);
    let expected: Vec<String> = (0..3).map(|n| [EID, &int_text(n)].concat()).collect();
    assert_eq!(order.into_inner(), expected);
}

#[test]
fn values_that_are_not_events_are_removed_and_reported_once_each() {
    let items = vec![event(0), "not json".to_owned(), "bytes".to_owned(), r#"{"e":"pv"}"#.to_owned(), event(1)];
    let mut r = Redis::new("k", &items);
    let counts = r.run(drain(100), |_| Some(Ok(())));
    assert_eq!(counts, r#"{"sent":2,"requeued":0,"invalid":3,"dead":0}"#);
    assert_eq!(r.reported.len(), 3);
    assert!(r.reported.iter().any(|m| m.ends_with("(not text)")));
    assert!(r.list("k:processing").is_empty() && r.list("k").is_empty());
}

#[test]
fn refused_for_good_go_to_the_dead_letters_with_reason_and_status() {
    let items: Vec<String> = (0..4).map(event).collect();
    let mut r = Redis::new("k", &items);
    let bad = [EID, "1"].concat();
    let counts = r.run(drain(2), |eid| if eid == bad { refused(400) } else { Some(Ok(())) });
    assert_eq!(counts, r#"{"sent":3,"requeued":0,"invalid":0,"dead":1}"#);
    let dead = r.list("k:dead").clone();
    assert_eq!(dead, vec![[r#"{"reason":"http","status":400,"event":"#, &event(1), "}"].concat()]);
    assert!(r.list("k:processing").is_empty() && r.list("k").is_empty());
}

#[test]
fn pending_events_go_back_to_the_head_in_order_and_stop_the_drain() {
    let items: Vec<String> = (0..5).map(event).collect();
    let mut r = Redis::new("k", &items);
    let (p1, p2) = ([EID, "1"].concat(), [EID, "2"].concat());
    let counts = r.run(drain(3), |eid| if eid == p1 || eid == p2 { None } else { Some(Ok(())) });
    assert_eq!(counts, r#"{"sent":1,"requeued":2,"invalid":0,"dead":0}"#);
    assert_eq!(r.sends, 1, "a pending event stops the drain after its batch");
    assert_eq!(r.list("k").clone(), vec![event(1), event(2), event(3), event(4)]);
    assert!(r.list("k:processing").is_empty());
}

#[test]
fn an_empty_list_finishes_at_once() {
    let mut r = Redis::new("k", &[]);
    assert_eq!(r.run(drain(1), |_| Some(Ok(()))), r#"{"sent":0,"requeued":0,"invalid":0,"dead":0}"#);
    assert_eq!(r.sends, 0);
}

#[test]
fn a_batch_of_only_invalid_values_goes_on_to_the_next() {
    let items = vec!["x".to_owned(), "y".to_owned(), event(0)];
    let mut r = Redis::new("k", &items);
    assert_eq!(r.run(drain(2), |_| Some(Ok(()))), r#"{"sent":1,"requeued":0,"invalid":2,"dead":0}"#);
    assert!(r.list("k").is_empty());
}

#[test]
fn a_client_needs_each_command_in_either_spelling() {
    let has = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
    assert!(is_client(&has(&["lMove", "lrem", "rPush"]), DRAIN_NEEDS));
    assert!(!is_client(&has(&["lMove", "lRem"]), DRAIN_NEEDS));
    assert!(is_client(&has(&["rpush"]), &[PUSH]));
    assert!(!is_client(&has(&["push"]), &[PUSH]));
}

#[test]
fn the_hosts_move_answers_read_as_replies() {
    let read = |text: &str| match Reply::moved(text) {
        Reply::Moved(m) => m,
        _ => Some((Some("not a move".into()), 9)),
    };
    assert_eq!(read("null"), None);
    assert_eq!(read(r#"["{\"e\":\"pv\"}",0]"#), Some((Some(r#"{"e":"pv"}"#.into()), 0)));
    assert_eq!(read("[null,3]"), Some((None, 3)));
    assert_eq!(read("garbage"), None);
}
