//! `bos tx broadcast [FILE|-] [--blocking]`: send a signed transaction to the
//! node; and [`required_keys`], which asks the node which public keys could
//! sign a transaction (`get_potential_signatures`) for wallet-based `tx sign`.
//!
//! Not registered by this file: the lead wires `Broadcast(BroadcastArgs)` into
//! `TxCommand` in `tx.rs`.

use std::path::PathBuf;

use clap::Args;
use serde_json::{json, Value};

use super::chain::{client, runtime};
use super::{input, output, CliError, GlobalArgs};
use crate::protocol::{Json, JsonCx, Path, PublicKey, Transaction};
use crate::rpc::{Api, Client};

#[derive(Args, Debug)]
pub struct BroadcastArgs {
    /// The signed transaction as JSON (node form); `-` or nothing reads stdin
    pub file: Option<PathBuf>,
    /// Wait until the transaction is in a block and print where
    #[arg(long)]
    pub blocking: bool,
}

impl BroadcastArgs {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        let v = input::read_json(self.file.as_deref())?;
        let tx = Transaction::from_json(&v, &Path::ROOT)?;
        if tx.signatures.is_empty() {
            return Err(CliError::Failed(
                "the transaction has no signatures; sign it first (bos tx sign)".into(),
            ));
        }
        if g.nobroadcast {
            output::json(&v, g.json);
            return Ok(());
        }
        let result =
            runtime()?.block_on(async { broadcast(&client(g)?, &tx, self.blocking).await })?;
        output::json(&result, g.json);
        Ok(())
    }
}

/// Broadcasts `tx`. Returns `{"id": txid}` or, with `blocking`, the node's
/// `{id, block_num, trx_num, trx}`.
pub async fn broadcast(c: &Client, tx: &Transaction, blocking: bool) -> Result<Value, CliError> {
    let prefix = "PPY";
    let j = tx.to_json(&JsonCx { prefix });
    let txid = hex::encode(tx.id());
    if blocking {
        let v = c
            .call_within(
                Api::NetworkBroadcast,
                "broadcast_transaction_synchronous",
                json!([j]),
                std::time::Duration::from_secs(120),
            )
            .await?;
        return Ok(v);
    }
    c.call(Api::NetworkBroadcast, "broadcast_transaction", json!([j]))
        .await?;
    Ok(json!({"id": txid}))
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
