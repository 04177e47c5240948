//! `bos serve`, `bos isalive`, `bos config check`: the automated mode, its health check and
//! its configuration. Arguments, the call into [`crate::serve`], and the printing.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Subcommand;
use serde_json::{json, Value};

use super::error::{EXIT_NO_SERVICE, EXIT_UNHEALTHY};
use super::{config, output, CliError};
use crate::chain::Chain;
use crate::engine::{Approver, JobRunner, Parts};
use crate::incidents::{Intake, Normalizer};
use crate::rpc::{Client, Options};
use crate::serve::config::{load_tokens, ServeConfig};
use crate::serve::runner::{Service, Settings};
use crate::serve::RunningClock;

/// Waiting jobs from which `bos isalive` reports unhealthy (bos-auto's monitoring advice).
pub const QUEUE_ALARM: u64 = 10;

/// The clock a devnet service starts at when `--now` is not given: inside the example
/// sports' 2018-19 windows.
const DEVNET_START: &str = "2019-01-01T00:00:00Z";

fn serve_err(e: crate::serve::Error) -> CliError {
    match e {
        crate::serve::Error::Store(e) => CliError::Incidents(e),
        other => CliError::Failed(other.to_string()),
    }
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Config file: bos-auto's config.yaml keys plus bos's own (see `bos config check`)
    /// [default: $XDG_CONFIG_HOME/bos/config.yaml when it exists]
    #[arg(long, short = 'c', env = "BOS_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8010]
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// Try it out: an in-process devnet with the example sports (or --sports), its
    /// witness init0 as proposer and approver with an ephemeral key, a temporary store
    /// (unless --db), and a clock starting at 2019-01-01 (unless --now)
    #[arg(long)]
    pub devnet: bool,
    /// Witness account that proposes [default: config BOOKIE_PROPOSER]
    #[arg(long, value_name = "A")]
    pub proposer: Option<String>,
    /// Account that approves [default: config BOOKIE_APPROVER, else the proposer]
    #[arg(long, value_name = "A")]
    pub approver: Option<String>,
    /// Number of workers (jobs of different events run in parallel) [default: 2]
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// Do not run the scheduler (bos-auto's --no-scheduler)
    #[arg(long)]
    pub no_scheduler: bool,
    /// An approval checker besides the config file's `checkers:`: a shell command, an
    /// http(s) URL, or a JSON object {name, command|url, timeout, on_error, own}
    #[arg(long = "checker", value_name = "SPEC")]
    pub checkers: Vec<String>,
    /// Do not serve the console at / (it answers 404, as bos-auto's)
    #[arg(long)]
    pub no_console: bool,
    /// File holding the console's password or token [else config console_password_file,
    /// BOS_CONSOLE_PASSWORD; --devnet makes one up and prints it]; without one the
    /// console is off
    #[arg(long, value_name = "FILE")]
    pub console_password_file: Option<PathBuf>,
    /// The console shows pages only: no approvals, proposals or incidents
    #[arg(long)]
    pub console_read_only: bool,
}

/// The console's settings: its password from a file, `BOS_CONSOLE_PASSWORD`, or (a
/// devnet) made up; `None` when it is off. The second value is a made-up password, to show.
fn console_settings(
    args: &ServeArgs,
    cfg: &ServeConfig,
) -> Result<(Option<crate::serve::console::Settings>, Option<String>), CliError> {
    use crate::serve::console::{Secret, Settings as Console};
    if args.no_console {
        return Ok((None, None));
    }
    let file = args
        .console_password_file
        .clone()
        .or(cfg.console_password_file.clone());
    let mut made_up = None;
    let text = match file {
        Some(p) => Some(
            std::fs::read_to_string(&p)
                .map(zeroize::Zeroizing::new)
                .map_err(|source| CliError::Io { path: p, source })?,
        ),
        None => match std::env::var("BOS_CONSOLE_PASSWORD") {
            Ok(v) if !v.trim().is_empty() => Some(zeroize::Zeroizing::new(v)),
            _ if args.devnet => {
                let mut b = [0u8; 12];
                getrandom::getrandom(&mut b)
                    .map_err(|e| CliError::Failed(format!("no randomness: {e}")))?;
                let p = hex::encode(b);
                made_up = Some(p.clone());
                Some(zeroize::Zeroizing::new(p))
            }
            _ => None,
        },
    };
    let Some(text) = text else {
        return Ok((None, None));
    };
    let password = Secret::new(&text).ok_or_else(|| {
        CliError::Usage(
            "the console password is empty (console_password_file or BOS_CONSOLE_PASSWORD)".into(),
        )
    })?;
    Ok((
        Some(Console {
            password,
            read_only: args.console_read_only || cfg.console_read_only,
            endpoints: cfg.couch_endpoints.clone(),
        }),
        made_up,
    ))
}

/// The config file `bos serve` reads: `--config`, else the default file if it exists.
fn serve_config(path: Option<&Path>) -> Result<ServeConfig, CliError> {
    match path {
        Some(p) => ServeConfig::load(p).map_err(serve_err),
        None => match config::config_path().filter(|p| p.is_file()) {
            Some(p) => ServeConfig::load(&p).map_err(serve_err),
            None => Ok(ServeConfig::default()),
        },
    }
}

/// The example sports of the source tree (for `--devnet` without `--sports`).
fn example_sports() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sports");
    p.is_dir().then_some(p)
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

/// A temporary store file for `--devnet`, removed on exit.
struct TempDb(PathBuf);

/// The name of the throwaway store of `bos serve --devnet` run as process `pid`.
fn devnet_store_name(pid: u32) -> String {
    format!("bos-serve-devnet-{pid}.sqlite")
}

/// Removes the throwaway stores (with their `-wal` and `-shm`) in `dir` that earlier
/// `bos serve --devnet` runs left when they could not clean up (SIGKILL, the OOM killer,
/// a power cut): those whose process is gone. A store whose process is alive, or may be
/// (its pid was reused), stays. Linux only: it asks `/proc`; elsewhere nothing is
/// removed. Returns the number of files removed.
fn sweep_devnet_stores(dir: &Path) -> usize {
    let proc_dir = Path::new("/proc");
    if !proc_dir.join("self").exists() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(rest) = name.strip_prefix("bos-serve-devnet-") else {
            continue;
        };
        let Some((pid, suffix)) = rest.split_once(".sqlite") else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if !matches!(suffix, "" | "-wal" | "-shm")
            || pid == std::process::id()
            || proc_dir.join(pid.to_string()).exists()
        {
            continue;
        }
        if std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

impl ServeArgs {
    pub fn run(self, g: &super::Settings) -> Result<(), CliError> {
        let mut cfg = serve_config(self.config.as_deref())?;
        config::warn_passphrase(&cfg);
        if let Some(l) = self.listen {
            cfg.listen = l;
        }
        if let Some(w) = self.workers {
            cfg.workers = w.clamp(1, 64);
        }
        // The settings with this config file; sports: --sports, the serve config, the
        // general config, or (devnet) the examples; the serve config's `network:` picks
        // the chain inside a bookiesports folder.
        let mut g = g.with_config(cfg)?;
        if let (false, true, Some(d)) = (g.has_sports(), self.devnet, example_sports()) {
            g = g.with_sports(d);
        }
        let cfg = g.config.clone();
        let sports = g.load_sports(None)?;
        let mut temp_db = None;
        let db = match (g.db_given(), self.devnet) {
            (false, true) => {
                let dir = std::env::temp_dir();
                let swept = sweep_devnet_stores(&dir);
                if swept > 0 {
                    output::note(&format!(
                        "removed {swept} files of devnet stores that killed runs left in {}",
                        dir.display()
                    ));
                }
                let p = dir.join(devnet_store_name(std::process::id()));
                temp_db = Some(TempDb(p.clone()));
                p
            }
            _ => g.db_path()?,
        };
        let dry_run = cfg.nobroadcast || g.keeps_off_chain();
        let clock = match (g.now, self.devnet) {
            (Some(config::NowArg::At(t)), _) => RunningClock::starting_at(t),
            (Some(config::NowArg::Incident), _) => {
                return Err(CliError::Usage(
                    "--now incident is for `incident replay`; bos serve takes --now TIME (its clock starts there and runs)".into(),
                ))
            }
            (None, true) => {
                RunningClock::starting_at(config::time_arg(DEVNET_START).map_err(CliError::Failed)?)
            }
            (None, false) => RunningClock::default(),
        };
        let tokens = match &cfg.provider_tokens {
            Some(p) => load_tokens(p).map_err(serve_err)?,
            None => Vec::new(),
        };
        if cfg.require_token && tokens.is_empty() {
            return Err(CliError::Usage(
                "require_token is set but no provider_tokens file names any token".into(),
            ));
        }
        let (console, console_password) = console_settings(&self, &cfg)?;
        init_logging();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| CliError::Failed(format!("cannot start the async runtime: {e}")))?;
        let proposer_flag = self.proposer.clone().or(cfg.proposer.clone());
        let approver_flag = self.approver.clone().or(cfg.approver.clone());
        let json_out = g.json;
        let r = rt.block_on(async {
            let (devnet, url_list, devnet_keys) = if self.devnet {
                let n = super::node::node(&g, true, crate::devnet::ClockMode::Real).await?;
                (n.devnet, n.urls, n.keys)
            } else {
                (None, g.nodes.clone(), Vec::new())
            };
            let client = Client::new(
                url_list.clone(),
                Options {
                    timeout: g.node_timeout,
                    // The heads of several nodes are compared (node_lag is logged).
                    lag_check: Some(Duration::from_secs(60)),
                    max_lag: if devnet.is_some() {
                        None
                    } else {
                        Some(Duration::from_secs(120))
                    },
                    ..Options::default()
                },
            )?;
            let proposer =
                match (proposer_flag, devnet.is_some()) {
                    (Some(p), _) => p,
                    (None, true) => "init0".to_string(),
                    (None, false) => return Err(CliError::Usage(
                        "give --proposer or BOOKIE_PROPOSER in the config (the witness account)"
                            .into(),
                    )),
                };
            let approver = approver_flag.unwrap_or_else(|| proposer.clone());
            let ch = Chain::new(client);
            let mode = g.mode(dry_run);
            let node = super::node::Node {
                urls: url_list.clone(),
                devnet,
                keys: devnet_keys,
            };
            let sender = super::node::engine_sender(
                &g,
                &ch,
                &node,
                &[&proposer, &approver],
                mode,
            )
            .await?;
            let devnet = node.devnet;
            let parts = Parts::new(sports.clone(), &proposer, &approver)
                .with_settings(g.trigger_settings(&self.checkers)?);
            let settings = Settings {
                config: (*cfg).clone(),
                db: db.clone(),
                intake: Intake::new(Normalizer::new(sports.clone())),
                runner: JobRunner::new(sender.clone(), parts.clone(), true),
                approver: Approver::new(sender, parts),
                clock,
                tokens,
                scheduler: !self.no_scheduler,
                console: console.clone(),
            };
            // From here on Ctrl-C and SIGTERM stop the service gracefully, even one that
            // comes while it starts or prints where it listens (the default action would
            // kill it there, leaving a devnet's throwaway store behind).
            let stop = super::signal::stop_signal();
            let service = Service::start(settings).await.map_err(serve_err)?;
            let url = format!("http://{}", service.addr);
            let node_url = url_list.join(",");
            if json_out {
                output::json(
                    &json!({"url": url, "trigger": format!("{url}/trigger"), "node": node_url,
                            "db": db, "proposer": proposer, "approver": approver,
                            "dry_run": dry_run, "devnet": devnet.is_some(),
                            "clock": clock.now().to_rfc3339(), "recovered": service.recovered,
                            "console": console.as_ref().map(|_| format!("{url}/")),
                            "console_password": console_password}),
                    true,
                );
            } else {
                let mut rows = vec![
                    ("listening", url.clone()),
                    ("node", node_url.clone()),
                    ("store", db.display().to_string()),
                    (
                        "accounts",
                        format!("proposer {proposer}, approver {approver}"),
                    ),
                    ("clock", clock.now().to_rfc3339()),
                ];
                if dry_run {
                    rows.push(("broadcast", "no (nobroadcast)".into()));
                }
                rows.push((
                    "console",
                    match (&console, &console_password) {
                        (Some(_), Some(p)) => format!("{url}/ (password {p}, made up for this devnet)"),
                        (Some(c), None) => format!(
                            "{url}/{}",
                            if c.read_only { " (read-only)" } else { "" }
                        ),
                        (None, _) if self.no_console => "off (--no-console)".into(),
                        (None, _) => "off: give it a password (console_password_file, --console-password-file or BOS_CONSOLE_PASSWORD)".into(),
                    },
                ));
                output::pairs(&rows);
                output::line("");
                output::line("next:");
                let ex =
                    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/serve/nba-game.jsonl");
                output::line(&format!("  bos incident send {} --to {url}", ex.display()));
                output::line(&format!("  bos isalive --url {url}"));
                if devnet.is_some() {
                    output::line(&format!("  bos proposals --node {node_url}"));
                }
                output::line("  Ctrl-C stops (running jobs finish first)");
            }
            stop.await;
            service.shutdown(Duration::from_secs(30)).await;
            if let Some(d) = devnet {
                d.stop().await;
            }
            Ok::<_, CliError>(())
        });
        drop(temp_db);
        r
    }
}

#[derive(clap::Args, Debug)]
pub struct IsaliveArgs {
    /// The service's base URL
    #[arg(long, default_value = "http://127.0.0.1:8010", value_name = "URL")]
    pub url: String,
    /// File holding a bearer token (needed when the service has provider tokens,
    /// unless it sets `isalive_open`); also from BOS_PROVIDER_TOKEN
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
}

/// Why an `/isalive` answer is unhealthy (empty: healthy).
pub fn problems(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if v["background"]["scheduler"]["running"] != json!(true) {
        out.push("the scheduler is not running".to_string());
    }
    if v["node"]["connected"] == json!(false) {
        out.push(format!(
            "the node is unreachable ({})",
            v["node"]["error"].as_str().unwrap_or("no answer")
        ));
    }
    if v["store"]["writable"] == json!(false) {
        out.push(format!(
            "the store cannot be written ({})",
            v["store"]["error"].as_str().unwrap_or("writes are failing")
        ));
    }
    let waiting = v["queue"]["status"]["default"]["count"]
        .as_u64()
        .unwrap_or(0);
    if waiting >= QUEUE_ALARM {
        out.push(format!(
            "{waiting} jobs are waiting (alarm from {QUEUE_ALARM})"
        ));
    }
    out
}

impl IsaliveArgs {
    pub fn run(self, g: &super::Settings) -> Result<(), CliError> {
        let url = format!("{}/isalive", self.url.trim_end_matches('/'));
        let token = match &self.token_file {
            Some(f) => Some(
                super::input::read_text(Some(f.as_path()))?
                    .trim()
                    .to_string(),
            ),
            None => std::env::var("BOS_PROVIDER_TOKEN")
                .ok()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
        };
        let rt = super::node::runtime()?;
        let v: Value = rt.block_on(async {
            let c = reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .map_err(|e| CliError::Failed(e.to_string()))?;
            let mut rq = c.get(&url);
            if let Some(t) = &token {
                rq = rq.bearer_auth(t);
            }
            let r = rq.send().await.map_err(|e| CliError::Status {
                code: EXIT_NO_SERVICE,
                message: format!("{url}: no answer: {e}"),
            })?;
            // 503 carries the same body: the service answers, and says what is wrong.
            if !r.status().is_success() && r.status() != reqwest::StatusCode::SERVICE_UNAVAILABLE {
                let reason = r
                    .headers()
                    .get("x-bos-reason")
                    .and_then(|v| v.to_str().ok())
                    .map(|w| format!(": {w}"))
                    .unwrap_or_default();
                return Err(CliError::Status {
                    code: EXIT_NO_SERVICE,
                    message: format!("{url}: HTTP {}{reason}", r.status()),
                });
            }
            let t = r.text().await.unwrap_or_default();
            serde_json::from_str::<Value>(&t).map_err(|e| CliError::Status {
                code: EXIT_NO_SERVICE,
                message: format!("{url}: not JSON: {e}"),
            })
        })?;
        let bad = problems(&v);
        if g.json {
            output::json(&v, true);
        } else {
            let q = &v["queue"]["status"];
            let n = &v["node"];
            output::pairs(&[
                (
                    "health",
                    if bad.is_empty() {
                        "ok".to_string()
                    } else {
                        bad.join("; ")
                    },
                ),
                (
                    "version",
                    v["versions"]["bos"].as_str().unwrap_or("?").to_string(),
                ),
                (
                    "scheduler",
                    if v["background"]["scheduler"]["running"] == json!(true) {
                        "running".into()
                    } else {
                        "not running".into()
                    },
                ),
                (
                    "queue",
                    format!(
                        "{} waiting, {} running, {} failed",
                        q["default"]["count"], q["running"]["count"], q["failed"]["count"]
                    ),
                ),
                (
                    "node",
                    if n["connected"] == json!(true) {
                        format!(
                            "connected {} (head block {})",
                            n["url"].as_str().unwrap_or(""),
                            n["head_block_number"]
                        )
                    } else {
                        format!(
                            "unreachable: {}",
                            n["error"].as_str().unwrap_or("no answer yet")
                        )
                    },
                ),
                (
                    "store",
                    if v["store"]["writable"] == json!(false) {
                        format!(
                            "NOT WRITABLE: {}",
                            v["store"]["error"].as_str().unwrap_or("writes are failing")
                        )
                    } else {
                        "writable".into()
                    },
                ),
                (
                    "incidents",
                    match &v["incidents"] {
                        Value::Null => "(not shown without a token)".into(),
                        n => n.to_string(),
                    },
                ),
            ]);
        }
        if bad.is_empty() {
            Ok(())
        } else {
            Err(CliError::Status {
                code: EXIT_UNHEALTHY,
                message: if g.json {
                    bad.join("; ")
                } else {
                    String::new()
                },
            })
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Read a `bos serve` config file and explain what bos would do with it
    ///
    /// Accepts bos-auto's config.yaml unchanged. Keys bos does not need (Redis, mail, a
    /// `passphrase`) are listed as ignored, with why; a value of the wrong type is an error
    /// naming the key and the type it must have.
    Check(ConfigCheckArgs),
}

impl ConfigCommand {
    pub fn run(self, g: &super::Settings) -> Result<(), CliError> {
        match self {
            ConfigCommand::Check(a) => a.run(g),
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct ConfigCheckArgs {
    /// The config file [default: $XDG_CONFIG_HOME/bos/config.yaml, the one every command reads]
    pub file: Option<PathBuf>,
}

impl ConfigCheckArgs {
    fn run(self, g: &super::Settings) -> Result<(), CliError> {
        let file = match self.file {
            Some(f) => f,
            None => config::config_path().ok_or_else(|| {
                CliError::Usage("no config folder known (no HOME): give the FILE".into())
            })?,
        };
        let c = ServeConfig::load(&file).map_err(serve_err)?;
        let allow = c.allowlist().map_err(serve_err)?;
        let open = allow
            .iter()
            .any(|a| matches!(a, crate::serve::config::Allow::Any));
        let tokens = match &c.provider_tokens {
            Some(p) => Some(load_tokens(p).map_err(serve_err)?),
            None => None,
        };
        let mut notes: Vec<String> = Vec::new();
        let mut rows: Vec<(&str, String)> = vec![
            ("listen", c.listen.to_string()),
            (
                "requests from",
                match (&c.api_whitelist, open) {
                    (_, true) => "anyone (api_whitelist has 0.0.0.0)".into(),
                    (None, _) => "loopback only (no api_whitelist)".into(),
                    (Some(l), _) => l.join(", "),
                },
            ),
            (
                "node",
                if c.node.is_empty() {
                    "not set (--node, BOS_NODE, else ws://127.0.0.1:8090)".into()
                } else {
                    c.node.join(", ")
                },
            ),
            (
                "sports",
                match (&c.sports, &c.network) {
                    (Some(s), n) => match crate::serve::config::chain_folder(s, n.as_deref()) {
                        Ok(d) => d.display().to_string(),
                        Err(e) => {
                            notes.push(e.to_string());
                            format!("{} (not a chain folder, see below)", s.display())
                        }
                    },
                    (None, Some(n)) => format!("network {n}: give the folder with --sports, BOS_SPORTS or `sports:`"),
                    (None, None) => "not set (--sports, BOS_SPORTS or `sports:`)".into(),
                },
            ),
            (
                "store",
                c.db.as_ref()
                    .map(|d| d.display().to_string())
                    .unwrap_or_else(|| "default ($XDG_DATA_HOME/bos/bos.sqlite)".into()),
            ),
            (
                "accounts",
                format!(
                    "proposer {}, approver {}",
                    c.proposer.as_deref().unwrap_or("(not set: --proposer)"),
                    c.approver
                        .as_deref()
                        .or(c.proposer.as_deref())
                        .unwrap_or("(the proposer)")
                ),
            ),
            (
                "broadcast",
                if c.nobroadcast {
                    "no (nobroadcast: build and report only)".into()
                } else {
                    "yes".into()
                },
            ),
            (
                "scheduler",
                format!(
                    "every {} s; postpone {} s (leadtime) / {} s (young dynamic incident); retry after an unhandled error {} s",
                    c.scheduler_interval,
                    c.expirations.event_cannot_open,
                    c.expirations.postpone_incident,
                    c.expirations.unhandled_exception
                ),
            ),
            ("approvals", format!("every {} s and on every new block", c.approve_interval)),
            (
                "checkers",
                if c.checkers.is_empty() {
                    "none: every proposal the engine reproduces is approved".into()
                } else {
                    c.checkers
                        .iter()
                        .map(|k| {
                            format!(
                                "{} ({}, {} s, on error {:?}{})",
                                k.name,
                                k.command.as_deref().or(k.url.as_deref()).unwrap_or_default(),
                                k.timeout,
                                k.on_error,
                                if k.own { ", own proposals too" } else { "" }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                },
            ),
            (
                "engine",
                format!(
                    "dynamic_bmgs incidents older than {} s; handicap fuzzy {}, over/under fuzzy {}; {}",
                    c.incident_min_age, c.fuzzy_handicap, c.fuzzy_overunder,
                    if c.expand_dynamic_assets {
                        "dynamic BMGs of several assets built per asset (expand_dynamic_assets)"
                    } else {
                        "dynamic BMGs of several assets not built, as bos-auto (expand_dynamic_assets: false)"
                    }
                ),
            ),
            ("workers", c.workers.to_string()),
            ("body limit", format!("{} bytes", c.body_limit)),
            (
                "connections",
                format!(
                    "at most {} at once (more get 503); closed when idle {} s; headers within {} s, a body within {} s",
                    c.max_connections, c.idle_timeout, c.header_timeout, c.body_timeout
                ),
            ),
            (
                "rate limit",
                if c.rate_limit.per_second > 0.0 {
                    format!(
                        "{} per second per source, bursts of {}",
                        c.rate_limit.per_second, c.rate_limit.burst
                    )
                } else {
                    "off".into()
                },
            ),
            (
                "provider tokens",
                match &tokens {
                    Some(t) => format!(
                        "{} ({}); required on every route{}",
                        t.len(),
                        t.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "),
                        if c.isalive_open {
                            " but GET /isalive (isalive_open: health figures only)"
                        } else {
                            ""
                        }
                    ),
                    None => "none: provider names are taken from the incidents".into(),
                },
            ),
        ];
        if open {
            notes.push("api_whitelist contains 0.0.0.0: anyone who reaches the port may post incidents; list the data proxies' addresses instead".into());
        }
        if !c.listen.ip().is_loopback() && c.api_whitelist.is_none() {
            notes.push(
                "listening beyond loopback with no api_whitelist: only loopback may connect (every route)".into(),
            );
        }
        if !c.require_token && tokens.as_ref().is_some_and(|t| !t.is_empty()) {
            notes.push(
                "provider_tokens is set: every request needs a token, whatever require_token says"
                    .into(),
            );
        }
        for (k, why) in &c.ignored {
            notes.push(format!("{k}: ignored ({why})"));
        }
        for k in &c.unknown {
            notes.push(format!("{k}: unknown key, ignored"));
        }
        if g.json {
            let mut m = serde_json::Map::new();
            for (k, v) in &rows {
                m.insert((*k).to_string(), json!(v));
            }
            output::json(&json!({"file": file, "settings": m, "notes": notes}), true);
        } else {
            rows.push(("file", file.display().to_string()));
            output::pairs(&rows);
            for n in &notes {
                output::line(&format!("note: {n}"));
            }
        }
        Ok(())
    }
}
