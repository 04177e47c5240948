//! `bos tx`: encode, decode, sign and verify transactions. Offline.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde_json::{json, Value};

use super::input::prefix_arg;
use super::{input, output, CliError, Settings};
use crate::protocol::codec::{Json, JsonCx, Pack};
use crate::protocol::keys::{PrivateKey, PublicKey};
use crate::protocol::{
    from_json_with_warnings, network, signing, Operation, TimePointSec, Transaction,
};

#[derive(Subcommand, Debug)]
pub enum TxCommand {
    /// Serialize a transaction or one operation to hex
    ///
    /// The input is a node-form transaction object, or a single operation [tag, {...}].
    /// For an operation the hex is varint(op id) followed by its fields. For a
    /// transaction it is the unsigned form, followed by the signatures when the
    /// input carries any (as the node's get_transaction_hex writes it).
    Encode(EncodeArgs),
    /// Decode hex back to node-form JSON
    Decode(DecodeArgs),
    /// Sign a transaction and print it with its signatures
    ///
    /// Keys come from --wif-file files, from the wallet with --key PUBKEY, or, with
    /// --from-wallet, from the wallet keys the node (--node) says the transaction
    /// can use (get_potential_signatures); the chain id is then asked from the
    /// node unless given.
    Sign(SignArgs),
    /// Recover and check the public keys behind a transaction's signatures
    Verify(VerifyArgs),
    /// Broadcast a signed transaction to the node (`--node`)
    Broadcast(super::broadcast::BroadcastArgs),
}

impl TxCommand {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        match self {
            TxCommand::Encode(a) => a.run(g),
            TxCommand::Decode(a) => a.run(g),
            TxCommand::Sign(a) => a.run(g),
            TxCommand::Verify(a) => a.run(g),
            TxCommand::Broadcast(a) => a.run(g),
        }
    }
}

/// Which chain a transaction is for.
#[derive(clap::Args, Debug, Clone)]
pub struct ChainArgs {
    /// Chain id, 64 hex characters
    #[arg(long, value_name = "HEX", conflicts_with = "network")]
    pub chain_id: Option<String>,
    /// A known network: alice (mainnet), testnet, beatrice, qaenv, mint
    #[arg(long, value_name = "NAME")]
    pub network: Option<String>,
}

/// A chain id and, for a known network, its key prefix.
type Chain = ([u8; 32], Option<&'static str>);

impl ChainArgs {
    /// The chain id and the network's key prefix, if a chain was given.
    fn resolve(&self) -> Result<Option<Chain>, CliError> {
        if let Some(name) = &self.network {
            let n = network::by_name(name).ok_or_else(|| {
                let known: Vec<&str> = network::NETWORKS.iter().map(|n| n.name).collect();
                CliError::Usage(format!(
                    "unknown network `{name}` (known: {}; or give --chain-id)",
                    known.join(", ")
                ))
            })?;
            return Ok(Some((n.chain_id_bytes(), Some(n.prefix))));
        }
        match &self.chain_id {
            Some(hex) => {
                let id = network::parse_chain_id(hex).map_err(|_| {
                    CliError::Usage(format!("--chain-id `{hex}` is not 64 hex characters"))
                })?;
                Ok(Some((id, network::by_chain_id(&id).map(|n| n.prefix))))
            }
            None => Ok(None),
        }
    }

    fn require(&self, what: &str) -> Result<Chain, CliError> {
        self.resolve()?.ok_or_else(|| {
            CliError::Usage(format!(
                "{what} needs the chain: give --chain-id HEX or --network NAME"
            ))
        })
    }
}

/// A transaction or a single operation read from JSON.
enum Parsed {
    Tx(Box<Transaction>),
    Op(Box<Operation>),
}

fn parse_input(file: Option<&Path>) -> Result<Parsed, CliError> {
    let value = input::read_json(file)?;
    let (parsed, warnings) = match &value {
        Value::Array(_) => {
            let (op, w) = from_json_with_warnings::<Operation>(&value)?;
            (Parsed::Op(Box::new(op)), w)
        }
        Value::Object(_) => {
            let (tx, w) = from_json_with_warnings::<Transaction>(&value)?;
            (Parsed::Tx(Box::new(tx)), w)
        }
        other => {
            return Err(CliError::Failed(format!(
                "{}: expected a transaction object or an operation [tag, {{...}}], found {}",
                input::origin(file),
                crate::protocol::codec::kind(other)
            )))
        }
    };
    for w in warnings {
        output::warn(&w);
    }
    Ok(parsed)
}

fn read_tx(file: Option<&Path>) -> Result<Transaction, CliError> {
    match parse_input(file)? {
        Parsed::Tx(tx) => Ok(*tx),
        Parsed::Op(_) => Err(CliError::Failed(format!(
            "{}: this is one operation; a transaction object {{ref_block_num, ref_block_prefix, expiration, operations, ...}} is needed",
            input::origin(file)
        ))),
    }
}

#[derive(clap::Args, Debug)]
pub struct EncodeArgs {
    /// JSON file; `-` or nothing reads stdin
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub chain: ChainArgs,
}

impl EncodeArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let chain = self.chain.resolve()?;
        match parse_input(self.file.as_deref())? {
            Parsed::Op(op) => {
                let hex = hex::encode(op.to_bytes());
                if g.json {
                    output::json(&json!({ "hex": hex }), true);
                } else {
                    output::line(&hex);
                }
            }
            Parsed::Tx(tx) => {
                let unsigned = hex::encode(tx.unsigned_bytes());
                let hex = if tx.signatures.is_empty() {
                    unsigned.clone()
                } else {
                    hex::encode(tx.signed_bytes())
                };
                if g.json {
                    let mut v = json!({ "hex": hex, "unsigned_hex": unsigned, "txid": hex::encode(tx.id()) });
                    if let Some((chain_id, _)) = chain {
                        v["digest"] = json!(hex::encode(tx.digest(&chain_id)));
                    }
                    output::json(&v, true);
                } else {
                    output::line(&hex);
                }
            }
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct DecodeArgs {
    /// Hex of a transaction (signed or unsigned) or, with --op, of one operation; `-` reads stdin
    pub hex: String,
    /// The hex is one operation (varint op id + fields), not a transaction
    #[arg(long)]
    pub op: bool,
    /// Public-key prefix for the JSON
    #[arg(long, default_value = "PPY", value_parser = prefix_arg)]
    pub prefix: String,
}

impl DecodeArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let text = if self.hex == "-" {
            input::read_text(None)?
        } else {
            self.hex.clone()
        };
        let clean: String = text
            .trim()
            .trim_start_matches("0x")
            .split_whitespace()
            .collect();
        let bytes = hex::decode(&clean).map_err(|e| CliError::Failed(format!("not hex: {e}")))?;
        if bytes.is_empty() {
            return Err(CliError::Failed("no bytes to decode".into()));
        }
        let cx = JsonCx {
            prefix: &self.prefix,
        };
        let value = if self.op {
            Operation::from_bytes(&bytes, "operation")?.to_json(&cx)
        } else {
            Transaction::from_binary(&bytes)?.to_json(&cx)
        };
        output::json(&value, g.json);
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct SignArgs {
    /// Transaction JSON file; `-` or nothing reads stdin
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub chain: ChainArgs,
    /// File holding one WIF private key per line (repeatable)
    #[arg(long, value_name = "FILE", required_unless_present_any = ["keys", "from_wallet"])]
    pub wif_file: Vec<PathBuf>,
    /// Sign with every wallet key the node says this transaction can use
    #[arg(long, conflicts_with = "keys")]
    pub from_wallet: bool,
    /// Sign with this key from the wallet (repeatable; any prefix)
    #[arg(long = "key", value_name = "PUBKEY")]
    pub keys: Vec<String>,
}

impl SignArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let given = self.chain.resolve()?;
        let tx_on_stdin = self.file.is_none() || self.file.as_deref() == Some(Path::new("-"));
        let stdin_users = self
            .wif_file
            .iter()
            .filter(|f| *f == Path::new("-"))
            .count()
            + usize::from(g.password_file.as_deref() == Some(Path::new("-")))
            + usize::from(tx_on_stdin);
        if stdin_users > 1 {
            return Err(CliError::Usage(
                "stdin can carry only one of the transaction, the keys and the password".into(),
            ));
        }
        let node_given = g.node_given;
        // A transaction, or (with a node) one operation to wrap into one.
        let mut tx = match parse_input(self.file.as_deref())? {
            Parsed::Tx(tx) => *tx,
            Parsed::Op(op) if node_given => Transaction::new(vec![*op], &[0; 20], Default::default()),
            Parsed::Op(_) => {
                return Err(CliError::Failed(format!(
                    "{}: this is one operation; give a transaction object, or --node to build one around it",
                    input::origin(self.file.as_deref())
                )))
            }
        };
        let rt = super::node::runtime()?;
        let _in_rt = rt.enter();
        let ch = if node_given || self.from_wallet {
            Some(super::node::chain(g)?)
        } else {
            None
        };
        if let (Some(ch), true) = (&ch, node_given) {
            rt.block_on(fill_from_node(ch, &mut tx, g.expiration))?;
        }
        let net_prefix = match (&given, &ch) {
            (Some((_, p)), _) if p.is_some() => p.map(str::to_string),
            (_, Some(ch)) => Some(rt.block_on(ch.prefix())?.to_string()),
            _ => None,
        };
        let prefix = net_prefix.as_deref().unwrap_or("PPY").to_string();
        if g.unsigned {
            // -x: the transaction as it would be signed, without signatures.
            tx.signatures.clear();
            output::json(&tx.to_json(&JsonCx { prefix: &prefix }), g.json);
            return Ok(());
        }
        let mut keys: Vec<PrivateKey> = Vec::new();
        for f in &self.wif_file {
            let text = zeroize::Zeroizing::new(input::read_text(Some(f))?);
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let key = PrivateKey::from_wif(line).map_err(|e| {
                    CliError::Failed(format!("{} line {}: {e}", f.display(), i + 1))
                })?;
                keys.push(key);
            }
        }
        let wanted = self
            .keys
            .iter()
            .map(|k| PublicKey::parse(k).map_err(|e| CliError::Usage(format!("--key {k}: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        if !wanted.is_empty() {
            keys.extend(super::secrets::wallet_keys_with(g, &wanted, &prefix)?);
        }
        if keys.is_empty() && !self.from_wallet {
            return Err(CliError::Failed(
                "no private key found in the --wif-file files".into(),
            ));
        }
        let chain_id =
            match (given, &ch) {
                (Some((id, _)), _) => id,
                (None, Some(ch)) => rt.block_on(ch.network())?.chain_id,
                (None, None) => return Err(CliError::Usage(
                    "signing needs the chain: give --chain-id HEX, --network NAME or --node URL"
                        .into(),
                )),
            };
        if let (true, Some(ch)) = (self.from_wallet, &ch) {
            let usable = rt.block_on(super::node::required_keys(ch.client(), &tx))?;
            let mine: Vec<PublicKey> = super::secrets::wallet_public_keys(g)?
                .into_iter()
                .filter(|k| usable.contains(k))
                .collect();
            if mine.is_empty() {
                return Err(CliError::Failed(format!(
                    "the wallet holds none of the keys this transaction can use ({})",
                    usable
                        .iter()
                        .map(|k| k.to_string_with_prefix(&prefix))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            keys.extend(super::secrets::wallet_keys_with(g, &mine, &prefix)?);
        }
        let mut distinct: Vec<PublicKey> = Vec::new();
        for k in &keys {
            if !distinct.contains(&k.public_key()) {
                distinct.push(k.public_key());
            }
        }
        let added = crate::chain::sign_transaction(&mut tx, &chain_id, &keys);
        if added < distinct.len() {
            output::warn("a key signed the transaction already; it does not sign twice");
        }
        if added == 0 {
            output::warn("no new signature was added");
        }
        output::json(&tx.to_json(&JsonCx { prefix: &prefix }), g.json);
        Ok(())
    }
}

/// Fills what a transaction lacks from the node: fees (when any is zero), the
/// reference block and the expiration (`-e` seconds after the head block).
async fn fill_from_node(
    ch: &crate::chain::Chain,
    tx: &mut Transaction,
    expiration: u32,
) -> Result<(), CliError> {
    let mut changed = false;
    if tx.operations.iter().any(|o| o.fee().amount == 0) {
        ch.fill_fees(&mut tx.operations).await?;
        changed = true;
    }
    if tx.ref_block_num == 0 && tx.ref_block_prefix == 0 || tx.expiration.0 == 0 {
        let head = ch.head().await?;
        tx.set_reference_block(&head.id);
        tx.expiration = TimePointSec(head.time.0.saturating_add(expiration));
        changed = true;
    }
    if changed && !tx.signatures.is_empty() {
        return Err(CliError::Failed(
            "the transaction is signed already: filling fees or the reference block would void its signatures".into(),
        ));
    }
    Ok(())
}

#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// Signed transaction JSON file; `-` or nothing reads stdin
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub chain: ChainArgs,
    /// Fail unless this key signed (repeatable)
    #[arg(long, value_name = "PUBKEY")]
    pub expect: Vec<String>,
    /// Public-key prefix for the output (default: the network's, else PPY)
    #[arg(long, value_parser = prefix_arg)]
    pub prefix: Option<String>,
}

impl VerifyArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let (chain_id, net_prefix) = self.chain.require("verifying")?;
        let prefix = self
            .prefix
            .clone()
            .unwrap_or_else(|| net_prefix.unwrap_or("PPY").to_string());
        let expected: Vec<PublicKey> = self
            .expect
            .iter()
            .map(|k| PublicKey::parse(k).map_err(|e| CliError::Usage(format!("--expect {k}: {e}"))))
            .collect::<Result<_, _>>()?;
        let tx = read_tx(self.file.as_deref())?;
        let digest = tx.digest(&chain_id);
        let mut problems = Vec::new();
        let mut rows = Vec::new();
        let mut signers: Vec<PublicKey> = Vec::new();
        for (i, sig) in tx.signatures.iter().enumerate() {
            let canonical = signing::is_canonical(sig);
            match signing::recover(&digest, sig) {
                Ok(k) => {
                    if !canonical {
                        problems.push(format!(
                            "signature {i} is not canonical (the node refuses it)"
                        ));
                    }
                    if signers.contains(&k) {
                        problems.push(format!(
                            "signature {i} repeats a signer (the node refuses duplicates)"
                        ));
                    }
                    signers.push(k);
                    rows.push(json!({"index": i, "public_key": k.to_string_with_prefix(&prefix), "canonical": canonical}));
                }
                Err(e) => {
                    problems.push(format!("signature {i}: {e}"));
                    rows.push(json!({"index": i, "public_key": null, "canonical": canonical}));
                }
            }
        }
        if tx.signatures.is_empty() {
            problems.push("the transaction has no signatures".into());
        }
        for k in &expected {
            if !signers.contains(k) {
                problems.push(format!("{} did not sign", k.to_string_with_prefix(&prefix)));
            }
        }
        if g.json {
            output::json(
                &json!({
                    "digest": hex::encode(digest),
                    "txid": hex::encode(tx.id()),
                    "signers": rows,
                    "valid": problems.is_empty(),
                    "problems": problems,
                }),
                true,
            );
        } else {
            output::pairs(&[
                ("digest", hex::encode(digest)),
                ("txid", hex::encode(tx.id())),
            ]);
            output::table(
                &["#", "public key", "canonical"],
                rows.iter()
                    .map(|r| {
                        vec![
                            r["index"].to_string(),
                            r["public_key"]
                                .as_str()
                                .unwrap_or("(does not recover)")
                                .to_string(),
                            if r["canonical"] == json!(true) {
                                "yes"
                            } else {
                                "NO"
                            }
                            .to_string(),
                        ]
                    })
                    .collect(),
            );
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(CliError::Failed(problems.join("; ")))
        }
    }
}
