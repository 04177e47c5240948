//! The series store: tables of their own in the SQLite file of `--db` (the
//! incident store's file; its schema is not touched), created if missing.
//!
//! * `track_series(id, name)`: one row per series name;
//! * `track_samples(series, ts, value)`: one row per series and timestamp
//!   (milliseconds, UTC), `WITHOUT ROWID` with the primary key `(series, ts)`, so
//!   a series' samples lie in time order; a second index on `ts` serves pruning.
//!
//! Writes go in one transaction per batch with cached statements; the file is
//! in WAL mode with a busy timeout, so readers never wait and a writer waits
//! for another only for the length of one batch. Pruning deletes in small
//! batches, each its own transaction, so `bos track` and `watch-witness` keep
//! writing while old samples go.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};

use super::error::{Result, TrackError};
use super::time::Millis;

/// One value of one series at one time.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub series: String,
    pub ts: Millis,
    pub value: f64,
}

impl Sample {
    pub fn new(series: impl Into<String>, ts: Millis, value: f64) -> Sample {
        Sample {
            series: series.into(),
            ts,
            value,
        }
    }
}

/// A point of a query: one sample, or one bucket of a downsampled query.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The sample's time, or the start of the bucket.
    pub ts: Millis,
    /// The time of the last sample in the bucket (= `ts` for a raw sample).
    pub last_ts: Millis,
    pub min: f64,
    pub max: f64,
    /// The value of the newest sample in the bucket.
    pub last: f64,
    pub count: u64,
}

/// A series and how much of it is stored.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesInfo {
    pub name: String,
    pub count: u64,
    pub first: Millis,
    pub last: Millis,
}

/// Rows deleted per pruning transaction.
pub const PRUNE_BATCH: usize = 2_000;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS track_series (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS track_samples (
    series INTEGER NOT NULL,
    ts     INTEGER NOT NULL,
    value  REAL NOT NULL,
    PRIMARY KEY (series, ts)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS track_samples_ts ON track_samples (ts);
";

/// Checks a series name: 1 to 200 printable characters without spaces, with at
/// least one dot (`kind.subject.metric`).
pub fn check_series(name: &str) -> Result<()> {
    let bad = |reason: &str| TrackError::BadSeries {
        name: name.to_string(),
        reason: reason.to_string(),
    };
    if name.is_empty() || name.len() > 200 {
        return Err(bad("a series name has 1 to 200 characters"));
    }
    if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("a series name has no spaces or control characters"));
    }
    if !name.contains('.') || name.starts_with('.') || name.ends_with('.') {
        return Err(bad(
            "a series name looks like kind.subject.metric, e.g. witness.init0.total_missed",
        ));
    }
    Ok(())
}

/// The series store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    ids: HashMap<String, i64>,
}

impl Store {
    /// Opens (or creates) the store in the SQLite file at `path`.
    pub fn open(path: &Path) -> Result<Store> {
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
            b.create(dir).map_err(|source| TrackError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(TrackError::store(path))?;
        Store::setup(conn, path.to_path_buf(), true)
    }

    /// A store in memory (tests, benchmarks).
    pub fn in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(TrackError::store(&path))?;
        Store::setup(conn, path, false)
    }

    fn setup(conn: Connection, path: PathBuf, wal: bool) -> Result<Store> {
        let err = TrackError::store(&path);
        let r = (|| -> rusqlite::Result<()> {
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            if wal {
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
            }
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.execute_batch(SCHEMA)
        })();
        r.map_err(err)?;
        Ok(Store {
            conn,
            path,
            ids: HashMap::new(),
        })
    }

    /// The file this store is in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self) -> impl FnOnce(rusqlite::Error) -> TrackError + '_ {
        TrackError::store(&self.path)
    }

    /// The id of an existing series.
    fn find_id(&self, name: &str) -> Result<Option<i64>> {
        if let Some(id) = self.ids.get(name) {
            return Ok(Some(*id));
        }
        self.conn
            .prepare_cached("SELECT id FROM track_series WHERE name = ?1")
            .and_then(|mut s| s.query_row([name], |r| r.get(0)).optional())
            .map_err(self.err())
    }

    /// Writes samples in one transaction (a sample at a time already stored
    /// for its series replaces it). Returns how many were written.
    pub fn insert(&mut self, samples: &[Sample]) -> Result<usize> {
        for s in samples {
            if !self.ids.contains_key(&s.series) {
                check_series(&s.series)?;
            }
        }
        let path = self.path.clone();
        let err = TrackError::store(&path);
        let ids = &mut self.ids;
        let r = (|| -> rusqlite::Result<usize> {
            // IMMEDIATE: take the write lock first, so a busy file is waited for
            // (a read transaction upgraded to a write one would fail at once).
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            {
                let mut get = tx.prepare_cached("SELECT id FROM track_series WHERE name = ?1")?;
                let mut add = tx.prepare_cached("INSERT INTO track_series (name) VALUES (?1)")?;
                let mut put = tx.prepare_cached(
                    "INSERT OR REPLACE INTO track_samples (series, ts, value) VALUES (?1, ?2, ?3)",
                )?;
                for s in samples {
                    let id = match ids.get(&s.series) {
                        Some(id) => *id,
                        None => {
                            let id = match get.query_row([&s.series], |r| r.get(0)).optional()? {
                                Some(id) => id,
                                None => {
                                    add.execute([&s.series])?;
                                    tx.last_insert_rowid()
                                }
                            };
                            ids.insert(s.series.clone(), id);
                            id
                        }
                    };
                    put.execute(params![id, s.ts, s.value])?;
                }
            }
            tx.commit()?;
            Ok(samples.len())
        })();
        r.map_err(|e| {
            // A failed transaction rolls back the series rows it added: forget their ids.
            self.ids.clear();
            err(e)
        })
    }

    /// The samples of `series` from `since` to `until` (both included), oldest
    /// first; with `every`, one point per bucket of that many milliseconds
    /// (aligned to the epoch, so `1h` buckets start on the hour) with the
    /// bucket's min, max, last value and count. An unknown series is empty.
    pub fn query(
        &self,
        series: &str,
        since: Millis,
        until: Millis,
        every: Option<Millis>,
    ) -> Result<Vec<Point>> {
        self.query_limited(series, since, until, every, usize::MAX)
    }

    /// [`Store::query`], stopping after `limit` points (the oldest ones): a server
    /// answers pages of a long series without reading all of it.
    pub fn query_limited(
        &self,
        series: &str,
        since: Millis,
        until: Millis,
        every: Option<Millis>,
        limit: usize,
    ) -> Result<Vec<Point>> {
        check_series(series)?;
        let Some(id) = self.find_id(series)? else {
            return Ok(Vec::new());
        };
        match every {
            Some(e) if e > 1 => self.query_buckets(id, since, until, e, limit),
            _ => self.query_raw(id, since, until, limit),
        }
    }

    /// The oldest sample of a series.
    pub fn first(&self, series: &str) -> Result<Option<(Millis, f64)>> {
        let Some(id) = self.find_id(series)? else {
            return Ok(None);
        };
        self.conn
            .prepare_cached(
                "SELECT ts, value FROM track_samples WHERE series = ?1 ORDER BY ts LIMIT 1",
            )
            .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .map_err(self.err())
    }

    fn query_raw(&self, id: i64, since: Millis, until: Millis, limit: usize) -> Result<Vec<Point>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let r = (|| -> rusqlite::Result<Vec<Point>> {
            let mut st = self.conn.prepare_cached(
                "SELECT ts, value FROM track_samples WHERE series = ?1 AND ts >= ?2 AND ts <= ?3 ORDER BY ts LIMIT ?4",
            )?;
            let rows = st.query_map(params![id, since, until, limit], |r| {
                let (ts, v): (i64, f64) = (r.get(0)?, r.get(1)?);
                Ok(Point {
                    ts,
                    last_ts: ts,
                    min: v,
                    max: v,
                    last: v,
                    count: 1,
                })
            })?;
            rows.collect()
        })();
        r.map_err(self.err())
    }

    /// Downsampling: SQLite aggregates each bucket over its primary-key range
    /// (count, min, max: one pass over the samples), then the newest sample of
    /// the bucket is one key seek. Empty stretches are skipped with one seek.
    fn query_buckets(
        &self,
        id: i64,
        since: Millis,
        until: Millis,
        every: Millis,
        limit: usize,
    ) -> Result<Vec<Point>> {
        let r = (|| -> rusqlite::Result<Vec<Point>> {
            let mut first_at = self.conn.prepare_cached(
                "SELECT ts FROM track_samples WHERE series = ?1 AND ts >= ?2 AND ts <= ?3 ORDER BY ts LIMIT 1",
            )?;
            let mut agg = self.conn.prepare_cached(
                "SELECT count(*), min(value), max(value) FROM track_samples
                 WHERE series = ?1 AND ts >= ?2 AND ts <= ?3",
            )?;
            let mut newest = self.conn.prepare_cached(
                "SELECT ts, value FROM track_samples WHERE series = ?1 AND ts >= ?2 AND ts <= ?3
                 ORDER BY ts DESC LIMIT 1",
            )?;
            let mut out = Vec::new();
            let mut from = since;
            while out.len() < limit {
                let Some(t) = first_at
                    .query_row(params![id, from, until], |r| r.get::<_, i64>(0))
                    .optional()?
                else {
                    break;
                };
                let start = t.div_euclid(every) * every;
                let end = start.saturating_add(every - 1).min(until);
                let (n, mn, mx): (i64, f64, f64) = agg.query_row(params![id, t, end], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
                let (lt, v): (i64, f64) =
                    newest.query_row(params![id, t, end], |r| Ok((r.get(0)?, r.get(1)?)))?;
                out.push(Point {
                    ts: start,
                    last_ts: lt,
                    min: mn,
                    max: mx,
                    last: v,
                    count: n as u64,
                });
                if end >= until {
                    break;
                }
                from = end + 1;
            }
            Ok(out)
        })();
        r.map_err(self.err())
    }

    /// The newest sample of a series.
    pub fn latest(&self, series: &str) -> Result<Option<(Millis, f64)>> {
        let Some(id) = self.find_id(series)? else {
            return Ok(None);
        };
        self.conn
            .prepare_cached(
                "SELECT ts, value FROM track_samples WHERE series = ?1 ORDER BY ts DESC LIMIT 1",
            )
            .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .map_err(self.err())
    }

    /// Every series with its sample count and time span, by name.
    pub fn series(&self) -> Result<Vec<SeriesInfo>> {
        let r = (|| -> rusqlite::Result<Vec<SeriesInfo>> {
            let mut st = self.conn.prepare(
                "SELECT s.name, count(x.ts), min(x.ts), max(x.ts)
                 FROM track_series s JOIN track_samples x ON x.series = s.id
                 GROUP BY s.id ORDER BY s.name",
            )?;
            let rows = st.query_map([], |r| {
                Ok(SeriesInfo {
                    name: r.get(0)?,
                    count: r.get::<_, i64>(1)? as u64,
                    first: r.get(2)?,
                    last: r.get(3)?,
                })
            })?;
            rows.collect()
        })();
        r.map_err(self.err())
    }

    /// Deletes every sample older than `before` (strictly), `batch` rows per
    /// transaction so writers get the file between batches. Returns the count.
    pub fn prune(&self, before: Millis, batch: usize) -> Result<u64> {
        let batch = batch.max(1) as i64;
        let mut total = 0u64;
        let mut st = self
            .conn
            .prepare_cached(
                "DELETE FROM track_samples WHERE (series, ts) IN
                 (SELECT series, ts FROM track_samples WHERE ts < ?1 ORDER BY ts LIMIT ?2)",
            )
            .map_err(self.err())?;
        loop {
            let n = st.execute(params![before, batch]).map_err(self.err())? as u64;
            total += n;
            if (n as i64) < batch {
                return Ok(total);
            }
            // Let a waiting writer in before the next batch.
            std::thread::yield_now();
        }
    }
}
