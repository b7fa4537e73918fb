//! What the preview server allows itself and its clients: how many
//! connections and live-reload streams it holds ([`Limits`], sized from the
//! process's descriptor limit), how long a client may take, how many threads
//! read files, and the connection [`Slots`] that enforce the cap.
//!
//! The cap exists for the rebuilds: a rebuild opens content, templates and
//! output files, and a client that could take every descriptor would stop
//! it (issue 23: 300 idle connections under `ulimit -n 256` did). So at most
//! half of the soft `RLIMIT_NOFILE`, and never more than
//! [`MAX_CONNECTIONS`], go to clients; the rest stays for the watch, the
//! rebuild and the file reads.
//!
//! When every slot is taken and another client connects, the connection
//! that has waited longest for a request (an idle keep-alive connection, or
//! one that never sent a whole header) is closed to make room, as nginx does
//! with idle keep-alive connections. A preview stays usable while a flood
//! of slow connections lasts, instead of waiting for the flood's header
//! timeouts. When every connection is busy answering, the new one waits in
//! the kernel's backlog, which costs this process no descriptor.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use http_body::{Body, Frame, SizeHint};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};

/// How long a client has to send a whole request header, counted from the
/// connection's start or from the end of the previous response. So it is
/// both the slowloris limit and the keep-alive idle limit: a browser sends
/// its header at once, and opens a new connection after an idle one is
/// closed.
pub(crate) const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a response may wait for a client that reads nothing. Without it,
/// a client that pipelines requests and never reads the answers holds its
/// connection for ever. The event streams write a keep-alive comment every
/// 15 s, so a live browser never comes near it.
pub(crate) const WRITE_STALL_TIMEOUT: Duration = Duration::from_secs(30);

/// Threads that read files (tokio's blocking pool). The default, 512, is
/// what let 50 clients grow `serve` to 249 threads and 1.4 GiB (each thread
/// keeps its own allocator heap); a preview on one machine gains nothing
/// past a few.
pub(crate) const BLOCKING_THREADS: usize = 4;

/// Files at least this large (other than HTML, which gets the live-reload
/// tag) are streamed in [`STREAM_CHUNK`] pieces instead of read whole, so
/// that many downloads of a large attachment do not each hold it in memory.
pub(crate) const STREAM_ABOVE: u64 = 1024 * 1024;

/// The piece of a streamed file read at a time.
pub(crate) const STREAM_CHUNK: usize = 64 * 1024;

/// Streamed files open at once; more downloads wait for a turn. Each holds
/// a descriptor for as long as its client takes to read.
pub(crate) const STREAMED_FILES: usize = 16;

/// Connections at most, whatever the descriptor limit: a preview is one
/// person's browser (six connections per tab) and a few tools.
pub(crate) const MAX_CONNECTIONS: usize = 512;

/// Connections at least, even under a tiny descriptor limit, so that a
/// browser can still load a page.
const MIN_CONNECTIONS: usize = 16;

/// Live-reload streams at most: one per open tab.
const MAX_EVENT_STREAMS: usize = 64;

/// Descriptors never given to clients, at least: the watch, the rebuild's
/// reads and writes (about a dozen on a small machine, a few per rayon
/// thread on a large one), the [`STREAMED_FILES`], the blocking pool, the
/// runtime and stdio.
const RESERVED_DESCRIPTORS: u64 = 128;

/// How long to wait for a slot before closing another idle connection.
const EVICTION_RETRY: Duration = Duration::from_millis(100);

/// The server's caps, fixed at startup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Open client connections at most, event streams included.
    pub connections: usize,
    /// Open live-reload event streams at most; they last as long as their
    /// tab, so they get a share of the connections, not all of them.
    pub event_streams: usize,
}

impl Limits {
    /// The limits for this process's soft `RLIMIT_NOFILE`, read now: call
    /// it once at startup.
    pub fn for_this_process() -> Limits {
        Limits::for_descriptors(soft_descriptor_limit())
    }

    /// The limits for a soft descriptor limit (`None`: unlimited or
    /// unknown).
    pub(crate) fn for_descriptors(soft: Option<u64>) -> Limits {
        let connections = match soft {
            None => MAX_CONNECTIONS,
            Some(soft) => {
                let kept = RESERVED_DESCRIPTORS.max(soft / 2);
                usize::try_from(soft.saturating_sub(kept))
                    .unwrap_or(MAX_CONNECTIONS)
                    .clamp(MIN_CONNECTIONS, MAX_CONNECTIONS)
            }
        };
        Limits {
            connections,
            event_streams: (connections / 4).min(MAX_EVENT_STREAMS),
        }
    }
}

/// The soft limit on open descriptors, if there is one.
#[cfg(unix)]
// `rlim_t` is u64 on Linux and macOS, but not on every Unix.
#[allow(clippy::useless_conversion)]
fn soft_descriptor_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given, which lives
    // for the whole call.
    let read = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    if read != 0 || limit.rlim_cur == libc::RLIM_INFINITY {
        return None;
    }
    u64::try_from(limit.rlim_cur).ok()
}

#[cfg(not(unix))]
fn soft_descriptor_limit() -> Option<u64> {
    None
}

/// The connection slots: a count of free ones, and the open connections'
/// [`Activity`], to find the one idle longest.
pub(crate) struct Slots {
    free: Arc<Semaphore>,
    total: u32,
    open: Mutex<HashMap<u64, Arc<Activity>>>,
    next_id: AtomicU64,
}

/// Whether a connection is answering a request, and since when it is not.
pub(crate) struct Activity {
    /// Requests being answered: 0 or 1, HTTP/1 answers one at a time.
    busy: AtomicUsize,
    /// When the connection was opened or last finished a response.
    idle_since: Mutex<Instant>,
    /// Told when the connection is chosen to make room.
    evict: Notify,
}

/// One taken slot; dropping it frees the slot.
pub(crate) struct Slot {
    slots: Arc<Slots>,
    id: u64,
    activity: Arc<Activity>,
    _permit: OwnedSemaphorePermit,
}

impl Slots {
    pub(crate) fn new(count: usize) -> Arc<Slots> {
        let total = u32::try_from(count).unwrap_or(u32::MAX);
        Arc::new(Slots {
            free: Arc::new(Semaphore::new(total as usize)),
            total,
            open: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(0),
        })
    }

    /// A free slot. When none is, the connection idle longest is closed to
    /// make room; when every connection is busy, this waits.
    pub(crate) async fn take(self: &Arc<Self>) -> Slot {
        let permit = loop {
            if let Ok(permit) = Arc::clone(&self.free).try_acquire_owned() {
                break permit;
            }
            self.evict_longest_idle();
            tokio::select! {
                permit = Arc::clone(&self.free).acquire_owned() => {
                    if let Ok(permit) = permit {
                        break permit;
                    }
                }
                () = tokio::time::sleep(EVICTION_RETRY) => {}
            }
        };
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let activity = Arc::new(Activity {
            busy: AtomicUsize::new(0),
            idle_since: Mutex::new(Instant::now()),
            evict: Notify::new(),
        });
        self.lock().insert(id, Arc::clone(&activity));
        Slot {
            slots: Arc::clone(self),
            id,
            activity,
            _permit: permit,
        }
    }

    /// Resolves once every slot is free again: every connection ended.
    pub(crate) async fn all_free(&self) {
        let _ = self.free.acquire_many(self.total).await;
    }

    fn evict_longest_idle(&self) {
        let open = self.lock();
        let longest = open
            .values()
            .filter(|a| a.is_idle())
            .min_by_key(|a| a.idle_since());
        if let Some(activity) = longest {
            activity.evict.notify_one();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Activity>>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Slot {
    pub(crate) fn activity(&self) -> Arc<Activity> {
        Arc::clone(&self.activity)
    }

    /// Resolves when this connection is chosen to make room while idle.
    pub(crate) async fn evicted(&self) {
        loop {
            self.activity.evict.notified().await;
            // It may have taken a request since it was chosen; then the
            // next eviction picks another.
            if self.activity.is_idle() {
                return;
            }
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.slots.lock().remove(&self.id);
    }
}

impl Activity {
    /// Marks a request as being answered until the guard is dropped.
    pub(crate) fn begin(self: &Arc<Self>) -> Busy {
        self.busy.fetch_add(1, Ordering::SeqCst);
        Busy(Arc::clone(self))
    }

    fn is_idle(&self) -> bool {
        self.busy.load(Ordering::SeqCst) == 0
    }

    fn idle_since(&self) -> Instant {
        *self
            .idle_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// A request being answered; it travels with the response body, so an
/// event stream or a long download counts as busy until it ends.
pub(crate) struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        *self
            .0
            .idle_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Instant::now();
        self.0.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its connection marked busy until it is
/// written out (or dropped).
pub(crate) struct Tracked<B> {
    pub(crate) body: B,
    pub(crate) _busy: Busy,
}

impl<B: Body + Unpin> Body for Tracked<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_stay_well_below_the_descriptor_limit() {
        let limits = |soft| Limits::for_descriptors(Some(soft));
        assert_eq!(limits(256).connections, 128);
        assert_eq!(limits(256).event_streams, 32);
        assert_eq!(limits(1024).connections, 512);
        assert_eq!(limits(1_048_576).connections, MAX_CONNECTIONS);
        assert_eq!(limits(200).connections, 72);
        // A tiny limit still lets a browser in.
        assert_eq!(limits(64).connections, MIN_CONNECTIONS);
        assert_eq!(Limits::for_descriptors(None).connections, MAX_CONNECTIONS);
        assert_eq!(
            Limits::for_descriptors(None).event_streams,
            MAX_EVENT_STREAMS
        );
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn a_full_house_closes_the_connection_idle_longest_and_never_a_busy_one() {
        runtime().block_on(async {
            let slots = Slots::new(3);
            let oldest = slots.take().await;
            tokio::time::sleep(Duration::from_millis(5)).await;
            let busy = slots.take().await;
            let _answering = busy.activity().begin();
            let newer = slots.take().await;
            // Every slot is taken: the next one must close `oldest`, which
            // is idle, and not `busy`, although it is older than `newer`.
            let next = {
                let slots = Arc::clone(&slots);
                tokio::spawn(async move { slots.take().await })
            };
            tokio::time::timeout(Duration::from_secs(5), oldest.evicted())
                .await
                .expect("the idle connection was not chosen");
            drop(oldest);
            let _next = next.await.unwrap();
            let not_chosen = tokio::time::timeout(Duration::from_millis(50), async {
                tokio::select! {
                    () = busy.evicted() => "busy",
                    () = newer.evicted() => "newer",
                }
            })
            .await;
            assert!(not_chosen.is_err(), "{not_chosen:?} was closed too");
        });
    }

    #[test]
    fn all_free_waits_for_every_slot() {
        runtime().block_on(async {
            let slots = Slots::new(2);
            let slot = slots.take().await;
            let waited = tokio::time::timeout(Duration::from_millis(20), slots.all_free()).await;
            assert!(waited.is_err());
            drop(slot);
            tokio::time::timeout(Duration::from_secs(1), slots.all_free())
                .await
                .unwrap();
        });
    }
}
