//! The one configuration file schema of `bos`: bos-auto's `config.yaml` keys, unchanged,
//! plus bos's own. `bos serve --config FILE` reads it, every other command reads the
//! default file (`$XDG_CONFIG_HOME/bos/config.yaml`) with this same parser, and
//! `bos config check` explains it.
//!
//! bos-auto keys: `node` (a URL or a list), `network` (the bookiesports chain name: with
//! `sports:` naming a bookiesports folder that holds one folder per chain, it picks the
//! chain's), `nobroadcast`, `BOOKIE_PROPOSER` (alias `proposer`), `BOOKIE_APPROVER` (alias
//! `approver`), `api_whitelist`, `scheduler.interval`, `scheduler.expirations.*`,
//! `conditions.dynamic_bmgs.incident-min-age`, `dynamic.handicap.fuzzy_value`,
//! `dynamic.overunder.fuzzy_value`. Keys of the Python stack that `bos` has no use for
//! (Redis, mail, logging) are accepted and reported as ignored. `passphrase` is accepted
//! and ignored with a warning: the wallet password never comes from a file read as config
//! (give `--password-file`, `BOS_WALLET_PASSWORD` or type it at the prompt).
//!
//! bos's own keys: `listen`, `sports`, `db`, `workers`, `body_limit`, `rate_limit`
//! (`per_second`, `burst`), `provider_tokens` (a file of `NAME TOKEN` lines),
//! `require_token`, `isalive_open`, `approve_interval`, `max_connections`,
//! `idle_timeout`, `header_timeout`, `body_timeout`, `expand_dynamic_assets`,
//! `checkers`, `node_timeout`, `track_keep`, and the console's `console_password_file`,
//! `console_read_only`, `couch_endpoints`.
//!
//! A value of the wrong type is an error naming the key, the type it must have and what
//! the file holds (`` `workers` must be a whole number of worker threads, not "many" ``).

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use serde_norway::Value as Yaml;

use super::Error;

/// Default listening address (bos-auto's).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8010";

/// bos-auto's scheduler expirations (seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct Expirations {
    pub event_cannot_open: u64,
    pub postpone_incident: u64,
    pub unhandled_exception: u64,
}

/// Per-source rate limit of `POST /trigger`: a token bucket per address.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Tokens per second; 0 turns the limit off.
    pub per_second: f64,
    pub burst: f64,
}

/// One allowlist entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allow {
    /// Everything (bos-auto's `0.0.0.0`).
    Any,
    /// An address range.
    Net { addr: IpAddr, prefix: u8 },
}

impl Allow {
    /// Whether `ip` is inside this entry.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self, ip) {
            (Allow::Any, _) => true,
            (
                Allow::Net {
                    addr: IpAddr::V4(a),
                    prefix,
                },
                IpAddr::V4(b),
            ) => {
                let m = if *prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(*prefix))
                };
                u32::from(*a) & m == u32::from(b) & m
            }
            (
                Allow::Net {
                    addr: IpAddr::V6(a),
                    prefix,
                },
                IpAddr::V6(b),
            ) => {
                let m = if *prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - u32::from(*prefix))
                };
                u128::from(*a) & m == u128::from(b) & m
            }
            (Allow::Net { .. }, IpAddr::V6(b)) => match b.to_ipv4_mapped() {
                Some(v4) => self.contains(IpAddr::V4(v4)),
                None => false,
            },
            (Allow::Net { .. }, IpAddr::V4(_)) => false,
        }
    }
}

/// Parses an allowlist entry: an address, a CIDR (`10.0.0.0/8`), `0.0.0.0` (anyone) or a
/// host name (resolved once, now).
pub fn parse_allow(entry: &str) -> Result<Vec<Allow>, String> {
    let e = entry.trim();
    if e == "0.0.0.0" || e == "*" {
        return Ok(vec![Allow::Any]);
    }
    if let Some((a, p)) = e.split_once('/') {
        let addr: IpAddr = a.parse().map_err(|_| format!("{a:?} is not an address"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix: u8 = p
            .parse()
            .ok()
            .filter(|p| *p <= max)
            .ok_or_else(|| format!("{p:?} is not a prefix length up to {max}"))?;
        return Ok(vec![Allow::Net { addr, prefix }]);
    }
    if let Ok(addr) = e.parse::<IpAddr>() {
        let prefix = if addr.is_ipv4() { 32 } else { 128 };
        return Ok(vec![Allow::Net { addr, prefix }]);
    }
    use std::net::ToSocketAddrs;
    let addrs = (e, 0)
        .to_socket_addrs()
        .map_err(|err| format!("host {e:?} does not resolve: {err}"))?;
    Ok(addrs
        .map(|s| {
            let addr = s.ip();
            Allow::Net {
                addr,
                prefix: if addr.is_ipv4() { 32 } else { 128 },
            }
        })
        .collect())
}

/// Everything `bos serve` reads from its config file, with defaults filled in.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub file: Option<PathBuf>,
    pub listen: SocketAddr,
    pub node: Vec<String>,
    pub network: Option<String>,
    pub sports: Option<PathBuf>,
    pub db: Option<PathBuf>,
    pub nobroadcast: bool,
    pub proposer: Option<String>,
    pub approver: Option<String>,
    /// The entries as written (`None`: not set, loopback only).
    pub api_whitelist: Option<Vec<String>>,
    pub scheduler_interval: u64,
    pub expirations: Expirations,
    pub incident_min_age: u64,
    pub fuzzy_handicap: f64,
    pub fuzzy_overunder: f64,
    pub workers: usize,
    pub body_limit: usize,
    pub rate_limit: RateLimit,
    pub provider_tokens: Option<PathBuf>,
    pub require_token: bool,
    pub approve_interval: u64,
    /// Connections served at once (`max_connections`); more get 503.
    pub max_connections: usize,
    /// Seconds a connection may wait for a request with nothing arriving (`idle_timeout`).
    pub idle_timeout: u64,
    /// Seconds from a request's first byte to the end of its headers (`header_timeout`).
    pub header_timeout: u64,
    /// Seconds from a request's headers to the end of its body (`body_timeout`).
    pub body_timeout: u64,
    /// `GET /isalive` answers without a token too, with nothing but health figures
    /// (`isalive_open`; only matters when provider tokens are configured).
    pub isalive_open: bool,
    /// The console's password or token, in a file (`console_password_file`).
    pub console_password_file: Option<PathBuf>,
    /// The console offers no actions (`console_read_only`).
    pub console_read_only: bool,
    /// Other `/trigger` endpoints the console's Couch Potato posts to (`couch_endpoints`).
    pub couch_endpoints: Vec<String>,
    /// Approval checkers (`checkers:`), asked before every approval.
    pub checkers: Vec<crate::sync::checkers::Checker>,
    /// Build dynamic BMGs of several assets per asset, like `create` does
    /// (`expand_dynamic_assets`; bos-auto cannot, so off by default).
    pub expand_dynamic_assets: bool,
    /// Seconds a node has to answer one request (`node_timeout`).
    pub node_timeout: Option<f64>,
    /// How long `bos track` keeps samples (`track_keep`: `30d`, `12h`, ...).
    pub track_keep: Option<String>,
    /// Keys present in the file that bos does not use, with why.
    pub ignored: Vec<(String, &'static str)>,
    /// Keys bos does not know at all.
    pub unknown: Vec<String>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            file: None,
            listen: DEFAULT_LISTEN.parse().expect("constant address"),
            node: Vec::new(),
            network: None,
            sports: None,
            db: None,
            nobroadcast: false,
            proposer: None,
            approver: None,
            api_whitelist: None,
            scheduler_interval: 60,
            expirations: Expirations {
                event_cannot_open: 43_200,
                postpone_incident: 3_600,
                unhandled_exception: 300,
            },
            incident_min_age: 3_600,
            fuzzy_handicap: 1.0,
            fuzzy_overunder: 1.0,
            workers: 2,
            body_limit: 64 * 1024,
            rate_limit: RateLimit {
                per_second: 100.0,
                burst: 200.0,
            },
            provider_tokens: None,
            require_token: false,
            approve_interval: 60,
            max_connections: 512,
            idle_timeout: 15,
            header_timeout: 10,
            body_timeout: 10,
            isalive_open: false,
            console_password_file: None,
            console_read_only: false,
            couch_endpoints: Vec::new(),
            checkers: Vec::new(),
            expand_dynamic_assets: false,
            node_timeout: None,
            track_keep: None,
            ignored: Vec::new(),
            unknown: Vec::new(),
        }
    }
}

/// Keys of bos-auto's config that bos accepts and does not use.
const IGNORED: &[(&str, &str)] = &[
    (
        "redis_host",
        "bos keeps its queue in the SQLite store; no Redis",
    ),
    (
        "redis_port",
        "bos keeps its queue in the SQLite store; no Redis",
    ),
    (
        "redis_password",
        "bos keeps its queue in the SQLite store; no Redis",
    ),
    (
        "redis_db",
        "bos keeps its queue in the SQLite store; no Redis",
    ),
    (
        "mongodb",
        "bos keeps incidents in the SQLite store; no MongoDB",
    ),
    (
        "logging",
        "bos logs to stderr (RUST_LOG sets the level); use journald or a pipe",
    ),
    ("mailhost", "bos sends no mail"),
    ("mailfrom", "bos sends no mail"),
    ("mailsubject", "bos sends no mail"),
    ("mailto", "bos sends no mail"),
    (
        "passphrase",
        "the wallet password is never read from a config file: give --password-file FILE (mode 0600), set BOS_WALLET_PASSWORD, or type it at the prompt",
    ),
];

fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::Config {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn key<'a>(m: &'a serde_norway::Mapping, k: &str) -> Option<&'a Yaml> {
    m.get(Yaml::String(k.to_string()))
}

/// What a YAML value is, for an error: the value itself when it is short.
fn found(v: &Yaml) -> String {
    match v {
        Yaml::Null => "empty".into(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => n.to_string(),
        Yaml::String(s) if s.chars().count() <= 40 => format!("{s:?}"),
        Yaml::String(_) => "a long text".into(),
        Yaml::Sequence(_) => "a list".into(),
        Yaml::Mapping(_) => "a mapping".into(),
        Yaml::Tagged(_) => "a tagged value".into(),
    }
}

/// The error for key `name` holding `v` where `what` is expected.
fn wrong(path: &Path, name: &str, what: &str, v: &Yaml) -> Error {
    bad(path, format!("`{name}` must be {what}, not {}", found(v)))
}

/// A whole number; `what` says of what (`a whole number of seconds`).
fn uint(path: &Path, name: &str, v: &Yaml, what: &str) -> Result<u64, Error> {
    v.as_u64().ok_or_else(|| wrong(path, name, what, v))
}

/// A whole number of seconds.
fn seconds(path: &Path, name: &str, v: &Yaml) -> Result<u64, Error> {
    uint(path, name, v, "a whole number of seconds")
}

fn num(path: &Path, name: &str, v: &Yaml) -> Result<f64, Error> {
    v.as_f64()
        .filter(|f| f.is_finite())
        .ok_or_else(|| wrong(path, name, "a number", v))
}

fn text(path: &Path, name: &str, v: &Yaml) -> Result<String, Error> {
    match v {
        Yaml::String(s) => Ok(s.clone()),
        Yaml::Number(n) => Ok(n.to_string()),
        other => Err(wrong(path, name, "text", other)),
    }
}

fn boolean(path: &Path, name: &str, v: &Yaml) -> Result<bool, Error> {
    v.as_bool()
        .ok_or_else(|| wrong(path, name, "true or false", v))
}

fn sub<'a>(path: &Path, name: &str, v: &'a Yaml) -> Result<&'a serde_norway::Mapping, Error> {
    v.as_mapping()
        .ok_or_else(|| wrong(path, name, "a mapping of keys to values", v))
}

impl ServeConfig {
    /// Reads a config file. Relative paths in it are relative to the file.
    pub fn load(path: &Path) -> Result<ServeConfig, Error> {
        let t = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        ServeConfig::parse(path, &t)
    }

    /// Parses config text; `path` names it in errors and anchors relative paths.
    pub fn parse(path: &Path, source: &str) -> Result<ServeConfig, Error> {
        let mut c = ServeConfig {
            file: Some(path.to_path_buf()),
            ..ServeConfig::default()
        };
        if source.trim().is_empty() {
            return Ok(c);
        }
        let doc: Yaml = crate::sports::yaml::parse(source).map_err(|e| bad(path, e.to_string()))?;
        let m = match &doc {
            Yaml::Mapping(m) => m,
            Yaml::Null => return Ok(c),
            _ => return Err(bad(path, "the file must be a mapping of keys to values")),
        };
        let dir = path.parent().unwrap_or(Path::new(""));
        let rel = |p: String| {
            let p = PathBuf::from(p);
            if p.is_relative() {
                dir.join(p)
            } else {
                p
            }
        };
        for (k, v) in m {
            let Some(k) = k.as_str() else {
                c.unknown.push(format!("{k:?}"));
                continue;
            };
            match k {
                "node" => {
                    c.node = match v {
                        Yaml::Sequence(s) => s
                            .iter()
                            .map(|x| text(path, "node", x))
                            .collect::<Result<_, _>>()?,
                        other => text(path, "node", other)?
                            .split(',')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect(),
                    }
                }
                "network" => c.network = Some(text(path, k, v)?),
                "nobroadcast" => c.nobroadcast = boolean(path, k, v)?,
                "BOOKIE_PROPOSER" | "proposer" => {
                    c.proposer = Some(text(path, k, v)?).filter(|s| !s.is_empty())
                }
                "BOOKIE_APPROVER" | "approver" => {
                    c.approver = Some(text(path, k, v)?).filter(|s| !s.is_empty())
                }
                "api_whitelist" => {
                    let list = match v {
                        Yaml::Sequence(s) => s
                            .iter()
                            .map(|x| text(path, k, x))
                            .collect::<Result<Vec<_>, _>>()?,
                        Yaml::Null => Vec::new(),
                        other => vec![text(path, k, other)?],
                    };
                    c.api_whitelist = Some(list);
                }
                "scheduler" => {
                    let s = sub(path, k, v)?;
                    if let Some(i) = key(s, "interval") {
                        c.scheduler_interval = seconds(path, "scheduler.interval", i)?.max(1);
                    }
                    if let Some(e) = key(s, "expirations") {
                        let e = sub(path, "scheduler.expirations", e)?;
                        if let Some(x) = key(e, "EventCannotOpenException") {
                            c.expirations.event_cannot_open =
                                seconds(path, "scheduler.expirations.EventCannotOpenException", x)?;
                        }
                        if let Some(x) = key(e, "PostPoneIncidentException") {
                            c.expirations.postpone_incident = seconds(
                                path,
                                "scheduler.expirations.PostPoneIncidentException",
                                x,
                            )?;
                        }
                        if let Some(x) = key(e, "UnhandledException") {
                            c.expirations.unhandled_exception =
                                seconds(path, "scheduler.expirations.UnhandledException", x)?;
                        }
                    }
                }
                "conditions" => {
                    let s = sub(path, k, v)?;
                    if let Some(d) = key(s, "dynamic_bmgs") {
                        let d = sub(path, "conditions.dynamic_bmgs", d)?;
                        if let Some(x) = key(d, "incident-min-age") {
                            c.incident_min_age =
                                seconds(path, "conditions.dynamic_bmgs.incident-min-age", x)?;
                        }
                    }
                }
                "dynamic" => {
                    let s = sub(path, k, v)?;
                    if let Some(h) = key(s, "handicap") {
                        if let Some(x) = key(sub(path, "dynamic.handicap", h)?, "fuzzy_value") {
                            c.fuzzy_handicap = num(path, "dynamic.handicap.fuzzy_value", x)?;
                        }
                    }
                    if let Some(h) = key(s, "overunder") {
                        if let Some(x) = key(sub(path, "dynamic.overunder", h)?, "fuzzy_value") {
                            c.fuzzy_overunder = num(path, "dynamic.overunder.fuzzy_value", x)?;
                        }
                    }
                }
                "listen" => {
                    let t = text(path, k, v)?;
                    c.listen = t.parse().map_err(|_| {
                        bad(
                            path,
                            format!("`listen`: {t:?} is not ADDRESS:PORT, like 127.0.0.1:8010"),
                        )
                    })?;
                }
                "sports" => c.sports = Some(rel(text(path, k, v)?)),
                "db" => c.db = Some(rel(text(path, k, v)?)),
                "workers" => {
                    c.workers =
                        uint(path, k, v, "a whole number of worker threads")?.clamp(1, 64) as usize;
                }
                "body_limit" => {
                    c.body_limit =
                        uint(path, k, v, "a whole number of bytes")?.clamp(1024, 16 << 20) as usize
                }
                "rate_limit" => {
                    let s = sub(path, k, v)?;
                    if let Some(x) = key(s, "per_second") {
                        c.rate_limit.per_second = num(path, "rate_limit.per_second", x)?.max(0.0);
                    }
                    if let Some(x) = key(s, "burst") {
                        c.rate_limit.burst = num(path, "rate_limit.burst", x)?.max(1.0);
                    }
                }
                "provider_tokens" => c.provider_tokens = Some(rel(text(path, k, v)?)),
                "require_token" => c.require_token = boolean(path, k, v)?,
                "approve_interval" => c.approve_interval = seconds(path, k, v)?.max(1),
                "max_connections" => {
                    c.max_connections =
                        uint(path, k, v, "a whole number of connections")?.clamp(1, 65_536) as usize
                }
                "idle_timeout" => c.idle_timeout = seconds(path, k, v)?.clamp(1, 3_600),
                "header_timeout" => c.header_timeout = seconds(path, k, v)?.clamp(1, 3_600),
                "body_timeout" => c.body_timeout = seconds(path, k, v)?.clamp(1, 3_600),
                "isalive_open" => c.isalive_open = boolean(path, k, v)?,
                "console_password_file" => c.console_password_file = Some(rel(text(path, k, v)?)),
                "console_read_only" => c.console_read_only = boolean(path, k, v)?,
                "couch_endpoints" => {
                    c.couch_endpoints = match v {
                        Yaml::Sequence(s) => s
                            .iter()
                            .map(|x| text(path, k, x))
                            .collect::<Result<_, _>>()?,
                        Yaml::Null => Vec::new(),
                        other => vec![text(path, k, other)?],
                    }
                }
                "checkers" => {
                    let list: Vec<crate::sync::checkers::Checker> =
                        serde_norway::from_value(v.clone())
                            .map_err(|e| bad(path, format!("checkers: {e}")))?;
                    for ch in list {
                        c.checkers.push(
                            ch.validated()
                                .map_err(|e| bad(path, format!("checkers: {e}")))?,
                        );
                    }
                }
                "track_keep" => c.track_keep = Some(text(path, k, v)?),
                "node_timeout" => {
                    let t = num(path, k, v)
                        .ok()
                        .filter(|t| *t > 0.0 && *t <= 86_400.0)
                        .ok_or_else(|| {
                            wrong(path, k, "a number of seconds above 0 (at most 86400)", v)
                        })?;
                    c.node_timeout = Some(t);
                }
                "expand_dynamic_assets" => c.expand_dynamic_assets = boolean(path, k, v)?,
                other => {
                    if let Some((_, why)) = IGNORED.iter().find(|(n, _)| *n == other) {
                        c.ignored.push((other.to_string(), why));
                    } else {
                        c.unknown.push(other.to_string());
                    }
                }
            }
        }
        Ok(c)
    }

    /// The limits of the HTTP server.
    pub fn limits(&self) -> super::server::Limits {
        super::server::Limits {
            max_connections: self.max_connections,
            idle: std::time::Duration::from_secs(self.idle_timeout),
            header: std::time::Duration::from_secs(self.header_timeout),
        }
    }

    /// The allowlist in effect: the configured entries, else loopback only.
    pub fn allowlist(&self) -> Result<Vec<Allow>, Error> {
        match &self.api_whitelist {
            None => Ok(loopback()),
            Some(list) => {
                let mut out = Vec::new();
                for e in list {
                    if e.trim() == "localhost" {
                        out.extend(loopback());
                        continue;
                    }
                    out.extend(parse_allow(e).map_err(|reason| Error::Allowlist {
                        entry: e.clone(),
                        reason,
                    })?);
                }
                Ok(out)
            }
        }
    }
}

/// The bookiesports chain folder to load: `dir` itself when it is a chain folder (it has
/// an `index.yaml`), else its folder named `network` (bos-auto's `network:` key), as in a
/// bookiesports checkout that holds `alice/`, `beatrice/`, ...
pub fn chain_folder(dir: &Path, network: Option<&str>) -> Result<PathBuf, Error> {
    if dir.join("index.yaml").is_file() {
        return Ok(dir.to_path_buf());
    }
    let chains = || {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().join("index.yaml").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    match network.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) if !n.contains(['/', '\\']) && n != ".." && dir.join(n).join("index.yaml").is_file() => {
            Ok(dir.join(n))
        }
        Some(n) => Err(Error::Config {
            path: dir.to_path_buf(),
            reason: format!(
                "`network: {n}` names no chain folder here (chains: {})",
                match chains() {
                    c if c.is_empty() => "none".to_string(),
                    c => c.join(", "),
                }
            ),
        }),
        None => match chains() {
            c if c.is_empty() => Ok(dir.to_path_buf()),
            c => Err(Error::Config {
                path: dir.to_path_buf(),
                reason: format!(
                    "a bookiesports folder with the chains {}: set `network:` to one in the config file, or point --sports at a chain folder",
                    c.join(", ")
                ),
            }),
        },
    }
}

/// 127.0.0.0/8 and ::1.
pub fn loopback() -> Vec<Allow> {
    vec![
        Allow::Net {
            addr: IpAddr::from([127, 0, 0, 0]),
            prefix: 8,
        },
        Allow::Net {
            addr: IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
            prefix: 128,
        },
    ]
}

/// Reads a provider tokens file: one `NAME TOKEN` per line, `#` comments. The file
/// must not be readable by others (mode 0600 or stricter on Unix).
pub fn load_tokens(path: &Path) -> Result<Vec<(String, String)>, Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path) {
            if m.permissions().mode() & 0o077 != 0 {
                return Err(bad(
                    path,
                    "the provider tokens file is readable by others: chmod 600 it",
                ));
            }
        }
    }
    let t = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (n, line) in t.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let mut it = l.split_whitespace();
        match (it.next(), it.next(), it.next()) {
            (Some(name), Some(token), None) if token.len() >= 16 => {
                out.push((name.to_string(), token.to_string()))
            }
            (Some(_), Some(_), None) => {
                return Err(bad(
                    path,
                    format!("line {}: a token must have at least 16 characters", n + 1),
                ))
            }
            _ => {
                return Err(bad(
                    path,
                    format!("line {}: expected `PROVIDER TOKEN`", n + 1),
                ))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bos_auto_config_is_accepted() {
        let text = r#"
node: ws://localhost:8090
network: beatrice
redis_host: localhost
nobroadcast: true
BOOKIE_PROPOSER: init0
BOOKIE_APPROVER: init1
api_whitelist: [127.0.0.1, 10.0.0.0/8]
scheduler:
  interval: 30
  expirations: {EventCannotOpenException: 100, PostPoneIncidentException: 200, UnhandledException: 300}
conditions: {dynamic_bmgs: {incident-min-age: 60}}
dynamic: {handicap: {fuzzy_value: 2}, overunder: {fuzzy_value: 0.5}}
mystery: 1
"#;
        let c = ServeConfig::parse(Path::new("/etc/bos/config.yaml"), text).unwrap();
        assert_eq!(c.node, ["ws://localhost:8090"]);
        assert!(c.nobroadcast);
        assert_eq!(c.proposer.as_deref(), Some("init0"));
        assert_eq!(c.scheduler_interval, 30);
        assert_eq!(c.expirations.postpone_incident, 200);
        assert_eq!(c.incident_min_age, 60);
        assert_eq!(c.fuzzy_overunder, 0.5);
        assert_eq!(c.ignored.len(), 1);
        assert_eq!(c.unknown, ["mystery"]);
        let a = c.allowlist().unwrap();
        assert!(a.iter().any(|x| x.contains("10.1.2.3".parse().unwrap())));
        assert!(!a.iter().any(|x| x.contains("11.1.2.3".parse().unwrap())));
    }

    #[test]
    fn passphrase_is_ignored_with_how_to_give_the_password_and_default_is_loopback() {
        let c = ServeConfig::parse(Path::new("c.yaml"), "passphrase: hunter2\n").unwrap();
        let (k, why) = &c.ignored[0];
        assert_eq!(k, "passphrase");
        assert!(why.contains("--password-file") && why.contains("BOS_WALLET_PASSWORD"));
        assert!(!format!("{c:?}").contains("hunter2"));
        let c = ServeConfig::parse(Path::new("c.yaml"), "").unwrap();
        let a = c.allowlist().unwrap();
        assert!(a.iter().any(|x| x.contains("127.0.0.1".parse().unwrap())));
        assert!(a
            .iter()
            .any(|x| x.contains("::ffff:127.0.0.1".parse().unwrap())));
        assert!(!a.iter().any(|x| x.contains("192.168.1.1".parse().unwrap())));
    }

    fn error(text: &str) -> String {
        ServeConfig::parse(Path::new("c.yaml"), text)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn errors_name_the_key_the_type_and_the_value() {
        assert_eq!(
            error("workers: many\n"),
            "c.yaml: `workers` must be a whole number of worker threads, not \"many\""
        );
        assert!(error("idle_timeout: -1\n")
            .contains("`idle_timeout` must be a whole number of seconds, not -1"));
        assert!(error("scheduler: {expirations: {UnhandledException: soon}}\n").contains(
            "`scheduler.expirations.UnhandledException` must be a whole number of seconds, not \"soon\""
        ));
        assert!(error("expand_dynamic_assets: 3\n")
            .contains("`expand_dynamic_assets` must be true or false, not 3"));
        assert!(error("node_timeout: 0\n")
            .contains("`node_timeout` must be a number of seconds above 0"));
        assert!(error("scheduler: 5\n").contains("`scheduler` must be a mapping"));
    }

    #[test]
    fn bos_keys_and_aliases() {
        let c = ServeConfig::parse(
            Path::new("/etc/bos/c.yaml"),
            "expand_dynamic_assets: true\nnode_timeout: 2.5\ntrack_keep: 30d\nproposer: init3\nsports: bookiesports\n",
        )
        .unwrap();
        assert!(c.expand_dynamic_assets);
        assert_eq!(c.node_timeout, Some(2.5));
        assert_eq!(c.track_keep.as_deref(), Some("30d"));
        assert_eq!(c.proposer.as_deref(), Some("init3"));
        assert_eq!(
            c.sports.as_deref(),
            Some(Path::new("/etc/bos/bookiesports"))
        );
        assert!(c.unknown.is_empty() && c.ignored.is_empty());
    }

    #[test]
    fn network_picks_the_chain_folder() {
        let d = tempfile::tempdir().unwrap();
        for chain in ["alice", "beatrice"] {
            std::fs::create_dir(d.path().join(chain)).unwrap();
            std::fs::write(d.path().join(chain).join("index.yaml"), "chain_id: x\n").unwrap();
        }
        let beatrice = d.path().join("beatrice");
        assert_eq!(chain_folder(d.path(), Some("beatrice")).unwrap(), beatrice);
        // A chain folder is used as it is.
        assert_eq!(chain_folder(&beatrice, Some("alice")).unwrap(), beatrice);
        let e = chain_folder(d.path(), Some("charlie"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("`network: charlie` names no chain folder here (chains: alice, beatrice)"),
            "{e}"
        );
        let e = chain_folder(d.path(), None).unwrap_err().to_string();
        assert!(e.contains("set `network:`"), "{e}");
        assert!(chain_folder(d.path(), Some("../x")).is_err());
    }
}
