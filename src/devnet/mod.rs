//! `bos devnet`: a local Peerplays node that behaves as the real one does
//! (node.md), for tests and for witnesses rehearsing operations.
//!
//! Why it exists: no public node is reachable from CI, and nobody should test
//! failover or BOS proposals on mainnet. Every later feature is tested against it.
//!
//! What it must never do: print (the CLI prints the listing), or trust RPC input.
//! It serves on the address it is given (loopback in tests).

pub mod api;
pub mod authority;
pub mod block;
pub mod chain;
pub mod control;
pub mod error;
pub mod evaluators;
pub mod fees;
pub mod genesis;
pub mod maintenance;
pub mod objects;
pub mod producer;
pub mod server;
pub mod shared;
pub mod sports;
pub mod state;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tokio::sync::watch;

pub use chain::Chain;
pub use error::{Error, Result};
pub use genesis::Genesis;

use crate::protocol::TimePointSec;

/// How the slot clock runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockMode {
    /// Blocks are produced on the wall clock.
    Real,
    /// Time moves only through the control api (`produce_blocks`, `advance_time`).
    Manual,
    /// Manual, and each transaction that enters the pending pool is put in a block
    /// at once (anvil's automine): a job waiting for its proposal's block does not
    /// wait for a slot.
    Automine,
}

/// Everything `bos devnet` is started with.
#[derive(Clone, Debug)]
pub struct Config {
    pub listen: SocketAddr,
    pub genesis: Genesis,
    pub clock: ClockMode,
    /// A bookiesports folder whose sports, event groups and rules exist from genesis.
    pub sports: Option<crate::sports::Chain>,
}

impl Config {
    /// A manual-clock devnet on a free loopback port (for tests).
    pub fn for_tests(seed: &str, witnesses: usize) -> Config {
        let now = TimePointSec::now();
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            genesis: Genesis {
                seed: seed.to_string(),
                prefix: "TEST".into(),
                witnesses,
                block_interval: 3,
                genesis_time: TimePointSec(now.0 / 3 * 3),
                explicit_time: false,
                maintenance_interval: 86_400,
            },
            clock: ClockMode::Manual,
            sports: None,
        }
    }
}

/// A running devnet.
pub struct Devnet {
    pub addr: SocketAddr,
    pub chain: Arc<Mutex<Chain>>,
    stop: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Devnet {
    /// Builds the genesis, binds the listener and starts serving (and producing,
    /// with the real clock). Must run inside a tokio runtime.
    pub async fn start(config: Config) -> Result<Devnet> {
        if config.genesis.witnesses == 0 {
            return Err(Error::Setup {
                reason: "at least one witness is needed".into(),
            });
        }
        if config.genesis.block_interval == 0 {
            return Err(Error::Setup {
                reason: "the block interval must be at least 1 second".into(),
            });
        }
        let (mut state, accounts, witnesses) = config.genesis.build();
        if let Some(s) = &config.sports {
            sports::install(&mut state, s)?;
        }
        let chain = Arc::new(Mutex::new(Chain::new(state, accounts, witnesses)));
        Self::serve(config, chain).await
    }

    /// Serves an existing chain (e.g. after [`Devnet::stop_keep`]).
    pub async fn serve(config: Config, chain: Arc<Mutex<Chain>>) -> Result<Devnet> {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| Error::Setup {
                reason: format!("cannot listen on {}: {e}", config.listen),
            })?;
        let addr = listener.local_addr().map_err(|e| Error::Setup {
            reason: e.to_string(),
        })?;
        if let Ok(mut c) = chain.lock() {
            c.automine = config.clock == ClockMode::Automine;
        }
        let (stop, stop_rx) = watch::channel(false);
        let mut tasks = vec![tokio::spawn(server::serve(
            listener,
            chain.clone(),
            stop_rx.clone(),
        ))];
        if config.clock == ClockMode::Real {
            tasks.push(tokio::spawn(real_clock(chain.clone(), stop_rx)));
        }
        Ok(Devnet {
            addr,
            chain,
            stop,
            tasks,
        })
    }

    /// The websocket URL.
    pub fn url(&self) -> String {
        format!("ws://{}", self.addr)
    }

    /// Runs `f` on the chain (tests and the CLI listing).
    pub fn with_chain<R>(&self, f: impl FnOnce(&mut Chain) -> R) -> R {
        let mut guard = match self.chain.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        f(&mut guard)
    }

    /// The anvil-style listing: endpoint, chain id, prefix, accounts, witnesses.
    pub fn listing(&self) -> Value {
        let url = self.url();
        self.with_chain(|c| {
            let p = c.state.prefix.clone();
            let mut accounts = vec![json!({
                "name": "witness-account",
                "id": "1.2.1",
                "wif": Value::Null,
                "public_key": Value::Null,
                "active": crate::protocol::Json::to_json(&c.state.accounts[&1].active, &c.state.cx()),
            })];
            for a in &c.accounts {
                accounts.push(json!({
                    "name": a.name,
                    "id": format!("1.2.{}", a.id),
                    "wif": a.key.to_wif().as_str(),
                    "public_key": a.key.public_key().to_string_with_prefix(&p),
                }));
            }
            let witnesses: Vec<Value> = c
                .witnesses
                .iter()
                .map(|w| {
                    json!({
                        "account": w.account,
                        "witness_id": format!("1.6.{}", w.witness_id),
                        "signing_key": w.signing.public_key().to_string_with_prefix(&p),
                        "wif": w.signing.to_wif().as_str(),
                    })
                })
                .collect();
            json!({
                "endpoint": url,
                "chain_id": hex::encode(c.state.chain_id),
                "prefix": p,
                "accounts": accounts,
                "witnesses": witnesses,
            })
        })
    }

    /// Stops serving and closes every connection.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for t in self.tasks {
            let _ = t.await;
        }
    }
}

async fn real_clock(chain: Arc<Mutex<Chain>>, mut stop: watch::Receiver<bool>) {
    loop {
        let next = match chain.lock() {
            Ok(c) => c.next_slot_time(),
            Err(_) => return,
        };
        let now = TimePointSec::now();
        let wait = std::time::Duration::from_secs(next.0.saturating_sub(now.0) as u64);
        tokio::select! {
            _ = stop.changed() => return,
            _ = tokio::time::sleep(wait) => {}
        }
        let now = TimePointSec::now();
        if let Ok(mut c) = chain.lock() {
            // Process the latest slot that has come; older empty slots count as missed.
            let mut t = c.next_slot_time();
            let interval = c.state.params.block_interval as u32;
            while t.0 + interval <= now.0 {
                t = TimePointSec(t.0 + interval);
            }
            if t <= now {
                c.now = now;
                c.process_slot(t);
            }
        }
    }
}
