//! The config file and the parsers of the global flags' values; [`super::settings`]
//! resolves both, with the environment, into the settings every command receives.
//!
//! The config file is `$XDG_CONFIG_HOME/bos/config.yaml` (default `~/.config/bos/config.yaml`),
//! read once per process with the one schema of [`crate::serve::config`] (the file `bos serve`
//! reads; bos-auto's keys work as they are). Flags and environment variables come first,
//! then the file, then the defaults. For instance:
//!
//! ```yaml
//! # the bookiesports chain folder (relative paths are relative to this file), or a
//! # bookiesports folder of chains with `network:` picking one
//! sports: /srv/bookiesports
//! network: beatrice
//! # how long `bos track` keeps samples (also `bos track prune`); default: forever
//! track_keep: 30d
//! # seconds a node has to answer one request before the next --node is used (default 5)
//! node_timeout: 5
//! # the nodes (failover order) and the incident store of every command, after
//! # --node/BOS_NODE and --db/BOS_DB
//! node: [ws://127.0.0.1:8090]
//! db: /srv/bos/bos.sqlite
//! ```
//!
//! Unknown keys are ignored (`bos config check` lists them), so a newer file still works
//! with an older `bos`; a known key with a value of the wrong type is an error that names it.

use std::path::{Path, PathBuf};

use super::CliError;
use crate::serve::config::ServeConfig;

/// The config file's path, if a home or config folder is known.
pub fn config_path() -> Option<PathBuf> {
    xdg_dir("XDG_CONFIG_HOME", ".config").map(|d| d.join("bos").join("config.yaml"))
}

pub(super) fn xdg_dir(var: &str, home_default: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() && Path::new(&v).is_absolute() => Some(PathBuf::from(v)),
        _ => std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(home_default)),
    }
}

/// The config file's settings (the one schema `bos serve` and `config check` use).
pub type Config = ServeConfig;

/// The default config file, read and checked once per process (an empty config when
/// there is none).
pub fn file_config() -> Result<&'static Config, CliError> {
    static CONFIG: std::sync::OnceLock<Result<Config, String>> = std::sync::OnceLock::new();
    let r = CONFIG.get_or_init(|| match config_path() {
        Some(p) => load_config(&p)
            .inspect(warn_passphrase)
            .map_err(|e| e.to_string()),
        None => Ok(Config::default()),
    });
    r.as_ref().map_err(|e| CliError::Failed(e.clone()))
}

/// Parses a time limit in seconds (`5`, `0.5`): more than 0, at most a day.
pub fn timeout_arg(s: &str) -> Result<std::time::Duration, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    secs(v)
}

pub(super) fn secs(v: f64) -> Result<std::time::Duration, String> {
    if !(v.is_finite() && v > 0.0 && v <= 86_400.0) {
        return Err(format!(
            "{v} is not a time limit: give seconds above 0 (at most 86400)"
        ));
    }
    Ok(std::time::Duration::from_secs_f64(v))
}

/// Warns when a config file holds a `passphrase` (bos-auto's): it is ignored, and the
/// warning says how to give the password instead.
pub fn warn_passphrase(c: &Config) {
    if let Some((_, why)) = c.ignored.iter().find(|(k, _)| k == "passphrase") {
        let file = c
            .file
            .as_ref()
            .map(|p| format!("{}: ", p.display()))
            .unwrap_or_default();
        super::output::warn(&format!("{file}`passphrase` is ignored: {why}"));
    }
}

/// Reads a config file; a missing file is an empty config.
pub fn load_config(path: &Path) -> Result<Config, CliError> {
    match ServeConfig::load(path) {
        Err(crate::serve::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(Config::default())
        }
        Err(e) => Err(CliError::Failed(e.to_string())),
        Ok(c) => Ok(c),
    }
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

/// Parses `--now` and other time arguments (RFC 3339 with a zone).
pub fn time_arg(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    crate::incidents::time::parse_rfc3339(s).ok_or_else(|| {
        format!("{s:?} is not an RFC 3339 time with a zone, like 2019-01-25T01:00:00Z")
    })
}
