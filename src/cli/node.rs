//! The node side every command shares: node URLs, the runtime, clients and typed
//! chain access with the per-request timeout, and the
//! one [`Sender`] a command signs and broadcasts through. Not a command: commands
//! import this, never each other.

use serde_json::json;

use super::{output, CliError, Settings};
use crate::chain::{Chain, Mode, Sender};
use crate::devnet::{ClockMode, Config, Devnet};
use crate::protocol::{Json, JsonCx, Path, PrivateKey, PublicKey, Transaction};
use crate::rpc::{Client, EventSink, Options};

/// A current-thread runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Failed(format!("cannot start the async runtime: {e}")))
}

/// Client options for a command: the per-request timeout (`--node-timeout`,
/// the config file's `node_timeout`), and node events (a node down, a switch
/// to the next one) printed as warnings on stderr. A command run once does not
/// check staleness (reading an old chain is still useful); long-running
/// commands set `max_lag`.
pub fn client_options(g: &Settings) -> Result<Options, CliError> {
    Ok(Options {
        timeout: g.node_timeout,
        max_lag: None,
        events: Some(print_node_events()),
        ..Options::default()
    })
}

/// Node events as warning lines on stderr.
pub fn print_node_events() -> EventSink {
    EventSink::new(|e| output::warn(&e.message()))
}

/// A client for the configured nodes (see [`client_options`]).
pub fn client(g: &Settings) -> Result<Client, CliError> {
    Ok(Client::new(g.nodes.clone(), client_options(g)?)?)
}

/// Typed chain access over the configured nodes (with failover).
pub fn chain(g: &Settings) -> Result<Chain, CliError> {
    Ok(Chain::new(client(g)?))
}

/// The sender for `accounts`: in a mode that signs, with the wallet's keys of their
/// active authorities (asking for the wallet password: `password_file`,
/// `BOS_WALLET_PASSWORD`, `UNLOCK`, a prompt); under `-x` or a dry run, without keys
/// (no wallet needed).
pub async fn sender(
    g: &Settings,
    chain: &Chain,
    accounts: &[&str],
    mode: Mode,
) -> Result<Sender, CliError> {
    Ok(sender_and_key(g, chain, accounts, None, mode).await?.0)
}

/// [`sender`], and the wallet's private key of `also` (a memo key), unlocked with the
/// same password; `also` is read even under `-x` (a memo is encrypted, not signed).
pub async fn sender_and_key(
    g: &Settings,
    chain: &Chain,
    accounts: &[&str],
    also: Option<&PublicKey>,
    mode: Mode,
) -> Result<(Sender, Option<PrivateKey>), CliError> {
    if !mode.signs() {
        // No node needed unless a key is asked for (its prefix names it in errors).
        let key = match also {
            Some(k) => {
                let prefix = chain.prefix().await?.to_string();
                super::secrets::wallet_keys_with(g, &[*k], &prefix)?.pop()
            }
            None => None,
        };
        return Ok((
            Sender::new(chain.clone(), mode, g.expiration, Vec::new()),
            key,
        ));
    }
    let have = super::secrets::wallet_public_keys(g)?;
    let mut active: Vec<PublicKey> = Vec::new();
    for a in accounts {
        let acct = chain.account(a).await?;
        active.extend(acct.active_keys);
    }
    let wanted: Vec<PublicKey> = have.into_iter().filter(|k| active.contains(k)).collect();
    if wanted.is_empty() {
        let prefix = chain.prefix().await?.to_string();
        return Err(CliError::Failed(format!(
            "the wallet holds no active key of {} ({}); add one with bos wallet add-key",
            accounts.join(", "),
            active
                .iter()
                .map(|k| k.to_string_with_prefix(&prefix))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let prefix = chain.prefix().await?.to_string();
    let mut ask = wanted.clone();
    ask.extend(also.filter(|k| !wanted.contains(k)));
    let mut keys = super::secrets::wallet_keys_with(g, &ask, &prefix)?;
    let key = also.and_then(|a| keys.iter().find(|k| k.public_key() == *a).cloned());
    // Only the active keys sign: a signature the transaction does not need is refused.
    keys.retain(|k| wanted.contains(&k.public_key()));
    Ok((Sender::new(chain.clone(), mode, g.expiration, keys), key))
}

/// The public keys the node says could sign `tx` (`get_potential_signatures`).
/// A wallet signs with the ones it holds.
pub async fn required_keys(c: &Client, tx: &Transaction) -> Result<Vec<PublicKey>, CliError> {
    let j = tx.to_json(&JsonCx::default());
    let v = c.db("get_potential_signatures", json!([j])).await?;
    let list = v.as_array().ok_or_else(|| {
        CliError::Failed(format!(
            "get_potential_signatures: expected an array, got {v}"
        ))
    })?;
    list.iter()
        .map(|k| PublicKey::from_json(k, &Path::ROOT).map_err(CliError::from))
        .collect()
}

/// A node the engine talks to: given, or an in-process devnet (shared with `bos serve`).
pub struct Node {
    /// The node's URLs, in failover order.
    pub urls: Vec<String>,
    pub devnet: Option<Devnet>,
    /// The devnet's accounts and their keys (empty for a given node).
    pub keys: Vec<(String, PrivateKey)>,
}

/// The node of `--node`, or (with `devnet`) an in-process devnet with the `--sports`
/// objects on `clock`: `bos serve --devnet` runs on the wall clock, `incident replay
/// --devnet` with automine (a block as soon as a transaction arrives, so a job waiting
/// for its proposal's block does not wait for a slot).
pub async fn node(g: &Settings, devnet: bool, clock: ClockMode) -> Result<Node, CliError> {
    if !devnet {
        return Ok(Node {
            urls: g.nodes.clone(),
            devnet: None,
            keys: Vec::new(),
        });
    }
    let mut config = Config::for_tests("bos-replay", 1);
    config.clock = clock;
    config.sports = Some(g.load_sports(None)?);
    let d = Devnet::start(config).await?;
    let keys = d.with_chain(|c| {
        c.accounts
            .iter()
            .map(|a| (a.name.clone(), a.key.clone()))
            .collect()
    });
    Ok(Node {
        urls: vec![d.url()],
        devnet: Some(d),
        keys,
    })
}

/// The engine's client: the in-process devnet's URL, or the configured nodes
/// (with their failover).
pub fn engine_client(g: &Settings, n: &Node) -> Result<Client, CliError> {
    let urls = match n.devnet {
        Some(_) => n.urls.clone(),
        None => g.nodes.clone(),
    };
    Ok(Client::new(urls, client_options(g)?)?)
}

/// The sender of an engine command: dry without keys, a devnet's own keys, or the
/// wallet's keys of `accounts`.
pub async fn engine_sender(
    g: &Settings,
    chain: &Chain,
    node: &Node,
    accounts: &[&str],
    mode: Mode,
) -> Result<Sender, CliError> {
    if node.devnet.is_some() && mode.signs() {
        let keys: Vec<PrivateKey> = node
            .keys
            .iter()
            .filter(|(a, _)| accounts.contains(&a.as_str()))
            .map(|(_, k)| k.clone())
            .collect();
        return Ok(Sender::new(chain.clone(), mode, g.expiration, keys));
    }
    sender(g, chain, accounts, mode).await
}

/// An engine error as the command's error (its exit code follows the kind).
pub(crate) fn engine_err(e: crate::engine::EngineError) -> CliError {
    use crate::engine::EngineError;
    match e {
        EngineError::Rpc(e) => CliError::Node(e),
        EngineError::Store(e) => CliError::Incidents(e),
        EngineError::Chain(e) => CliError::Chain(*e),
        other => CliError::Failed(other.to_string()),
    }
}
