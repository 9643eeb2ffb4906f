//! One way to run work over many documents on many threads: bounded, in input order, and a
//! panic in one document costs that document only.
//!
//! [`ordered`] is used by the binary's `extract`, `ingest`, `reindex` and `bench` and by the
//! server's ingest. The caller's thread reads the input; `threads` workers run the work on one
//! unit each (a document, or a batch of them); one more thread hands the results to the sink
//! in input order. At most `2 * threads + 2` units are between the input and the sink, so
//! memory does not grow with the corpus, and the output is the same for any number of threads.
//!
//! [`guarded`] runs one document's work and turns a panic into an error message; while it
//! runs, the panic is not printed (a process-wide panic hook, installed once, that prints
//! every other panic as before).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

use crate::{Document, Extraction, Extractor, ReadError};

/// The number of threads to use: the one asked for, else one per core.
pub fn threads_or_cores(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1)
}

/// Runs `work` on every unit of `input` on `threads` threads and gives the results to `sink`
/// in input order. The input is read on the calling thread (it need not be `Send`). A sink
/// error stops the run: no more input is read, and the error is returned.
pub fn ordered<T, U, E>(
    threads: usize,
    input: impl Iterator<Item = T>,
    work: impl Fn(T) -> U + Sync,
    mut sink: impl FnMut(U) -> Result<(), E> + Send,
) -> Result<(), E>
where
    T: Send,
    U: Send,
    E: Send,
{
    let threads = threads.max(1);
    let in_flight = 2 * threads + 2;
    std::thread::scope(|s| {
        let (work_tx, work_rx) = sync_channel::<(u64, T)>(threads);
        // The workers' only handle on the queue: when they all stop, sending fails.
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = sync_channel::<(u64, U)>(threads);
        for _ in 0..threads {
            let (work_rx, done_tx, work) = (Arc::clone(&work_rx), done_tx.clone(), &work);
            s.spawn(move || loop {
                let job = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((seq, unit)) = job else { break };
                // The sink has stopped (an error): stop too, which closes the work queue.
                if done_tx.send((seq, work(unit))).is_err() {
                    break;
                }
            });
        }
        drop((done_tx, work_rx));

        // A token per unit between the input and the sink: one slow unit cannot make the
        // others pile up behind it. The sink hands a token back for each unit it takes.
        let (token_tx, token_rx) = sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            let _ = token_tx.send(());
        }
        let sink = s.spawn(move || -> Result<(), E> {
            let (mut next, mut waiting) = (0u64, BTreeMap::new());
            for (seq, result) in done_rx {
                waiting.insert(seq, result);
                while let Some(result) = waiting.remove(&next) {
                    next += 1;
                    let _ = token_tx.send(());
                    sink(result)?;
                }
            }
            Ok(())
        });

        for (seq, unit) in (0u64..).zip(input) {
            if token_rx.recv().is_err() || work_tx.send((seq, unit)).is_err() {
                break; // the sink stopped; its result tells why
            }
        }
        drop(work_tx);
        sink.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Runs `f`; a panic in it comes back as its message and place, unprinted.
pub fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    quiet_panics();
    IN_GUARD.with(|g| g.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    IN_GUARD.with(|g| g.set(false));
    result.map_err(|_| LAST_PANIC.with(|p| p.take()).unwrap_or_else(|| "panic".into()))
}

/// Why a document gave no extraction.
#[derive(Debug)]
pub enum Failure {
    /// The reader refused the document (an empty one is [`ReadError::is_nothing_to_read`]).
    Read(ReadError),
    /// The extractor panicked on it (a bug): the panic's message and place.
    Panicked(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Read(e) => e.fmt(f),
            Failure::Panicked(what) => write!(f, "the extractor failed (a bug, please report it): {what}"),
        }
    }
}

/// Extracts one document, a panic included in the errors.
pub fn extract(extractor: &Extractor, doc: &Document) -> Result<Extraction, Failure> {
    match guarded(|| extractor.extract(doc)) {
        Ok(Ok(x)) => Ok(x),
        Ok(Err(e)) => Err(Failure::Read(e)),
        Err(what) => Err(Failure::Panicked(what)),
    }
}

thread_local! {
    static IN_GUARD: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// While in [`guarded`], a panic's message is kept for the caller instead of printed; panics
/// elsewhere go to the hook that was there before.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_GUARD.with(|g| g.get()) {
                return previous(info);
            }
            let payload = info.payload();
            let message = match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
                (Some(s), _) => s.to_string(),
                (_, Some(s)) => s.clone(),
                _ => "panic".to_string(),
            };
            let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{place}")));
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_input_order_on_any_number_of_threads() {
        for threads in [1, 2, 5] {
            let mut out = Vec::new();
            // Later units finish first: the sink still sees them in order.
            let work = |i: u64| {
                std::thread::sleep(std::time::Duration::from_micros((50 - i % 50) * 20));
                i * i
            };
            ordered(threads, 0..200u64, work, |r| -> Result<(), ()> {
                out.push(r);
                Ok(())
            })
            .unwrap();
            assert_eq!(out, (0..200u64).map(|i| i * i).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn units_in_flight_are_bounded_whatever_the_input() {
        let threads = 3;
        let (read, sunk) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let most = AtomicUsize::new(0);
        let input = (0..1000).inspect(|_| {
            let ahead = read.fetch_add(1, Ordering::SeqCst) + 1 - sunk.load(Ordering::SeqCst);
            most.fetch_max(ahead, Ordering::SeqCst);
        });
        ordered(
            threads,
            input,
            |i: i32| i,
            |_| -> Result<(), ()> {
                std::thread::yield_now();
                sunk.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(sunk.load(Ordering::SeqCst), 1000);
        // The input is read one unit past a token; the sink hands a token back before it takes
        // a unit: at most 2 * threads + 2 + 2 between them, however long the input.
        assert!(most.load(Ordering::SeqCst) <= 2 * threads + 4, "{} ahead", most.load(Ordering::SeqCst));
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let read = AtomicUsize::new(0);
        let input = (0..100_000).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let r = ordered(2, input, |i: i32| i, |i| if i == 10 { Err(format!("stop at {i}")) } else { Ok(()) });
        assert_eq!(r, Err("stop at 10".to_string()));
        assert!(read.load(Ordering::SeqCst) < 100, "read {} units after the error", read.load(Ordering::SeqCst));
    }

    #[test]
    fn a_panic_in_one_unit_is_that_units_error() {
        let mut out = Vec::new();
        let work = |i: i32| guarded(|| if i == 3 { panic!("three") } else { i });
        ordered(2, 0..6, work, |r| -> Result<(), ()> {
            out.push(r);
            Ok(())
        })
        .unwrap();
        assert_eq!(out.len(), 6);
        assert!(out[3].as_ref().is_err_and(|m| m.starts_with("three at ")), "{:?}", out[3]);
        assert_eq!(out.iter().filter(|r| r.is_ok()).count(), 5);
    }
}
