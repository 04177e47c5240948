//! Command-line interface: clap definitions (one file per command group), the
//! resolved settings they share, and all printing.
//!
//! Library modules return data and typed errors; this module turns them into
//! text, tables or JSON and into exit codes (see [`error::CliError::exit_code`]).

pub mod broadcast;
pub mod chain;
pub mod completions;
pub mod config;
pub mod couch;
pub mod devnet;
pub mod docs;
pub mod engine;
pub mod error;
pub mod funds;
pub mod incident;
pub mod input;
pub mod intake;
pub mod key;
pub mod node;
pub mod output;
pub mod propose;
pub mod replay;
pub mod secrets;
pub mod serve;
pub mod settings;
pub mod signal;
pub mod sports;
pub mod stream;
pub mod track;
pub mod tx;
pub mod wallet;
pub mod watch;
pub mod witness;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use error::CliError;
pub use settings::Settings;

/// Toolkit for Peerplays witnesses: keys, transactions, the Bookie Oracle Software
/// pipeline, a local devnet and signing-key failover.
#[derive(Parser, Debug)]
#[command(name = "bos", version, propagate_version = true, max_term_width = 100)]
#[command(after_help = error::exit_codes_help())]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes, before or after the subcommand; each command's help lists
/// them under their own heading, and only those that apply to it (see [`command`]).
#[derive(clap::Args, Debug, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Print machine-readable JSON instead of text and tables
    #[arg(long, global = true)]
    pub json: bool,
    /// Wallet file [default: $XDG_DATA_HOME/bos/wallet.sqlite]
    #[arg(long, global = true, env = "BOS_WALLET", value_name = "PATH")]
    pub wallet: Option<std::path::PathBuf>,
    /// The bookiesports chain folder (else the config file's `sports:`)
    #[arg(long, global = true, env = "BOS_SPORTS", value_name = "DIR")]
    pub sports: Option<std::path::PathBuf>,
    /// The incident store [default: $XDG_DATA_HOME/bos/bos.sqlite]
    #[arg(long, global = true, env = "BOS_DB", value_name = "PATH")]
    pub db: Option<std::path::PathBuf>,
    /// Act as if it were this time (RFC 3339), to replay recorded incidents;
    /// `incident replay` also takes `incident`: each incident's own timestamp
    #[arg(long, global = true, value_name = "TIME", value_parser = config::now_arg)]
    pub now: Option<config::NowArg>,
    /// Node websocket URL; repeat (or comma-separate) for failover, tried in order
    #[arg(
        long = "node",
        global = true,
        env = "BOS_NODE",
        value_delimiter = ',',
        value_name = "URL"
    )]
    pub node: Vec<String>,
    /// Build and sign, but do not broadcast; print the transaction
    #[arg(short = 'd', long = "nobroadcast", global = true)]
    pub nobroadcast: bool,
    /// Do not sign (implies not broadcasting); print the unsigned transaction
    #[arg(short = 'x', long = "unsigned", global = true)]
    pub unsigned: bool,
    /// Seconds a node has to answer one request (and each step of connecting)
    /// before it is marked down and the next --node is used [default: the
    /// config file's node_timeout, else 5]
    #[arg(
        long = "node-timeout",
        global = true,
        env = "BOS_NODE_TIMEOUT",
        value_name = "SECS",
        value_parser = config::timeout_arg
    )]
    pub node_timeout: Option<std::time::Duration>,
    /// Read the wallet password from this file (first line; `-`: stdin); else
    /// BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt
    #[arg(long, global = true, value_name = "FILE")]
    pub password_file: Option<std::path::PathBuf>,
    /// Transaction expiration in seconds from the head block time
    #[arg(
        short = 'e',
        long = "expiration",
        global = true,
        value_name = "SECS",
        default_value_t = 30
    )]
    pub expiration: u32,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create, inspect and derive keys (offline)
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Encode, decode, sign and verify transactions (offline)
    #[command(subcommand)]
    Tx(tx::TxCommand),
    /// The encrypted key store: add, list, export keys; import python-peerplays wallets
    #[command(subcommand)]
    Wallet(wallet::WalletCommand),
    /// Check and list the sports data (bookiesports)
    #[command(subcommand)]
    Sports(sports::SportsCommand),
    /// Validate, store and inspect incidents
    #[command(subcommand)]
    Incident(incident::IncidentCommand),
    /// Run a local Peerplays node for tests and rehearsals
    Devnet(devnet::DevnetArgs),
    /// Approve the proposer's own pending proposals now (bos-auto's self-approval)
    Approve(engine::ApproveArgs),
    /// Pending proposals with their operations named, and who approved them;
    /// show, approve or withdraw approval
    Proposals(propose::ProposalsArgs),
    /// Propose BOS operations by hand: event and group statuses, resolutions,
    /// events, free-text groups and markets, sports sync (bos-mint's cart)
    Propose(propose::ProposeArgs),
    /// Show chain objects: no argument for the dynamic global properties, a block
    /// number, an object id a.b.c, a public key, or an account name
    Info(chain::InfoArgs),
    /// Show an account
    Account(chain::AccountArgs),
    /// Balances of accounts, in each asset's units [default: the wallet's accounts]
    Balance(funds::BalanceArgs),
    /// Send an amount of an asset from one account to another (transfer)
    Transfer(funds::TransferArgs),
    /// The chain's fee schedule, in the core asset
    Fees(funds::FeesArgs),
    /// Show a witness (`bos witness NAME` or `bos witness show NAME`), or change
    /// its url or signing key (`bos witness update`)
    Witness(witness::WitnessGroup),
    /// Watch a witness for missed blocks and switch its signing key to a backup
    WatchWitness(watch::WatchArgs),
    /// Record witness health, node lag and market odds as time series (`prune`: drop old samples)
    Track(track::TrackArgs),
    /// Print a recorded series (downsampled with --every), or list the series
    History(track::HistoryArgs),
    /// Draw series on one time axis as SVG or PNG, or print sparklines
    Chart(track::ChartArgs),
    /// Call any node API method with JSON arguments
    Rpc(chain::RpcArgs),
    /// The automated mode: take incidents over HTTP, store them, run the engine, retry
    /// and approve (bos-auto's api, worker and scheduler in one process)
    Serve(serve::ServeArgs),
    /// Ask a running `bos serve` whether it is healthy (exit 6 when not, 7 when it does
    /// not answer)
    Isalive(serve::IsaliveArgs),
    /// Check configuration files
    #[command(subcommand)]
    Config(serve::ConfigCommand),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
}

/// Global options: a node to talk to.
const NODE: &[&str] = &["node", "node_timeout"];
/// Global options of a command that builds, signs and broadcasts a transaction.
const SEND: &[&str] = &[
    "node",
    "node_timeout",
    "nobroadcast",
    "unsigned",
    "expiration",
    "wallet",
    "password_file",
];

/// Which global options apply to a command, by its path (`incident replay`), besides
/// `--json` which applies everywhere; a command not listed takes its parent's. The help,
/// man page and completions of a command list only these (the others are still
/// accepted, as before a subcommand they may precede several).
fn global_scope(path: &str) -> Option<Vec<&'static str>> {
    let with = |a: &[&'static str], b: &[&'static str]| [a, b].concat();
    Some(match path {
        "key" | "tx" | "isalive" | "config" | "completions" | "incident send" => {
            vec![]
        }
        "tx sign" => with(NODE, &["expiration", "unsigned", "wallet", "password_file"]),
        "tx broadcast" => with(NODE, &["nobroadcast", "unsigned", "expiration"]),
        "wallet" => vec!["wallet", "password_file"],
        "wallet list" => with(NODE, &["wallet", "password_file"]),
        "sports" | "devnet" => vec!["sports"],
        "incident" => vec!["sports", "db", "now"],
        "incident parse" => vec!["sports", "now"],
        "incident replay" | "approve" | "propose" | "serve" => with(SEND, &["sports", "db", "now"]),
        "proposals" => with(NODE, &["db"]),
        "proposals approve" | "proposals withdraw" => SEND.to_vec(),
        "info" | "account" | "rpc" | "witness" | "fees" => NODE.to_vec(),
        "balance" => with(NODE, &["wallet"]),
        "transfer" => SEND.to_vec(),
        "witness update" => SEND.to_vec(),
        "watch-witness" => with(SEND, &["db"]),
        "track" => with(NODE, &["db", "now"]),
        "history" | "chart" => vec!["db", "now"],
        _ => return None,
    })
}

/// The command line as clap parses it: [`Cli`] with each command's global options
/// scoped by [`global_scope`] (what `--help`, the man pages and the completions show).
///
/// A command with a scope gets its own copy of every global option, hidden where it does
/// not apply; clap then propagates these copies (not the top-level ones) further down.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set() && a.get_id() != "json")
        .cloned()
        .collect();
    scope_globals(&mut cmd, "", &globals);
    cmd
}

fn scope_globals(cmd: &mut clap::Command, path: &str, globals: &[clap::Arg]) {
    for sc in cmd.get_subcommands_mut() {
        let p = if path.is_empty() {
            sc.get_name().to_string()
        } else {
            format!("{path} {}", sc.get_name())
        };
        if let Some(list) = global_scope(&p) {
            let mut c = std::mem::take(sc);
            for a in globals {
                // A command's own option of the same name (`key derive --password-file`,
                // the account's password) stays as it is.
                if c.get_arguments().any(|x| x.get_id() == a.get_id()) {
                    continue;
                }
                let applies = list.contains(&a.get_id().as_str());
                c = c.arg(a.clone().hide(!applies));
            }
            *sc = c;
        }
        scope_globals(sc, &p, globals);
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = e.print();
            return e.exit_code();
        }
    };
    match run(cli) {
        Ok(()) => 0,
        Err(e) => {
            if !matches!(&e, CliError::Status { message, .. } if message.is_empty()) {
                output::error(&e);
            }
            e.exit_code()
        }
    }
}

/// Whether a command reads the config file: those that work offline (keys,
/// transactions without a node, `config check` with its own file, completions) do not,
/// so a broken config file does not stop them.
fn reads_config(c: &Command) -> bool {
    !matches!(
        c,
        Command::Key(_)
            | Command::Tx(
                tx::TxCommand::Encode(_) | tx::TxCommand::Decode(_) | tx::TxCommand::Verify(_)
            )
            | Command::Incident(incident::IncidentCommand::Send(_))
            | Command::Devnet(_)
            | Command::Isalive(_)
            | Command::Config(_)
            | Command::Completions(_)
    )
}

/// Runs one parsed command: the global flags, the environment and the config file are
/// resolved once into [`Settings`], which the command receives.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let g = cli.global;
    if g.now == Some(config::NowArg::Incident)
        && !matches!(
            cli.command,
            Command::Incident(incident::IncidentCommand::Replay(_))
        )
    {
        return Err(CliError::Usage(
            "--now incident only applies to `incident replay`; give an RFC 3339 time".into(),
        ));
    }
    let file = if reads_config(&cli.command) {
        config::file_config()?.clone()
    } else {
        config::Config::default()
    };
    let s = Settings::resolve(&g, file)?;
    match cli.command {
        Command::Key(c) => c.run(&s),
        Command::Tx(c) => c.run(&s),
        Command::Wallet(c) => c.run(&s),
        Command::Sports(c) => c.run(&s),
        Command::Incident(c) => c.run(&s),
        Command::Approve(c) => c.run(&s),
        Command::Proposals(c) => c.run(&s),
        Command::Propose(c) => c.run(&s),
        Command::Devnet(c) => c.run(&s),
        Command::Info(c) => c.run(&s),
        Command::Account(c) => c.run(&s),
        Command::Balance(c) => c.run(&s),
        Command::Transfer(c) => c.run(&s),
        Command::Fees(c) => c.run(&s),
        Command::Witness(c) => c.run(&s),
        Command::WatchWitness(c) => c.run(&s),
        Command::Track(c) => c.run(&s),
        Command::History(c) => c.run(&s),
        Command::Chart(c) => c.run(&s),
        Command::Rpc(c) => c.run(&s),
        Command::Serve(c) => c.run(&s),
        Command::Isalive(c) => c.run(&s),
        Command::Config(c) => c.run(&s),
        Command::Completions(c) => c.run(),
    }
}
