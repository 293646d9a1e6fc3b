//! The protocol's output: one thread owns stdout and writes whole
//! messages in the order they are queued.
//!
//! tower-lsp writes its messages (responses, requests, notifications)
//! through [`FrameSink`]; the server queues messages it has already
//! serialised itself (the diagnostics of large documents, rendered from
//! per-region pieces, see `diagnostics.rs`) through [`Output`]. The sink
//! cuts tower-lsp's byte stream at message boundaries, so the two never
//! interleave inside a message.

use std::io::Write;
use std::pin::Pin;
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll};

enum Job {
    /// A complete message with its header.
    Frame(Vec<u8>),
    /// A message body; the writer adds the header.
    Body(Vec<u8>),
    /// Everything queued before has been written: say so.
    Flush(mpsc::Sender<()>),
}

/// Queues messages for the writer thread.
#[derive(Clone, Debug)]
pub struct Output {
    tx: mpsc::Sender<Job>,
    /// Written bodies, returned for reuse (large diagnostics messages are
    /// megabytes: a buffer already mapped saves the page faults).
    spare: Arc<Mutex<Vec<Vec<u8>>>>,
}

/// Buffers kept for reuse, and the largest kept.
const SPARE_BUFFERS: usize = 2;
const SPARE_MAX: usize = 32 << 20;

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Job::Frame(b) => write!(f, "Frame({} bytes)", b.len()),
            Job::Body(b) => write!(f, "Body({} bytes)", b.len()),
            Job::Flush(_) => f.write_str("Flush"),
        }
    }
}

impl Output {
    /// Starts the writer thread on `out`.
    pub fn spawn<W: Write + Send + 'static>(out: W) -> std::io::Result<(Output, FrameSink)> {
        let (tx, rx) = mpsc::channel::<Job>();
        let spare = Arc::new(Mutex::new(Vec::new()));
        let returned = spare.clone();
        std::thread::Builder::new()
            .name("gazette-stdout".into())
            .spawn(move || write_loop(out, rx, &returned))?;
        Ok((
            Output {
                tx: tx.clone(),
                spare,
            },
            FrameSink::new(tx),
        ))
    }

    /// An empty buffer for a message body.
    pub fn buffer(&self) -> Vec<u8> {
        self.spare
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop()
            .unwrap_or_default()
    }

    /// Queues one JSON-RPC message body (without its header).
    pub fn send_body(&self, body: Vec<u8>) {
        // The writer is gone only when the client is: nothing to tell.
        let _ = self.tx.send(Job::Body(body));
    }

    /// Waits until everything queued so far is written.
    pub fn flush(&self) {
        let (tx, rx) = mpsc::channel();
        if self.tx.send(Job::Flush(tx)).is_ok() {
            let _ = rx.recv();
        }
    }
}

fn write_loop<W: Write>(mut out: W, rx: mpsc::Receiver<Job>, spare: &Mutex<Vec<Vec<u8>>>) {
    let write = |out: &mut W, job: Job| -> std::io::Result<()> {
        match job {
            Job::Frame(bytes) => out.write_all(&bytes),
            Job::Body(body) => {
                let t0 = std::time::Instant::now();
                write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
                out.write_all(&body)?;
                tracing::debug!(
                    bytes = body.len(),
                    write_ms = t0.elapsed().as_secs_f64() * 1e3,
                    "written"
                );
                let mut body = body;
                if body.capacity() <= SPARE_MAX {
                    let mut spare = spare.lock().unwrap_or_else(|e| e.into_inner());
                    if spare.len() < SPARE_BUFFERS {
                        body.clear();
                        spare.push(body);
                    }
                }
                Ok(())
            }
            Job::Flush(done) => {
                out.flush()?;
                let _ = done.send(());
                Ok(())
            }
        }
    };
    while let Ok(job) = rx.recv() {
        if write(&mut out, job).is_err() {
            break;
        }
        // Write whatever else is queued before flushing once.
        let mut failed = false;
        while let Ok(job) = rx.try_recv() {
            if write(&mut out, job).is_err() {
                failed = true;
                break;
            }
        }
        if failed || out.flush().is_err() {
            break;
        }
    }
}

/// The `AsyncWrite` tower-lsp writes to: forwards each complete message
/// to the writer thread.
pub struct FrameSink {
    tx: mpsc::Sender<Job>,
    pending: Vec<u8>,
}

impl FrameSink {
    fn new(tx: mpsc::Sender<Job>) -> FrameSink {
        FrameSink {
            tx,
            pending: Vec::new(),
        }
    }

    /// Length of the complete message at the start of `pending`, if any;
    /// the whole buffer when its header cannot be read (never expected
    /// from tower-lsp: better written as is than held back).
    fn complete_frame(&self) -> Option<usize> {
        let buf = &self.pending;
        let header_end = memchr::memmem::find(buf, b"\r\n\r\n")? + 4;
        let header = std::str::from_utf8(&buf[..header_end]).ok();
        let length = header.and_then(|h| {
            h.split("\r\n").find_map(|line| {
                let (k, v) = line.split_once(':')?;
                k.trim()
                    .eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse::<usize>().ok())?
            })
        });
        match length {
            Some(n) => (buf.len() >= header_end + n).then_some(header_end + n),
            None => Some(buf.len()),
        }
    }

    fn forward(&mut self) {
        while let Some(n) = self.complete_frame() {
            let rest = self.pending.split_off(n);
            let frame = std::mem::replace(&mut self.pending, rest);
            let _ = self.tx.send(Job::Frame(frame));
        }
    }
}

impl tokio::io::AsyncWrite for FrameSink {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        this.pending.extend_from_slice(buf);
        this.forward();
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        if !this.pending.is_empty() {
            let rest = std::mem::take(&mut this.pending);
            let _ = this.tx.send(Job::Frame(rest));
        }
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWrite;

    fn write(sink: &mut FrameSink, buf: &[u8]) {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        let n = Pin::new(sink).poll_write(&mut cx, buf);
        assert!(matches!(n, Poll::Ready(Ok(k)) if k == buf.len()));
    }

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn messages_from_both_sides_never_interleave() {
        let out = Shared::default();
        let (output, mut sink) = Output::spawn(out.clone()).unwrap();
        let a = b"Content-Length: 7\r\n\r\n{\"a\":1}";
        let b = b"Content-Length: 2\r\n\r\n{}";
        // A message arriving in pieces is held until it is whole.
        write(&mut sink, &a[..10]);
        output.send_body(b"[1]".to_vec());
        write(&mut sink, &a[10..]);
        write(&mut sink, b);
        output.flush();
        let got = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        assert_eq!(
            got,
            "Content-Length: 3\r\n\r\n[1]Content-Length: 7\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n{}"
        );
    }
}
