//! Reading command input: files, `-` for stdin, secrets from files, prompts or stdin.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;
use zeroize::Zeroizing;

use super::CliError;

/// Largest input file `bos` reads into memory (64 MiB).
pub const MAX_INPUT: u64 = 64 << 20;

/// Reads a whole file, or stdin for `-` (or no argument).
pub fn read_text(file: Option<&Path>) -> Result<String, CliError> {
    match file {
        None => read_stdin(),
        Some(p) if p == Path::new("-") => read_stdin(),
        Some(p) => {
            let io = |source| CliError::Io {
                path: p.to_path_buf(),
                source,
            };
            let meta = std::fs::metadata(p).map_err(io)?;
            if meta.len() > MAX_INPUT {
                return Err(CliError::Failed(format!(
                    "{}: larger than {} MiB",
                    p.display(),
                    MAX_INPUT >> 20
                )));
            }
            let bytes = std::fs::read(p).map_err(io)?;
            String::from_utf8(bytes).map_err(|e| {
                CliError::Failed(format!(
                    "{}: invalid UTF-8 at byte {}",
                    p.display(),
                    e.utf8_error().valid_up_to()
                ))
            })
        }
    }
}

fn read_stdin() -> Result<String, CliError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(CliError::Usage(
            "no input: give a FILE, or pipe the input and use -".into(),
        ));
    }
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| CliError::Io {
            path: PathBuf::from("<stdin>"),
            source,
        })?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(CliError::Failed(format!(
            "<stdin>: larger than {} MiB",
            MAX_INPUT >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        CliError::Failed(format!(
            "<stdin>: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The name of an input for messages.
pub fn origin(file: Option<&Path>) -> String {
    match file {
        Some(p) if p != Path::new("-") => p.display().to_string(),
        _ => "<stdin>".into(),
    }
}

/// Reads and parses JSON from a file or stdin.
pub fn read_json(file: Option<&Path>) -> Result<Value, CliError> {
    let text = read_text(file)?;
    serde_json::from_str(&text).map_err(|source| CliError::Json {
        origin: origin(file),
        source,
    })
}

/// Where a secret comes from, in order: a file, stdin when it is not a terminal,
/// or a hidden prompt on the terminal. Files and stdin give their first line.
pub fn read_secret(
    file: Option<&Path>,
    prompt: &str,
    confirm: bool,
) -> Result<Zeroizing<String>, CliError> {
    read_secret_text(file, prompt, confirm, true)
}

/// Like [`read_secret`], but files and stdin give their whole text (brain keys
/// may span lines).
pub fn read_secret_all(file: Option<&Path>, prompt: &str) -> Result<Zeroizing<String>, CliError> {
    read_secret_text(file, prompt, false, false)
}

fn read_secret_text(
    file: Option<&Path>,
    prompt: &str,
    confirm: bool,
    first_line_only: bool,
) -> Result<Zeroizing<String>, CliError> {
    let pick = |text: Zeroizing<String>| {
        if first_line_only {
            first_line(&text)
        } else {
            text
        }
    };
    if let Some(p) = file {
        return Ok(pick(Zeroizing::new(read_text(Some(p))?)));
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut text = Zeroizing::new(String::new());
        stdin
            .lock()
            .take(MAX_INPUT)
            .read_to_string(&mut text)
            .map_err(|source| CliError::Io {
                path: PathBuf::from("<stdin>"),
                source,
            })?;
        return Ok(pick(text));
    }
    prompt_hidden(prompt, confirm)
}

/// A hidden prompt on the terminal; refuses to wait when there is none.
pub fn prompt_hidden(prompt: &str, confirm: bool) -> Result<Zeroizing<String>, CliError> {
    if !std::io::stderr().is_terminal() && !std::io::stdin().is_terminal() {
        return Err(CliError::Usage(format!(
            "{prompt}: no terminal to ask on; use a file or pipe it on stdin"
        )));
    }
    let mut p = dialoguer::Password::new().with_prompt(prompt);
    if confirm {
        p = p.with_confirmation("Repeat", "the two entries differ");
    }
    p.interact()
        .map(Zeroizing::new)
        .map_err(|e| CliError::Failed(format!("{prompt}: {e}")))
}

/// The first line without its line ending (a trailing newline is not part of a secret).
pub fn first_line(text: &str) -> Zeroizing<String> {
    Zeroizing::new(
        text.lines()
            .next()
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string(),
    )
}

/// A score given on the command line (`--scores 2,1`, `--home-score 2`): a whole number,
/// checked by the incidents' own rule so a score typed here is refused or accepted like one
/// a data proxy sends.
pub fn score_arg(s: &str) -> Result<String, String> {
    crate::incidents::validate::check_score(s).map(|()| s.to_string())
}

/// Checks a `--prefix` value.
pub fn prefix_arg(s: &str) -> Result<String, String> {
    crate::protocol::keys::check_prefix(s)
        .map(|_| s.to_string())
        .map_err(|e| e.to_string())
}
