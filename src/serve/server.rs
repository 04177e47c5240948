//! The HTTP server under the API: accepts connections up to a cap and closes the ones
//! that hold a slot without using it.
//!
//! * **Connection cap** (`max_connections`): a connection beyond it gets `503` with the
//!   reason (`x-bos-reason: too many connections`) and is closed, before any request is
//!   read, so a flood of connections can neither exhaust the process's file descriptors
//!   nor starve the connections already served.
//! * **Idle timeout** (`idle_timeout`): a connection, new or kept alive after a response,
//!   on which nothing arrives (and nothing is being answered) for that long is closed.
//! * **Header timeout** (`header_timeout`): once the first byte of a request has arrived,
//!   its headers must be complete within that long (slow-header clients).
//! * The body timeout (`body_timeout`) is applied where a body is read (`POST /trigger`).
//!
//! Each request carries the peer address ([`ConnectInfo`]) for the allowlist and the
//! rate limit. Stopping: no new connections; the open ones finish their request and close.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::time::{Instant, Sleep};
use tracing::{debug, warn};

/// The limits of the server.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Connections served at once; more are refused with 503.
    pub max_connections: usize,
    /// Nothing arrives on a connection waiting for a request: closed after this.
    pub idle: Duration,
    /// A request's headers must be complete this long after its first byte.
    pub header: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 512,
            idle: Duration::from_secs(15),
            header: Duration::from_secs(10),
        }
    }
}

/// Refusals being written at once at most; beyond, a connection is just closed.
const MAX_REFUSING: usize = 64;

/// What a connection is doing, shared by its stream and its service.
struct Activity {
    /// Requests being answered.
    in_flight: AtomicUsize,
    /// When the connection last became ready for a request or moved a byte, and when
    /// the current request's first byte arrived.
    times: Mutex<(Instant, Option<Instant>)>,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            in_flight: AtomicUsize::new(0),
            times: Mutex::new((Instant::now(), None)),
        }
    }

    fn moved(&self, read: bool) {
        if let Ok(mut t) = self.times.lock() {
            let now = Instant::now();
            t.0 = now;
            if read && t.1.is_none() && self.in_flight.load(Ordering::SeqCst) == 0 {
                t.1 = Some(now);
            }
        }
    }

    fn begin(&self) {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
    }

    fn end(&self) {
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        if let Ok(mut t) = self.times.lock() {
            *t = (Instant::now(), None);
        }
    }

    /// When the connection is to be closed, if it waits for a request.
    fn deadline(&self, l: &Limits) -> Option<Instant> {
        if self.in_flight.load(Ordering::SeqCst) > 0 {
            return None;
        }
        let t = self.times.lock().ok()?;
        Some(match t.1 {
            Some(first) => first + l.header,
            None => t.0 + l.idle,
        })
    }
}

/// Ends a request's "in flight" state even when its future is dropped.
struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.end();
    }
}

/// A TCP stream that fails its reads with `TimedOut` once the connection has waited for
/// a request longer than the limits allow.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
    limits: Limits,
    timer: Pin<Box<Sleep>>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.activity.moved(true);
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => {
                let Some(deadline) = this.activity.deadline(&this.limits) else {
                    return Poll::Pending;
                };
                if Instant::now() >= deadline {
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "idle or slow connection",
                    )));
                }
                if this.timer.deadline() != deadline {
                    this.timer.as_mut().reset(deadline);
                }
                // Registers the waker: the read is polled again at the deadline.
                match this.timer.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "idle or slow connection",
                    ))),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = &r {
            if *n > 0 {
                self.activity.moved(false);
            }
        }
        r
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = &r {
            if *n > 0 {
                self.activity.moved(false);
            }
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// Serves `app` on `listener` until `stop` turns true, then lets the open connections
/// finish their current request and returns once all are closed.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    mut stop: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let refusing = Arc::new(AtomicUsize::new(0));
    let mut last_error_log: Option<Instant> = None;
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.wait_for(|s| *s) => break,
        };
        let (stream, peer) = match accepted {
            Ok(x) => x,
            Err(e) => {
                // Out of file descriptors or a connection reset before accept: wait a
                // little instead of spinning.
                if last_error_log.is_none_or(|t| t.elapsed() > Duration::from_secs(10)) {
                    warn!("accepting a connection failed: {e}");
                    last_error_log = Some(Instant::now());
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            refuse(stream, peer, limits.max_connections, &refusing);
            continue;
        };
        let app = app.clone();
        let stop = stop.clone();
        tokio::spawn(async move {
            connection(stream, peer, app, limits, stop).await;
            drop(slot);
        });
    }
    // Every slot back: every connection closed.
    let _ = slots.acquire_many(limits.max_connections as u32).await;
}

/// Answers a connection over the cap with 503 and closes it.
fn refuse(stream: TcpStream, peer: SocketAddr, max: usize, refusing: &Arc<AtomicUsize>) {
    if refusing.fetch_add(1, Ordering::SeqCst) >= MAX_REFUSING {
        refusing.fetch_sub(1, Ordering::SeqCst);
        debug!(%peer, "connection dropped: too many connections");
        return;
    }
    debug!(%peer, "connection refused: too many connections");
    let refusing = refusing.clone();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = stream;
        let body = "Too many connections";
        let reply = format!(
            "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n\
             x-bos-reason: too many connections (max_connections {max}); try again later\r\n\
             retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        let _ = tokio::time::timeout(Duration::from_secs(1), async {
            stream.write_all(reply.as_bytes()).await?;
            stream.shutdown().await?;
            // Read what the client sent, so that closing does not reset the
            // connection before it has read the answer.
            let mut sink = [0u8; 4096];
            let mut total = 0;
            while total < 65_536 {
                match stream.read(&mut sink).await? {
                    0 => break,
                    n => total += n,
                }
            }
            Ok::<_, io::Error>(())
        })
        .await;
        refusing.fetch_sub(1, Ordering::SeqCst);
    });
}

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    limits: Limits,
    mut stop: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let activity = Arc::new(Activity::new());
    let io = hyper_util::rt::TokioIo::new(Watched {
        inner: stream,
        activity: activity.clone(),
        limits,
        timer: Box::pin(tokio::time::sleep(limits.idle)),
    });
    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        activity.begin();
        let guard = InFlight(activity.clone());
        let mut req = req.map(axum::body::Body::new);
        req.extensions_mut().insert(ConnectInfo(peer));
        let mut app = app.clone();
        async move {
            let r = tower_service::Service::call(&mut app, req).await;
            drop(guard);
            r
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    // The header timeout of hyper runs from the moment the connection waits for a
    // request: a backstop behind the idle and header limits above.
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.idle + limits.header)
        .max_buf_size(64 * 1024);
    let conn = builder.serve_connection(io, service);
    let mut conn = std::pin::pin!(conn);
    let mut stopping = false;
    loop {
        tokio::select! {
            r = conn.as_mut() => {
                if let Err(e) = r {
                    debug!(%peer, "connection closed: {e}");
                }
                break;
            }
            _ = stop.wait_for(|s| *s), if !stopping => {
                stopping = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}
