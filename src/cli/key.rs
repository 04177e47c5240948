//! `bos key`: new keys, key information, password and brain-key derivation. Offline.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use serde_json::json;

use super::input::prefix_arg;
use super::{input, output, CliError, Settings};
use crate::protocol::keys::{self, BrainKeyCase, PasswordScheme, PrivateKey, PublicKey, Role};

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
    /// Make a new key from a fresh BIP39 mnemonic
    ///
    /// The mnemonic words are used as a graphene brain key (upper-cased, sequence 0),
    /// so cli_wallet derives the same key from them. Write the words down: they are
    /// the only backup.
    New(NewArgs),
    /// Show the public forms of a key (WIF or public key)
    Info(InfoArgs),
    /// Derive an account's key from its password
    Derive(DeriveArgs),
    /// Derive a key from a brain key (as cli_wallet does)
    Brain(BrainArgs),
}

impl KeyCommand {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        match self {
            KeyCommand::New(a) => a.run(g),
            KeyCommand::Info(a) => a.run(g),
            KeyCommand::Derive(a) => a.run(g),
            KeyCommand::Brain(a) => a.run(g),
        }
    }
}

fn words_arg(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n @ (12 | 15 | 18 | 21 | 24)) => Ok(n),
        _ => Err("must be 12, 15, 18, 21 or 24".into()),
    }
}

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// Number of mnemonic words
    #[arg(long, default_value_t = 12, value_parser = words_arg)]
    pub words: usize,
    /// Public-key prefix (PPY on mainnet, TEST on testnets)
    #[arg(long, default_value = "PPY", value_parser = prefix_arg)]
    pub prefix: String,
}

impl NewArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let m = keys::new_mnemonic(self.words)?;
        let public = m.key.public_key().to_string_with_prefix(&self.prefix);
        let wif = m.key.to_wif();
        if g.json {
            output::json(
                &json!({"mnemonic": m.phrase.as_str(), "wif": wif.as_str(), "public_key": public}),
                true,
            );
        } else {
            output::pairs(&[
                ("mnemonic", m.phrase.to_string()),
                ("wif", wif.to_string()),
                ("public key", public),
            ]);
        }
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct InfoArgs {
    /// A WIF private key or a public key (PPY..., TEST..., or hex); `-` reads it from stdin
    pub key: String,
    /// Prefix for the `public_key` field (default: the prefix the key was given with, else PPY)
    #[arg(long, value_parser = prefix_arg)]
    pub prefix: Option<String>,
}

impl InfoArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let text = if self.key == "-" {
            input::read_secret(Some(std::path::Path::new("-")), "key", false)?
        } else {
            zeroize::Zeroizing::new(self.key.clone())
        };
        let text = text.trim();
        if text.is_empty() {
            return Err(CliError::Usage("no key given".into()));
        }
        let (public, given_prefix, private) = match PublicKey::parse_with_prefix(text) {
            Ok((k, prefix)) => {
                if !k.is_valid_point() {
                    return Err(CliError::Failed(
                        "invalid public key: not a point on secp256k1".into(),
                    ));
                }
                (k, prefix, false)
            }
            Err(pub_err) => match PrivateKey::from_wif(text) {
                Ok(k) => {
                    if self.key != "-" {
                        output::warn("a private key on the command line is visible to other users and kept in shell history; pipe it and use -");
                    }
                    (k.public_key(), String::new(), true)
                }
                Err(wif_err) => {
                    let looks_public = text.len() < 51
                        || text
                            .starts_with(|c: char| c.is_ascii_alphabetic() && !"5KL".contains(c));
                    return Err(if looks_public { pub_err } else { wif_err }.into());
                }
            },
        };
        let prefix = self.prefix.unwrap_or(if given_prefix.is_empty() {
            "PPY".into()
        } else {
            given_prefix
        });
        let addr = public.address();
        let v = json!({
            "public_key": public.to_string_with_prefix(&prefix),
            "public_key_ppy": public.to_string_with_prefix("PPY"),
            "public_key_test": public.to_string_with_prefix("TEST"),
            "public_key_hex": hex::encode(public.0),
            "address": addr.to_string_with_prefix(&prefix),
            "address_ppy": addr.to_string_with_prefix("PPY"),
            "address_test": addr.to_string_with_prefix("TEST"),
            "private": private,
        });
        if g.json {
            output::json(&v, true);
        } else {
            output::pairs(&[
                (
                    "kind",
                    if private {
                        "private key (WIF)"
                    } else {
                        "public key"
                    }
                    .to_string(),
                ),
                ("public key (PPY)", public.to_string_with_prefix("PPY")),
                ("public key (TEST)", public.to_string_with_prefix("TEST")),
                ("public key (hex)", hex::encode(public.0)),
                ("address (PPY)", addr.to_string_with_prefix("PPY")),
                ("address (TEST)", addr.to_string_with_prefix("TEST")),
            ]);
        }
        Ok(())
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum RoleArg {
    Owner,
    Active,
    Memo,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum SchemeArg {
    /// sha256(account + role + password): python-peerplays, uptick, the BitShares-style wallets
    Graphene,
    /// sha256(normalize(password + account + role)): BookiePro and peerplaysjs
    Bookiepro,
}

#[derive(clap::Args, Debug)]
pub struct DeriveArgs {
    /// Account name
    #[arg(long)]
    pub account: String,
    /// Which key of the account
    #[arg(long, value_enum)]
    pub role: RoleArg,
    /// How the password becomes a key
    #[arg(long, value_enum, default_value = "graphene")]
    pub scheme: SchemeArg,
    /// Read the password from this file (first line); otherwise stdin when piped, else a hidden prompt
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Public-key prefix
    #[arg(long, default_value = "PPY", value_parser = prefix_arg)]
    pub prefix: String,
}

impl DeriveArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let password = input::read_secret(self.password_file.as_deref(), "Password", false)?;
        if password.is_empty() {
            return Err(CliError::Failed("the password is empty".into()));
        }
        let role = match self.role {
            RoleArg::Owner => Role::Owner,
            RoleArg::Active => Role::Active,
            RoleArg::Memo => Role::Memo,
        };
        let scheme = match self.scheme {
            SchemeArg::Graphene => PasswordScheme::Graphene,
            SchemeArg::Bookiepro => PasswordScheme::BookiePro,
        };
        let key = keys::password_key(&self.account, role, &password, scheme)?;
        print_key(
            g,
            &[
                ("account", self.account.clone()),
                ("role", role.as_str().to_string()),
            ],
            &key,
            &self.prefix,
        );
        Ok(())
    }
}

#[derive(clap::Args, Debug)]
pub struct BrainArgs {
    /// Key number in the brain-key sequence
    #[arg(long, default_value_t = 0)]
    pub sequence: u32,
    /// Keep the brain key's case, as graphenelib's BrainKey does (cli_wallet upper-cases it)
    #[arg(long)]
    pub keep_case: bool,
    /// Read the brain key from this file (first line); otherwise stdin when piped, else a hidden prompt
    #[arg(long, value_name = "FILE")]
    pub brain_key_file: Option<PathBuf>,
    /// Public-key prefix
    #[arg(long, default_value = "PPY", value_parser = prefix_arg)]
    pub prefix: String,
}

impl BrainArgs {
    fn run(self, g: &Settings) -> Result<(), CliError> {
        let text = input::read_secret_all(self.brain_key_file.as_deref(), "Brain key")?;
        if text.trim().is_empty() {
            return Err(CliError::Failed("the brain key is empty".into()));
        }
        let case = if self.keep_case {
            BrainKeyCase::Graphenelib
        } else {
            BrainKeyCase::CliWallet
        };
        let key = keys::brain_key(&text, self.sequence, case);
        print_key(
            g,
            &[("sequence", self.sequence.to_string())],
            &key,
            &self.prefix,
        );
        Ok(())
    }
}

fn print_key(g: &Settings, context: &[(&str, String)], key: &PrivateKey, prefix: &str) {
    let wif = key.to_wif();
    let public = key.public_key().to_string_with_prefix(prefix);
    if g.json {
        let mut m = serde_json::Map::new();
        for (k, v) in context {
            m.insert(k.to_string(), json!(v));
        }
        m.insert("wif".into(), json!(wif.as_str()));
        m.insert("public_key".into(), json!(public));
        output::json(&serde_json::Value::Object(m), true);
    } else {
        let mut rows: Vec<(&str, String)> = context.to_vec();
        rows.push(("wif", wif.to_string()));
        rows.push(("public key", public));
        output::pairs(&rows);
    }
}
