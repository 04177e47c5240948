//! The durable job queue of `bos serve`: one table in the incident store's SQLite file.
//!
//! A job is "run the engine for this event call with this incident". Rows are
//! `waiting`, `running` or `failed`; a finished job is deleted. At most one job per
//! (event, call) waits at a time: a newer incident for the same call replaces the
//! waiting job's incident (the trigger reads every stored incident of the call, so
//! one run covers all of them). A worker only takes a job whose event has no job
//! running, so jobs of one event never run at once. After a crash, [`Queue::open`]
//! puts `running` jobs back to `waiting`.
//!
//! The table is created with `IF NOT EXISTS` beside the incident store's tables and
//! does not touch them.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::Error;
use crate::incidents::store::ts;

/// `seq` is AUTOINCREMENT: a job id is never given twice, even after the queue
/// emptied (a plain rowid restarts after the largest id left in the table).
const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS serve_job (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id_string TEXT NOT NULL,
    call TEXT NOT NULL,
    doc TEXT NOT NULL,
    state TEXT NOT NULL,
    source TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    enqueued TEXT NOT NULL,
    error TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS serve_job_waiting ON serve_job (id_string, call) WHERE state = 'waiting';
CREATE INDEX IF NOT EXISTS serve_job_state ON serve_job (state, seq);
CREATE TABLE IF NOT EXISTS serve_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

/// Moves a `serve_job` table of an earlier bos (plain rowid ids) to AUTOINCREMENT ids,
/// keeping its jobs; ids continue after the largest one ever seen in the store (jobs or
/// incidents, whichever is larger), so none handed out before is given again.
const MIGRATE_AUTOINCREMENT: &str = r#"
CREATE TABLE serve_job_new (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id_string TEXT NOT NULL,
    call TEXT NOT NULL,
    doc TEXT NOT NULL,
    state TEXT NOT NULL,
    source TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    enqueued TEXT NOT NULL,
    error TEXT
);
INSERT INTO serve_job_new SELECT seq, id_string, call, doc, state, source, attempts, enqueued, error FROM serve_job;
DROP TABLE serve_job;
ALTER TABLE serve_job_new RENAME TO serve_job;
"#;

/// One job taken by a worker.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub seq: i64,
    pub id_string: String,
    pub call: String,
    /// The normalized incident (JSON text).
    pub doc: String,
    pub attempts: i64,
}

/// What to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub id_string: String,
    pub call: String,
    pub doc: String,
}

/// A job to enqueue, borrowed from what the caller holds.
#[derive(Debug, Clone, Copy)]
pub struct JobRef<'a> {
    pub id_string: &'a str,
    pub call: &'a str,
    pub doc: &'a str,
}

/// Queue figures for `/isalive`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub waiting: u64,
    pub running: u64,
    pub failed: u64,
}

/// A connection to the queue table.
pub struct Queue {
    conn: Connection,
    path: PathBuf,
}

impl Queue {
    /// Opens the queue in the SQLite file `path` (the incident store's file), creating
    /// its table when needed.
    ///
    /// This connection's own commits survive a crash but not always a power loss
    /// (`synchronous = NORMAL`): they are the queue's bookkeeping (a job claimed,
    /// finished, failed, queued again by the scheduler), and losing the last of them
    /// only runs a job again, which compares with the chain first. What `bos serve`
    /// acknowledges, an incident and its job, is written by the writer's durable
    /// connection ([`Queue::enqueue_on`] inside [`crate::incidents::Store::durable_writer`]'s
    /// transaction), whose synced commit also makes every earlier commit durable.
    /// A bookkeeping commit then holds the write lock without waiting for the disk,
    /// so the workers do not slow the intake down.
    pub fn open(path: &Path) -> Result<Queue, Error> {
        let err = |source| Error::Queue {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        let mut q = Queue {
            conn,
            path: path.to_path_buf(),
        };
        q.migrate().map_err(err)?;
        Ok(q)
    }

    fn migrate(&mut self) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'serve_job'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if old.is_some_and(|sql| !sql.to_ascii_uppercase().contains("AUTOINCREMENT")) {
            tx.execute_batch(MIGRATE_AUTOINCREMENT)?;
            let incidents: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incident')",
                [],
                |r| r.get(0),
            )?;
            let floor: i64 = if incidents {
                tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM incident", [], |r| {
                    r.get(0)
                })?
            } else {
                0
            };
            tx.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'serve_job', ?1
                 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'serve_job')",
                params![floor],
            )?;
            tx.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, ?1,
                   (SELECT COALESCE(MAX(seq), 0) FROM serve_job)) WHERE name = 'serve_job'",
                params![floor],
            )?;
        }
        tx.execute_batch(SCHEMA)?;
        tx.commit()
    }

    /// Puts back to waiting the jobs marked running that no worker of this process
    /// runs (`running`: the jobs the workers hold; the caller keeps workers from
    /// claiming meanwhile). A job whose worker died, or gave up writing its end, so
    /// runs again without a restart. Returns how many.
    pub fn recover_orphans(
        &mut self,
        running: &std::collections::HashSet<i64>,
    ) -> Result<usize, Error> {
        let orphans: Vec<i64> = {
            let mut q = self
                .conn
                .prepare_cached("SELECT seq FROM serve_job WHERE state = 'running'")
                .map_err(|e| self.err(e))?;
            let rows = q
                .query_map([], |r| r.get::<_, i64>(0))
                .map_err(|e| self.err(e))?;
            let mut out = Vec::new();
            for r in rows {
                let seq = r.map_err(|e| self.err(e))?;
                if !running.contains(&seq) {
                    out.push(seq);
                }
            }
            out
        };
        for seq in &orphans {
            self.requeue(*seq)?;
        }
        Ok(orphans.len())
    }

    /// A small write (one row of `serve_meta`): whether the store can be written now.
    pub fn probe_write(&mut self, now: DateTime<Utc>) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT INTO serve_meta (key, value) VALUES ('probe', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn err(&self, source: rusqlite::Error) -> Error {
        Error::Queue {
            path: self.path.clone(),
            source,
        }
    }

    /// Runs `f` in a transaction that takes the write lock at its start (so two
    /// processes never both read, then both write) and commits it; on an error
    /// nothing of it stays.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<T>,
    ) -> Result<T, Error> {
        let r = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .and_then(|tx| {
                let v = f(&tx)?;
                tx.commit()?;
                Ok(v)
            });
        r.map_err(|e| self.err(e))
    }

    /// Puts jobs left `running` by a previous process back to `waiting` (or drops
    /// them when the same call already has a waiting job). Returns how many.
    pub fn recover(&mut self) -> Result<usize, Error> {
        self.write(|tx| {
            let dropped = tx.execute(
                "DELETE FROM serve_job WHERE state = 'running' AND EXISTS (
                   SELECT 1 FROM serve_job w WHERE w.state = 'waiting'
                   AND w.id_string = serve_job.id_string AND w.call = serve_job.call)",
                [],
            )?;
            let back = tx.execute(
                "UPDATE serve_job SET state = 'waiting' WHERE state = 'running'",
                [],
            )?;
            Ok(dropped + back)
        })
    }

    /// Enqueues jobs in one transaction; returns each job's id (the waiting job that
    /// now carries the incident). `source` is `trigger` or `scheduler`. Only the tests
    /// enqueue on their own: `bos serve` enqueues in the writer's durable transaction
    /// ([`Queue::enqueue_on`]) and the scheduler through [`Queue::enqueue_if_idle`].
    #[cfg(test)]
    pub fn enqueue(
        &mut self,
        jobs: &[NewJob],
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>, Error> {
        let refs: Vec<JobRef> = jobs
            .iter()
            .map(|j| JobRef {
                id_string: &j.id_string,
                call: &j.call,
                doc: &j.doc,
            })
            .collect();
        self.write(|tx| Queue::enqueue_on(tx, &refs, source, now))
    }

    /// Enqueues jobs on `conn`, inside the caller's transaction (the serve writer
    /// stores incidents and their jobs in one commit); returns each job's id.
    pub fn enqueue_on(
        conn: &Connection,
        jobs: &[JobRef],
        source: &str,
        now: DateTime<Utc>,
    ) -> rusqlite::Result<Vec<i64>> {
        let now = ts(now);
        let mut ids = Vec::with_capacity(jobs.len());
        let mut q = conn.prepare_cached(
            "INSERT INTO serve_job (id_string, call, doc, state, source, enqueued)
             VALUES (?1, ?2, ?3, 'waiting', ?4, ?5)
             ON CONFLICT (id_string, call) WHERE state = 'waiting'
             DO UPDATE SET doc = excluded.doc
             RETURNING seq",
        )?;
        for j in jobs {
            ids.push(
                q.query_row(params![j.id_string, j.call, j.doc, source, now], |r| {
                    r.get(0)
                })?,
            );
        }
        Ok(ids)
    }

    /// Enqueues a job unless the call already has one waiting or running (the
    /// scheduler's re-runs). Returns whether it was added.
    pub fn enqueue_if_idle(&mut self, job: &NewJob, now: DateTime<Utc>) -> Result<bool, Error> {
        let n = self
            .conn
            .execute(
                "INSERT INTO serve_job (id_string, call, doc, state, source, enqueued)
                 SELECT ?1, ?2, ?3, 'waiting', 'scheduler', ?4
                 WHERE NOT EXISTS (SELECT 1 FROM serve_job WHERE id_string = ?1 AND call = ?2
                                   AND state IN ('waiting', 'running'))",
                params![job.id_string, job.call, job.doc, ts(now)],
            )
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Takes the oldest waiting job whose event has no running job, and marks it running.
    pub fn claim(&mut self) -> Result<Option<Job>, Error> {
        self.write(|tx| {
            let job = tx
                .query_row(
                    "SELECT seq, id_string, call, doc, attempts FROM serve_job j
                     WHERE state = 'waiting' AND NOT EXISTS (
                       SELECT 1 FROM serve_job r WHERE r.state = 'running' AND r.id_string = j.id_string)
                     ORDER BY seq LIMIT 1",
                    [],
                    |r| {
                        Ok(Job {
                            seq: r.get(0)?,
                            id_string: r.get(1)?,
                            call: r.get(2)?,
                            doc: r.get(3)?,
                            attempts: r.get(4)?,
                        })
                    },
                )
                .optional()?;
            if let Some(j) = &job {
                tx.execute(
                    "UPDATE serve_job SET state = 'running', attempts = attempts + 1 WHERE seq = ?1",
                    params![j.seq],
                )?;
            }
            Ok(job)
        })
    }

    /// A job ran to its end (whatever status its call reached): removes it.
    pub fn done(&mut self, seq: i64) -> Result<(), Error> {
        self.conn
            .execute("DELETE FROM serve_job WHERE seq = ?1", params![seq])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// A job failed with an error of the service itself (not a call status): kept as
    /// `failed` with the error, for `/isalive` and inspection.
    pub fn fail(&mut self, seq: i64, error: &str) -> Result<(), Error> {
        self.conn
            .execute(
                "UPDATE serve_job SET state = 'failed', error = ?2 WHERE seq = ?1",
                params![seq, error],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Puts a running job back to waiting (shutdown before it finished).
    pub fn requeue(&mut self, seq: i64) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM serve_job WHERE seq = ?1 AND EXISTS (
                   SELECT 1 FROM serve_job w WHERE w.state = 'waiting'
                   AND w.id_string = serve_job.id_string AND w.call = serve_job.call)",
                params![seq],
            )?;
            tx.execute(
                "UPDATE serve_job SET state = 'waiting' WHERE seq = ?1",
                params![seq],
            )?;
            Ok(())
        })
    }

    /// How many jobs wait, run and failed.
    pub fn counts(&self) -> Result<Counts, Error> {
        let mut c = Counts::default();
        let mut q = self
            .conn
            .prepare_cached("SELECT state, COUNT(*) FROM serve_job GROUP BY state")
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(|e| self.err(e))?;
        for row in rows {
            let (s, n) = row.map_err(|e| self.err(e))?;
            let n = n.max(0) as u64;
            match s.as_str() {
                "waiting" => c.waiting = n,
                "running" => c.running = n,
                "failed" => c.failed = n,
                _ => {}
            }
        }
        Ok(c)
    }

    /// The number of stored incidents (bos-auto's `GET /events`).
    pub fn incident_count(&self) -> Result<u64, Error> {
        self.conn
            .query_row("SELECT COUNT(*) FROM incident", [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(id: &str, call: &str, doc: &str) -> NewJob {
        NewJob {
            id_string: id.into(),
            call: call.into(),
            doc: doc.into(),
        }
    }

    #[test]
    fn one_waiting_job_per_call_and_one_running_per_event() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("q.sqlite");
        let mut q = Queue::open(&p).unwrap();
        let now = Utc::now();
        let a = q
            .enqueue(
                &[job("e1", "create", "1"), job("e1", "create", "2")],
                "trigger",
                now,
            )
            .unwrap();
        assert_eq!(a[0], a[1]);
        q.enqueue(
            &[job("e1", "result", "3"), job("e2", "create", "4")],
            "trigger",
            now,
        )
        .unwrap();
        let j1 = q.claim().unwrap().unwrap();
        assert_eq!((j1.id_string.as_str(), j1.doc.as_str()), ("e1", "2"));
        // e1 is running: the next job is e2's, not e1's result.
        let j2 = q.claim().unwrap().unwrap();
        assert_eq!(j2.id_string, "e2");
        assert!(q.claim().unwrap().is_none());
        // A new incident for the running call waits behind it.
        q.enqueue(&[job("e1", "create", "5")], "trigger", now)
            .unwrap();
        assert_eq!(
            q.counts().unwrap(),
            Counts {
                waiting: 2,
                running: 2,
                failed: 0
            }
        );
        assert!(!q.enqueue_if_idle(&job("e2", "create", "6"), now).unwrap());
        q.done(j1.seq).unwrap();
        drop(q);
        // A crash: running jobs come back, merged with a waiting one of the same call.
        let mut q = Queue::open(&p).unwrap();
        assert_eq!(q.recover().unwrap(), 1);
        assert_eq!(
            q.counts().unwrap(),
            Counts {
                waiting: 3,
                running: 0,
                failed: 0
            }
        );
    }

    #[test]
    fn job_ids_are_never_given_twice() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("q.sqlite");
        let now = Utc::now();
        let mut q = Queue::open(&p).unwrap();
        let mut seen = std::collections::HashSet::new();
        for round in 0..3 {
            let ids = q
                .enqueue(
                    &[job("e1", "create", "1"), job("e2", "create", "2")],
                    "trigger",
                    now,
                )
                .unwrap();
            for id in &ids {
                assert!(seen.insert(*id), "job id {id} given twice (round {round})");
            }
            // The queue empties.
            while let Some(j) = q.claim().unwrap() {
                q.done(j.seq).unwrap();
            }
            assert_eq!(q.counts().unwrap(), Counts::default());
            drop(q);
            q = Queue::open(&p).unwrap();
        }
    }

    #[test]
    fn a_queue_of_an_earlier_bos_moves_to_ids_never_reused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("q.sqlite");
        {
            let c = Connection::open(&p).unwrap();
            c.execute_batch(
                "CREATE TABLE incident (seq INTEGER PRIMARY KEY, x TEXT);
                 INSERT INTO incident (seq, x) VALUES (40, 'a');
                 CREATE TABLE serve_job (seq INTEGER PRIMARY KEY, id_string TEXT NOT NULL,
                   call TEXT NOT NULL, doc TEXT NOT NULL, state TEXT NOT NULL, source TEXT NOT NULL,
                   attempts INTEGER NOT NULL DEFAULT 0, enqueued TEXT NOT NULL, error TEXT);
                 INSERT INTO serve_job (seq, id_string, call, doc, state, source, enqueued)
                   VALUES (7, 'e1', 'create', '{}', 'waiting', 'trigger', 'x');",
            )
            .unwrap();
        }
        let mut q = Queue::open(&p).unwrap();
        let j = q.claim().unwrap().unwrap();
        assert_eq!(j.seq, 7);
        q.done(j.seq).unwrap();
        let ids = q
            .enqueue(&[job("e2", "create", "2")], "trigger", Utc::now())
            .unwrap();
        assert!(ids[0] > 40, "{ids:?}");
        // Opening again changes nothing.
        drop(q);
        let mut q = Queue::open(&p).unwrap();
        let more = q
            .enqueue(&[job("e3", "create", "3")], "trigger", Utc::now())
            .unwrap();
        assert_eq!(more[0], ids[0] + 1);
    }

    #[test]
    fn orphaned_running_jobs_go_back_to_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("q.sqlite");
        let now = Utc::now();
        let mut q = Queue::open(&p).unwrap();
        q.enqueue(
            &[job("e1", "create", "1"), job("e2", "create", "2")],
            "trigger",
            now,
        )
        .unwrap();
        let a = q.claim().unwrap().unwrap();
        let b = q.claim().unwrap().unwrap();
        let held: std::collections::HashSet<i64> = [a.seq].into_iter().collect();
        assert_eq!(q.recover_orphans(&held).unwrap(), 1);
        assert_eq!(
            q.counts().unwrap(),
            Counts {
                waiting: 1,
                running: 1,
                failed: 0
            }
        );
        assert_eq!(q.claim().unwrap().unwrap().seq, b.seq);
        q.probe_write(now).unwrap();
    }
}
