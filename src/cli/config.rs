//! Settings resolved once from the global flags, the environment and the config file.
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
//! ```
//!
//! Unknown keys are ignored (`bos config check` lists them), so a newer file still works
//! with an older `bos`; a known key with a value of the wrong type is an error that names it.

use std::path::{Path, PathBuf};

use super::{CliError, GlobalArgs};
use crate::clock::Clock;
use crate::serve::config::ServeConfig;

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
    node_timeout_in(g, file_config()?)
}

/// [`node_timeout`] with the settings of a given config file (`bos serve --config`).
pub fn node_timeout_in(g: &GlobalArgs, c: &Config) -> Result<std::time::Duration, CliError> {
    if let Some(t) = g.node_timeout {
        return Ok(t);
    }
    match c.node_timeout {
        Some(v) => secs(v).map_err(|e| CliError::Failed(format!("node_timeout: {e}"))),
        None => Ok(crate::rpc::DEFAULT_TIMEOUT),
    }
}

/// The approval checkers: the config file's `checkers:`, then each `--checker SPEC`.
pub fn checkers(specs: &[String]) -> Result<Vec<crate::sync::checkers::Checker>, CliError> {
    checkers_in(file_config()?, specs)
}

/// [`checkers`] with the settings of a given config file.
pub fn checkers_in(
    c: &Config,
    specs: &[String],
) -> Result<Vec<crate::sync::checkers::Checker>, CliError> {
    let mut out = c.checkers.clone();
    for s in specs {
        out.push(crate::sync::checkers::Checker::parse_spec(s).map_err(CliError::Usage)?);
    }
    Ok(out)
}

/// The engine's settings from a config file: bos-auto's fuzzy values, dynamic-BMG age,
/// scheduler expirations, `expand_dynamic_assets`, and the checkers (config's, then
/// each `--checker SPEC`).
pub fn trigger_settings(
    c: &Config,
    specs: &[String],
) -> Result<crate::triggers::Settings, CliError> {
    Ok(crate::triggers::Settings {
        handicap_fuzzy: c.fuzzy_handicap,
        overunder_fuzzy: c.fuzzy_overunder,
        dynamic_min_age: i64::try_from(c.incident_min_age).unwrap_or(i64::MAX),
        expand_dynamic_assets: c.expand_dynamic_assets,
        postpone_leadtime: i64::try_from(c.expirations.event_cannot_open).unwrap_or(i64::MAX),
        postpone_incident: i64::try_from(c.expirations.postpone_incident).unwrap_or(i64::MAX),
        checkers: checkers_in(c, specs)?,
        ..Default::default()
    })
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

/// The sports folder: `--sports` / `BOS_SPORTS`, then the config file's `sports:`; the
/// config's `network:` picks the chain folder inside a bookiesports folder of chains.
pub fn sports_dir(g: &GlobalArgs) -> Result<PathBuf, CliError> {
    sports_dir_in(g, file_config()?)
}

/// [`sports_dir`] with the settings of a given config file.
pub fn sports_dir_in(g: &GlobalArgs, c: &Config) -> Result<PathBuf, CliError> {
    let dir = match (&g.sports, &c.sports) {
        (Some(d), _) | (None, Some(d)) => d,
        (None, None) => {
            let file = c
                .file
                .clone()
                .or_else(config_path)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "$XDG_CONFIG_HOME/bos/config.yaml".into());
            return Err(CliError::Usage(format!(
                "no sports folder: pass --sports DIR (a bookiesports chain folder such as examples/sports), set BOS_SPORTS, or put `sports: DIR` in {file}"
            )));
        }
    };
    crate::serve::config::chain_folder(dir, c.network.as_deref())
        .map_err(|e| CliError::Failed(e.to_string()))
}

/// Loads the sports folder named by `dir`, else the configured one ([`sports_dir`]).
pub fn load_sports(g: &GlobalArgs, dir: Option<PathBuf>) -> Result<crate::sports::Chain, CliError> {
    let dir = match dir {
        Some(d) => d,
        None => sports_dir(g)?,
    };
    Ok(crate::sports::load(&dir)?)
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
