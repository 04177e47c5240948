//! Settings resolved once: the global flags ([`GlobalArgs`], what clap parsed), their
//! environment variables and the config file's one schema ([`Config`]) become the typed
//! [`Settings`] every command receives (ripgrep's low-level and high-level arguments).
//!
//! The order is always the same: a flag (or its environment variable), then the config
//! file, then the default. A value that cannot be resolved (no sports folder, no home
//! for the store) is kept as the reason and becomes an error only in a command that
//! needs it, so `bos info` works with a config file whose sports folder is gone.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::config::{self, Config, NowArg};
use super::{CliError, GlobalArgs};
use crate::chain::Mode;
use crate::clock::Clock;

/// The node a command talks to when none is configured: a local `bos devnet`.
pub const DEFAULT_NODE: &str = "ws://127.0.0.1:8090";

/// Every command's settings, resolved from flags, environment and the config file.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `--json`: one JSON value (or JSON lines where documented) instead of text.
    pub json: bool,
    /// `-d`: build and sign, do not broadcast.
    pub nobroadcast: bool,
    /// `-x`: do not sign (nor broadcast).
    pub unsigned: bool,
    /// `-e`: transaction expiration, seconds after the head block time.
    pub expiration: u32,
    /// `--password-file`: where the wallet password is read (`-`: stdin).
    pub password_file: Option<PathBuf>,
    /// `--now`, as given (`incident replay` also takes `incident`).
    pub now: Option<NowArg>,
    /// The clock: fixed by `--now TIME`, else the system clock.
    pub clock: Clock,
    /// The node URLs in failover order: `--node`/`BOS_NODE`, the config's `node:`, else
    /// [`DEFAULT_NODE`].
    pub nodes: Vec<String>,
    /// Whether [`Self::nodes`] came from a flag, the environment or the config file.
    pub node_given: bool,
    /// The per-request node timeout: `--node-timeout`, the config's `node_timeout`, 5 s.
    pub node_timeout: Duration,
    wallet: Result<PathBuf, Unresolved>,
    sports: Result<PathBuf, Unresolved>,
    db: Result<PathBuf, Unresolved>,
    db_given: bool,
    /// The config file's settings (the default file, or `bos serve --config FILE`).
    pub config: Arc<Config>,
    /// The flags these settings were resolved from (for [`Self::with_config`]).
    args: GlobalArgs,
}

impl Settings {
    /// Resolves the flags against `config` (see the module's order).
    pub fn resolve(g: &GlobalArgs, config: Config) -> Result<Settings, CliError> {
        let given: Vec<String> = g
            .node
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let node_given = !given.is_empty() || !config.node.is_empty();
        let nodes = if !given.is_empty() {
            given
        } else if !config.node.is_empty() {
            config.node.clone()
        } else {
            vec![DEFAULT_NODE.to_string()]
        };
        let node_timeout = match (g.node_timeout, config.node_timeout) {
            (Some(t), _) => t,
            (None, Some(v)) => config::secs(v)
                .map_err(|e| CliError::Failed(format!("{}node_timeout: {e}", in_file(&config))))?,
            (None, None) => crate::rpc::DEFAULT_TIMEOUT,
        };
        let wallet = match &g.wallet {
            Some(p) if !p.as_os_str().is_empty() => Ok(p.clone()),
            _ => crate::wallet::default_path().ok_or_else(|| {
                Unresolved::Usage(
                    "no home directory to keep the wallet in; give --wallet PATH".into(),
                )
            }),
        };
        let sports = sports_folder(g.sports.as_deref(), &config);
        let db_given = g.db.is_some() || config.db.is_some();
        let db = match (&g.db, &config.db) {
            (Some(p), _) | (None, Some(p)) => Ok(p.clone()),
            (None, None) => config::xdg_dir("XDG_DATA_HOME", ".local/share")
                .map(|d| d.join("bos").join("bos.sqlite"))
                .ok_or_else(|| {
                    Unresolved::Usage(
                        "no place for the store: pass --db PATH, set BOS_DB or HOME".into(),
                    )
                }),
        };
        let clock = match g.now {
            Some(NowArg::At(t)) => Clock::Fixed(t),
            _ => Clock::System,
        };
        Ok(Settings {
            json: g.json,
            nobroadcast: g.nobroadcast,
            unsigned: g.unsigned,
            expiration: g.expiration,
            password_file: g.password_file.clone(),
            now: g.now,
            clock,
            nodes,
            node_given,
            node_timeout,
            wallet,
            sports,
            db,
            db_given,
            config: Arc::new(config),
            args: g.clone(),
        })
    }

    /// These settings with another config file (`bos serve --config FILE`) in place of
    /// the default one; the default file's sports folder still serves when the other
    /// names none (bos-auto's config does not).
    pub fn with_config(&self, config: Config) -> Result<Settings, CliError> {
        let fallback = self.sports.clone();
        let mut s = Settings::resolve(&self.args, config)?;
        if self.args.sports.is_none() && s.config.sports.is_none() && fallback.is_ok() {
            s.sports = fallback;
        }
        Ok(s)
    }

    /// The sports folder: `--sports`/`BOS_SPORTS`, then the config's `sports:` (its
    /// `network:` picking the chain folder inside a bookiesports folder of chains).
    pub fn sports_dir(&self) -> Result<PathBuf, CliError> {
        self.sports.clone().map_err(Unresolved::into_error)
    }

    /// Whether a sports folder is configured (it may still fail to load).
    pub fn has_sports(&self) -> bool {
        self.sports.is_ok()
    }

    /// The sports folder `dir` in place of the configured one (`bos serve --devnet`
    /// with the examples).
    pub fn with_sports(mut self, dir: PathBuf) -> Settings {
        self.sports = Ok(dir);
        self
    }

    /// Loads the sports data of `dir`, else of [`Self::sports_dir`].
    pub fn load_sports(&self, dir: Option<&Path>) -> Result<crate::sports::Chain, CliError> {
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => self.sports_dir()?,
        };
        Ok(crate::sports::load(&dir)?)
    }

    /// The incident store: `--db`/`BOS_DB`, the config's `db:`, else
    /// `$XDG_DATA_HOME/bos/bos.sqlite`.
    pub fn db_path(&self) -> Result<PathBuf, CliError> {
        self.db.clone().map_err(Unresolved::into_error)
    }

    /// Whether the store was named (flag, environment or config) rather than defaulted.
    pub fn db_given(&self) -> bool {
        self.db_given
    }

    /// The store for a command that only reads it: it must exist, so a mistyped `--db`
    /// is an error instead of a new, empty store (and folder).
    pub fn existing_db_path(&self) -> Result<PathBuf, CliError> {
        let p = self.db_path()?;
        if !p.is_file() {
            return Err(CliError::Failed(format!(
                "{}: no such store (nothing was recorded there); check --db or BOS_DB",
                p.display()
            )));
        }
        Ok(p)
    }

    /// The wallet file: `--wallet`/`BOS_WALLET`, else the default location.
    pub fn wallet_path(&self) -> Result<PathBuf, CliError> {
        self.wallet.clone().map_err(Unresolved::into_error)
    }

    /// What `-d` and `-x` (and a command's own `--dry-run`) make of a transaction.
    pub fn mode(&self, dry_run: bool) -> Mode {
        Mode::from_flags(self.nobroadcast, self.unsigned || dry_run)
    }

    /// Whether `-d` or `-x` keeps transactions off the chain.
    pub fn keeps_off_chain(&self) -> bool {
        self.nobroadcast || self.unsigned
    }

    /// The approval checkers: the config's `checkers:`, then each `--checker SPEC`.
    pub fn checkers(
        &self,
        specs: &[String],
    ) -> Result<Vec<crate::sync::checkers::Checker>, CliError> {
        let mut out = self.config.checkers.clone();
        for s in specs {
            out.push(crate::sync::checkers::Checker::parse_spec(s).map_err(CliError::Usage)?);
        }
        Ok(out)
    }

    /// The engine's settings: bos-auto's fuzzy values, dynamic-BMG age, scheduler
    /// expirations, `expand_dynamic_assets`, and the checkers ([`Self::checkers`]).
    pub fn trigger_settings(
        &self,
        specs: &[String],
    ) -> Result<crate::triggers::Settings, CliError> {
        let c = &self.config;
        Ok(crate::triggers::Settings {
            handicap_fuzzy: c.fuzzy_handicap,
            overunder_fuzzy: c.fuzzy_overunder,
            dynamic_min_age: i64::try_from(c.incident_min_age).unwrap_or(i64::MAX),
            expand_dynamic_assets: c.expand_dynamic_assets,
            postpone_leadtime: i64::try_from(c.expirations.event_cannot_open).unwrap_or(i64::MAX),
            postpone_incident: i64::try_from(c.expirations.postpone_incident).unwrap_or(i64::MAX),
            checkers: self.checkers(specs)?,
            ..Default::default()
        })
    }
}

/// `FILE: ` for errors about a config file's key.
fn in_file(c: &Config) -> String {
    c.file
        .as_ref()
        .map(|p| format!("{}: ", p.display()))
        .unwrap_or_default()
}

/// A setting that could not be resolved, kept until a command needs it.
#[derive(Clone, Debug)]
enum Unresolved {
    /// Nothing names it: the command line must (exit 2).
    Usage(String),
    /// What names it is wrong (exit 1).
    Failed(String),
}

impl Unresolved {
    fn into_error(self) -> CliError {
        match self {
            Unresolved::Usage(m) => CliError::Usage(m),
            Unresolved::Failed(m) => CliError::Failed(m),
        }
    }
}

fn sports_folder(flag: Option<&Path>, c: &Config) -> Result<PathBuf, Unresolved> {
    let dir = match (flag, &c.sports) {
        (Some(d), _) => d,
        (None, Some(d)) => d.as_path(),
        (None, None) => {
            let file = c
                .file
                .clone()
                .or_else(config::config_path)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "$XDG_CONFIG_HOME/bos/config.yaml".into());
            return Err(Unresolved::Usage(format!(
                "no sports folder: pass --sports DIR (a bookiesports chain folder such as examples/sports), set BOS_SPORTS, or put `sports: DIR` in {file}"
            )));
        }
    };
    crate::serve::config::chain_folder(dir, c.network.as_deref())
        .map_err(|e| Unresolved::Failed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The global flags of a command line such as `bos --node X info`.
    fn flags(args: &[&str]) -> GlobalArgs {
        let mut v = vec!["bos"];
        v.extend_from_slice(args);
        v.push("info");
        super::super::Cli::try_parse_from(v)
            .expect("a command line")
            .global
    }

    fn config(yaml: &str) -> Config {
        Config::parse(Path::new("/etc/bos/config.yaml"), yaml).expect("a config")
    }

    #[test]
    fn a_flag_comes_before_the_config_file_and_the_file_before_the_default() {
        let none = Settings::resolve(&flags(&[]), Config::default()).unwrap();
        assert_eq!(none.nodes, vec![DEFAULT_NODE.to_string()]);
        assert!(!none.node_given);
        assert_eq!(none.node_timeout, crate::rpc::DEFAULT_TIMEOUT);

        let file = config("node: [ws://a:1, ws://b:2]\nnode_timeout: 2.5\n");
        let from_file = Settings::resolve(&flags(&[]), file.clone()).unwrap();
        assert_eq!(from_file.nodes, vec!["ws://a:1", "ws://b:2"]);
        assert!(from_file.node_given);
        assert_eq!(from_file.node_timeout, Duration::from_millis(2500));

        let flagged = Settings::resolve(
            &flags(&["--node", " ws://c:3 ,", "--node-timeout", "1"]),
            file,
        )
        .unwrap();
        assert_eq!(flagged.nodes, vec!["ws://c:3"]);
        assert_eq!(flagged.node_timeout, Duration::from_secs(1));
    }

    #[test]
    fn what_cannot_be_resolved_fails_only_where_it_is_needed() {
        let s = Settings::resolve(&flags(&[]), Config::default()).unwrap();
        assert!(!s.has_sports());
        let e = s.sports_dir().unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.to_string().contains("no sports folder"), "{e}");

        let gone = config("sports: /nonexistent/bookiesports\nnetwork: alice\n");
        let s = Settings::resolve(&flags(&[]), gone).unwrap();
        let e = s.sports_dir().unwrap_err();
        assert_eq!(e.exit_code(), 1, "{e}");
        assert!(e.to_string().contains("network: alice"), "{e}");
    }

    #[test]
    fn network_picks_the_chain_folder_and_a_serve_config_keeps_the_sports_of_the_default_one() {
        let d = tempfile::tempdir().unwrap();
        for chain in ["alice", "beatrice"] {
            std::fs::create_dir_all(d.path().join(chain)).unwrap();
            std::fs::write(d.path().join(chain).join("index.yaml"), "name: x\n").unwrap();
        }
        let yaml = format!("sports: {}\nnetwork: beatrice\n", d.path().display());
        let s = Settings::resolve(&flags(&[]), config(&yaml)).unwrap();
        assert_eq!(s.sports_dir().unwrap(), d.path().join("beatrice"));

        // bos-auto's config names no sports folder: the default file's still serves,
        // while its other keys are the serve config's.
        let serve = s.with_config(config("node: ws://x:9\n")).unwrap();
        assert_eq!(serve.sports_dir().unwrap(), d.path().join("beatrice"));
        assert_eq!(serve.nodes, vec!["ws://x:9"]);
        let other = d.path().join("alice");
        let serve = s
            .with_config(config(&format!("sports: {}\n", other.display())))
            .unwrap();
        assert_eq!(serve.sports_dir().unwrap(), other);
    }

    #[test]
    fn the_store_is_the_flag_then_the_file_then_the_data_folder() {
        let s = Settings::resolve(&flags(&[]), config("db: /srv/bos.sqlite\n")).unwrap();
        assert_eq!(s.db_path().unwrap(), PathBuf::from("/srv/bos.sqlite"));
        assert!(s.db_given());
        let s = Settings::resolve(
            &flags(&["--db", "/tmp/x.sqlite"]),
            config("db: /srv/bos.sqlite\n"),
        )
        .unwrap();
        assert_eq!(s.db_path().unwrap(), PathBuf::from("/tmp/x.sqlite"));
    }

    #[test]
    fn dash_d_and_dash_x_make_the_mode() {
        let s = Settings::resolve(&flags(&["-d"]), Config::default()).unwrap();
        assert!(s.keeps_off_chain());
        assert!(s.mode(false).signs() && !s.mode(false).broadcasts());
        let s = Settings::resolve(&flags(&["-x"]), Config::default()).unwrap();
        assert!(!s.mode(false).signs());
        let s = Settings::resolve(&flags(&[]), Config::default()).unwrap();
        assert!(s.mode(false).broadcasts() && !s.mode(true).signs());
    }

    #[test]
    fn the_engine_settings_come_from_the_file() {
        let s = Settings::resolve(
            &flags(&[]),
            config("expand_dynamic_assets: true\nconditions: {dynamic_bmgs: {incident-min-age: 60}}\ndynamic: {handicap: {fuzzy_value: 2}}\n"),
        )
        .unwrap();
        let t = s.trigger_settings(&[]).unwrap();
        assert!(t.expand_dynamic_assets);
        assert_eq!(t.dynamic_min_age, 60);
        assert_eq!(t.handicap_fuzzy, 2.0);
        assert_eq!(
            s.trigger_settings(&["{not json".into()])
                .unwrap_err()
                .exit_code(),
            2
        );
    }
}
