//! The preview server's sockets: binding a port, the tokio runtime, the
//! accept loop and each connection's HTTP/1, with the [limits](super::limits)
//! applied.
//!
//! This replaces `axum::serve`, which has no header-read timeout, no
//! connection cap and no way to see whether a connection is idle: issue 23
//! found 500 slow connections held for ever, and 300 of them under
//! `ulimit -n 256` stopped both the server and its rebuilds. Here:
//!
//! * a connection takes a slot ([`Slots`]) before it is served, so clients
//!   never hold more than [`Limits::connections`] descriptors;
//! * hyper closes a connection that has not sent a whole header within
//!   [`HEADER_READ_TIMEOUT`] of opening or of its last response (slowloris,
//!   and idle keep-alive);
//! * a response whose client reads nothing for [`WRITE_STALL_TIMEOUT`] ends
//!   its connection ([`Guarded`]);
//! * when `accept` fails for lack of descriptors, the loop backs off
//!   instead of spinning on a socket that stays readable;
//! * the runtime has one worker thread and [`BLOCKING_THREADS`] for files.

use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::time::Sleep;

use super::limits::{
    BLOCKING_THREADS, HEADER_READ_TIMEOUT, Limits, Slot, Slots, Tracked, WRITE_STALL_TIMEOUT,
};
use crate::error::{Error, Result};

/// How many other ports to try when the requested one is taken, before
/// letting the system choose.
const PORT_ATTEMPTS: u16 = 10;

/// How long open requests may go on once the server is told to stop.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// The first and the longest pause after `accept` fails for lack of
/// descriptors or memory.
const BACKOFF_FIRST: Duration = Duration::from_millis(20);
const BACKOFF_MAX: Duration = Duration::from_secs(1);

/// Binds `addr:port`; when the port is taken, tries the next few, then
/// any free one. The flag says whether another port than the one asked
/// for was taken, which the caller tells the user.
pub fn bind(addr: IpAddr, port: u16) -> Result<(TcpListener, bool)> {
    let attempt = |port: u16| TcpListener::bind(SocketAddr::new(addr, port));
    let first = match attempt(port) {
        Ok(listener) => return Ok((nonblocking(listener)?, false)),
        Err(e) => e,
    };
    if port == 0 || first.kind() != io::ErrorKind::AddrInUse {
        return Err(Error::Bind {
            addr: SocketAddr::new(addr, port).to_string(),
            source: first,
        });
    }
    let others = (1..=PORT_ATTEMPTS)
        .filter_map(|i| port.checked_add(i))
        .chain([0]);
    for candidate in others {
        if let Ok(listener) = attempt(candidate) {
            return Ok((nonblocking(listener)?, true));
        }
    }
    Err(Error::Bind {
        addr: SocketAddr::new(addr, port).to_string(),
        source: first,
    })
}

fn nonblocking(listener: TcpListener) -> Result<TcpListener> {
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    listener
        .set_nonblocking(true)
        .map_err(|source| Error::Bind { addr, source })?;
    Ok(listener)
}

/// The runtime [`serve`] runs on: one worker thread (the handlers only
/// look up and copy bytes) and at most [`BLOCKING_THREADS`] reading files.
pub fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_name("gongkai-serve")
        .build()
}

/// Serves `app` within `limits` until `stopped` turns true, then lets open
/// requests finish for a moment. Run it on [`runtime`].
pub async fn serve(
    listener: TcpListener,
    app: Router,
    stopped: watch::Receiver<bool>,
    limits: Limits,
) -> Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)
        .map_err(|e| Error::Serve(crate::t!("serve-cannot-listen", error = e)))?;
    let slots = Slots::new(limits.connections);
    let mut stop = stopped.clone();
    let mut backoff = BACKOFF_FIRST;
    loop {
        let accepted = tokio::select! {
            _ = stop.wait_for(|s| *s) => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => {
                backoff = BACKOFF_FIRST;
                stream
            }
            // The client gave up before it was accepted: nothing to wait for.
            Err(e) if is_connection_error(&e) => continue,
            // Out of descriptors or memory: the pending connection stays
            // queued and the socket readable, so retrying at once would
            // spin. Wait for connections to end.
            Err(_) => {
                tokio::select! {
                    _ = stop.wait_for(|s| *s) => break,
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(BACKOFF_MAX);
                continue;
            }
        };
        // Accepting first and then waiting for a slot holds at most one
        // descriptor beyond the cap, and lets the slots know that someone
        // is waiting (so an idle connection is closed for it).
        let slot = tokio::select! {
            _ = stop.wait_for(|s| *s) => break,
            slot = slots.take() => slot,
        };
        tokio::spawn(connection(stream, app.clone(), slot, stopped.clone()));
    }
    drop(listener);
    // The server ends once its connections are done; a browser that keeps
    // one open does not hold the exit up for more than the grace period.
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, slots.all_free()).await;
    Ok(())
}

/// Errors of one connection that ended before `accept` returned it.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
    )
}

/// Serves one connection until it ends, is chosen to make room, or the
/// server stops (then the current response may finish).
async fn connection(
    stream: TcpStream,
    app: Router,
    slot: Slot,
    mut stopped: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let activity = slot.activity();
    let inner = TowerToHyperService::new(app);
    // Each response carries a guard that marks the connection busy until
    // the body is written out: an event stream is never taken for idle.
    let service = hyper::service::service_fn(move |request| {
        let busy = activity.begin();
        let answer = hyper::service::Service::call(&inner, request);
        async move {
            answer
                .await
                .map(|response| response.map(|body| Tracked { body, _busy: busy }))
        }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let served = builder.serve_connection(TokioIo::new(Guarded::new(stream)), service);
    let mut served = std::pin::pin!(served);
    tokio::select! {
        _ = served.as_mut() => return,
        // Dropping the connection closes it.
        () = slot.evicted() => return,
        _ = stopped.wait_for(|s| *s) => {}
    }
    served.as_mut().graceful_shutdown();
    let _ = served.await;
}

/// A client socket whose writes fail once the client has read nothing for
/// [`WRITE_STALL_TIMEOUT`].
pub(crate) struct Guarded {
    stream: TcpStream,
    limit: Duration,
    /// Runs while a write waits for the client.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl Guarded {
    fn new(stream: TcpStream) -> Guarded {
        Guarded::with_limit(stream, WRITE_STALL_TIMEOUT)
    }

    fn with_limit(stream: TcpStream, limit: Duration) -> Guarded {
        Guarded {
            stream,
            limit,
            stalled: None,
        }
    }

    /// Passes a finished write on; while a write waits, fails it once the
    /// wait has lasted `limit`.
    fn watch<T>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if polled.is_ready() {
            self.stalled = None;
            return polled;
        }
        let limit = self.limit;
        let stalled = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        ready!(stalled.as_mut().poll(cx));
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "the client stopped reading",
        )))
    }
}

impl AsyncRead for Guarded {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.watch(cx, polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.watch(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_flush(cx);
        this.watch(cx, polled)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_shutdown(cx);
        this.watch(cx, polled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn a_write_to_a_client_that_reads_nothing_fails_after_the_limit() {
        let runtime = runtime().unwrap();
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            // The client connects and never reads.
            let client = std::net::TcpStream::connect(addr).unwrap();
            let (stream, _) = listener.accept().await.unwrap();
            let mut guarded = Guarded::with_limit(stream, Duration::from_millis(200));
            let chunk = vec![b'x'; 64 * 1024];
            let started = std::time::Instant::now();
            let failed = tokio::time::timeout(Duration::from_secs(20), async {
                loop {
                    let written =
                        std::future::poll_fn(|cx| Pin::new(&mut guarded).poll_write(cx, &chunk))
                            .await;
                    if let Err(e) = written {
                        return e;
                    }
                }
            })
            .await
            .expect("the stalled write never failed");
            assert_eq!(failed.kind(), io::ErrorKind::TimedOut);
            assert!(started.elapsed() >= Duration::from_millis(200));
            drop(client);
        });
    }

    #[test]
    fn a_reading_client_gets_everything() {
        let runtime = runtime().unwrap();
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let reader = std::thread::spawn(move || {
                let mut client = std::net::TcpStream::connect(addr).unwrap();
                let mut all = Vec::new();
                client.read_to_end(&mut all).unwrap();
                all.len()
            });
            let (stream, _) = listener.accept().await.unwrap();
            let mut guarded = Guarded::with_limit(stream, Duration::from_millis(500));
            let chunk = vec![b'x'; 64 * 1024];
            for _ in 0..64 {
                let mut left = &chunk[..];
                while !left.is_empty() {
                    let n = std::future::poll_fn(|cx| Pin::new(&mut guarded).poll_write(cx, left))
                        .await
                        .unwrap();
                    left = &left[n..];
                }
            }
            drop(guarded);
            assert_eq!(reader.join().unwrap(), 64 * 64 * 1024);
        });
    }
}
