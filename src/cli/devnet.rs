//! `bos devnet`: start a local Peerplays node and print its endpoint, chain id and
//! keys (anvil style). With `--json` the listing is one JSON object on the first
//! line of stdout.

use std::net::SocketAddr;

use clap::{Args, ValueEnum};
use serde_json::Value;

use super::node::runtime;
use super::{output, CliError, Settings};
use crate::devnet::{ClockMode, Config, Devnet, Genesis};
use crate::protocol::TimePointSec;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Clock {
    /// Produce blocks on the wall clock
    Real,
    /// Only the control api (`bos rpc --api devnet produce_blocks N`) moves time
    Manual,
    /// A block as soon as a transaction arrives (anvil's automine): time moves one
    /// block interval per block, and the control api still works
    Automine,
}

#[derive(Args, Debug)]
pub struct DevnetArgs {
    /// Address to serve websocket JSON-RPC on
    #[arg(long, default_value = "127.0.0.1:8090")]
    pub listen: SocketAddr,
    /// Number of genesis witnesses
    #[arg(long, default_value_t = 11)]
    pub witnesses: usize,
    /// Seconds per block slot
    #[arg(long, default_value_t = 3)]
    pub block_interval: u8,
    /// Genesis time YYYY-MM-DDTHH:MM:SS (default: now)
    #[arg(long, value_name = "T")]
    pub genesis_time: Option<String>,
    /// Slot clock
    #[arg(long, value_enum, default_value = "real")]
    pub clock: Clock,
    /// Seed for every key and the chain id
    #[arg(long, default_value = "bos-devnet")]
    pub seed: String,
    /// Public-key prefix and core symbol
    #[arg(long, default_value = "TEST")]
    pub prefix: String,
    /// Seconds between maintenance intervals
    #[arg(long, default_value_t = 86_400)]
    pub maintenance_interval: u32,
}

impl DevnetArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        // `--sports DIR` (or BOS_SPORTS): its sports, event groups and rules exist from genesis.
        let sports = match g.has_sports() {
            true => Some(g.load_sports(None)?),
            false => None,
        };
        crate::protocol::keys::check_prefix(&self.prefix)?;
        let interval = self.block_interval.max(1) as u32;
        let (genesis_time, explicit) = match &self.genesis_time {
            Some(t) => (TimePointSec::parse(t).map_err(CliError::Usage)?, true),
            None => (
                TimePointSec(TimePointSec::now().0 / interval * interval),
                false,
            ),
        };
        let config = Config {
            listen: self.listen,
            genesis: Genesis {
                seed: self.seed,
                prefix: self.prefix,
                witnesses: self.witnesses,
                block_interval: self.block_interval,
                genesis_time,
                explicit_time: explicit,
                maintenance_interval: self.maintenance_interval,
            },
            clock: match self.clock {
                Clock::Real => ClockMode::Real,
                Clock::Manual => ClockMode::Manual,
                Clock::Automine => ClockMode::Automine,
            },
            sports,
        };
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| CliError::Failed(format!("cannot start the async runtime: {e}")))?;
        let _ = runtime;
        rt.block_on(async {
            let stop = super::signal::stop_signal();
            let devnet = Devnet::start(config).await?;
            print_listing(&devnet.listing(), g.json);
            stop.await;
            devnet.stop().await;
            Ok(())
        })
    }
}

fn print_listing(l: &Value, json: bool) {
    if json {
        output::json(l, true);
        return;
    }
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    output::line(&format!("bos devnet listening on {}", s(&l["endpoint"])));
    output::line(&format!("chain id: {}", s(&l["chain_id"])));
    output::line(&format!("prefix:   {}", s(&l["prefix"])));
    output::line("");
    output::line("Accounts (owner = active = memo key)");
    let rows = l["accounts"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|x| !x["wif"].is_null())
                .map(|x| {
                    vec![
                        s(&x["name"]),
                        s(&x["id"]),
                        s(&x["public_key"]),
                        s(&x["wif"]),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();
    output::table(&["name", "id", "public key", "private key (WIF)"], rows);
    output::line("");
    output::line("Witnesses (block signing keys); 1.2.1 witness-account needs a majority of them");
    let rows = l["witnesses"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    vec![
                        s(&x["account"]),
                        s(&x["witness_id"]),
                        s(&x["signing_key"]),
                        s(&x["wif"]),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();
    output::table(
        &["account", "witness", "signing key", "private key (WIF)"],
        rows,
    );
}
