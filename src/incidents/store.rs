//! The incident store: SQLite in WAL mode, replacing bos-incidents' MongoDB collections.
//!
//! * `incident`: each incident as stored (normalized, rounded, with `id_string`), unique by
//!   (`unique_string`, `provider_info.name`). A second insert of the same pair is a
//!   [`Outcome::Duplicate`], not an error.
//! * `event` + `event_call`: one event per `id_string`; per call a status from the exact
//!   vocabulary of bos-auto ([`Status`]), an optional expiration and extra fields. A call
//!   appears with status `unknown` when its first incident arrives; later incidents leave
//!   the status alone. The incidents of an event call are those with its id string and call.
//!
//! Times are UTC, written `YYYY-MM-DDTHH:MM:SSZ`, so text order is time order. "Now" is
//! always passed in (from the command's clock). Migrations are numbered by `user_version`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

use super::error::Error;
use super::incident::{Call, Incident};

/// Schema migrations; entry `n` moves `user_version` from `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE incident (
    seq INTEGER PRIMARY KEY,
    unique_string TEXT NOT NULL,
    provider TEXT NOT NULL,
    id_string TEXT NOT NULL,
    call TEXT NOT NULL,
    start_time TEXT NOT NULL,
    received TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (unique_string, provider)
);
CREATE INDEX incident_event ON incident (id_string, call);
CREATE INDEX incident_start ON incident (start_time);
CREATE TABLE event (
    id_string TEXT PRIMARY KEY,
    start_time TEXT NOT NULL,
    sport TEXT NOT NULL,
    event_group TEXT NOT NULL,
    home TEXT NOT NULL,
    away TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE event_call (
    id_string TEXT NOT NULL REFERENCES event (id_string),
    call TEXT NOT NULL,
    status TEXT NOT NULL,
    expiration TEXT,
    extra TEXT,
    updated TEXT NOT NULL,
    PRIMARY KEY (id_string, call)
);
CREATE INDEX event_call_status ON event_call (call, status, expiration);
"#,
    r#"
CREATE TABLE approval_check (
    proposal TEXT NOT NULL,
    approver TEXT NOT NULL,
    checker TEXT NOT NULL,
    approved INTEGER NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (proposal, approver, checker)
);
"#,
    r#"
CREATE TABLE proposal_hold (
    proposal TEXT PRIMARY KEY,
    note TEXT NOT NULL,
    at TEXT NOT NULL
);
"#,
    // No query can use it (the one filter on start_time scans in seq order), and
    // every insert paid for a page of it.
    r#"
DROP INDEX IF EXISTS incident_start;
"#,
];

/// Pages of write-ahead log after which the durable writer copies it back itself
/// (SQLite's default: 4 MiB of 4 KiB pages).
pub const WAL_CHECKPOINT_PAGES: i64 = 1000;
/// The size, in bytes, a write-ahead log is truncated to when it starts over.
pub const WAL_SIZE_LIMIT: i64 = 64 * 1024 * 1024;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The per-call status names bos-auto sets (bos-pipeline §2.4), spelled exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Unknown,
    Done,
    Midway,
    Postponed,
    InsufficientIncidents,
    Undecided,
    EventMissing,
    EventGroupClosed,
    RelatedObjectNotFound,
    CreateTooOld,
    ConnectionLost,
    UnhandledExceptionRetryingSoon,
    UnhandledException,
    NotNormalizable,
    ManuallyFinalized,
    /// bos's own: the chain has moved past this call (an `in_progress` for a finished
    /// event, a `result` for a group already graded or settled and removed, a `create`
    /// of an event that was settled): nothing is proposed, and the details say why.
    Superseded,
}

impl Status {
    pub const ALL: [Status; 16] = [
        Status::Unknown,
        Status::Done,
        Status::Midway,
        Status::Postponed,
        Status::InsufficientIncidents,
        Status::Undecided,
        Status::EventMissing,
        Status::EventGroupClosed,
        Status::RelatedObjectNotFound,
        Status::CreateTooOld,
        Status::ConnectionLost,
        Status::UnhandledExceptionRetryingSoon,
        Status::UnhandledException,
        Status::NotNormalizable,
        Status::ManuallyFinalized,
        Status::Superseded,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Unknown => "unknown",
            Status::Done => "done",
            Status::Midway => "midway",
            Status::Postponed => "postponed",
            Status::InsufficientIncidents => "insufficient incidents",
            Status::Undecided => "undecided",
            Status::EventMissing => "event missing",
            Status::EventGroupClosed => "event group closed",
            Status::RelatedObjectNotFound => "related object not found",
            Status::CreateTooOld => "create too old",
            Status::ConnectionLost => "connection lost",
            Status::UnhandledExceptionRetryingSoon => "unhandled exception, retrying soon",
            Status::UnhandledException => "unhandled exception",
            Status::NotNormalizable => "not normalizable",
            Status::ManuallyFinalized => "manually finalized",
            Status::Superseded => "superseded",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an insert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stored,
    /// The (unique_string, provider) pair was already stored; nothing changed.
    Duplicate,
}

/// The status of one call of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct CallStatus {
    pub name: Status,
    pub expiration: Option<DateTime<Utc>>,
    /// Extra fields (`proposals`, `actions`, `details`).
    pub extra: Map<String, Value>,
}

/// One line of `bos incident events`: an event's call with its status and counts.
#[derive(Debug, Clone, PartialEq)]
pub struct EventCall {
    pub id_string: String,
    pub call: String,
    pub status: CallStatus,
    pub incidents: u64,
    /// Distinct `provider_info.name` values among the call's incidents.
    pub providers: u64,
    pub updated: DateTime<Utc>,
}

/// A result as reported: `(home_score, away_score)`.
pub type Score = (String, String);

/// The most incidents [`Store::call_incidents`] returns.
pub const CALL_INCIDENTS_LIMIT: usize = 1_000;

/// What [`Store::result_tally`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultTally {
    /// Distinct results reported.
    pub distinct: u64,
    /// The results that reach the threshold (at most two are listed), with their
    /// number of distinct providers.
    pub leaders: Vec<(Score, u64)>,
}

/// How many incidents an event call has, and from how many distinct providers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallCounts {
    pub incidents: u64,
    pub providers: u64,
}

/// What one approval checker said about one proposal.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckRecord {
    pub approver: String,
    pub checker: String,
    pub approved: bool,
    pub reason: String,
    pub at: String,
}

/// A proposal the witness put on hold: no approval routine approves it until released.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hold {
    pub proposal: String,
    pub note: String,
    pub at: String,
}

/// A stored event: where and when it plays, and who.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EventRow {
    pub id_string: String,
    pub start_time: String,
    pub sport: String,
    pub event_group: String,
    pub home: String,
    pub away: String,
}

/// One stored incident with when it was received (an event's timeline).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Received {
    pub call: String,
    pub provider: String,
    pub received: String,
    pub doc: Value,
}

/// Which incidents to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub call: Option<Call>,
    /// The status of the incident's event call.
    pub status: Option<Status>,
    /// Event start time at or after.
    pub since: Option<DateTime<Utc>>,
    /// Event start time at or before.
    pub until: Option<DateTime<Utc>>,
    /// The event's id string.
    pub event: Option<String>,
    pub provider: Option<String>,
}

/// Formats a stored time.
pub fn ts(t: DateTime<Utc>) -> String {
    let mut s = super::time::seconds(t);
    s.push('Z');
    s
}

fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// A scratch store's file, removed when the store is dropped.
    scratch: bool,
    /// Inside [`Store::begin_batch`]: writes wait for [`Store::commit_batch`].
    batch: bool,
}

impl Drop for Store {
    fn drop(&mut self) {
        if self.batch {
            let _ = self.commit_batch();
        }
        if self.scratch {
            for ext in ["", "-wal", "-shm", "-journal"] {
                let mut p = self.path.clone().into_os_string();
                p.push(ext);
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

/// A savepoint through cached statements: rusqlite's `Savepoint` compiles its SQL on
/// every use, a twentieth of a dry replay's time when each incident is its own batch.
/// Rolled back when dropped unreleased.
struct Savepoint<'c> {
    conn: &'c Connection,
    released: bool,
}

impl<'c> Savepoint<'c> {
    fn begin(conn: &'c Connection) -> rusqlite::Result<Savepoint<'c>> {
        conn.prepare_cached("SAVEPOINT bos_insert")?.execute([])?;
        Ok(Savepoint {
            conn,
            released: false,
        })
    }

    fn release(mut self) -> rusqlite::Result<()> {
        self.conn
            .prepare_cached("RELEASE bos_insert")?
            .execute([])?;
        self.released = true;
        Ok(())
    }
}

impl Drop for Savepoint<'_> {
    fn drop(&mut self) {
        if !self.released {
            let _ = self
                .conn
                .execute_batch("ROLLBACK TO bos_insert; RELEASE bos_insert");
        }
    }
}

impl Store {
    /// Opens (creating when needed, with its folder) the store at `path`.
    pub fn open(path: &Path) -> Result<Store, Error> {
        if let Some(dir) = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.exists())
        {
            // bos's data folder also holds the wallet: create it private (0700).
            let mut b = std::fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                b.mode(0o700);
            }
            b.create(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| Error::Store {
            path: path.to_path_buf(),
            source,
        })?;
        Store::setup(conn, path.to_path_buf(), true)
    }

    /// A store in memory (tests, benchmarks).
    pub fn in_memory() -> Result<Store, Error> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| Error::Store {
            path: path.clone(),
            source,
        })?;
        Store::setup(conn, path, false)
    }

    /// A throw-away store in a new file of the temporary folder (private, 0600),
    /// removed when the store is dropped: for a run whose statuses are not kept (a
    /// dry replay against an in-process devnet). Unlike [`Store::in_memory`] its
    /// memory stays bounded by SQLite's page cache however many incidents it holds;
    /// it is not synced to disk.
    pub fn scratch() -> Result<Store, Error> {
        let mut n = 0u32;
        let path = loop {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            let p = std::env::temp_dir().join(format!(
                "bos-scratch-{}-{stamp}-{n}.sqlite",
                std::process::id()
            ));
            let mut o = std::fs::OpenOptions::new();
            o.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                o.mode(0o600);
            }
            match o.open(&p) {
                Ok(_) => break p,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(source) => return Err(Error::Io { path: p, source }),
            }
        };
        let conn = Connection::open(&path).map_err(|source| Error::Store {
            path: path.clone(),
            source,
        });
        let conn = match conn {
            Ok(c) => c,
            Err(e) => {
                let _ = std::fs::remove_file(&path);
                return Err(e);
            }
        };
        let mut store = Store::setup(conn, path.clone(), true).inspect_err(|_| {
            let _ = std::fs::remove_file(&path);
        })?;
        store.scratch = true;
        store
            .conn
            .pragma_update(None, "synchronous", "OFF")
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    fn setup(mut conn: Connection, path: PathBuf, wal: bool) -> Result<Store, Error> {
        let err = |source| Error::Store {
            path: path.clone(),
            source,
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        if wal {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
                .map_err(err)?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        // Sorting and grouping large calls (counts of distinct providers and results)
        // spill to a temporary file beyond the page cache instead of growing in memory.
        if wal {
            conn.pragma_update(None, "temp_store", "FILE")
                .map_err(err)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(Error::StoreVersion {
                path,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction().map_err(err)?;
            tx.execute_batch(m).map_err(err)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(Store {
            conn,
            path,
            scratch: false,
            batch: false,
        })
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64, Error> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    fn err(&self, source: rusqlite::Error) -> Error {
        Error::Store {
            path: self.path.clone(),
            source,
        }
    }

    /// Starts one transaction for the writes that follow, until [`Store::commit_batch`]:
    /// many small writes then cost one commit. For a run that tolerates losing its
    /// last writes on a crash and may hold the store's write lock for a while (a dry
    /// replay): other writers wait meanwhile (readers do not).
    pub fn begin_batch(&mut self) -> Result<(), Error> {
        if !self.batch {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.err(e))?;
            self.batch = true;
        }
        Ok(())
    }

    /// Commits the writes since [`Store::begin_batch`].
    pub fn commit_batch(&mut self) -> Result<(), Error> {
        if self.batch {
            self.batch = false;
            self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Stores one incident (its own transaction).
    pub fn insert(&mut self, inc: &Incident, now: DateTime<Utc>) -> Result<Outcome, Error> {
        Ok(self.insert_batch(std::slice::from_ref(inc), now)?[0])
    }

    /// Stores incidents in one transaction: all or nothing if the database fails; duplicates
    /// are reported per incident. Each incident must have gone through the intake pipeline
    /// (unique and id strings set) and have a provider name.
    pub fn insert_batch(
        &mut self,
        incs: &[Incident],
        now: DateTime<Utc>,
    ) -> Result<Vec<Outcome>, Error> {
        let docs: Vec<String> = incs
            .iter()
            .map(|i| serde_json::to_string(&i.doc).unwrap_or_default())
            .collect();
        let pairs: Vec<(&Incident, &str)> =
            incs.iter().zip(docs.iter().map(String::as_str)).collect();
        Ok(self.insert_docs_then(&pairs, now, |_| Ok(()))?.0)
    }

    /// [`Store::insert_batch`] for incidents already serialized (`doc`: the incident's
    /// JSON text, stored as given), then `then` in the same transaction: what the
    /// caller writes beside them (`bos serve`'s jobs) commits with them or not at all.
    pub fn insert_docs_then<T>(
        &mut self,
        incs: &[(&Incident, &str)],
        now: DateTime<Utc>,
        then: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<(Vec<Outcome>, T), Error> {
        for (inc, _) in incs {
            storable(inc)?;
        }
        let path = self.path.clone();
        let err = |source| Error::Store {
            path: path.clone(),
            source,
        };
        let now = ts(now);
        let tx = Savepoint::begin(&self.conn).map_err(err)?;
        let mut out = Vec::with_capacity(incs.len());
        // Event calls already ensured in this batch need no second insert.
        let mut seen: std::collections::HashSet<(&str, Call)> = std::collections::HashSet::new();
        {
            let mut ins = tx.conn
                .prepare_cached(
                    "INSERT INTO incident (unique_string, provider, id_string, call, start_time, received, doc)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (unique_string, provider) DO NOTHING",
                )
                .map_err(err)?;
            let mut ev = tx.conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO event (id_string, start_time, sport, event_group, home, away, created)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(err)?;
            let mut evc = tx
                .conn
                .prepare_cached(
                    "INSERT OR IGNORE INTO event_call (id_string, call, status, updated)
                     VALUES (?1, ?2, 'unknown', ?3)",
                )
                .map_err(err)?;
            for &(inc, doc) in incs {
                let (us, provider, ids, start) = storable(inc)?;
                let n = ins
                    .execute(params![
                        us,
                        provider,
                        ids,
                        inc.call.as_str(),
                        start,
                        now,
                        doc
                    ])
                    .map_err(err)?;
                if n == 0 {
                    out.push(Outcome::Duplicate);
                    continue;
                }
                out.push(Outcome::Stored);
                if !seen.insert((ids, inc.call)) {
                    continue;
                }
                ev.execute(params![
                    ids,
                    start,
                    inc.id.sport,
                    inc.id.event_group_name,
                    inc.id.home,
                    inc.id.away,
                    now
                ])
                .map_err(err)?;
                evc.execute(params![ids, inc.call.as_str(), now])
                    .map_err(err)?;
            }
        }
        let also = then(tx.conn).map_err(err)?;
        tx.release().map_err(err)?;
        Ok((out, also))
    }

    /// Makes this connection's commits durable (`synchronous = FULL`: a commit
    /// survives a power loss, not only a crash), sets its page cache (`cache_kib`)
    /// and bounds the write-ahead log: past [`WAL_CHECKPOINT_PAGES`] this connection
    /// copies the log back itself after a commit, so that the next commit starts the
    /// log over from its beginning (a checkpoint from another connection never
    /// catches up with a writer that never pauses, and the log then grew by every
    /// commit, by gigabytes under load). [`WAL_SIZE_LIMIT`] truncates a log that a
    /// long reader made grow once it can start over.
    pub fn durable_writer(&mut self, cache_kib: u32) -> Result<(), Error> {
        let r = self
            .conn
            .pragma_update(None, "synchronous", "FULL")
            .and_then(|_| {
                self.conn
                    .pragma_update(None, "cache_size", -i64::from(cache_kib))
            })
            .and_then(|_| {
                self.conn
                    .pragma_update(None, "wal_autocheckpoint", WAL_CHECKPOINT_PAGES)
            })
            .and_then(|_| {
                self.conn
                    .pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)
            });
        r.map_err(|e| self.err(e))
    }

    /// Copies what the write-ahead log holds back into the database, without waiting
    /// for readers or writers (a passive checkpoint).
    pub fn checkpoint(&self) -> Result<(), Error> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .map_err(|e| self.err(e))
    }

    /// Sets the status of an event's call (`update_event_status_by_id`): the name, the extra
    /// fields (replacing the previous ones) and the expiration.
    pub fn set_status(
        &mut self,
        id_string: &str,
        call: &str,
        status: Status,
        expiration: Option<DateTime<Utc>>,
        extra: Option<&Map<String, Value>>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let extra = extra
            .filter(|m| !m.is_empty())
            .map(|m| serde_json::to_string(m).unwrap_or_default());
        let n = self
            .conn
            .prepare_cached(
                "UPDATE event_call SET status = ?3, expiration = ?4, extra = ?5, updated = ?6
                 WHERE id_string = ?1 AND call = ?2",
            )
            .and_then(|mut q| {
                q.execute(params![
                    id_string,
                    call,
                    status.as_str(),
                    expiration.map(ts),
                    extra,
                    ts(now)
                ])
            })
            .map_err(|e| self.err(e))?;
        if n == 0 {
            return Err(Error::EventNotFound {
                id_string: id_string.into(),
                call: call.into(),
            });
        }
        Ok(())
    }

    /// The status of one event call.
    pub fn status(&self, id_string: &str, call: &str) -> Result<CallStatus, Error> {
        self.conn
            .prepare_cached(
                "SELECT status, expiration, extra FROM event_call WHERE id_string = ?1 AND call = ?2",
            )
            .and_then(|mut q| {
                q.query_row(params![id_string, call], |r| {
                    Ok(call_status(r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
            })
            .map_err(|e| self.err(e))?
            .ok_or_else(|| Error::EventNotFound {
                id_string: id_string.into(),
                call: call.into(),
            })
    }

    /// Id strings of events whose `call` has status `status` and, when given, an expiration
    /// before `expired_before` (`get_events_by_call_status`).
    pub fn events_by_call_status(
        &self,
        call: &str,
        status: Status,
        expired_before: Option<DateTime<Utc>>,
    ) -> Result<Vec<String>, Error> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT id_string FROM event_call WHERE call = ?1 AND status = ?2
                 AND (?3 IS NULL OR (expiration IS NOT NULL AND expiration < ?3))
                 ORDER BY id_string",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(
                params![call, status.as_str(), expired_before.map(ts)],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.err(e))
    }

    /// Every event call with its status and counts, newest id string first (`get_events`).
    pub fn events(
        &self,
        call: Option<&str>,
        status: Option<Status>,
    ) -> Result<Vec<EventCall>, Error> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT c.id_string, c.call, c.status, c.expiration, c.extra, c.updated,
                        COUNT(i.seq), COUNT(DISTINCT i.provider)
                 FROM event_call c LEFT JOIN incident i ON i.id_string = c.id_string AND i.call = c.call
                 WHERE (?1 IS NULL OR c.call = ?1) AND (?2 IS NULL OR c.status = ?2)
                 GROUP BY c.id_string, c.call
                 ORDER BY c.id_string DESC, c.call",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![call, status.map(|s| s.as_str())], |r| {
                let updated: String = r.get(5)?;
                Ok(EventCall {
                    id_string: r.get(0)?,
                    call: r.get(1)?,
                    status: call_status(r.get(2)?, r.get(3)?, r.get(4)?),
                    incidents: r.get::<_, i64>(6)? as u64,
                    providers: r.get::<_, i64>(7)? as u64,
                    updated: parse_ts(&updated).unwrap_or_default(),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// An event with each call's status and incidents (`get_event_by_id(resolve=True)`):
    /// `{"id_string", "id", "<call>": {"incidents": [...], "status": {...}}}`; each incident
    /// without `call`, `id` and `id_string`.
    pub fn event(&self, id_string: &str) -> Result<Value, Error> {
        self.event_bounded(id_string, usize::MAX)
    }

    /// [`Store::event`] with at most `per_call` incidents (the first stored) per call; a
    /// call with more also has `incidents_total`. Reads only this event's rows.
    pub fn event_bounded(&self, id_string: &str, per_call: usize) -> Result<Value, Error> {
        let calls: Vec<(String, CallStatus, i64)> = {
            let mut q = self
                .conn
                .prepare_cached(
                    "SELECT c.call, c.status, c.expiration, c.extra,
                            (SELECT COUNT(*) FROM incident i WHERE i.id_string = c.id_string AND i.call = c.call)
                     FROM event_call c WHERE c.id_string = ?1 ORDER BY c.call",
                )
                .map_err(|e| self.err(e))?;
            let rows = q
                .query_map(params![id_string], |r| {
                    Ok((
                        r.get(0)?,
                        call_status(r.get(1)?, r.get(2)?, r.get(3)?),
                        r.get(4)?,
                    ))
                })
                .map_err(|e| self.err(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?
        };
        if calls.is_empty() {
            return Err(Error::EventNotFound {
                id_string: id_string.into(),
                call: "*".into(),
            });
        }
        let limit = i64::try_from(per_call).unwrap_or(i64::MAX);
        let mut ev = Map::new();
        ev.insert("id_string".into(), Value::String(id_string.into()));
        for (name, status, total) in calls {
            let incidents = self.docs(
                "SELECT doc FROM incident WHERE id_string = ?1 AND call = ?2 ORDER BY seq LIMIT ?3",
                params![id_string, name, limit],
            )?;
            let mut list = Vec::new();
            for mut i in incidents {
                if let Value::Object(m) = &mut i {
                    m.remove("call");
                    if let Some(id) = m.remove("id") {
                        ev.entry("id").or_insert(id);
                    }
                    m.remove("id_string");
                }
                list.push(i);
            }
            let mut call = Map::new();
            let shown = list.len() as i64;
            call.insert("incidents".into(), Value::Array(list));
            if total > shown {
                call.insert("incidents_total".into(), Value::from(total));
            }
            call.insert("status".into(), status_json(&status));
            ev.insert(name, Value::Object(call));
        }
        Ok(Value::Object(ev))
    }

    /// Stored incidents matching `f`, in the order they were stored (`get_incidents`).
    pub fn incidents(&self, f: &Filter) -> Result<Vec<Value>, Error> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT i.doc FROM incident i
                 LEFT JOIN event_call c ON c.id_string = i.id_string AND c.call = i.call
                 WHERE (?1 IS NULL OR i.call = ?1) AND (?2 IS NULL OR c.status = ?2)
                   AND (?3 IS NULL OR i.start_time >= ?3) AND (?4 IS NULL OR i.start_time <= ?4)
                   AND (?5 IS NULL OR i.id_string = ?5) AND (?6 IS NULL OR i.provider = ?6)
                 ORDER BY i.seq",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(
                params![
                    f.call.map(|c| c.as_str()),
                    f.status.map(|s| s.as_str()),
                    f.since.map(ts),
                    f.until.map(ts),
                    f.event,
                    f.provider
                ],
                |r| r.get::<_, String>(0),
            )
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for doc in rows {
            let doc = doc.map_err(|e| self.err(e))?;
            out.push(serde_json::from_str(&doc).unwrap_or(Value::Null));
        }
        Ok(out)
    }

    /// The `doc` column of a query's rows, parsed (a damaged document reads as null).
    fn docs(&self, sql: &str, args: impl rusqlite::Params) -> Result<Vec<Value>, Error> {
        let mut q = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = q
            .query_map(args, |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for doc in rows {
            let doc = doc.map_err(|e| self.err(e))?;
            out.push(serde_json::from_str(&doc).unwrap_or(Value::Null));
        }
        Ok(out)
    }

    /// The incidents of one event's call, in the order stored, at most the first
    /// [`CALL_INCIDENTS_LIMIT`] (what approval checkers are shown; uses the
    /// `(id_string, call)` index, unlike the general [`Store::incidents`]). Jobs never
    /// read a call's documents: they count in SQL ([`Store::call_counts`],
    /// [`Store::result_tally`]).
    pub fn call_incidents(&self, id_string: &str, call: Call) -> Result<Vec<Value>, Error> {
        self.docs(
            "SELECT doc FROM incident WHERE id_string = ?1 AND call = ?2 ORDER BY seq LIMIT ?3",
            params![id_string, call.as_str(), CALL_INCIDENTS_LIMIT as i64],
        )
    }

    /// The first stored incident of one event's call (what the scheduler re-queues).
    pub fn first_call_incident(&self, id_string: &str, call: Call) -> Result<Option<Value>, Error> {
        Ok(self
            .docs(
                "SELECT doc FROM incident WHERE id_string = ?1 AND call = ?2 ORDER BY seq LIMIT 1",
                params![id_string, call.as_str()],
            )?
            .pop())
    }

    /// The number of incidents of one event's call and of distinct providers among them,
    /// counted by SQLite (a job's threshold check reads two numbers, not the rows).
    pub fn call_counts(&self, id_string: &str, call: Call) -> Result<CallCounts, Error> {
        self.conn
            .prepare_cached(
                "SELECT COUNT(*), COUNT(DISTINCT provider) FROM incident
                 WHERE id_string = ?1 AND call = ?2",
            )
            .and_then(|mut q| {
                q.query_row(params![id_string, call.as_str()], |r| {
                    Ok(CallCounts {
                        incidents: r.get::<_, i64>(0)?.max(0) as u64,
                        providers: r.get::<_, i64>(1)?.max(0) as u64,
                    })
                })
            })
            .map_err(|e| self.err(e))
    }

    /// The results reported for an event, each with the number of distinct providers
    /// that reported it (`(home_score, away_score)` as sent; a score that is not a
    /// string in its JSON form). One row per distinct result, however many incidents.
    pub fn result_votes(&self, id_string: &str) -> Result<Vec<(Score, u64)>, Error> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT h, a, COUNT(DISTINCT provider) FROM (
                   SELECT provider,
                     CASE json_type(doc, '$.arguments.home_score') WHEN 'text'
                       THEN json_extract(doc, '$.arguments.home_score')
                       ELSE COALESCE(doc -> '$.arguments.home_score', 'null') END AS h,
                     CASE json_type(doc, '$.arguments.away_score') WHEN 'text'
                       THEN json_extract(doc, '$.arguments.away_score')
                       ELSE COALESCE(doc -> '$.arguments.away_score', 'null') END AS a
                   FROM incident WHERE id_string = ?1 AND call = 'result')
                 GROUP BY h, a ORDER BY h, a",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![id_string], |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                    r.get::<_, i64>(2)?.max(0) as u64,
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// bos-auto's majority rule over an event's results (§4.5), counted by SQLite: the
    /// number of distinct results, and the results (at most two) that distinct
    /// providers reported at least 0.51 x that many times. Memory does not grow with
    /// the number of incidents or results.
    pub fn result_tally(&self, id_string: &str) -> Result<ResultTally, Error> {
        const VOTES: &str = "SELECT h, a, COUNT(DISTINCT provider) AS c FROM (
               SELECT provider,
                 CASE json_type(doc, '$.arguments.home_score') WHEN 'text'
                   THEN json_extract(doc, '$.arguments.home_score')
                   ELSE COALESCE(doc -> '$.arguments.home_score', 'null') END AS h,
                 CASE json_type(doc, '$.arguments.away_score') WHEN 'text'
                   THEN json_extract(doc, '$.arguments.away_score')
                   ELSE COALESCE(doc -> '$.arguments.away_score', 'null') END AS a
               FROM incident WHERE id_string = ?1 AND call = 'result')
             GROUP BY h, a";
        let distinct: i64 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM ({VOTES})"))
            .and_then(|mut q| q.query_row(params![id_string], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        // The threshold as bos-auto computes it (a float), compared by SQLite.
        let threshold = 0.51 * distinct as f64;
        let mut q = self
            .conn
            .prepare_cached(&format!(
                "SELECT h, a, c FROM ({VOTES}) WHERE c >= ?2 ORDER BY h, a LIMIT 2"
            ))
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![id_string, threshold], |r| {
                Ok(((r.get(0)?, r.get(1)?), r.get::<_, i64>(2)?.max(0) as u64))
            })
            .map_err(|e| self.err(e))?;
        Ok(ResultTally {
            distinct: distinct.max(0) as u64,
            leaders: rows
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.err(e))?,
        })
    }

    /// Every `(type, value, participant)` of the `arguments.types` of an event's
    /// `dynamic_bmgs` incidents, in the order stored: entries without a string `type`
    /// or a numeric value (a number, or a string that parses as one) are left out, a
    /// missing participant is empty. Only these three fields are read, not the documents.
    pub fn dynamic_types(&self, id_string: &str) -> Result<Vec<(String, f64, String)>, Error> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT t.value ->> '$.type', json_type(t.value, '$.value'), t.value ->> '$.value',
                        CASE json_type(t.value, '$.participant') WHEN 'text'
                          THEN t.value ->> '$.participant' ELSE '' END
                 FROM incident i, json_each(i.doc, '$.arguments.types') t
                 WHERE i.id_string = ?1 AND i.call = 'dynamic_bmgs'
                   AND json_type(i.doc, '$.arguments.types') = 'array'
                   AND CASE t.type WHEN 'object' THEN json_type(t.value, '$.type') END = 'text'
                 ORDER BY i.seq, t.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![id_string], |r| {
                let kind: Option<String> = r.get(1)?;
                let value = match kind.as_deref() {
                    Some("text") => r.get::<_, String>(2)?.trim().parse::<f64>().ok(),
                    Some("integer") | Some("real") => Some(r.get::<_, f64>(2)?),
                    _ => None,
                };
                Ok(value.map(|v| {
                    (
                        r.get::<_, String>(0).unwrap_or_default(),
                        v,
                        r.get(3).unwrap_or_default(),
                    )
                }))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            if let Some(e) = row.map_err(|e| self.err(e))? {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Id strings of the stored events of `sport` / `event_group` (normalized names)
    /// that start at `start`.
    pub fn event_ids_at(
        &self,
        sport: &str,
        event_group: &str,
        start: DateTime<Utc>,
    ) -> Result<Vec<String>, Error> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT id_string FROM event WHERE sport = ?1 AND event_group = ?2 AND start_time = ?3
                 ORDER BY id_string",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![sport, event_group, ts(start)], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.err(e))
    }

    /// The first stored incident of each call of an event, in the order stored
    /// (what the scheduler re-queues, §4.8).
    pub fn first_incidents(&self, id_string: &str) -> Result<Vec<Value>, Error> {
        self.docs(
            "SELECT doc FROM incident WHERE seq IN
               (SELECT MIN(seq) FROM incident WHERE id_string = ?1 GROUP BY call)
             ORDER BY seq",
            params![id_string],
        )
    }

    /// Records what an approval checker said about a proposal (the latest word
    /// per proposal, approver and checker).
    pub fn record_check(
        &mut self,
        proposal: &str,
        approver: &str,
        checker: &str,
        approved: bool,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT INTO approval_check (proposal, approver, checker, approved, reason, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (proposal, approver, checker)
                 DO UPDATE SET approved = ?4, reason = ?5, at = ?6",
                params![proposal, approver, checker, approved, reason, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// What the checkers said about a proposal: `(approver, checker, approved, reason, at)`.
    pub fn checks(&self, proposal: &str) -> Result<Vec<CheckRecord>, Error> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT approver, checker, approved, reason, at FROM approval_check
                 WHERE proposal = ?1 ORDER BY at, checker",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![proposal], |r| {
                Ok(CheckRecord {
                    approver: r.get(0)?,
                    checker: r.get(1)?,
                    approved: r.get(2)?,
                    reason: r.get(3)?,
                    at: r.get(4)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// Puts a proposal on hold (again: the note and time are replaced).
    pub fn hold(&mut self, proposal: &str, note: &str, now: DateTime<Utc>) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT INTO proposal_hold (proposal, note, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (proposal) DO UPDATE SET note = ?2, at = ?3",
                params![proposal, note, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Releases a hold; whether there was one.
    pub fn release(&mut self, proposal: &str) -> Result<bool, Error> {
        let n = self
            .conn
            .execute(
                "DELETE FROM proposal_hold WHERE proposal = ?1",
                params![proposal],
            )
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Every proposal on hold, oldest first.
    pub fn holds(&self) -> Result<Vec<Hold>, Error> {
        let mut q = self
            .conn
            .prepare_cached("SELECT proposal, note, at FROM proposal_hold ORDER BY at, proposal")
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map([], |r| {
                Ok(Hold {
                    proposal: r.get(0)?,
                    note: r.get(1)?,
                    at: r.get(2)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// The hold of one proposal, if it is held.
    pub fn held(&self, proposal: &str) -> Result<Option<Hold>, Error> {
        Ok(self.holds()?.into_iter().find(|h| h.proposal == proposal))
    }

    /// Every stored event, by start time.
    pub fn event_rows(&self) -> Result<Vec<EventRow>, Error> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT id_string, start_time, sport, event_group, home, away FROM event
                 ORDER BY start_time, id_string",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map([], |r| {
                Ok(EventRow {
                    id_string: r.get(0)?,
                    start_time: r.get(1)?,
                    sport: r.get(2)?,
                    event_group: r.get(3)?,
                    home: r.get(4)?,
                    away: r.get(5)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// An event's incidents with their call, provider and received time, in the order stored.
    pub fn timeline(&self, id_string: &str) -> Result<Vec<Received>, Error> {
        let mut q = self
            .conn
            .prepare_cached(
                "SELECT call, provider, received, doc FROM incident WHERE id_string = ?1 ORDER BY seq",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![id_string], |r| {
                Ok(Received {
                    call: r.get(0)?,
                    provider: r.get(1)?,
                    received: r.get(2)?,
                    doc: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or(Value::Null),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// The number of incidents matching `f` (`get_incidents_count`).
    pub fn count(&self, f: &Filter) -> Result<usize, Error> {
        Ok(self.incidents(f)?.len())
    }

    /// Incidents with this unique string, from every provider.
    pub fn by_unique_string(&self, unique_string: &str) -> Result<Vec<Value>, Error> {
        self.docs(
            "SELECT doc FROM incident WHERE unique_string = ?1 ORDER BY seq",
            params![unique_string],
        )
    }

    /// Distinct provider names (`get_distinct("provider_info.name")`).
    pub fn providers(&self) -> Result<Vec<String>, Error> {
        let mut q = self
            .conn
            .prepare_cached("SELECT DISTINCT provider FROM incident ORDER BY provider")
            .map_err(|e| self.err(e))?;
        let rows = q.query_map([], |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.err(e))
    }

    /// Deletes the incidents with this unique string (all providers, or one).
    pub fn delete_incident(
        &mut self,
        unique_string: &str,
        provider: Option<&str>,
    ) -> Result<usize, Error> {
        let n = self
            .conn
            .execute(
                "DELETE FROM incident WHERE unique_string = ?1 AND (?2 IS NULL OR provider = ?2)",
                params![unique_string, provider],
            )
            .map_err(|e| self.err(e))?;
        if n == 0 {
            return Err(Error::IncidentNotFound {
                unique_string: unique_string.into(),
            });
        }
        Ok(n)
    }
}

/// The status as bos-incidents stores it: `{name, ...extra, expiration?}` (expiration in
/// RFC 3339 here, not a float).
pub fn status_json(s: &CallStatus) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), Value::String(s.name.as_str().into()));
    for (k, v) in &s.extra {
        m.insert(k.clone(), v.clone());
    }
    if let Some(e) = s.expiration {
        m.insert("expiration".into(), Value::String(ts(e)));
    }
    Value::Object(m)
}

fn call_status(name: String, expiration: Option<String>, extra: Option<String>) -> CallStatus {
    CallStatus {
        // Only this module writes statuses, from the enum.
        name: Status::parse(&name).unwrap_or(Status::Unknown),
        expiration: expiration.as_deref().and_then(parse_ts),
        extra: extra
            .and_then(|e| serde_json::from_str(&e).ok())
            .unwrap_or_default(),
    }
}

/// The key fields of a storable incident: unique string, provider, id string, start time.
fn storable(inc: &Incident) -> Result<(&str, &str, &str, String), Error> {
    let us = inc
        .unique_string
        .as_deref()
        .ok_or_else(|| Error::NotStorable("no unique_string".into()))?;
    let provider = inc.provider.as_deref().ok_or_else(|| {
        Error::NotStorable(
            "no provider_info.name (incidents are unique by unique_string and provider)".into(),
        )
    })?;
    let ids = inc
        .id_string
        .as_deref()
        .ok_or_else(|| Error::NotStorable("no id_string".into()))?;
    let start = inc
        .id
        .start_time
        .as_deref()
        .and_then(super::time::parse_rfc3339)
        .ok_or_else(|| Error::NotStorable("id.start_time is not a time".into()))?;
    Ok((us, provider, ids, ts(start)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incidents::intake::finish;
    use crate::incidents::validate::validate;
    use serde_json::json;

    fn t(s: &str) -> DateTime<Utc> {
        crate::incidents::time::parse_rfc3339(s).unwrap()
    }

    fn incident(call: &str, provider: &str, args: Value) -> Incident {
        let mut i = validate(json!({
            "id": {"sport": "Basketball", "event_group_name": "NBA Regular Season",
                   "start_time": "2019-01-25T01:00:00Z", "home": "Washington Wizards",
                   "away": "Golden State Warriors"},
            "call": call, "arguments": args,
            "provider_info": {"name": provider, "pushed": "2019-01-25T00:00:00Z"}
        }))
        .unwrap();
        finish(&mut i).unwrap();
        i
    }

    const ID: &str = "2019-01-25t010000z__basketball__nba-regular-season__washington-wizards__golden-state-warriors";

    #[test]
    fn insert_duplicate_and_event() {
        let mut s = Store::in_memory().unwrap();
        let now = t("2019-01-20T00:00:00Z");
        let a = incident("create", "p1", json!({"season": "2019"}));
        assert_eq!(a.id_string.as_deref(), Some(ID));
        assert_eq!(s.insert(&a, now).unwrap(), Outcome::Stored);
        assert_eq!(s.insert(&a, now).unwrap(), Outcome::Duplicate);
        let b = incident("create", "p2", json!({"season": "2019"}));
        assert_eq!(s.insert(&b, now).unwrap(), Outcome::Stored);
        let ev = s.events(None, None).unwrap();
        assert_eq!(ev.len(), 1);
        assert_eq!((ev[0].incidents, ev[0].providers), (2, 2));
        assert_eq!(ev[0].status.name, Status::Unknown);
        let e = s.event(ID).unwrap();
        assert_eq!(e["create"]["incidents"].as_array().unwrap().len(), 2);
        assert_eq!(e["create"]["status"], json!({"name": "unknown"}));
        assert!(e["create"].get("incidents_total").is_none());
        let b = s.event_bounded(ID, 1).unwrap();
        assert_eq!(b["create"]["incidents"].as_array().unwrap().len(), 1);
        assert_eq!(b["create"]["incidents_total"], 2);
        assert_eq!(b["id"], e["id"]);
        assert_eq!(e["id"]["home"], "Washington Wizards");
        assert!(e["create"]["incidents"][0].get("call").is_none());
        assert_eq!(s.providers().unwrap(), ["p1", "p2"]);
        assert_eq!(
            s.by_unique_string(a.unique_string.as_deref().unwrap())
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            s.delete_incident(a.unique_string.as_deref().unwrap(), Some("p1"))
                .unwrap(),
            1
        );
        assert!(s.delete_incident("nope", None).is_err());
    }

    #[test]
    fn every_status_transition() {
        let mut s = Store::in_memory().unwrap();
        let now = t("2019-01-20T00:00:00Z");
        s.insert(&incident("create", "p1", json!({})), now).unwrap();
        for st in Status::ALL {
            let exp = (st == Status::Postponed).then(|| t("2019-01-20T12:00:00Z"));
            let mut extra = Map::new();
            if st == Status::Done {
                extra.insert("proposals".into(), json!(["1.10.1"]));
            }
            s.set_status(ID, "create", st, exp, Some(&extra), now)
                .unwrap();
            let got = s.status(ID, "create").unwrap();
            assert_eq!(got.name, st);
            assert_eq!(got.expiration, exp);
            assert_eq!(got.extra, extra);
            assert_eq!(s.events_by_call_status("create", st, None).unwrap(), [ID]);
            assert_eq!(Status::parse(st.as_str()), Some(st));
        }
        // A later incident of the same call leaves the status alone.
        s.set_status(ID, "create", Status::Done, None, None, now)
            .unwrap();
        s.insert(&incident("create", "p2", json!({})), now).unwrap();
        assert_eq!(s.status(ID, "create").unwrap().name, Status::Done);
        // A new call starts as unknown.
        s.insert(
            &incident(
                "result",
                "p1",
                json!({"home_score": "1", "away_score": "2"}),
            ),
            now,
        )
        .unwrap();
        assert_eq!(s.status(ID, "result").unwrap().name, Status::Unknown);
        assert!(matches!(
            s.set_status(ID, "finish", Status::Done, None, None, now),
            Err(Error::EventNotFound { .. })
        ));
    }

    #[test]
    fn expirations() {
        let mut s = Store::in_memory().unwrap();
        let now = t("2019-01-20T00:00:00Z");
        s.insert(&incident("create", "p1", json!({})), now).unwrap();
        s.set_status(
            ID,
            "create",
            Status::Postponed,
            Some(t("2019-01-20T12:00:00Z")),
            None,
            now,
        )
        .unwrap();
        let q = |at| {
            s.events_by_call_status("create", Status::Postponed, Some(t(at)))
                .unwrap()
        };
        assert!(q("2019-01-20T11:59:59Z").is_empty());
        assert!(q("2019-01-20T12:00:00Z").is_empty(), "strictly before");
        assert_eq!(q("2019-01-20T12:00:01Z"), [ID]);
    }

    #[test]
    fn a_failing_write_beside_incidents_stores_none_of_them() {
        let mut s = Store::in_memory().unwrap();
        let now = t("2019-01-20T00:00:00Z");
        let a = incident("create", "p1", json!({}));
        let doc = serde_json::to_string(&a.doc).unwrap();
        let r = s.insert_docs_then(&[(&a, doc.as_str())], now, |c| {
            c.execute("INSERT INTO no_such_table VALUES (1)", [])
        });
        assert!(r.is_err());
        assert_eq!(s.count(&Filter::default()).unwrap(), 0);
        // The savepoint is gone: the next batch stores, and commits on its own.
        let (out, ()) = s
            .insert_docs_then(&[(&a, doc.as_str())], now, |_| Ok(()))
            .unwrap();
        assert_eq!(out, [Outcome::Stored]);
        assert_eq!(s.count(&Filter::default()).unwrap(), 1);
        assert!(s.conn.is_autocommit(), "no transaction left open");
    }

    #[test]
    fn filters() {
        let mut s = Store::in_memory().unwrap();
        let now = t("2019-01-20T00:00:00Z");
        s.insert_batch(
            &[
                incident("create", "p1", json!({})),
                incident("finish", "p2", json!({})),
            ],
            now,
        )
        .unwrap();
        let n = |f: Filter| s.count(&f).unwrap();
        assert_eq!(n(Filter::default()), 2);
        assert_eq!(
            n(Filter {
                call: Some(Call::Finish),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            n(Filter {
                provider: Some("p1".into()),
                ..Filter::default()
            }),
            1
        );
        assert_eq!(
            n(Filter {
                status: Some(Status::Unknown),
                ..Filter::default()
            }),
            2
        );
        assert_eq!(
            n(Filter {
                status: Some(Status::Done),
                ..Filter::default()
            }),
            0
        );
        assert_eq!(
            n(Filter {
                since: Some(t("2019-01-25T01:00:00Z")),
                ..Filter::default()
            }),
            2
        );
        assert_eq!(
            n(Filter {
                until: Some(t("2019-01-25T00:59:59Z")),
                ..Filter::default()
            }),
            0
        );
        assert_eq!(
            n(Filter {
                event: Some(ID.into()),
                ..Filter::default()
            }),
            2
        );
    }

    /// A result stored twice by one provider under two unique strings (a store written
    /// before bos computed them, or by a tool that trusts the client): one vote.
    #[test]
    fn result_votes_count_providers_not_incidents() {
        use crate::triggers::{majority, majority_of, Majority};
        let mut s = Store::in_memory().unwrap();
        let now = t("2019-01-20T00:00:00Z");
        let r = |p: &str, h: &str, a: &str, tag: &str| {
            let mut i = incident("result", p, json!({"home_score": h, "away_score": a}));
            let us = format!("{}{tag}", i.unique_string.clone().unwrap());
            i.set_unique_string(us);
            i
        };
        s.insert_batch(
            &[
                r("honest", "100", "90", ""),
                r("attacker", "90", "100", ""),
                r("attacker", "90", "100", "-again"),
            ],
            now,
        )
        .unwrap();
        let c = s.call_counts(ID, Call::Result).unwrap();
        assert_eq!((c.incidents, c.providers), (3, 2));
        let votes = s.result_votes(ID).unwrap();
        assert_eq!(
            votes,
            [
                (("100".to_string(), "90".to_string()), 1),
                (("90".to_string(), "100".to_string()), 1)
            ]
        );
        // bos-auto's count (per incident) would settle the attacker's result.
        let per_incident: Vec<(String, String)> = s
            .call_incidents(ID, Call::Result)
            .unwrap()
            .iter()
            .map(|d| {
                let a = &d["arguments"];
                (
                    a["home_score"].as_str().unwrap().to_string(),
                    a["away_score"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            majority(&per_incident),
            Majority::One("90".into(), "100".into())
        );
        assert_eq!(majority_of(&votes), Majority::None);
        let tally = s.result_tally(ID).unwrap();
        assert_eq!((tally.distinct, tally.leaders.len()), (2, 0));
        s.insert(&r("second-honest", "100", "90", ""), now).unwrap();
        assert_eq!(
            majority_of(&s.result_votes(ID).unwrap()),
            Majority::One("100".into(), "90".into())
        );
        assert_eq!(
            s.result_tally(ID).unwrap(),
            ResultTally {
                distinct: 2,
                leaders: vec![(("100".into(), "90".into()), 2)]
            }
        );
        // A,A,B,B by provider: both reach the threshold (bos-auto: an unhandled error).
        s.insert(&r("second-attacker", "90", "100", ""), now)
            .unwrap();
        assert_eq!(s.result_tally(ID).unwrap().leaders.len(), 2);
    }

    #[test]
    fn dynamic_types_read_only_the_usable_entries() {
        let mut s = Store::in_memory().unwrap();
        let now = t("2019-01-20T00:00:00Z");
        // Entries the intake would refuse, stored as an older bos did.
        let d = |p: &str, types: Value| {
            let mut i = incident("dynamic_bmgs", p, json!({"types": []}));
            i.doc["arguments"] = json!({ "types": types });
            i.set_unique_string(format!("{p}-dynamic"));
            i
        };
        // Not a list (stored by an older bos, which took the client's strings).
        let mut odd = incident("dynamic_bmgs", "p3", json!({"types": []}));
        odd.doc["arguments"] = json!({"types": {"type": "ou", "value": "1"}});
        odd.set_unique_string("odd".into());
        s.insert_batch(
            &[
                d(
                    "p1",
                    json!([{"type": "ou", "value": " 235.5 "},
                           {"type": "hc", "value": -2, "participant": "Washington Wizards"},
                           "ou", 7, {"type": 1, "value": "1"}, {"type": "ou", "value": "x"},
                           {"type": "hc", "value": true}, {"type": "ou", "value": "1", "participant": 3}]),
                ),
                d("p2", json!([{"type": "1x2_hc", "value": "1.5", "participant": "Golden State Warriors"}])),
                odd,
            ],
            now,
        )
        .unwrap();
        assert_eq!(
            s.dynamic_types(ID).unwrap(),
            [
                ("ou".to_string(), 235.5, String::new()),
                ("hc".to_string(), -2.0, "Washington Wizards".to_string()),
                ("ou".to_string(), 1.0, String::new()),
                (
                    "1x2_hc".to_string(),
                    1.5,
                    "Golden State Warriors".to_string()
                ),
            ]
        );
    }

    #[test]
    fn without_provider_is_not_storable() {
        let mut s = Store::in_memory().unwrap();
        let mut i = incident("create", "p1", json!({}));
        i.provider = None;
        assert!(matches!(
            s.insert(&i, t("2019-01-20T00:00:00Z")),
            Err(Error::NotStorable(_))
        ));
    }

    #[test]
    fn file_store_uses_wal_and_migrates_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/bos.sqlite");
        {
            let s = Store::open(&p).unwrap();
            assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
            let mode: String = s
                .conn
                .pragma_query_value(None, "journal_mode", |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "wal");
        }
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        s.conn.pragma_update(None, "user_version", 99).unwrap();
        drop(s);
        assert!(matches!(
            Store::open(&p),
            Err(Error::StoreVersion { found: 99, .. })
        ));
    }

    fn indexes(conn: &Connection) -> Vec<String> {
        let mut q = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
            .unwrap();
        let names = q.query_map([], |r| r.get(0)).unwrap();
        names.map(Result::unwrap).collect()
    }

    #[test]
    fn a_store_of_schema_3_loses_the_unused_start_time_index() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bos.sqlite");
        {
            let conn = Connection::open(&p).unwrap();
            for m in &MIGRATIONS[..3] {
                conn.execute_batch(m).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
            assert!(indexes(&conn).contains(&"incident_start".to_string()));
        }
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        let names = indexes(&s.conn);
        assert!(!names.contains(&"incident_start".to_string()), "{names:?}");
        assert!(names.contains(&"incident_event".to_string()), "{names:?}");
        // The filter on start_time still answers (by a scan).
        let f = Filter {
            since: Some(t("2019-01-01T00:00:00Z")),
            ..Filter::default()
        };
        assert_eq!(s.count(&f).unwrap(), 0);
    }

    #[test]
    fn the_durable_writers_log_stays_bounded_on_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bos.sqlite");
        let mut s = Store::open(&p).unwrap();
        // No other connection checkpoints: under continuous load the serve upkeep's
        // passive checkpoints never caught up with the writer, so the log never
        // started over (1.6 GB after 10 s of wrk).
        s.durable_writer(2048).unwrap();
        let now = t("2019-01-20T00:00:00Z");
        let page: i64 = s
            .conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        let bound = 2 * WAL_CHECKPOINT_PAGES as u64 * page as u64;
        let wal = p.with_file_name("bos.sqlite-wal");
        let (mut frames, mut largest) = (0u64, 0u64);
        for batch in 0..2500 {
            let incs: Vec<Incident> = (0..4)
                .map(|i| incident("create", &format!("p{batch}-{i}"), json!({})))
                .collect();
            s.insert_batch(&incs, now).unwrap();
            // Every commit writes at least the incident table's page and its index's.
            frames += 2;
            largest = largest.max(std::fs::metadata(&wal).unwrap().len());
        }
        assert_eq!(s.count(&Filter::default()).unwrap(), 10_000);
        assert!(
            frames * page as u64 > 2 * bound,
            "the test writes more log than the bound"
        );
        assert!(
            largest <= bound,
            "the log grew to {largest} bytes (bound {bound})"
        );
    }

    #[test]
    fn holds_are_kept_replaced_and_released() {
        let mut s = Store::in_memory().unwrap();
        assert!(s.holds().unwrap().is_empty());
        s.hold("1.10.3", "made by hand", t("2019-01-01T00:00:00Z"))
            .unwrap();
        s.hold("1.10.1", "", t("2019-01-01T00:00:01Z")).unwrap();
        s.hold("1.10.3", "still checking", t("2019-01-01T00:00:02Z"))
            .unwrap();
        let h = s.holds().unwrap();
        assert_eq!(
            h.iter().map(|h| h.proposal.as_str()).collect::<Vec<_>>(),
            ["1.10.1", "1.10.3"]
        );
        assert_eq!(s.held("1.10.3").unwrap().unwrap().note, "still checking");
        assert!(s.release("1.10.3").unwrap());
        assert!(!s.release("1.10.3").unwrap());
        assert!(s.held("1.10.3").unwrap().is_none());
    }
}
