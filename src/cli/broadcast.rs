//! `bos tx broadcast [FILE|-] [--blocking]`: send a signed transaction to the
//! node through the one [`crate::chain::Sender`] (`-d` prints it, `-x` prints it
//! without signatures).

use std::path::PathBuf;

use clap::Args;
use serde_json::Value;

use super::node::{self, runtime};
use super::{input, output, CliError, Settings};
use crate::chain::{Mode, Sender, Wait};
use crate::protocol::{Json, JsonCx, Path, PublicKey, Transaction};

#[derive(Args, Debug)]
pub struct BroadcastArgs {
    /// The signed transaction as JSON (node form); `-` or nothing reads stdin
    pub file: Option<PathBuf>,
    /// Wait until the transaction is in a block and print where
    #[arg(long)]
    pub blocking: bool,
}

impl BroadcastArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        let v = input::read_json(self.file.as_deref())?;
        let tx = Transaction::from_json(&v, &Path::ROOT)?;
        let mode = g.mode(false);
        if tx.signatures.is_empty() && mode.signs() {
            return Err(CliError::Failed(
                "the transaction has no signatures; sign it first (bos tx sign)".into(),
            ));
        }
        let wait = if self.blocking { Wait::Block } else { Wait::No };
        runtime()?.block_on(async {
            let ch = node::chain(g)?;
            // -d and -x print the transaction (-x without its signatures) and never
            // reach the node, so the key prefix is the input's.
            let prefix = match mode {
                Mode::Broadcast => ch.prefix().await?.to_string(),
                _ => key_prefix(&v).unwrap_or_else(|| "PPY".into()),
            };
            let sender = Sender::new(ch, mode, g.expiration, Vec::new());
            let out = sender.submit(tx, wait).await?.into_result()?;
            output::json(&out.to_json(&JsonCx { prefix: &prefix }), g.json);
            Ok(())
        })
    }
}

/// The prefix of the first public key in a node-form JSON value.
fn key_prefix(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => PublicKey::parse_with_prefix(s).ok().map(|(_, p)| p),
        Value::Array(a) => a.iter().find_map(key_prefix),
        Value::Object(m) => m.values().find_map(key_prefix),
        _ => None,
    }
}
