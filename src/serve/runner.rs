//! The running service: the store writer (group commit), the workers, the scheduler,
//! the approval routine and the node watcher, started and stopped together.
//!
//! Threads: the writer owns its SQLite connection and commits a batch of incidents and
//! their jobs in one durable transaction before acknowledging any of them; each
//! worker, the scheduler and the approval routine have their own connections (SQLite
//! serializes writers; WAL lets readers run beside them). The engine's job future holds
//! the store across awaits, so each worker drives it on a current-thread runtime of its
//! own; the engine's node client is shared.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use serde_json::{json, Map, Value};
use tokio::sync::{mpsc, oneshot};
use tracing::{debug, error, info, warn};

use super::config::ServeConfig;
use super::queue::{JobRef, NewJob, Queue};
use super::{Error, RunningClock, Shared};
use crate::engine::{Approver, EngineError, JobRunner};
use crate::incidents::store::{Status, Store};
use crate::incidents::{validate, Call, Incident, Intake};
use crate::rpc::Api;

/// The largest batch the writer commits at once.
const MAX_BATCH: usize = 2048;
/// The writer connection's page cache (SQLite's default size: a larger one was
/// measured to change nothing but the memory, benches/serve.rs).
const WRITER_CACHE_KIB: u32 = 2 * 1024;
/// How often the upkeep thread copies the write-ahead log back, so that the writer's
/// own checkpoints (past a few MiB of log) find little left to copy.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// What the service needs to run.
pub struct Settings {
    pub config: ServeConfig,
    /// The SQLite file of the incident store (the queue lives in it too).
    pub db: PathBuf,
    pub intake: Intake,
    /// The job runner and the approval routine (one sender each, same node).
    pub runner: JobRunner,
    pub approver: Approver,
    pub clock: RunningClock,
    /// `(provider, token)` pairs.
    pub tokens: Vec<(String, String)>,
    /// Run the scheduler (bos-auto's `--no-scheduler` turns it off).
    pub scheduler: bool,
    /// The console at `/` (`None`: off, `/` answers 404).
    pub console: Option<super::console::Settings>,
}

/// One incident waiting for the writer, with its JSON text (serialized once: the
/// incident row and the job row store it, the worker reads it back).
pub(crate) struct Pending {
    pub inc: Incident,
    pub doc: Arc<str>,
    pub reply: oneshot::Sender<Result<i64, String>>,
}

impl Pending {
    /// An incident and its text; `reply` gets the job id once both are committed.
    pub fn new(inc: Incident, reply: oneshot::Sender<Result<i64, String>>) -> Pending {
        let doc = serde_json::to_string(&inc.doc).unwrap_or_default().into();
        Pending { inc, doc, reply }
    }
}

/// A running service.
pub struct Service {
    pub addr: SocketAddr,
    pub shared: Arc<Shared>,
    stop: tokio::sync::watch::Sender<bool>,
    http: tokio::task::JoinHandle<()>,
    threads: Vec<std::thread::JoinHandle<()>>,
    watcher: tokio::task::JoinHandle<()>,
    /// Jobs put back to waiting at start (left running by a previous process).
    pub recovered: usize,
}

fn spawn(
    what: &'static str,
    f: impl FnOnce() + Send + 'static,
) -> Result<std::thread::JoinHandle<()>, Error> {
    std::thread::Builder::new()
        .name(format!("bos-{what}"))
        .spawn(f)
        .map_err(|source| Error::Thread { what, source })
}

fn local_runtime() -> Option<tokio::runtime::Runtime> {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => Some(rt),
        Err(e) => {
            error!("cannot start a runtime: {e}");
            None
        }
    }
}

impl Service {
    /// Opens the store and queue, binds the listener and starts every part. Must run
    /// inside a multi-thread tokio runtime.
    pub async fn start(s: Settings) -> Result<Service, Error> {
        let Settings {
            config,
            db,
            intake,
            runner,
            approver,
            clock,
            tokens,
            scheduler,
            console,
        } = s;
        let mut store = Store::open(&db)?;
        // The writer acknowledges an incident only after its commit is on disk.
        store.durable_writer(WRITER_CACHE_KIB)?;
        let mut queue = Queue::open(&db)?;
        let recovered = queue.recover()?;
        drop(queue);
        if recovered > 0 {
            info!(
                recovered,
                "jobs left unfinished by the previous run are queued again"
            );
        }
        let shared = Arc::new(Shared::new());
        let client = runner.sender().chain().client().clone();
        let chain_name = runner.parts().sports.name.clone();
        let dry_run = runner.dry_run();
        let engine = Arc::new(runner);
        let allow = config.allowlist()?;
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| Error::Bind {
                addr: config.listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind {
            addr: config.listen,
            source,
        })?;
        if !addr.ip().is_loopback() && config.api_whitelist.is_none() {
            warn!(%addr, "listening beyond loopback with no api_whitelist: only loopback may connect");
        }

        let (tx, rx) = mpsc::channel::<Pending>(65_536);
        let mut threads = Vec::new();
        {
            let shared = shared.clone();
            threads.push(spawn("writer", move || writer(rx, store, clock, shared))?);
        }
        for i in 0..config.workers {
            let (db, engine, shared) = (db.clone(), engine.clone(), shared.clone());
            let unhandled = config.expirations.unhandled_exception;
            threads.push(spawn("worker", move || {
                worker(i, &db, &engine, &shared, clock, unhandled)
            })?);
        }
        if scheduler {
            let (db, shared) = (db.clone(), shared.clone());
            let every = Duration::from_secs(config.scheduler_interval);
            shared.scheduler_running.store(true, Ordering::SeqCst);
            threads.push(spawn("scheduler", move || {
                scheduler_loop(&db, &shared, clock, every)
            })?);
        }
        if !dry_run {
            let (db, shared) = (db.clone(), shared.clone());
            let every = Duration::from_secs(config.approve_interval);
            shared.approvals_running.store(true, Ordering::SeqCst);
            threads.push(spawn("approvals", move || {
                approvals_loop(&db, &approver, &shared, clock, every)
            })?);
        }
        {
            let (db, shared) = (db.clone(), shared.clone());
            threads.push(spawn("upkeep", move || upkeep_loop(&db, &shared, clock))?);
        }
        let watcher = tokio::spawn(node_watch(client, shared.clone()));

        let console = match console {
            Some(c) => Some(super::console::router(
                c,
                engine.sender().clone(),
                engine.parts().clone(),
                db.clone(),
                shared.clone(),
                clock,
                tx.clone(),
                Intake::new(crate::incidents::Normalizer::new(
                    engine.parts().sports.as_ref().clone(),
                )),
            )?),
            None => None,
        };
        let reader = Store::open(&db)?;
        let reader_queue = Queue::open(&db)?;
        let state = super::http::State::new(
            &config,
            allow,
            tokens,
            intake,
            tx,
            reader,
            reader_queue,
            shared.clone(),
            chain_name,
        );
        let (stop, stop_rx) = tokio::sync::watch::channel(false);
        let app = super::http::router(state, console);
        let http = tokio::spawn(super::server::serve(
            listener,
            app,
            config.limits(),
            stop_rx,
        ));
        info!(%addr, workers = config.workers, scheduler, "bos serve is listening");
        Ok(Service {
            addr,
            shared,
            stop,
            http,
            threads,
            watcher,
            recovered,
        })
    }

    /// Stops accepting, lets running jobs finish (up to `grace`; a job still running
    /// after that runs again at the next start) and stops every part.
    pub async fn shutdown(self, grace: Duration) {
        info!("stopping: no new requests; running jobs finish");
        let _ = self.stop.send(true);
        let _ = tokio::time::timeout(grace, self.http).await;
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.shared.jobs.notify_waiters();
        self.shared.blocks.notify_waiters();
        self.watcher.abort();
        let threads = self.threads;
        let joined = tokio::task::spawn_blocking(move || {
            for t in threads {
                let _ = t.join();
            }
        });
        if tokio::time::timeout(grace, joined).await.is_err() {
            warn!("some jobs did not finish in time; they run again at the next start");
        }
        info!("stopped");
    }
}

/// The store writer: batches incidents, stores them and their jobs in one durable
/// commit, then acknowledges each.
fn writer(
    mut rx: mpsc::Receiver<Pending>,
    mut store: Store,
    clock: RunningClock,
    shared: Arc<Shared>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = rx.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(p) => batch.push(p),
                Err(_) => break,
            }
        }
        let now = clock.now();
        let incs: Vec<(&Incident, &str)> = batch.iter().map(|p| (&p.inc, &*p.doc)).collect();
        let jobs: Vec<JobRef> = batch
            .iter()
            .map(|p| JobRef {
                id_string: p.inc.id_string.as_deref().unwrap_or_default(),
                call: p.inc.call.as_str(),
                doc: &p.doc,
            })
            .collect();
        let r = store
            .insert_docs_then(&incs, now, |conn| {
                Queue::enqueue_on(conn, &jobs, "trigger", now)
            })
            .map(|(_, ids)| ids)
            .map_err(|e| e.to_string());
        drop((incs, jobs));
        match r {
            Ok(ids) => {
                shared.store_ok("writer");
                debug!(n = ids.len(), "committed");
                for (p, id) in batch.drain(..).zip(ids) {
                    let _ = p.reply.send(Ok(id));
                }
                shared.jobs.notify_waiters();
            }
            Err(e) => {
                error!("storing {} incidents failed: {e}", batch.len());
                shared.store_failed("writer", &e);
                for p in batch.drain(..) {
                    let _ = p.reply.send(Err(e.clone()));
                }
            }
        }
    }
}

/// A stored job's incident (already normalized).
fn job_incident(doc: &str) -> Result<Incident, String> {
    let v: Value = serde_json::from_str(doc).map_err(|e| e.to_string())?;
    validate::validate(v).map_err(|e| e.to_string())
}

fn worker(
    n: usize,
    db: &Path,
    engine: &JobRunner,
    shared: &Shared,
    clock: RunningClock,
    unhandled_secs: u64,
) {
    let Some(rt) = local_runtime() else { return };
    let (mut store, mut queue) = match (Store::open(db), Queue::open(db)) {
        (Ok(s), Ok(q)) => (s, q),
        (Err(e), _) => return error!("worker {n}: {e}"),
        (_, Err(e)) => return error!("worker {n}: {e}"),
    };
    let part = format!("worker {n}");
    let part = part.as_str();
    rt.block_on(async {
        // After a job the store could not record: wait before the next one.
        let mut backoff = Duration::ZERO;
        while !shared.is_stopping() {
            if !backoff.is_zero() {
                tokio::time::sleep(backoff).await;
            }
            let job = match shared.claim(&mut queue) {
                Ok(j) => {
                    if j.is_some() {
                        shared.store_ok(part);
                    }
                    j
                }
                Err(e) => {
                    error!("worker {n}: {e}");
                    shared.store_failed(part, &e.to_string());
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            let Some(job) = job else {
                tokio::select! {
                    _ = shared.jobs.notified() => {}
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                }
                continue;
            };
            let _held = Held(shared, job.seq);
            let inc = match job_incident(&job.doc) {
                Ok(i) => i,
                Err(e) => {
                    error!(job = job.seq, "not an incident: {e}");
                    end_job(&mut queue, shared, part, job.seq, End::Fail(e)).await;
                    continue;
                }
            };
            let now = clock.now();
            let r = {
                let _gate = shared.approvals_gate.read().await;
                engine.process_stored(&mut store, &inc, now).await
            };
            let outcome = match r {
                Ok(rep) => {
                    info!(event = %job.id_string, call = %job.call, status = %rep.status,
                          operations = rep.operations.len(), "job done");
                    End::Done
                }
                Err(EngineError::Rpc(e)) => {
                    warn!(event = %job.id_string, call = %job.call, "connection lost: {e}");
                    let mut extra = Map::new();
                    extra.insert("details".into(), json!(e.to_string()));
                    persist(shared, part, "setting the call's status", || {
                        store.set_status(
                            &job.id_string,
                            &job.call,
                            Status::ConnectionLost,
                            None,
                            Some(&extra),
                            now,
                        )
                    })
                    .await;
                    End::Done
                }
                // The store could not be read or written (disk full, locked, I/O): the
                // job runs again once it can; meanwhile /isalive reports the store.
                Err(EngineError::Store(e @ crate::incidents::Error::Store { .. })) => {
                    error!(event = %job.id_string, call = %job.call, "store: {e}; the job runs again");
                    shared.store_failed(part, &e.to_string());
                    backoff = (backoff * 2).clamp(Duration::from_millis(200), Duration::from_secs(5));
                    End::Requeue
                }
                Err(EngineError::Store(e)) => {
                    error!(event = %job.id_string, call = %job.call, "store: {e}");
                    End::Fail(e.to_string())
                }
                Err(e) => {
                    warn!(event = %job.id_string, call = %job.call, "unhandled: {e}");
                    let prev = store.status(&job.id_string, &job.call).ok();
                    let again = prev.is_some_and(|p| {
                        matches!(
                            p.name,
                            Status::UnhandledExceptionRetryingSoon | Status::UnhandledException
                        )
                    });
                    let mut extra = Map::new();
                    extra.insert("details".into(), json!(e.to_string()));
                    let (status, exp) = if again {
                        (Status::UnhandledException, None)
                    } else {
                        (
                            Status::UnhandledExceptionRetryingSoon,
                            Some(now + chrono::Duration::seconds(unhandled_secs as i64)),
                        )
                    };
                    persist(shared, part, "setting the call's status", || {
                        store.set_status(&job.id_string, &job.call, status, exp, Some(&extra), now)
                    })
                    .await;
                    End::Done
                }
            };
            if !matches!(outcome, End::Requeue) {
                backoff = Duration::ZERO;
            }
            end_job(&mut queue, shared, part, job.seq, outcome).await;
        }
    });
}

/// How a job ends in the queue.
enum End {
    Done,
    Requeue,
    Fail(String),
}

/// Removes a job from the set the workers hold when its run ends (also on a panic).
struct Held<'a>(&'a Shared, i64);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.0.release(self.1);
    }
}

/// Records the end of a job, retrying until the store takes it.
async fn end_job(queue: &mut Queue, shared: &Shared, part: &str, seq: i64, end: End) {
    let what = match &end {
        End::Done => "removing a finished job",
        End::Requeue => "queueing a job again",
        End::Fail(_) => "marking a job failed",
    };
    persist(shared, part, what, || match &end {
        End::Done => queue.done(seq),
        End::Requeue => queue.requeue(seq),
        End::Fail(e) => queue.fail(seq, e),
    })
    .await;
}

/// Runs a store write until it succeeds, waiting longer after each failure (up to
/// 5 s); while it fails, `part` is listed as failing and `/isalive` says so. Gives up
/// only when the service stops (a job whose end was not recorded runs again at the
/// next start).
async fn persist<T, E: Transient>(
    shared: &Shared,
    part: &str,
    what: &str,
    mut write: impl FnMut() -> Result<T, E>,
) -> Option<T> {
    let mut wait = Duration::from_millis(100);
    loop {
        match write() {
            Ok(v) => {
                shared.store_ok(part);
                return Some(v);
            }
            Err(e) if !e.transient() => {
                // Not the store failing (the event call is gone, say): nothing to retry.
                error!("{part}: {what} failed: {e}");
                return None;
            }
            Err(e) => {
                let e = e.to_string();
                shared.store_failed(part, &e);
                if shared.is_stopping() {
                    error!(
                        "{part}: {what} failed ({e}); stopping, so it is left to the next start"
                    );
                    return None;
                }
                warn!("{part}: {what} failed ({e}); trying again in {wait:?}");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(5));
            }
        }
    }
}

/// Errors of the store itself (I/O, full, locked), which a later try may not meet.
trait Transient: std::fmt::Display {
    fn transient(&self) -> bool;
}

impl Transient for crate::incidents::Error {
    fn transient(&self) -> bool {
        matches!(self, crate::incidents::Error::Store { .. })
    }
}

impl Transient for Error {
    fn transient(&self) -> bool {
        match self {
            Error::Queue { .. } => true,
            Error::Store(e) => e.transient(),
            _ => false,
        }
    }
}

/// How often the upkeep looks for jobs left running by no worker.
const ORPHAN_SWEEP: Duration = Duration::from_secs(5);

/// The upkeep: while a store write is failing, a small write every second tells when
/// the store can be written again; every few seconds, jobs marked running that no
/// worker holds (a worker that died, or gave up writing a job's end) are queued again.
fn upkeep_loop(db: &Path, shared: &Shared, clock: RunningClock) {
    let mut queue = match Queue::open(db) {
        Ok(q) => q,
        Err(e) => return error!("upkeep: {e}"),
    };
    let checkpoints = Store::open(db);
    let mut last_probe = std::time::Instant::now();
    let mut last_sweep = std::time::Instant::now();
    let mut last_checkpoint = std::time::Instant::now();
    while !shared.is_stopping() {
        std::thread::sleep(Duration::from_millis(100));
        if last_checkpoint.elapsed() >= CHECKPOINT_EVERY {
            last_checkpoint = std::time::Instant::now();
            if let Ok(s) = &checkpoints {
                if let Err(e) = s.checkpoint() {
                    debug!("upkeep: checkpoint: {e}");
                }
            }
        }
        if shared.store_problem().is_some() && last_probe.elapsed() >= Duration::from_secs(1) {
            last_probe = std::time::Instant::now();
            match queue.probe_write(clock.now()) {
                Ok(()) => {
                    if shared.store_recovered() {
                        info!("the store can be written again");
                    }
                }
                Err(e) => debug!("upkeep: the store still cannot be written: {e}"),
            }
        }
        if last_sweep.elapsed() >= ORPHAN_SWEEP {
            last_sweep = std::time::Instant::now();
            match shared.recover_orphans(&mut queue) {
                Ok(0) => {}
                Ok(n) => {
                    warn!(jobs = n, "jobs left running by no worker are queued again");
                    shared.jobs.notify_waiters();
                }
                Err(e) => debug!("upkeep: {e}"),
            }
        }
    }
}

/// The calls the scheduler looks at (bos-auto's list).
const SCHEDULED_CALLS: [Call; 6] = [
    Call::Create,
    Call::InProgress,
    Call::Finish,
    Call::Result,
    Call::Canceled,
    Call::DynamicBmgs,
];

/// One scheduler pass (§4.8 without emptying the queue): for every call, the events
/// that are `midway`, `connection lost` or `unknown`, and those `postponed`,
/// `unhandled exception, retrying soon` or `event missing` whose expiration has passed, get a job with
/// the call's first incident unless one is already waiting or running. Returns how
/// many jobs were added.
pub fn schedule_once(
    store: &Store,
    queue: &mut Queue,
    now: chrono::DateTime<Utc>,
) -> Result<usize, Error> {
    let mut added = 0;
    for call in SCHEDULED_CALLS {
        let c = call.as_str();
        let mut ids = Vec::new();
        for (status, expired) in [
            (Status::Midway, false),
            (Status::Postponed, true),
            (Status::UnhandledExceptionRetryingSoon, true),
            (Status::ConnectionLost, false),
            (Status::Unknown, false),
            // bos's own: an event the chain does not have yet (the engine sets an
            // expiration a minute out, for a bounded number of tries).
            (Status::EventMissing, true),
        ] {
            ids.extend(store.events_by_call_status(c, status, expired.then_some(now))?);
        }
        for id in ids {
            let Some(first) = store.first_call_incident(&id, call)? else {
                continue;
            };
            let job = NewJob {
                id_string: id,
                call: c.to_string(),
                doc: first.to_string(),
            };
            if queue.enqueue_if_idle(&job, now)? {
                added += 1;
            }
        }
    }
    Ok(added)
}

fn scheduler_loop(db: &Path, shared: &Shared, clock: RunningClock, every: Duration) {
    let opened = Store::open(db)
        .map_err(Error::from)
        .and_then(|s| Ok((s, Queue::open(db)?)));
    let (store, mut queue) = match opened {
        Ok(x) => x,
        Err(e) => {
            shared.scheduler_running.store(false, Ordering::SeqCst);
            return error!("scheduler: {e}");
        }
    };
    while !shared.is_stopping() {
        match schedule_once(&store, &mut queue, clock.now()) {
            Ok(0) => debug!("scheduler: nothing to retry"),
            Ok(n) => {
                shared.store_ok("scheduler");
                info!(jobs = n, "scheduler queued retries");
                shared.jobs.notify_waiters();
            }
            Err(e) => {
                error!("scheduler: {e}");
                shared.store_failed("scheduler", &e.to_string());
            }
        }
        let until = std::time::Instant::now() + every;
        while !shared.is_stopping() && std::time::Instant::now() < until {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    shared.scheduler_running.store(false, Ordering::SeqCst);
}

/// The approval routine, on an interval and on every new block.
fn approvals_loop(
    db: &Path,
    engine: &Approver,
    shared: &Shared,
    clock: RunningClock,
    every: Duration,
) {
    let Some(rt) = local_runtime() else { return };
    let mut store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => return error!("approvals: {e}"),
    };
    rt.block_on(async {
        while !shared.is_stopping() {
            tokio::select! {
                _ = shared.blocks.notified() => {}
                _ = tokio::time::sleep(every) => {}
            }
            if shared.is_stopping() {
                break;
            }
            let round = {
                let _gate = shared.approvals_gate.read().await;
                approve_round(engine, &mut store, clock).await
            };
            match round {
                Ok(ids) => {
                    if !ids.is_empty() {
                        info!(proposals = ?ids, "approved");
                    }
                    if let Ok(mut l) = shared.last_approval.lock() {
                        *l = Some(json!({"time": clock.now().to_rfc3339(), "approved": ids}));
                    }
                }
                Err(e) => debug!("approvals: {e}"),
            }
        }
    });
    shared.approvals_running.store(false, Ordering::SeqCst);
}

/// One approval round (`Engine::approve`): the approver's approval of the proposer's own
/// pending proposals (§4.9) and of other witnesses' proposals that a job re-run from the
/// stored incidents reproduces (§5.6). Returns the proposals approved.
async fn approve_round(
    engine: &Approver,
    store: &mut Store,
    clock: RunningClock,
) -> Result<Vec<String>, EngineError> {
    let r = engine.approve(store, clock.now(), &[]).await?;
    Ok(match r.sent {
        Some(crate::chain::Outcome::Broadcast { .. }) => r.approved(),
        _ => Vec::new(),
    })
}

/// Follows the node: head block, reachability; wakes the approval routine on each new block.
async fn node_watch(client: crate::rpc::Client, shared: Arc<Shared>) {
    let mut last: Option<u64> = None;
    loop {
        let r = client
            .call_within(
                Api::Database,
                "get_dynamic_global_properties",
                json!([]),
                Duration::from_secs(5),
            )
            .await;
        let mut new_block = false;
        if let Ok(mut n) = shared.node.lock() {
            match r {
                Ok(d) => {
                    let num = d["head_block_number"].as_u64();
                    new_block = num.is_some() && num != last;
                    last = num;
                    if !n.connected {
                        info!("node connected");
                    }
                    n.connected = true;
                    n.url = client.connected_url();
                    n.head_block_number = num;
                    n.head_block_time = d["time"].as_str().map(str::to_string);
                    n.error = None;
                }
                Err(e) => {
                    if n.connected {
                        warn!("node lost: {e}");
                    }
                    n.connected = false;
                    n.error = Some(e.to_string());
                }
            }
        }
        if new_block {
            shared.blocks.notify_waiters();
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
