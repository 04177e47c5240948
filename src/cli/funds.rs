//! The everyday commands a witness knows from uptick: `bos balance [ACCOUNT]`,
//! `bos transfer FROM TO AMOUNT ASSET`, `bos fees`. Amounts are written with the asset's
//! decimal places (`1.5 PPY`), never in satoshis; a transfer goes through the one
//! [`crate::chain::Sender`] like every other transaction (`-d`, `-x` honoured).

use clap::Args;
use serde_json::{json, Value};

use super::node::{self, runtime};
use super::{output, CliError, Settings};
use crate::chain::{AssetInfo, Chain, Outcome, Wait};
use crate::protocol::operations::{Operation, Transfer, OPERATION_NAMES};
use crate::protocol::types::Asset;
use crate::protocol::JsonCx;

#[derive(Args, Debug)]
pub struct BalanceArgs {
    /// Account names or ids (1.2.N) [default: the accounts of the wallet's keys]
    pub accounts: Vec<String>,
}

/// The accounts the wallet's public keys belong to (no password needed).
async fn wallet_accounts(g: &Settings, ch: &Chain) -> Result<Vec<String>, CliError> {
    let prefix = ch.prefix().await?.to_string();
    let keys: Vec<String> = super::secrets::wallet_public_keys(g)?
        .iter()
        .map(|k| k.to_string_with_prefix(&prefix))
        .collect();
    if keys.is_empty() {
        return Err(CliError::Usage(
            "the wallet holds no keys: name an account (bos balance ACCOUNT)".into(),
        ));
    }
    let refs = ch.client().db("get_key_references", json!([keys])).await?;
    let mut ids: Vec<String> = refs
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|l| l.as_array().cloned().unwrap_or_default())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Err(CliError::Failed(
            "no account on this chain holds a key of the wallet: name an account".into(),
        ));
    }
    Ok(ids)
}

impl BalanceArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        runtime()?.block_on(async {
            let ch = node::chain(g)?;
            let names = if self.accounts.is_empty() {
                wallet_accounts(g, &ch).await?
            } else {
                self.accounts.clone()
            };
            let mut rows = Vec::new();
            let mut list = Vec::new();
            for n in &names {
                let a = ch.account(n).await?;
                let id = format!("1.2.{}", a.id.0);
                let balances = ch.balances(a.id).await?;
                if balances.is_empty() {
                    rows.push(vec![format!("{} ({id})", a.name), "-".into(), "0".into()]);
                }
                for (asset, amount) in balances {
                    let asset_id = format!("1.3.{}", asset.id.0);
                    list.push(json!({"account": a.name, "account_id": id,
                                     "asset": asset.symbol, "asset_id": asset_id,
                                     "amount": asset.format(amount), "satoshis": amount}));
                    rows.push(vec![
                        format!("{} ({id})", a.name),
                        format!("{} ({asset_id})", asset.symbol),
                        asset.format(amount),
                    ]);
                }
            }
            if g.json {
                output::json(&Value::Array(list), true);
            } else {
                output::table(&["account", "asset", "amount"], rows);
            }
            Ok(())
        })
    }
}

/// `AMOUNT` as typed: a plain decimal number above zero (the asset's decimal places are
/// checked once the asset is known).
fn amount_arg(s: &str) -> Result<String, String> {
    let probe = AssetInfo {
        id: crate::protocol::ids::Id(0),
        symbol: String::new(),
        precision: 18,
    };
    match probe.parse(s) {
        Some(0) => Err("the amount must be more than 0".into()),
        Some(_) => Ok(s.to_string()),
        None => Err(format!(
            "{s:?} is not an amount: give a decimal number like 1.5"
        )),
    }
}

#[derive(Args, Debug)]
pub struct TransferArgs {
    /// The account that pays (its active key must be in the wallet)
    pub from: String,
    /// The account that receives
    pub to: String,
    /// How much, in the asset's units (1.5), not satoshis
    #[arg(value_parser = amount_arg, allow_hyphen_values = true)]
    pub amount: String,
    /// The asset: symbol (PPY, TEST, BTF) or id (1.3.N)
    pub asset: String,
    /// A memo for the receiver, encrypted from FROM's memo key (which must be in the
    /// wallet) to TO's; only the two of them can read it. Empty: no memo
    #[arg(long, value_name = "TEXT")]
    pub memo: Option<String>,
    /// Wait until the transfer is in a block and print where
    #[arg(long)]
    pub blocking: bool,
}

impl TransferArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        runtime()?.block_on(async {
            let ch = node::chain(g)?;
            let from = ch.account(&self.from).await?;
            let to = ch.account(&self.to).await?;
            let asset = ch.asset(&self.asset).await?;
            let amount = asset.parse(&self.amount).ok_or_else(|| {
                CliError::Usage(format!(
                    "{}: {} has {} decimal places",
                    self.amount, asset.symbol, asset.precision
                ))
            })?;
            if from.id == to.id {
                return Err(CliError::Usage(format!(
                    "{} would pay itself: give another TO",
                    from.name
                )));
            }
            let text = self.memo.as_deref().filter(|m| !m.is_empty());
            let memo_keys = match text {
                None => None,
                Some(_) => Some(memo_keys(&from, &to)?),
            };
            let (sender, memo_key) = node::sender_and_key(
                g,
                &ch,
                &[&from.name],
                memo_keys.as_ref().map(|(f, _)| f),
                g.mode(false),
            )
            .await?;
            let memo = match (text, memo_keys) {
                (Some(t), Some((from_key, to_key))) => {
                    // Never a transfer without the memo that was asked for.
                    let Some(k) = memo_key else {
                        let prefix = ch.prefix().await?.to_string();
                        return Err(CliError::Failed(format!(
                            "the wallet holds no memo key of {} ({}): add it, or send without --memo",
                            from.name,
                            from_key.to_string_with_prefix(&prefix)
                        )));
                    };
                    Some(
                        crate::protocol::memo::memo(&k, &to_key, t)
                            .map_err(|e| CliError::Failed(format!("memo: {e}")))?,
                    )
                }
                _ => None,
            };
            let op = Operation::Transfer(Transfer {
                fee: Asset::core(0),
                from: from.id,
                to: to.id,
                amount: Asset {
                    amount,
                    asset_id: asset.id,
                },
                memo,
                extensions: Default::default(),
            });
            let wait = if self.blocking { Wait::Block } else { Wait::No };
            let sent = sender.send(vec![op], wait).await?.into_result()?;
            let prefix = ch.prefix().await?.to_string();
            let cx = JsonCx { prefix: &prefix };
            let what = format!(
                "{} {} from {} (1.2.{}) to {} (1.2.{})",
                asset.format(amount),
                asset.symbol,
                from.name,
                from.id.0,
                to.name,
                to.id.0
            );
            match &sent {
                Outcome::Broadcast { receipt, tx } => {
                    if g.json {
                        output::json(&sent.to_json(&cx), true);
                    } else {
                        let fee = match &tx.operations.first() {
                            Some(Operation::Transfer(t)) => t.fee.amount,
                            _ => 0,
                        };
                        let core = ch.asset("1.3.0").await?;
                        let mut rows = vec![("sent", what)];
                        if let Some(t) = text {
                            rows.push(("memo", t.to_string()));
                        }
                        rows.extend([
                            ("fee", format!("{} {}", core.format(fee), core.symbol)),
                            ("transaction", receipt.txid.clone()),
                        ]);
                        if let Some(b) = receipt.block_num {
                            rows.push(("block", b.to_string()));
                        }
                        output::pairs(&rows);
                    }
                }
                // -d / -x: the transaction, and nothing sent.
                other => output::json(&other.to_json(&cx), g.json),
            }
            Ok(())
        })
    }
}

#[derive(Args, Debug)]
pub struct FeesArgs {
    /// Only these operations (names like transfer, proposal_create, or numbers)
    pub operations: Vec<String>,
}

impl FeesArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        let wanted: Vec<usize> = self
            .operations
            .iter()
            .map(|o| {
                o.parse::<usize>()
                    .ok()
                    .filter(|n| *n < OPERATION_NAMES.len())
                    .or_else(|| OPERATION_NAMES.iter().position(|n| n == o))
                    .ok_or_else(|| {
                        CliError::Usage(format!(
                            "{o:?} is not an operation: give a name like transfer or a number below {}",
                            OPERATION_NAMES.len()
                        ))
                    })
            })
            .collect::<Result<_, _>>()?;
        runtime()?.block_on(async {
            let ch = node::chain(g)?;
            let gp = ch.client().db("get_global_properties", json!([])).await?;
            let fees = &gp["parameters"]["current_fees"];
            let scale = fees["scale"].as_i64().unwrap_or(10_000);
            let core = ch.asset("1.3.0").await?;
            let scaled = |v: &Value| {
                v.as_i64()
                    .map(|f| core.format((i128::from(f) * i128::from(scale) / 10_000) as i64))
            };
            let mut rows = Vec::new();
            let mut list = Vec::new();
            for p in fees["parameters"].as_array().into_iter().flatten() {
                let Some(id) = p[0].as_u64().map(|i| i as usize) else {
                    continue;
                };
                if !wanted.is_empty() && !wanted.contains(&id) {
                    continue;
                }
                let name = OPERATION_NAMES.get(id).copied().unwrap_or("(unknown)");
                let fee = scaled(&p[1]["fee"]).unwrap_or_default();
                let per_kb = scaled(&p[1]["price_per_kbyte"]);
                list.push(json!({"operation": name, "id": id, "fee": fee,
                                 "price_per_kbyte": per_kb, "asset": core.symbol}));
                rows.push(vec![
                    format!("{name} ({id})"),
                    fee,
                    per_kb.unwrap_or_default(),
                ]);
            }
            if g.json {
                output::json(&Value::Array(list), true);
            } else {
                let fee_h = format!("fee ({})", core.symbol);
                let kb_h = format!("per KiB ({})", core.symbol);
                output::table(&["operation", &fee_h, &kb_h], rows);
            }
            Ok(())
        })
    }
}

/// The memo keys of a transfer: the sender's and the receiver's (`options.memo_key`).
fn memo_keys(
    from: &crate::chain::Account,
    to: &crate::chain::Account,
) -> Result<(crate::protocol::PublicKey, crate::protocol::PublicKey), CliError> {
    let key = |a: &crate::chain::Account| {
        a.memo_key.ok_or_else(|| {
            CliError::Failed(format!(
                "{} has no memo key (options.memo_key is the null key): send without --memo",
                a.name
            ))
        })
    };
    Ok((key(from)?, key(to)?))
}
