//! Where secrets come from, shared by every command that needs the wallet: the wallet
//! file, the wallet password (`--password-file F`, then `BOS_WALLET_PASSWORD`, then
//! python-peerplays' `UNLOCK`, then a hidden prompt; without a terminal and without a
//! source, commands fail instead of waiting), and the wallet's keys for signing.
//! Not a command: commands import this, never each other.

use std::io::IsTerminal;
use std::path::Path;

use zeroize::Zeroizing;

use super::{input, output, CliError, Settings};
use crate::protocol::{PrivateKey, PublicKey};
use crate::wallet::{self, Unlocked, Wallet};

/// Environment variable holding the wallet password.
pub const PASSWORD_ENV: &str = "BOS_WALLET_PASSWORD";
/// python-peerplays' variable for the wallet password, honoured for compatibility.
pub const UNLOCK_ENV: &str = "UNLOCK";

pub fn env_secret(name: &str) -> Result<Option<Zeroizing<String>>, CliError> {
    match std::env::var_os(name) {
        None => Ok(None),
        Some(v) => match v.into_string() {
            Ok(s) => Ok(Some(Zeroizing::new(s))),
            Err(_) => Err(CliError::Failed(format!("{name} is not valid UTF-8"))),
        },
    }
}

pub fn secret_file(path: &Path) -> Result<Zeroizing<String>, CliError> {
    let text = Zeroizing::new(input::read_text(Some(path))?);
    let line = input::first_line(&text);
    if line.is_empty() {
        return Err(CliError::Failed(format!(
            "{}: the password file is empty",
            input::origin(Some(path))
        )));
    }
    Ok(line)
}

pub fn has_terminal() -> bool {
    std::io::stdin().is_terminal() || std::io::stderr().is_terminal()
}

/// A secret from a file, then the environment variables in order, then a prompt.
pub fn secret_from(
    file: Option<&Path>,
    envs: &[&str],
    prompt: &str,
    confirm: bool,
    how: &str,
) -> Result<Zeroizing<String>, CliError> {
    if let Some(f) = file {
        return secret_file(f);
    }
    for name in envs {
        if let Some(v) = env_secret(name)? {
            return Ok(v);
        }
    }
    if !has_terminal() {
        return Err(CliError::Usage(format!(
            "{prompt}: no terminal to ask on; {how}"
        )));
    }
    input::prompt_hidden(prompt, confirm)
}

/// The wallet password from `--password-file`, the environment, or a prompt.
pub fn wallet_password(file: Option<&Path>, confirm: bool) -> Result<Zeroizing<String>, CliError> {
    secret_from(
        file,
        &[PASSWORD_ENV, UNLOCK_ENV],
        if confirm {
            "New wallet password"
        } else {
            "Wallet password"
        },
        confirm,
        "give --password-file FILE or set BOS_WALLET_PASSWORD",
    )
}

/// Whether a password source other than the prompt is configured.
pub fn password_given(file: Option<&Path>) -> bool {
    file.is_some()
        || std::env::var_os(PASSWORD_ENV).is_some()
        || std::env::var_os(UNLOCK_ENV).is_some()
}

/// Opens the wallet and prints warnings about its permissions.
pub fn open(g: &Settings) -> Result<Wallet, CliError> {
    let path = g.wallet_path()?;
    let w = Wallet::open(&path)?;
    for w in wallet::permission_warnings(&path) {
        output::warn(&w);
    }
    Ok(w)
}

/// Opens and unlocks the wallet.
pub fn unlock(g: &Settings) -> Result<Unlocked, CliError> {
    let w = open(g)?;
    let password = wallet_password(g.password_file.as_deref(), false)?;
    Ok(w.unlock(&password)?)
}

/// Asks to confirm; `yes` skips the question. Refuses to wait without a terminal.
pub fn confirm(question: &str, yes: bool) -> Result<(), CliError> {
    if yes {
        return Ok(());
    }
    if !has_terminal() {
        return Err(CliError::Usage(format!(
            "{question} needs confirming, and there is no terminal to ask on; add --yes"
        )));
    }
    match dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
    {
        Ok(true) => Ok(()),
        Ok(false) => Err(CliError::Failed("cancelled; nothing was changed".into())),
        Err(e) => Err(CliError::Failed(format!("{question}: {e}"))),
    }
}

/// The private keys of `wanted` from the wallet given by the global settings
/// (`--wallet`/`BOS_WALLET`), unlocked with `BOS_WALLET_PASSWORD`, `UNLOCK` or a
/// prompt. A key that is not in the wallet is an error naming it.
/// The public keys in the wallet (no password needed).
pub fn wallet_public_keys(g: &Settings) -> Result<Vec<PublicKey>, CliError> {
    Ok(open(g)?.list()?.into_iter().map(|e| e.public_key).collect())
}

pub fn wallet_keys(g: &Settings, wanted: &[PublicKey]) -> Result<Vec<PrivateKey>, CliError> {
    wallet_keys_with(g, wanted, "PPY")
}

/// [`wallet_keys`] with a `--password-file` of the calling command.
pub fn wallet_keys_with(
    g: &Settings,
    wanted: &[PublicKey],
    prefix: &str,
) -> Result<Vec<PrivateKey>, CliError> {
    let w = open(g)?;
    // Name missing keys before asking for the password.
    let have: Vec<PublicKey> = w.list()?.into_iter().map(|e| e.public_key).collect();
    let missing: Vec<String> = wanted
        .iter()
        .filter(|k| !have.contains(k))
        .map(|k| k.to_string_with_prefix(prefix))
        .collect();
    if !missing.is_empty() {
        return Err(wallet::Error::KeysMissing {
            path: w.path().to_path_buf(),
            public_keys: missing,
        }
        .into());
    }
    let password = wallet_password(g.password_file.as_deref(), false)?;
    let u = w.unlock(&password)?;
    Ok(u.signer(wanted)?.into_keys())
}
