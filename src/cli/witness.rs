//! `bos witness`: show a witness (`bos witness NAME`, kept from before, or
//! `bos witness show NAME`) and `bos witness update` for a manual switch of the
//! url or the signing key. A new signing key always goes with
//! `new_initial_secret` (see `witness::failover`).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;

use super::chain::{client, runtime, WitnessArgs};
use super::{output, CliError, GlobalArgs};
use crate::protocol::{Json, JsonCx, PublicKey};
use crate::rpc::Client;
use crate::witness::failover::{self, Signer};

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WitnessGroup {
    #[command(subcommand)]
    pub command: Option<WitnessCommand>,
    /// Witness account name, account id (1.2.x) or witness id (1.6.x) to show
    /// (the same as `bos witness show NAME`)
    pub name: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum WitnessCommand {
    /// Show a witness: signing key, url, missed blocks, last confirmed block, active or not
    Show(WitnessArgs),
    /// Change a witness's url or signing key (witness_update, signed with the
    /// witness account's active key from the wallet)
    Update(UpdateArgs),
}

impl WitnessGroup {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        match (self.command, self.name) {
            (Some(WitnessCommand::Show(a)), _) => a.run(g),
            (Some(WitnessCommand::Update(a)), _) => a.run(g),
            (None, Some(name)) => WitnessArgs { name }.run(g),
            (None, None) => Err(CliError::Usage(
                "give a witness: bos witness NAME, bos witness show NAME or bos witness update NAME ...".into(),
            )),
        }
    }
}

#[derive(Args, Debug)]
pub struct UpdateArgs {
    /// Witness account name, account id (1.2.x) or witness id (1.6.x)
    pub witness: String,
    /// The new url
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The new block-signing public key (new_initial_secret is set with it)
    #[arg(long, value_name = "PUBKEY")]
    pub signing_key: Option<String>,
    /// Read the wallet password from this file (first line); otherwise
    /// BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

/// The wallet keys of `account`'s active authority, with the chain id: what
/// signs a witness_update. Asks for the wallet password.
pub async fn wallet_signer(
    g: &GlobalArgs,
    c: &Client,
    account: crate::protocol::ids::AccountId,
    account_name: &str,
    password_file: Option<&Path>,
) -> Result<Signer, CliError> {
    let active = failover::active_keys(c, account).await?;
    let mine: Vec<PublicKey> = super::wallet::wallet_public_keys(g)?
        .into_iter()
        .filter(|k| active.contains(k))
        .collect();
    if mine.is_empty() {
        return Err(CliError::Failed(format!(
            "the wallet holds no active key of {account_name} ({}); add one with bos wallet add-key",
            active
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let keys = super::wallet::wallet_keys_with(g, password_file, &mine)?;
    Ok(Signer {
        chain_id: failover::chain_id(c).await?,
        keys,
    })
}

impl UpdateArgs {
    fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        if self.url.is_none() && self.signing_key.is_none() {
            return Err(CliError::Usage(
                "nothing to update: give --url and/or --signing-key".into(),
            ));
        }
        let key = self
            .signing_key
            .as_deref()
            .map(|k| {
                PublicKey::parse(k).map_err(|e| CliError::Usage(format!("--signing-key {k}: {e}")))
            })
            .transpose()?;
        runtime()?.block_on(async {
            let c = client(g)?;
            let info = failover::find_witness(&c, &self.witness).await?;
            let op = failover::witness_update(info.witness, info.account, self.url.clone(), key);
            let (head, time) = failover::head(&c).await?;
            let mut tx = failover::build(&c, vec![op], &head, time, g.expiration).await?;
            let cx = JsonCx {
                prefix: &info.prefix,
            };
            if g.unsigned {
                output::json(&tx.to_json(&cx), g.json);
                return Ok(());
            }
            let signer = wallet_signer(
                g,
                &c,
                info.account,
                &info.account_name,
                self.password_file.as_deref(),
            )
            .await?;
            tx.sign(&signer.chain_id, &signer.keys.iter().collect::<Vec<_>>());
            if g.nobroadcast {
                output::json(&tx.to_json(&cx), g.json);
                return Ok(());
            }
            let txid = failover::broadcast(&c, &tx, &info.prefix).await?;
            let mut out = json!({
                "id": txid,
                "witness": info.id,
                "account": info.account_name,
            });
            if let Some(k) = key {
                out["new_signing_key"] = json!(k.to_string_with_prefix(&info.prefix));
                out["new_initial_secret"] = json!(hex::encode(failover::zero_secret()));
            }
            if let Some(u) = &self.url {
                out["new_url"] = json!(u);
            }
            output::json(&out, g.json);
            Ok(())
        })
    }
}
