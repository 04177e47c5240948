//! `bos witness`: show a witness (`bos witness NAME`, kept from before, or
//! `bos witness show NAME`) and `bos witness update` for a manual switch of the
//! url or the signing key. A new signing key always goes with
//! `new_initial_secret` (see `witness::failover`).

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::node::{client, runtime};
use super::{output, CliError, Settings};
use crate::chain::{Chain, Outcome, Sender, Wait};
use crate::protocol::{JsonCx, PublicKey};
use crate::rpc::Client;
use crate::witness::failover::{self, WitnessInfo};
use crate::witness::landing::{self, Risk};

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
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
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
    /// With --signing-key, do not wait for the block that includes the update
    /// (by default bos waits, and when the witness signed that block itself,
    /// sends the update again so the new key can produce)
    #[arg(long)]
    pub no_wait: bool,
}

impl UpdateArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
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
            // A key switch that would stop the chain is refused; one that may
            // land in the witness's own block is watched (or warned about).
            let risk = match key {
                Some(_) => landing::assess(&c, &info).await?,
                None => Risk::None,
            };
            if let Risk::Stall(reason) = &risk {
                return Err(CliError::Failed(format!(
                    "refusing the key switch: {reason}"
                )));
            }
            let unwatched = risk == Risk::OwnBlock && (g.unsigned || g.nobroadcast || self.no_wait);
            if let (true, Some(k)) = (unwatched, key) {
                output::warn(&own_block_warning(
                    &info,
                    &k.to_string_with_prefix(&info.prefix),
                ));
            }
            let op = failover::witness_update(info.witness, info.account, self.url.clone(), key);
            let chain = Chain::new(c.clone()).with_prefix(Some(info.prefix.clone()));
            let sender =
                super::node::sender(g, &chain, &[&info.account_name], g.mode(false)).await?;
            let from_block = landing::head_block(&c).await?;
            let sent = sender.send(vec![op], Wait::No).await?.into_result()?;
            let cx = JsonCx {
                prefix: &info.prefix,
            };
            if !matches!(sent, Outcome::Broadcast { .. }) {
                // -d / -x: the transaction, signed or not, and nothing sent.
                output::json(&sent.to_json(&cx), g.json);
                return Ok(());
            }
            let txid = sent.txid();
            let mut out = json!({
                "id": txid,
                "witness": info.id,
                "account": info.account_name,
            });
            if let Some(k) = key {
                out["new_signing_key"] = json!(k.to_string_with_prefix(&info.prefix));
                out["new_initial_secret"] = json!(hex::encode(failover::zero_secret()));
                if !self.no_wait {
                    let expiration = sent.tx().expiration.0;
                    let landed =
                        follow_switch(g, &c, &info, &sender, k, &txid, from_block, expiration)
                            .await?;
                    for (field, value) in landed {
                        out[field] = value;
                    }
                }
            }
            if let Some(u) = &self.url {
                out["new_url"] = json!(u);
            }
            output::json(&out, g.json);
            Ok(())
        })
    }
}

/// What a user who sends the switch later (or does not wait) must know.
fn own_block_warning(info: &WitnessInfo, key: &str) -> String {
    format!(
        "if this update is included in a block {name} signs itself, that block's secret replaces the new initial \
         secret and {key} cannot produce (node.md §3.5): check the block (bos tx broadcast --blocking prints it) \
         and if it is {name}'s own, run `bos witness update {name} --signing-key {key}` again at once",
        name = info.account_name
    )
}

/// Waits for the block that includes the key switch `txid`; when the witness
/// signed it itself, sends the same switch again (it then lands in another
/// witness's block: the new key cannot produce meanwhile) and waits for that
/// too. Returns the fields to report.
#[allow(clippy::too_many_arguments)]
async fn follow_switch(
    g: &Settings,
    c: &Client,
    info: &WitnessInfo,
    sender: &Sender,
    key: PublicKey,
    txid: &str,
    from_block: u32,
    expiration: u32,
) -> Result<Vec<(&'static str, serde_json::Value)>, CliError> {
    let limit = std::time::Duration::from_secs(g.expiration as u64 + 60);
    let not_included = |id: &str| {
        CliError::Failed(format!(
            "transaction {id} was not included in a block before it expired; the signing key is unchanged"
        ))
    };
    let landed = landing::wait_included(c, txid, from_block, expiration, limit)
        .await?
        .ok_or_else(|| not_included(txid))?;
    let mut out = vec![
        ("block_num", json!(landed.block_num)),
        ("landed_in_own_block", json!(landed.own(info))),
    ];
    if !landed.own(info) {
        return Ok(out);
    }
    let key_text = key.to_string_with_prefix(&info.prefix);
    output::warn(&format!(
        "the update landed in block {}, which {} signed itself: that block's secret replaced the new initial secret, \
         so {key_text} could not produce; sending the update again (it lands in another witness's block)",
        landed.block_num, info.account_name
    ));
    let op = failover::witness_update(info.witness, info.account, None, Some(key));
    let from = landing::head_block(c).await?;
    let sent = sender.send(vec![op], Wait::No).await?.into_result()?;
    let again = sent.txid();
    let second = landing::wait_included(c, &again, from, sent.tx().expiration.0, limit)
        .await?
        .ok_or_else(|| not_included(&again))?;
    out.push((
        "reseed",
        json!({"id": again, "block_num": second.block_num, "witness": second.witness}),
    ));
    Ok(out)
}

#[derive(Args, Debug)]
pub struct WitnessArgs {
    /// Witness account name, account id (1.2.x) or witness id (1.6.x)
    pub name: String,
}

impl WitnessArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        runtime()?.block_on(async {
            let c = client(g)?;
            let w = if self.name.starts_with("1.6.") {
                c.db("get_witnesses", json!([[self.name]]))
                    .await?
                    .get(0)
                    .cloned()
                    .unwrap_or(Value::Null)
            } else {
                c.db("get_witness_by_account", json!([self.name])).await?
            };
            if w.is_null() {
                return Err(CliError::Failed(format!("{} is not a witness", self.name)));
            }
            let gp = c.db("get_global_properties", json!([])).await?;
            let active = gp["active_witnesses"]
                .as_array()
                .is_some_and(|a| a.contains(&w["id"]));
            let account = c.db("get_objects", json!([[w["witness_account"]]])).await?;
            let name = account[0]["name"].as_str().unwrap_or("").to_string();
            if g.json {
                let mut out = w.clone();
                out["account_name"] = json!(name);
                out["active"] = json!(active);
                output::json(&out, true);
                return Ok(());
            }
            output::pairs(&[
                ("witness", w["id"].as_str().unwrap_or("").to_string()),
                (
                    "account",
                    format!("{name} ({})", w["witness_account"].as_str().unwrap_or("")),
                ),
                (
                    "signing key",
                    w["signing_key"].as_str().unwrap_or("").to_string(),
                ),
                ("url", w["url"].as_str().unwrap_or("").to_string()),
                (
                    "total missed",
                    w["total_missed"].to_string().trim_matches('"').to_string(),
                ),
                (
                    "last confirmed block",
                    w["last_confirmed_block_num"].to_string(),
                ),
                ("active", active.to_string()),
            ]);
            Ok(())
        })
    }
}
