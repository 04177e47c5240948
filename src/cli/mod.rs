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
pub mod incident;
pub mod input;
pub mod intake;
pub mod key;
pub mod node;
pub mod output;
pub mod propose;
pub mod secrets;
pub mod serve;
pub mod sports;
pub mod track;
pub mod tx;
pub mod wallet;
pub mod watch;
pub mod witness;

use clap::{Parser, Subcommand};

pub use error::CliError;

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

/// Flags every command takes.
#[derive(clap::Args, Debug, Clone, Default)]
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

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
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

/// Runs one parsed command.
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
    match cli.command {
        Command::Key(c) => c.run(&g),
        Command::Tx(c) => c.run(&g),
        Command::Wallet(c) => c.run(&g),
        Command::Sports(c) => c.run(&g),
        Command::Incident(c) => c.run(&g),
        Command::Approve(c) => c.run(&g),
        Command::Proposals(c) => c.run(&g),
        Command::Propose(c) => c.run(&g),
        Command::Devnet(c) => c.run(&g),
        Command::Info(c) => c.run(&g),
        Command::Account(c) => c.run(&g),
        Command::Witness(c) => c.run(&g),
        Command::WatchWitness(c) => c.run(&g),
        Command::Track(c) => c.run(&g),
        Command::History(c) => c.run(&g),
        Command::Chart(c) => c.run(&g),
        Command::Rpc(c) => c.run(&g),
        Command::Serve(c) => c.run(&g),
        Command::Isalive(c) => c.run(&g),
        Command::Config(c) => c.run(&g),
        Command::Completions(c) => c.run(),
    }
}
