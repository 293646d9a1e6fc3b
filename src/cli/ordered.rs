//! Runs one job per input on every core and writes the outputs in input
//! order, streaming, with a bounded amount of memory in flight.
//!
//! The main thread starts jobs (rayon) while the inputs in flight stay
//! under a byte budget, and writes. A job hands its output over in pieces
//! ([`Sink`]): the input at the head of the order goes straight through to
//! the output as it is produced; later inputs wait in a reorder buffer
//! that counts against the same budget. There is no per-batch barrier: a
//! core that finishes a job takes the next one at once.

use super::inputs::{self, Input, Outcome};
use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, mpsc};

/// Memory allowed for the inputs in flight and their buffered output:
/// one 10 MB article at a time, or a few hundred small ones.
pub const DEFAULT_BUDGET: u64 = 64 << 20;
/// Memory a running job holds per input byte: the text, and an analysis
/// about four times its size at its peak (10 MB of news: 38 MB).
const BYTES_PER_INPUT_BYTE: u64 = 5;
/// A job hands its output over in pieces of about this size.
const CHUNK: usize = 256 << 10;
/// The head job pauses while this much of its output waits for a slow
/// reader (`| jq` or a full pipe), so memory stays bounded there too.
const HEAD_BACKLOG: u64 = 4 << 20;

enum Msg {
    Chunk(usize, Vec<u8>),
    /// The job's last piece of output and how it ended.
    Done(usize, Vec<u8>, Result<(), String>),
}

/// What the writer and the jobs share.
struct Flow {
    /// Index of the input whose output is being written.
    head: AtomicUsize,
    /// The output was closed: jobs stop as soon as they can.
    stop: AtomicBool,
    /// Bytes sent to the writer that it has not taken yet.
    queued: Mutex<u64>,
    drained: Condvar,
}

impl Flow {
    fn queued(&self) -> MutexGuard<'_, u64> {
        self.queued
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Where a job writes its output: buffered, and handed to the writer a
/// piece at a time.
pub struct Sink<'a> {
    idx: usize,
    buf: Vec<u8>,
    tx: mpsc::Sender<Msg>,
    flow: &'a Flow,
}

impl Sink<'_> {
    fn closed() -> io::Error {
        io::Error::new(io::ErrorKind::BrokenPipe, "output closed")
    }

    /// Counts `len` bytes as queued; the head job first waits while the
    /// writer is behind. Only the head ever waits: every other job's
    /// output is needed after the head's, so holding it back could not
    /// help, and a waiting job never holds up the head.
    fn reserve(&self, len: u64) -> io::Result<()> {
        let mut q = self.flow.queued();
        while *q > HEAD_BACKLOG
            && self.flow.head.load(Ordering::Acquire) == self.idx
            && !self.flow.stopped()
        {
            q = self
                .flow
                .drained
                .wait(q)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        if self.flow.stopped() {
            return Err(Self::closed());
        }
        *q += len;
        Ok(())
    }

    fn send_piece(&mut self) -> io::Result<()> {
        self.reserve(self.buf.len() as u64)?;
        let piece = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK + CHUNK / 4));
        self.tx
            .send(Msg::Chunk(self.idx, piece))
            .map_err(|_| Self::closed())
    }

    /// The rest of the output, to send with the job's result.
    fn finish(self) -> Vec<u8> {
        if self.reserve(self.buf.len() as u64).is_err() {
            return Vec::new();
        }
        let mut buf = self.buf;
        if buf.capacity() > buf.len() + buf.len() / 2 + 64 {
            buf.shrink_to_fit();
        }
        buf
    }
}

impl Write for Sink<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    #[inline]
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send_piece()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// One dispatched input whose output is not fully written yet.
struct Slot {
    /// Input bytes counted against the budget until the job ends.
    cost: u64,
    /// Output that arrived before this input reached the head.
    waiting: Vec<Vec<u8>>,
    done: Option<Result<(), String>>,
}

struct Writer<'o, W: Write> {
    out: &'o mut W,
    /// Slots of inputs `head..head + slots.len()`.
    slots: VecDeque<Slot>,
    head: usize,
    /// Costs of running jobs plus the bytes waiting in slots.
    in_flight: u64,
    failed: bool,
    pb: Option<indicatif::ProgressBar>,
}

impl<W: Write> Writer<'_, W> {
    /// Takes one message; false when the output is closed.
    fn take(&mut self, msg: Msg, flow: &Flow) -> bool {
        let (idx, data, done) = match msg {
            Msg::Chunk(idx, data) => (idx, data, None),
            Msg::Done(idx, data, r) => (idx, data, Some(r)),
        };
        {
            let mut q = flow.queued();
            *q = q.saturating_sub(data.len() as u64);
        }
        flow.drained.notify_all();
        let Some(slot) = idx
            .checked_sub(self.head)
            .and_then(|i| self.slots.get_mut(i))
        else {
            return true;
        };
        if idx == self.head {
            if !data.is_empty() && !inputs::emit_bytes(self.out, &data) {
                return false;
            }
        } else if !data.is_empty() {
            self.in_flight += data.capacity() as u64;
            slot.waiting.push(data);
        }
        if let Some(r) = done {
            self.in_flight = self.in_flight.saturating_sub(slot.cost);
            slot.done = Some(r);
        }
        self.advance(flow)
    }

    /// Retires finished inputs at the head; writes what the next head
    /// had buffered.
    fn advance(&mut self, flow: &Flow) -> bool {
        while self.slots.front().is_some_and(|s| s.done.is_some()) {
            let Some(slot) = self.slots.pop_front() else {
                break;
            };
            if let Some(Err(e)) = slot.done {
                let _ = self.out.flush();
                let _ = writeln!(io::stderr(), "gazette: {e}");
                self.failed = true;
            }
            self.head += 1;
            flow.head.store(self.head, Ordering::Release);
            if let Some(pb) = &self.pb {
                pb.inc(1);
            }
            if let Some(next) = self.slots.front_mut() {
                for piece in std::mem::take(&mut next.waiting) {
                    self.in_flight = self.in_flight.saturating_sub(piece.capacity() as u64);
                    if !inputs::emit_bytes(self.out, &piece) {
                        return false;
                    }
                }
            }
        }
        true
    }
}

/// Frees a large article's text and analysis as a job of its own (another
/// core takes it), so this job reports at once and the next input starts
/// while 100k+ entities are freed; small ones are freed here.
pub fn free_soon<T: Send + 'static>(input_len: usize, value: T) {
    if input_len >= 1 << 20 {
        rayon::spawn(move || drop(value));
    }
}

/// Memory a job will hold (0 when unknown: standard input, errors).
fn cost(input: &Result<Input, String>) -> u64 {
    match input {
        Ok(Input { path: Some(p), .. }) => std::fs::metadata(p)
            .map(|m| m.len().saturating_mul(BYTES_PER_INPUT_BYTE))
            .unwrap_or(0),
        _ => 0,
    }
}

/// Reads every input and runs `work` on it on all cores, writing each
/// input's output to `out` in input order. Jobs start while the memory
/// they hold (estimated from input sizes) and the output buffered for
/// later inputs stay under `budget` bytes; a larger input still runs,
/// alone. An input that fails gets a one-line reason on
/// stderr, in its place in the order; a progress bar shows on a terminal.
pub fn run<W: Write>(
    inputs: &[Result<Input, String>],
    out: &mut W,
    budget: u64,
    work: impl Fn(&Input, String, &mut Sink<'_>) -> Result<(), String> + Sync,
) -> Outcome {
    let flow = Flow {
        head: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        queued: Mutex::new(0),
        drained: Condvar::new(),
    };
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut writer = Writer {
        out,
        slots: VecDeque::new(),
        head: 0,
        in_flight: 0,
        failed: false,
        pb: inputs::progress(inputs.len()),
    };
    let (flow, work) = (&flow, &work);
    // The main thread only starts jobs and writes; rayon's threads do
    // the work (the scope runs here, not on one of them).
    let stopped = rayon::in_place_scope(|scope| {
        let mut next = 0;
        while writer.head < inputs.len() {
            while next < inputs.len() {
                let c = cost(&inputs[next]);
                if writer.in_flight > 0 && writer.in_flight + c > budget {
                    break;
                }
                writer.slots.push_back(Slot {
                    cost: c,
                    waiting: Vec::new(),
                    done: None,
                });
                writer.in_flight += c;
                let (input, tx, idx) = (&inputs[next], tx.clone(), next);
                scope.spawn(move |_| {
                    let (data, result) = if flow.stopped() {
                        (Vec::new(), Ok(()))
                    } else {
                        // A job that panics still reports, so the writer
                        // never waits for it forever.
                        let job = || run_one(idx, input, tx.clone(), flow, work);
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
                            .unwrap_or_else(|_| (Vec::new(), Err(internal_error(input))))
                    };
                    let _ = tx.send(Msg::Done(idx, data, result));
                });
                next += 1;
            }
            // The head input is always running or done, and this thread
            // keeps a sender: a message always comes.
            let Ok(msg) = rx.recv() else { break };
            if !writer.take(msg, flow) {
                flow.stop.store(true, Ordering::Relaxed);
                flow.drained.notify_all();
                return true;
            }
        }
        false
    });
    if let Some(pb) = writer.pb {
        pb.finish_and_clear();
    }
    if stopped {
        Outcome::Stopped
    } else {
        Outcome::Done {
            failed: writer.failed,
        }
    }
}

fn internal_error(input: &Result<Input, String>) -> String {
    let name = match input {
        Ok(i) => i.display.as_str(),
        Err(e) => e.as_str(),
    };
    format!("{name}: internal error while analysing this input (please report it)")
}

fn run_one(
    idx: usize,
    input: &Result<Input, String>,
    tx: mpsc::Sender<Msg>,
    flow: &Flow,
    work: &(impl Fn(&Input, String, &mut Sink<'_>) -> Result<(), String> + Sync),
) -> (Vec<u8>, Result<(), String>) {
    let input = match input {
        Ok(i) => i,
        Err(e) => return (Vec::new(), Err(e.clone())),
    };
    let text = match inputs::read(input) {
        Ok(t) => t,
        Err(e) => return (Vec::new(), Err(e)),
    };
    let mut sink = Sink {
        idx,
        buf: Vec::new(),
        tx,
        flow,
    };
    let result = work(input, text, &mut sink);
    (sink.finish(), result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// Files whose text says how much output each job writes; the first
    /// ones are the biggest, so later jobs tend to finish first.
    fn corpus(sizes: &[usize]) -> (tempfile::TempDir, Vec<Result<Input, String>>) {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for (i, n) in sizes.iter().enumerate() {
            let p = dir.path().join(format!("{i:03}.txt"));
            std::fs::write(&p, format!("{i} {n}")).unwrap();
            inputs.push(Ok(Input {
                display: p.display().to_string(),
                path: Some(p),
            }));
        }
        (dir, inputs)
    }

    /// Job output: `n` bytes naming the input, written in small pieces.
    fn work(_: &Input, text: String, w: &mut Sink<'_>) -> Result<(), String> {
        let mut parts = text.split(' ');
        let i = parts.next().unwrap_or_default();
        let n: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        let line = format!("{i:>7}\n");
        for _ in 0..n / line.len() {
            w.write_all(line.as_bytes()).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn expected(sizes: &[usize]) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, n) in sizes.iter().enumerate() {
            for _ in 0..n / 8 {
                out.extend_from_slice(format!("{i:>7}\n").as_bytes());
            }
        }
        out
    }

    #[test]
    fn outputs_come_in_input_order_whatever_finishes_first() {
        let sizes: Vec<usize> = (0..40)
            .map(|i| match i % 7 {
                0 => 3 * CHUNK + 123,
                3 => 0,
                _ => 1000 + i * 37,
            })
            .collect();
        let (_dir, inputs) = corpus(&sizes);
        for budget in [1, 64, DEFAULT_BUDGET] {
            let mut out = Vec::new();
            let outcome = run(&inputs, &mut out, budget, work);
            assert!(matches!(outcome, Outcome::Done { failed: false }));
            assert!(out == expected(&sizes), "budget {budget}");
        }
    }

    #[test]
    fn a_failing_input_is_reported_and_the_others_still_written() {
        let sizes = [5000, 100, 7000];
        let (_dir, mut inputs) = corpus(&sizes);
        inputs.insert(1, Err("missing.txt: no such file or directory".into()));
        let mut out = Vec::new();
        let outcome = run(&inputs, &mut out, DEFAULT_BUDGET, work);
        assert!(matches!(outcome, Outcome::Done { failed: true }));
        assert!(out == expected(&sizes));
    }

    #[test]
    fn a_job_that_panics_fails_its_input_only() {
        let sizes = [3000, 4000, 5000];
        let (_dir, inputs) = corpus(&sizes);
        let mut out = Vec::new();
        let outcome = run(
            &inputs,
            &mut out,
            DEFAULT_BUDGET,
            |input: &Input, text: String, w: &mut Sink<'_>| {
                if text.starts_with("1 ") {
                    panic!("boom");
                }
                work(input, text, w)
            },
        );
        assert!(matches!(outcome, Outcome::Done { failed: true }));
        assert!(out == expected(&[3000, 0, 5000]));
    }

    /// Accepts a few bytes, then fails like a pipe whose reader left.
    struct ClosedAfter(usize);

    impl Write for ClosedAfter {
        fn write(&mut self, data: &[u8]) -> io::Result<usize> {
            if self.0 < data.len() {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            self.0 -= data.len();
            Ok(data.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_output_stops_the_run() {
        let sizes = vec![2 * CHUNK; 200];
        let (_dir, inputs) = corpus(&sizes);
        let started = AtomicUsize::new(0);
        let outcome = run(
            &inputs,
            &mut ClosedAfter(3 * CHUNK),
            DEFAULT_BUDGET,
            |input: &Input, text: String, w: &mut Sink<'_>| {
                started.fetch_add(1, Ordering::Relaxed);
                work(input, text, w)
            },
        );
        assert!(matches!(outcome, Outcome::Stopped));
        assert!(started.load(Ordering::Relaxed) < sizes.len());
    }
}
