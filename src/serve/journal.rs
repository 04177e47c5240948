//! The intake journal: the incidents `bos serve` accepted, appended to a file and
//! synced (`fdatasync`) before they reach the store, so that the store can commit
//! large batches without syncing each one (SQLite's commits touch every index page an
//! incident lands on: ~100 pages for a batch of 32, where the journal writes 16 KB).
//!
//! Files: `<db>-intake-<n>` beside the store, one segment at a time. A record is
//! `len: u32 LE ‖ check: u32 LE ‖ payload` with `payload = received: i64 LE (ms) ‖ the
//! incident's JSON text` and `check` the first 4 bytes of sha256(payload). A segment is
//! deleted once every record in it is in the store and the store is synced (a WAL
//! checkpoint). At start, the records of segments left behind (a crash, a power loss)
//! are stored again; a torn last record (the crash hit the write) ends its segment: it
//! was never acknowledged.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::protocol::hash::sha256;

/// A record's header: length and check.
const HEADER: usize = 8;
/// The largest payload a record may have (the intake refuses larger bodies long before).
const MAX_PAYLOAD: usize = 64 << 20;

/// The open segment being appended to.
pub struct Journal {
    db: PathBuf,
    file: File,
    segment: u64,
    len: u64,
}

/// One record read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// When the incident was received (ms since the epoch).
    pub received_ms: i64,
    /// The incident's JSON text.
    pub doc: String,
}

/// The path of segment `n` of the store `db`.
pub fn segment_path(db: &Path, n: u64) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(format!("-intake-{n:06}"));
    PathBuf::from(p)
}

/// The segments of `db` left on disk, oldest first.
pub fn segments(db: &Path) -> io::Result<Vec<u64>> {
    let dir = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = db.file_name().and_then(|n| n.to_str()) else {
        return Ok(Vec::new());
    };
    let prefix = format!("{name}-intake-");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir)? {
        let e = e?;
        if let Some(n) = e
            .file_name()
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|n| n.parse::<u64>().ok())
        {
            out.push(n);
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Appends one record to `out`.
pub fn encode(out: &mut Vec<u8>, received_ms: i64, doc: &str) {
    let len = 8 + doc.len();
    let start = out.len();
    out.extend_from_slice(&(len as u32).to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&received_ms.to_le_bytes());
    out.extend_from_slice(doc.as_bytes());
    let check = sha256(&out[start + HEADER..]);
    out[start + 4..start + 8].copy_from_slice(&check[..4]);
}

/// The records of a segment, in order, up to the first one that is torn or fails its
/// check (a write the crash interrupted: never acknowledged).
pub fn read(path: &Path) -> io::Result<Vec<Record>> {
    let mut bytes = Vec::new();
    File::open(path)?.read_to_end(&mut bytes)?;
    let mut out = Vec::new();
    let mut at = 0;
    while bytes.len() - at >= HEADER {
        let len = u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes")) as usize;
        if !(8..=MAX_PAYLOAD).contains(&len) || bytes.len() - at - HEADER < len {
            break;
        }
        let payload = &bytes[at + HEADER..at + HEADER + len];
        if sha256(payload)[..4] != bytes[at + 4..at + 8] {
            break;
        }
        let received_ms = i64::from_le_bytes(payload[..8].try_into().expect("8 bytes"));
        let Ok(doc) = std::str::from_utf8(&payload[8..]) else {
            break;
        };
        out.push(Record {
            received_ms,
            doc: doc.to_string(),
        });
        at += HEADER + len;
    }
    Ok(out)
}

/// Syncs the folder holding `path`, so that a new or removed file's name is on disk.
fn sync_dir(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => File::open(d)?.sync_all(),
        _ => File::open(".")?.sync_all(),
    }
}

impl Journal {
    /// Starts segment `n` (a new, empty file).
    pub fn create(db: &Path, n: u64) -> io::Result<Journal> {
        let path = segment_path(db, n);
        let file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        sync_dir(&path)?;
        Ok(Journal {
            db: db.to_path_buf(),
            file,
            segment: n,
            len: 0,
        })
    }

    /// Appends encoded records and syncs them to disk; only then are they accepted.
    /// A failed write leaves the segment as it was (what was written is cut off again),
    /// so that a later record does not follow a torn one.
    pub fn append(&mut self, records: &[u8]) -> io::Result<()> {
        let r = self
            .file
            .write_all(records)
            .and_then(|_| self.file.sync_data());
        match r {
            Ok(()) => {
                self.len += records.len() as u64;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                Err(e)
            }
        }
    }

    /// The open segment's number.
    pub fn segment(&self) -> u64 {
        self.segment
    }

    /// Bytes in the open segment.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the open segment holds no record.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Closes the open segment and starts the next; returns the closed one's number.
    pub fn rotate(&mut self) -> io::Result<u64> {
        let next = Journal::create(&self.db, self.segment + 1)?;
        let closed = std::mem::replace(self, next);
        Ok(closed.segment)
    }
}

/// Removes segment `n` of `db` (its records are in the store, synced).
pub fn remove(db: &Path, n: u64) -> io::Result<()> {
    let path = segment_path(db, n);
    match std::fs::remove_file(&path) {
        Ok(()) => sync_dir(&path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_in_order_and_a_torn_tail_ends_the_segment() {
        let d = tempfile::tempdir().unwrap();
        let db = d.path().join("bos.sqlite");
        let mut j = Journal::create(&db, 7).unwrap();
        let mut buf = Vec::new();
        encode(&mut buf, 1, r#"{"a":1}"#);
        encode(&mut buf, 2, "ünï");
        j.append(&buf).unwrap();
        assert_eq!(segments(&db).unwrap(), [7]);
        let path = segment_path(&db, 7);
        let got = read(&path).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[1],
            Record {
                received_ms: 2,
                doc: "ünï".into()
            }
        );

        // A torn third record (half written) and a corrupted one are not read.
        let mut more = Vec::new();
        encode(&mut more, 3, "third");
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(&more[..more.len() - 2]).unwrap();
        assert_eq!(read(&path).unwrap().len(), 2);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        bytes.truncate(buf.len());
        bytes[buf.len() - 1] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read(&path).unwrap().len(), 1);

        let n = j.rotate().unwrap();
        assert_eq!(n, 7);
        assert_eq!(j.segment(), 8);
        assert!(j.is_empty());
        assert_eq!(segments(&db).unwrap(), [7, 8]);
        remove(&db, 7).unwrap();
        remove(&db, 7).unwrap();
        assert_eq!(segments(&db).unwrap(), [8]);
    }
}
