//! The `--state FILE` of cron mode: the monitor's [`State`] as JSON, written
//! atomically (a temporary file in the same folder, synced, then renamed), so
//! a run killed half-way never leaves a torn file.

use std::io::Write;
use std::path::Path;

use super::error::{Error, Result};
use super::monitor::State;

/// Reads the state; a missing file is a fresh state. A state of another
/// witness is refused.
pub fn load(path: &Path, witness_id: &str) -> Result<State> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(State {
                witness: Some(witness_id.to_string()),
                ..State::default()
            })
        }
        Err(source) => {
            return Err(Error::StateIo {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let st: State = serde_json::from_str(&text).map_err(|e| Error::StateFormat {
        path: path.to_path_buf(),
        reason: format!("not a watch-witness state file: {e}"),
    })?;
    match &st.witness {
        Some(w) if w != witness_id => Err(Error::StateFormat {
            path: path.to_path_buf(),
            reason: format!("this state belongs to witness {w}, not {witness_id}"),
        }),
        _ => Ok(State {
            witness: Some(witness_id.to_string()),
            ..st
        }),
    }
}

/// Reads the state whatever witness it belongs to (when the witness id is not
/// known, as when no node answers); a missing file is a fresh state.
pub fn load_any(path: &Path) -> Result<State> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| Error::StateFormat {
            path: path.to_path_buf(),
            reason: format!("not a watch-witness state file: {e}"),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
        Err(source) => Err(Error::StateIo {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Writes the state atomically.
pub fn save(path: &Path, state: &State) -> Result<()> {
    let io = |source| Error::StateIo {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let text = serde_json::to_string_pretty(state).map_err(|e| Error::StateFormat {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fresh_roundtrip_and_other_witness() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.json");
        let st = load(&p, "1.6.1").unwrap();
        assert_eq!(st.witness.as_deref(), Some("1.6.1"));
        let mut st2 = st.clone();
        st2.last_head = Some(7);
        save(&p, &st2).unwrap();
        assert_eq!(load(&p, "1.6.1").unwrap(), st2);
        assert!(load(&p, "1.6.2").is_err());
        std::fs::write(&p, "garbage").unwrap();
        assert!(matches!(load(&p, "1.6.1"), Err(Error::StateFormat { .. })));
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
