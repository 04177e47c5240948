//! `bos wallet`: the encrypted key store. Create it, add, list, remove and export
//! keys, change its password, and import a python-peerplays / uptick wallet.
//!
//! The wallet password comes from, in order: `--password-file F`, the environment
//! (`BOS_WALLET_PASSWORD`, then python-peerplays' `UNLOCK`), then a hidden prompt.
//! Without a terminal and without a source, commands fail instead of waiting
//! (see [`super::secrets`], which signing commands call).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde_json::json;
use zeroize::{Zeroize, Zeroizing};

use super::input::prefix_arg;
use super::secrets::{
    confirm, has_terminal, open, password_given, secret_from, unlock, wallet_password, UNLOCK_ENV,
};
use super::{input, output, CliError, Settings};
use crate::protocol::{PrivateKey, PublicKey};
use crate::wallet::{self, python, Added, KdfParams, Wallet};

#[derive(Subcommand, Debug)]
pub enum WalletCommand {
    /// Create a new, empty wallet
    ///
    /// The password is asked twice (or taken from --password-file or
    /// BOS_WALLET_PASSWORD). The file is created with mode 0600, its directory
    /// with mode 0700.
    Init(InitArgs),
    /// Add private keys (WIF)
    ///
    /// Without an argument the key is asked for on the terminal; with `-` one WIF per
    /// line is read from stdin. A key that is already in the wallet is not an error.
    AddKey(AddKeyArgs),
    /// List the public keys in the wallet, with labels and accounts (with
    /// --node: the accounts are looked up on the node and kept)
    ///
    /// Needs no password. A password that is given (--password-file,
    /// BOS_WALLET_PASSWORD or UNLOCK) is checked, so a misconfigured job finds out.
    List(ListArgs),
    /// Remove a key from the wallet (asks to confirm)
    Remove(RemoveArgs),
    /// Print a key's WIF (asks to confirm)
    Export(ExportArgs),
    /// Change the wallet password
    ///
    /// The KDF parameters are raised to this build's defaults if the file has
    /// weaker ones.
    ChangePassword(ChangePasswordArgs),
    /// Import the keys of a python-peerplays / uptick wallet (peerplays.sqlite)
    ///
    /// The python wallet is only read. Its password comes from
    /// --python-password-file, else UNLOCK, else a prompt. Every key is checked
    /// against its public key before anything is added; a wrong password adds nothing.
    ImportPython(ImportPythonArgs),
}

impl WalletCommand {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        match self {
            WalletCommand::Init(a) => a.run(g),
            WalletCommand::AddKey(a) => a.run(g),
            WalletCommand::List(a) => a.run(g),
            WalletCommand::Remove(a) => a.run(g),
            WalletCommand::Export(a) => a.run(g),
            WalletCommand::ChangePassword(a) => a.run(g),
            WalletCommand::ImportPython(a) => a.run(g),
        }
    }
}

fn kdf_json(p: KdfParams) -> serde_json::Value {
    json!({"algorithm": "argon2id", "memory_kib": p.m_kib, "passes": p.t, "lanes": p.p})
}

fn kdf_text(p: KdfParams) -> String {
    format!(
        "argon2id, {} MiB, {} passes, {} lane(s)",
        p.m_kib / 1024,
        p.t,
        p.p
    )
}

fn parse_public(text: &str) -> Result<PublicKey, CliError> {
    let k = PublicKey::parse(text.trim())?;
    Ok(k)
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {}

impl InitArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let path = g.wallet_path()?;
        if path.exists() {
            return Err(wallet::Error::AlreadyExists { path }.into());
        }
        let password = wallet_password(g.password_file.as_deref(), true)?;
        let params = KdfParams::DEFAULT;
        drop(Wallet::create(&path, &password, params)?);
        if g.json {
            output::json(
                &json!({"wallet": path.display().to_string(), "kdf": kdf_json(params)}),
                true,
            );
        } else {
            output::pairs(&[
                ("created", path.display().to_string()),
                ("kdf", kdf_text(params)),
            ]);
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct AddKeyArgs {
    /// WIF private keys; `-` reads one per line from stdin (preferred: arguments are
    /// visible to other users and kept in shell history)
    #[arg(value_name = "WIF")]
    pub keys: Vec<String>,
    /// A label for the keys (for example "active" or "signing")
    #[arg(long)]
    pub label: Option<String>,
}

impl AddKeyArgs {
    fn run(mut self, g: &Settings) -> Result<(), CliError> {
        let keys = self.parse_keys(g);
        // The argument copies of the WIFs are wiped whatever happened.
        self.keys.iter_mut().for_each(|k| k.zeroize());
        let keys = keys?;
        let mut u = unlock(g)?;
        let added = u.add(&keys, self.label.as_deref())?;
        print_added(g, &added, self.label.as_deref());
        Ok(())
    }

    fn parse_keys(&self, g: &Settings) -> Result<Vec<PrivateKey>, CliError> {
        let stdin_keys = self.keys.iter().any(|k| k == "-");
        if stdin_keys && self.keys.len() > 1 {
            return Err(CliError::Usage(
                "give either WIF arguments or `-`, not both".into(),
            ));
        }
        if stdin_keys && g.password_file.as_deref() == Some(Path::new("-")) {
            return Err(CliError::Usage(
                "stdin cannot hold both the keys and the password".into(),
            ));
        }
        let mut keys = Vec::new();
        if stdin_keys {
            let text = Zeroizing::new(input::read_text(Some(Path::new("-")))?);
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                keys.push(PrivateKey::from_wif(line).map_err(|_| {
                    CliError::Failed(format!(
                        "<stdin> line {}: not a valid private key (WIF)",
                        i + 1
                    ))
                })?);
            }
            if keys.is_empty() {
                return Err(CliError::Failed("<stdin>: no keys".into()));
            }
        } else if self.keys.is_empty() {
            if !has_terminal() {
                return Err(CliError::Usage(
                    "no key given and no terminal to ask on; pipe WIFs (one per line) and use `bos wallet add-key -`"
                        .into(),
                ));
            }
            let wif = input::prompt_hidden("Private key (WIF)", false)?;
            keys.push(PrivateKey::from_wif(&wif).map_err(|_| {
                CliError::Failed("the key entered is not a valid private key (WIF)".into())
            })?);
        } else {
            output::warn("private keys on the command line are visible to other users and kept in shell history; pipe them and use -");
            for (i, k) in self.keys.iter().enumerate() {
                keys.push(PrivateKey::from_wif(k).map_err(|_| {
                    CliError::Failed(format!("argument {}: not a valid private key (WIF)", i + 1))
                })?);
            }
        }
        Ok(keys)
    }
}

fn status(a: Added) -> &'static str {
    match a {
        Added::New => "added",
        Added::AlreadyPresent => "already present",
    }
}

fn print_added(g: &Settings, added: &[(PublicKey, Added)], label: Option<&str>) {
    if g.json {
        let v: Vec<_> = added
            .iter()
            .map(|(k, a)| {
                json!({"public_key": k.to_string_with_prefix("PPY"), "status": status(*a), "label": label})
            })
            .collect();
        output::json(&serde_json::Value::Array(v), true);
    } else {
        output::table(
            &["public key", "status"],
            added
                .iter()
                .map(|(k, a)| vec![k.to_string_with_prefix("PPY"), status(*a).to_string()])
                .collect(),
        );
    }
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Public-key prefix (PPY on mainnet, TEST on testnets) [default: the chain's
    /// with --node, else PPY]
    #[arg(long, value_parser = prefix_arg)]
    pub prefix: Option<String>,
}

impl ListArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let file = g.password_file.as_deref();
        // With --node (or BOS_NODE) the node is asked which accounts each key
        // belongs to, and the answer is kept in the wallet (no password needed).
        let node_given = g.node_given;
        let mut entries = if password_given(file) {
            unlock(g)?.list()?
        } else {
            open(g)?.list()?
        };
        // With a node: look up the accounts of every key and keep them.
        let mut prefix = self.prefix.clone();
        if node_given {
            let found = super::node::runtime()?.block_on(async {
                let c = super::node::client(g)?;
                let chain = chain_prefix(&c).await?;
                let found = accounts_of(
                    &c,
                    &entries.iter().map(|e| e.public_key).collect::<Vec<_>>(),
                )
                .await?;
                Ok::<_, CliError>((chain, found))
            });
            match found {
                Ok((chain, found)) => {
                    // Keys are shown in the chain's prefix (TEST on a test chain).
                    prefix.get_or_insert(chain);
                    let mut w = open(g)?;
                    for (e, names) in entries.iter_mut().zip(found) {
                        w.set_accounts(&e.public_key, &names)?;
                        e.accounts = names;
                    }
                }
                // A node that cannot be reached only costs the lookup.
                Err(err) => output::warn(&format!(
                    "accounts not looked up (showing those recorded before): {err}"
                )),
            }
        }
        let prefix = prefix.unwrap_or_else(|| "PPY".into());
        if g.json {
            let v: Vec<_> = entries
                .iter()
                .map(|e| {
                    json!({
                        "public_key": e.public_key.to_string_with_prefix(&prefix),
                        "label": e.label,
                        "accounts": e.accounts,
                        "added_at": e.added_at,
                    })
                })
                .collect();
            output::json(&serde_json::Value::Array(v), true);
        } else if entries.is_empty() {
            output::line("no keys in the wallet");
        } else {
            output::table(
                &["public key", "label", "accounts"],
                entries
                    .iter()
                    .map(|e| {
                        vec![
                            e.public_key.to_string_with_prefix(&prefix),
                            e.label.clone().unwrap_or_default(),
                            e.accounts.join(", "),
                        ]
                    })
                    .collect(),
            );
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct RemoveArgs {
    /// The public key to remove (any prefix)
    #[arg(value_name = "PUBKEY")]
    pub public_key: String,
    /// Do not ask to confirm
    #[arg(long, short = 'y')]
    pub yes: bool,
}

impl RemoveArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let pk = parse_public(&self.public_key)?;
        let mut u = unlock(g)?;
        if !u.list()?.iter().any(|e| e.public_key == pk) {
            return Err(wallet::Error::KeysMissing {
                path: u.path().to_path_buf(),
                public_keys: vec![pk.to_string_with_prefix("PPY")],
            }
            .into());
        }
        let text = pk.to_string_with_prefix("PPY");
        confirm(
            &format!("Remove {text} from the wallet (it cannot be recovered from it)?"),
            self.yes,
        )?;
        u.remove(&pk)?;
        if g.json {
            output::json(&json!({"public_key": text, "status": "removed"}), true);
        } else {
            output::line(&format!("removed {text}"));
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The public key whose private key to print (any prefix)
    #[arg(value_name = "PUBKEY")]
    pub public_key: String,
    /// Do not ask to confirm
    #[arg(long, short = 'y')]
    pub yes: bool,
}

impl ExportArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let pk = parse_public(&self.public_key)?;
        let u = unlock(g)?;
        let keys = u.private_keys(&[pk])?;
        let text = pk.to_string_with_prefix("PPY");
        confirm(
            &format!("Print the private key of {text} in clear?"),
            self.yes,
        )?;
        for k in &keys {
            let wif = k.to_wif();
            if g.json {
                output::json(&json!({"public_key": text, "wif": wif.as_str()}), true);
            } else {
                output::line(&wif);
            }
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct ChangePasswordArgs {
    /// Read the new password from this file (first line); otherwise asked twice
    #[arg(long, value_name = "FILE")]
    pub new_password_file: Option<PathBuf>,
}

impl ChangePasswordArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let mut u = unlock(g)?;
        let new = secret_from(
            self.new_password_file.as_deref(),
            &[],
            "New wallet password",
            true,
            "give --new-password-file FILE",
        )?;
        let params = u.change_password(&new, KdfParams::DEFAULT)?;
        if g.json {
            output::json(
                &json!({"wallet": u.path().display().to_string(), "status": "password changed", "kdf": kdf_json(params)}),
                true,
            );
        } else {
            output::pairs(&[
                ("password changed", u.path().display().to_string()),
                ("kdf", kdf_text(params)),
            ]);
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct ImportPythonArgs {
    /// The python-peerplays wallet (default: $XDG_DATA_HOME/peerplays/peerplays.sqlite)
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Read the python wallet's password from this file (first line); otherwise
    /// UNLOCK, then a hidden prompt
    #[arg(long, value_name = "FILE")]
    pub python_password_file: Option<PathBuf>,
    /// A label for the imported keys
    #[arg(long)]
    pub label: Option<String>,
}

impl ImportPythonArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let py_path = match self.path {
            Some(p) => p,
            None => python::default_python_path().ok_or_else(|| {
                CliError::Usage("no home directory; give the python wallet's PATH".into())
            })?,
        };
        let w = open(g)?;
        let py_password = secret_from(
            self.python_password_file.as_deref(),
            &[UNLOCK_ENV],
            "Password of the python wallet",
            false,
            "give --python-password-file FILE or set UNLOCK",
        )?;
        let password = wallet_password(g.password_file.as_deref(), false)?;
        let mut u = w.unlock(&password)?;
        let imported = python::read_keys(&py_path, &py_password)?;
        let keys: Vec<PrivateKey> = imported.iter().map(|k| k.key.clone()).collect();
        let added = u.add(&keys, self.label.as_deref())?;
        if g.json {
            let v: Vec<_> = imported
                .iter()
                .zip(&added)
                .map(|(k, (pk, a))| {
                    json!({
                        "public_key": pk.to_string_with_prefix("PPY"),
                        "python_public_key": k.public_key_text,
                        "python_row": k.row,
                        "status": status(*a),
                    })
                })
                .collect();
            output::json(&serde_json::Value::Array(v), true);
        } else if added.is_empty() {
            output::line(&format!("{}: no keys to import", py_path.display()));
        } else {
            output::table(
                &["python public key", "status"],
                imported
                    .iter()
                    .zip(&added)
                    .map(|(k, (_, a))| vec![k.public_key_text.clone(), status(*a).to_string()])
                    .collect(),
            );
        }
        Ok(())
    }
}

/// The names of the accounts each key is an authority of (owner, active or
/// memo), in order, as the node says (`get_key_references`, `get_accounts`).
async fn accounts_of(
    c: &crate::rpc::Client,
    keys: &[PublicKey],
) -> Result<Vec<Vec<String>>, CliError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    // The node answers for keys in its own prefix.
    let chain_prefix = chain_prefix(c).await?;
    let texts: Vec<String> = keys
        .iter()
        .map(|k| k.to_string_with_prefix(&chain_prefix))
        .collect();
    let refs = c
        .db("get_key_references", serde_json::json!([texts]))
        .await?;
    let mut out = Vec::with_capacity(keys.len());
    for i in 0..keys.len() {
        let ids: Vec<serde_json::Value> = refs
            .get(i)
            .and_then(|v| v.as_array())
            .cloned()
            .unwrap_or_default();
        if ids.is_empty() {
            out.push(Vec::new());
            continue;
        }
        let accounts = c.db("get_accounts", serde_json::json!([ids])).await?;
        let mut names: Vec<String> = accounts
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.get("name").and_then(|n| n.as_str()).map(str::to_string))
            .collect();
        names.sort();
        names.dedup();
        out.push(names);
    }
    Ok(out)
}

/// The public-key prefix of the node's chain (from its `get_config`, else a
/// known chain id, else PPY).
async fn chain_prefix(c: &crate::rpc::Client) -> Result<String, CliError> {
    let config = c.db("get_config", serde_json::json!([])).await.ok();
    if let Some(p) = config
        .as_ref()
        .and_then(|v| v.get("GRAPHENE_ADDRESS_PREFIX"))
        .and_then(|p| p.as_str())
    {
        return Ok(p.to_string());
    }
    let id = c.db("get_chain_id", serde_json::json!([])).await?;
    let known = crate::protocol::network::parse_chain_id(id.as_str().unwrap_or_default())
        .ok()
        .and_then(|b| crate::protocol::network::by_chain_id(&b));
    Ok(known.map_or("PPY", |n| n.prefix).to_string())
}
