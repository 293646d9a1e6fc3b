//! The protocol's output: one thread owns stdout and writes whole
//! messages in the order they are queued.
//!
//! tower-lsp writes its messages (responses, requests, notifications)
//! through [`FrameSink`]; the server queues messages it has already
//! serialised itself (the diagnostics of large documents, rendered from
//! per-region pieces, see `diagnostics.rs`) through [`Output`]. The sink
//! cuts tower-lsp's byte stream at message boundaries, so the two never
//! interleave inside a message.

use std::io::{IoSlice, Write};
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
                let header = format!("Content-Length: {}\r\n\r\n", body.len());
                // One system call for header and body where the pipe has
                // room: a client then wakes once per message, not once for
                // a 25-byte header and again for the body.
                write_all_vectored(
                    out,
                    &mut [IoSlice::new(header.as_bytes()), IoSlice::new(&body)],
                )?;
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

/// `Write::write_all_vectored`, which is not stable yet.
fn write_all_vectored<W: Write>(out: &mut W, mut bufs: &mut [IoSlice<'_>]) -> std::io::Result<()> {
    IoSlice::advance_slices(&mut bufs, 0);
    while !bufs.is_empty() {
        match out.write_vectored(bufs) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut bufs, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Where the protocol goes: standard output, written without the
/// standard library's line buffering (which cut every message after its
/// header) and, when it is a pipe, through a pipe grown to hold the
/// largest message sent so far (up to 16 MB, as far as the system allows),
/// so a large `publishDiagnostics` goes out in one system call instead of
/// one per 64 KB the client reads.
pub fn stdout() -> Box<dyn Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            let file = std::fs::File::from(fd);
            let is_pipe = {
                use std::os::unix::fs::FileTypeExt;
                file.metadata().is_ok_and(|m| m.file_type().is_fifo())
            };
            let mut out = PipeOut {
                file,
                pipe: is_pipe.then_some(0),
            };
            out.fit(PIPE_START);
            return Box::new(std::io::BufWriter::with_capacity(64 * 1024, out));
        }
    }
    Box::new(std::io::stdout())
}

/// Standard output as a file; `pipe` is the capacity of the pipe it is,
/// while it may still grow.
#[cfg(unix)]
struct PipeOut {
    file: std::fs::File,
    pipe: Option<usize>,
}

/// What any process may ask for (Linux's default
/// `/proc/sys/fs/pipe-max-size`), and the most gazette asks for.
const PIPE_START: usize = 1 << 20;
const PIPE_MAX: usize = 16 << 20;

#[cfg(unix)]
impl PipeOut {
    /// Grows the pipe to hold `len` bytes where it can; once the system
    /// refuses, it stops asking.
    fn fit(&mut self, len: usize) {
        let Some(size) = self.pipe else {
            return;
        };
        if len <= size {
            return;
        }
        let want = len.next_power_of_two().clamp(PIPE_START, PIPE_MAX);
        self.pipe = match set_pipe_size(&self.file, want) {
            Ok(got) if got < PIPE_MAX => Some(got),
            Ok(_) => None,
            Err(e) => {
                tracing::debug!("stdout pipe stays at {size} bytes: {e}");
                None
            }
        };
    }
}

#[cfg(target_os = "linux")]
fn set_pipe_size(file: &std::fs::File, size: usize) -> std::io::Result<usize> {
    use std::os::fd::AsRawFd;
    let size = libc::c_int::try_from(size).unwrap_or(libc::c_int::MAX);
    // SAFETY: F_SETPIPE_SZ on a descriptor this process owns; a refusal
    // (a lower limit, an old kernel) leaves the pipe as it was.
    let got = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETPIPE_SZ, size) };
    usize::try_from(got).map_err(|_| std::io::Error::last_os_error())
}

#[cfg(all(unix, not(target_os = "linux")))]
fn set_pipe_size(_: &std::fs::File, _: usize) -> std::io::Result<usize> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(unix)]
impl Write for PipeOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.fit(buf.len());
        self.file.write(buf)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> std::io::Result<usize> {
        self.fit(bufs.iter().map(|b| b.len()).sum());
        self.file.write_vectored(bufs)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
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

    #[cfg(target_os = "linux")]
    #[test]
    fn a_large_message_fits_the_grown_pipe_in_one_write() {
        let (mut reader, writer) = std::io::pipe().unwrap();
        let file = std::fs::File::from(std::os::fd::OwnedFd::from(writer));
        let mut out = PipeOut {
            file,
            pipe: Some(0),
        };
        out.fit(PIPE_START);
        if out.pipe.is_none_or(|size| size < PIPE_START) {
            // The system refused a larger pipe: the write below would wait
            // for a reader.
            return;
        }
        // 16 times what a default pipe holds: one write takes it all while
        // nobody reads (with a 64 KB pipe it would write 64 KB).
        let body = vec![b'x'; PIPE_START - 4096];
        let header = b"Content-Length: 1044480\r\n\r\n";
        let n = out
            .write_vectored(&[IoSlice::new(header), IoSlice::new(&body)])
            .unwrap();
        assert_eq!(n, header.len() + body.len());
        drop(out);
        let mut got = Vec::new();
        std::io::Read::read_to_end(&mut reader, &mut got).unwrap();
        assert_eq!(got.len(), n);
        assert!(got.starts_with(header));
    }
}
