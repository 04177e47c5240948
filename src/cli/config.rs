//! Settings resolved once from the global flags, the environment and the config file.
//!
//! The config file is `$XDG_CONFIG_HOME/bos/config.yaml` (default `~/.config/bos/config.yaml`).
//! Today it holds these keys; later issues add more:
//!
//! ```yaml
//! # the bookiesports chain folder (relative paths are relative to this file)
//! sports: /srv/bookiesports/beatrice
//! # how long `bos track` keeps samples (also `bos track prune`); default: forever
//! track_keep: 30d
//! # seconds a node has to answer one request before the next --node is used (default 5)
//! node_timeout: 5
//! ```
//!
//! Unknown keys are ignored, so a newer file still works with an older `bos`.

use std::path::{Path, PathBuf};

use super::{CliError, GlobalArgs};
use crate::clock::Clock;

/// The config file's path, if a home or config folder is known.
pub fn config_path() -> Option<PathBuf> {
    xdg_dir("XDG_CONFIG_HOME", ".config").map(|d| d.join("bos").join("config.yaml"))
}

fn xdg_dir(var: &str, home_default: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() && Path::new(&v).is_absolute() => Some(PathBuf::from(v)),
        _ => std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(home_default)),
    }
}

/// The parts of the config file `bos` reads.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Config {
    /// The bookiesports chain folder.
    pub sports: Option<PathBuf>,
    /// Approval checkers: `{name, command | url, timeout, on_error, own}`.
    #[serde(default)]
    pub checkers: Vec<crate::sync::checkers::Checker>,
    /// How long `bos track` keeps samples (`30d`, `12h`, ...).
    pub track_keep: Option<String>,
    /// Seconds a node has to answer one request (`--node-timeout`).
    pub node_timeout: Option<f64>,
}

/// Parses a time limit in seconds (`5`, `0.5`): more than 0, at most a day.
pub fn timeout_arg(s: &str) -> Result<std::time::Duration, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    secs(v)
}

fn secs(v: f64) -> Result<std::time::Duration, String> {
    if !(v.is_finite() && v > 0.0 && v <= 86_400.0) {
        return Err(format!(
            "{v} is not a time limit: give seconds above 0 (at most 86400)"
        ));
    }
    Ok(std::time::Duration::from_secs_f64(v))
}

/// The per-request node timeout: `--node-timeout` / `BOS_NODE_TIMEOUT`, then the
/// config file's `node_timeout`, else 5 s.
pub fn node_timeout(g: &GlobalArgs) -> Result<std::time::Duration, CliError> {
    if let Some(t) = g.node_timeout {
        return Ok(t);
    }
    if let Some(p) = config_path() {
        if let Some(v) = load_config(&p)?.node_timeout {
            return secs(v)
                .map_err(|e| CliError::Failed(format!("{}: node_timeout: {e}", p.display())));
        }
    }
    Ok(crate::rpc::DEFAULT_TIMEOUT)
}

/// The approval checkers: the config file's `checkers:`, then each `--checker SPEC`.
pub fn checkers(specs: &[String]) -> Result<Vec<crate::sync::checkers::Checker>, CliError> {
    let mut out = Vec::new();
    if let Some(p) = config_path() {
        for c in load_config(&p)?.checkers {
            out.push(
                c.validated()
                    .map_err(|e| CliError::Failed(format!("{}: {e}", p.display())))?,
            );
        }
    }
    for s in specs {
        out.push(crate::sync::checkers::Checker::parse_spec(s).map_err(CliError::Usage)?);
    }
    Ok(out)
}

/// Reads the config file; a missing file is an empty config.
pub fn load_config(path: &Path) -> Result<Config, CliError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => {
            return Err(CliError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    let mut c: Config = crate::sports::yaml::parse(&text)
        .map_err(|e| CliError::Failed(format!("{}: {e}", path.display())))?;
    if let (Some(s), Some(dir)) = (&c.sports, path.parent()) {
        if s.is_relative() {
            c.sports = Some(dir.join(s));
        }
    }
    Ok(c)
}

/// The sports folder: `--sports` / `BOS_SPORTS`, then the config file's `sports:`.
pub fn sports_dir(g: &GlobalArgs) -> Result<PathBuf, CliError> {
    if let Some(d) = &g.sports {
        return Ok(d.clone());
    }
    let path = config_path();
    if let Some(p) = &path {
        if let Some(d) = load_config(p)?.sports {
            return Ok(d);
        }
    }
    let file = path
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "$XDG_CONFIG_HOME/bos/config.yaml".into());
    Err(CliError::Usage(format!(
        "no sports folder: pass --sports DIR (a bookiesports chain folder such as examples/sports), set BOS_SPORTS, or put `sports: DIR` in {file}"
    )))
}

/// The incident store: `--db` / `BOS_DB`, else `$XDG_DATA_HOME/bos/bos.sqlite`.
pub fn db_path(g: &GlobalArgs) -> Result<PathBuf, CliError> {
    if let Some(p) = &g.db {
        return Ok(p.clone());
    }
    xdg_dir("XDG_DATA_HOME", ".local/share")
        .map(|d| d.join("bos").join("bos.sqlite"))
        .ok_or_else(|| {
            CliError::Usage("no place for the store: pass --db PATH, set BOS_DB or HOME".into())
        })
}

/// The store for a command that only reads it: it must exist, so a mistyped
/// `--db` is an error instead of a new, empty store (and folder).
pub fn existing_db_path(g: &GlobalArgs) -> Result<PathBuf, CliError> {
    let p = db_path(g)?;
    if !p.is_file() {
        return Err(CliError::Failed(format!(
            "{}: no such store (nothing was recorded there); check --db or BOS_DB",
            p.display()
        )));
    }
    Ok(p)
}

/// The value of `--now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NowArg {
    /// A fixed time.
    At(chrono::DateTime<chrono::Utc>),
    /// Each incident's `timestamp` (`incident replay` only).
    Incident,
}

/// Parses `--now`: `incident` or an RFC 3339 time.
pub fn now_arg(s: &str) -> Result<NowArg, String> {
    if s == "incident" {
        return Ok(NowArg::Incident);
    }
    time_arg(s).map(NowArg::At)
}

/// The clock: fixed by `--now TIME`, else the system clock.
pub fn clock(g: &GlobalArgs) -> Clock {
    match g.now {
        Some(NowArg::At(t)) => Clock::Fixed(t),
        _ => Clock::System,
    }
}

/// Parses `--now` and other time arguments (RFC 3339 with a zone).
pub fn time_arg(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    crate::incidents::time::parse_rfc3339(s).ok_or_else(|| {
        format!("{s:?} is not an RFC 3339 time with a zone, like 2019-01-25T01:00:00Z")
    })
}
