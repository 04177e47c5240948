//! The CLI's error type and the one place that maps errors to exit codes.

use std::path::PathBuf;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: the command failed (bad input, a failed check, an I/O error).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: the command line itself is wrong.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: a wallet password (bos or imported python wallet) is wrong; nothing was changed.
pub const EXIT_WRONG_PASSWORD: i32 = 3;
/// Exit code: no node could be reached (or none answered in time).
pub const EXIT_NODE_UNREACHABLE: i32 = 4;
/// Exit code: the node refused the request (its error text is printed).
pub const EXIT_NODE_REFUSED: i32 = 5;
/// Exit code of `bos isalive`: the service answered and is unhealthy (scheduler not
/// running, node unreachable, or 10 or more jobs waiting).
pub const EXIT_UNHEALTHY: i32 = 6;
/// Exit code of `bos isalive`: the service did not answer.
pub const EXIT_NO_SERVICE: i32 = 7;
/// Exit code of `watch-witness --once`: the signing key was switched.
pub const EXIT_SWITCHED: i32 = 10;
/// Exit code of `watch-witness --once --dry-run`: the signing key would have been switched.
pub const EXIT_WOULD_SWITCH: i32 = 11;
/// Exit code of `watch-witness --once`: no node could be reached.
pub const EXIT_WATCH_UNREACHABLE: i32 = 12;
/// Exit code of `watch-witness --once`: the threshold is reached and no switch is possible.
pub const EXIT_WATCH_BLOCKED: i32 = 13;
/// Exit code of `watch-witness --once`: the head block is stale on every node.
pub const EXIT_WATCH_STALE: i32 = 14;

/// One documented exit code: the single definition the top-level `--help`
/// (`after_help`), the man pages' EXIT STATUS section and the README table are made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitCodeDoc {
    pub code: i32,
    /// The command it belongs to (`""`: every command).
    pub scope: &'static str,
    /// A few words, for `--help`.
    pub short: &'static str,
    /// The README's words.
    pub meaning: &'static str,
}

/// Every exit code `bos` uses, in order.
pub const EXIT_CODES: &[ExitCodeDoc] = &[
    ExitCodeDoc {
        code: EXIT_OK,
        scope: "",
        short: "ok",
        meaning: "success (`watch-witness --once`: healthy)",
    },
    ExitCodeDoc {
        code: EXIT_FAILURE,
        scope: "",
        short: "failure",
        meaning: "the command failed: bad input (with its path, e.g. `$.operations[0][1].fee.amount`), a failed check, an I/O error, a store that does not exist",
    },
    ExitCodeDoc {
        code: EXIT_USAGE,
        scope: "",
        short: "usage error",
        meaning: "usage error: unknown command or flag, missing argument, arguments that do not go together or cannot work (`--window 0`, a single `--key`); a password or confirmation is needed but there is no terminal to ask on",
    },
    ExitCodeDoc {
        code: EXIT_WRONG_PASSWORD,
        scope: "",
        short: "wrong wallet password",
        meaning: "wrong wallet password (or wrong python wallet password on import); nothing was changed",
    },
    ExitCodeDoc {
        code: EXIT_NODE_UNREACHABLE,
        scope: "",
        short: "node unreachable",
        meaning: "no node could be reached (or none answered within `--node-timeout`)",
    },
    ExitCodeDoc {
        code: EXIT_NODE_REFUSED,
        scope: "",
        short: "node refused",
        meaning: "the node refused the request (its error text is printed)",
    },
    ExitCodeDoc {
        code: EXIT_UNHEALTHY,
        scope: "isalive",
        short: "unhealthy",
        meaning: "the service answered and is unhealthy (scheduler stopped, node unreachable, store not writable, queue of 10 or more)",
    },
    ExitCodeDoc {
        code: EXIT_NO_SERVICE,
        scope: "isalive",
        short: "no answer",
        meaning: "the service did not answer",
    },
    ExitCodeDoc {
        code: EXIT_SWITCHED,
        scope: "watch-witness --once",
        short: "switched",
        meaning: "the signing key was switched",
    },
    ExitCodeDoc {
        code: EXIT_WOULD_SWITCH,
        scope: "watch-witness --once",
        short: "would switch",
        meaning: "the signing key would have been switched (`--dry-run`)",
    },
    ExitCodeDoc {
        code: EXIT_WATCH_UNREACHABLE,
        scope: "watch-witness --once",
        short: "node unreachable",
        meaning: "no node could be reached (instead of 4)",
    },
    ExitCodeDoc {
        code: EXIT_WATCH_BLOCKED,
        scope: "watch-witness --once",
        short: "cannot switch",
        meaning: "the threshold is reached and no switch is possible: switching stopped after a full rotation over the keys without a block produced (`rotation_stopped`)",
    },
    ExitCodeDoc {
        code: EXIT_WATCH_STALE,
        scope: "watch-witness --once",
        short: "stale",
        meaning: "the head block is older than `--stale-after` on every node (`stale`)",
    },
];

/// The exit codes in one paragraph, for the top-level `--help`.
pub fn exit_codes_help() -> String {
    let mut out = String::from("Exit codes:");
    let mut scope = None;
    for (i, d) in EXIT_CODES.iter().enumerate() {
        if scope != Some(d.scope) {
            if i > 0 {
                out.push(';');
            }
            if !d.scope.is_empty() {
                out.push_str(&format!(" {}:", d.scope));
            }
            scope = Some(d.scope);
        } else {
            out.push(',');
        }
        out.push_str(&format!(" {} {}", d.code, d.short));
    }
    out.push_str(" (see README).");
    out
}

/// The exit codes as the README's markdown table.
pub fn exit_codes_markdown() -> String {
    let mut out = String::from("| code | meaning |\n| --- | --- |\n");
    for d in EXIT_CODES {
        let meaning = if d.scope.is_empty() {
            d.meaning.to_string()
        } else {
            format!("`{}`: {}", d.scope, d.meaning)
        };
        out.push_str(&format!("| {} | {} |\n", d.code, meaning));
    }
    out
}

/// The EXIT STATUS section of the man page of `command` (`bos`, `bos-isalive`,
/// `bos-watch-witness`, ...), in roff: the codes of every command, then those of the
/// command itself (the top-level page lists them all).
pub fn exit_codes_roff(command: &str) -> String {
    let esc = |t: &str| t.replace('\\', "\\e").replace('-', "\\-");
    let mut out = String::from(".SH \"EXIT STATUS\"\n");
    for d in EXIT_CODES {
        let scope_cmd = d.scope.split(' ').next().unwrap_or_default();
        let applies =
            d.scope.is_empty() || command == "bos" || command == format!("bos-{scope_cmd}");
        if !applies {
            continue;
        }
        let meaning = d.meaning.replace('`', "");
        let text = if d.scope.is_empty() || command != "bos" {
            meaning
        } else {
            format!("{}: {meaning}", d.scope)
        };
        let text = esc(&text);
        // A line starting with . or ' would be a roff request.
        let text = if text.starts_with(['.', '\'']) {
            format!("\\&{text}")
        } else {
            text
        };
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{text}\n", d.code));
    }
    out
}

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The arguments do not make sense together.
    #[error("{0}")]
    Usage(String),
    /// A failure with a message of its own.
    #[error("{0}")]
    Failed(String),
    /// Invalid protocol input (JSON, hex, keys, signatures).
    #[error(transparent)]
    Protocol(#[from] crate::protocol::Error),
    /// The wallet or a python wallet being imported.
    #[error(transparent)]
    Wallet(#[from] crate::wallet::Error),
    /// The sports data (bookiesports folder).
    #[error(transparent)]
    Sports(#[from] crate::sports::Error),
    /// Incidents and the incident store.
    #[error(transparent)]
    Incidents(#[from] crate::incidents::Error),
    /// Reading or writing a file.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A node call failed.
    #[error(transparent)]
    Node(#[from] crate::rpc::Error),
    /// Chain access: a node refused a transaction, or answered oddly.
    #[error(transparent)]
    Chain(#[from] crate::chain::Error),
    /// The devnet could not start.
    #[error(transparent)]
    Devnet(#[from] crate::devnet::Error),
    /// Watching or switching a witness.
    #[error(transparent)]
    Witness(#[from] crate::witness::Error),
    /// Time series: the store, sampling, charts.
    #[error(transparent)]
    Track(#[from] crate::track::TrackError),
    /// A command that ends with a documented status other than success; the
    /// message (if any) is printed as the error line.
    #[error("{message}")]
    Status { code: i32, message: String },
    /// Input that is not JSON.
    #[error("{origin}: not valid JSON: {source}")]
    Json {
        origin: String,
        #[source]
        source: serde_json::Error,
    },
}

impl CliError {
    /// What to do about this error, when the message alone does not say it.
    pub fn hint(&self) -> Option<&'static str> {
        let refusal = match self {
            CliError::Chain(crate::chain::Error::Refused(r)) => r,
            CliError::Witness(crate::witness::Error::Chain(e)) => match &**e {
                crate::chain::Error::Refused(r) => r,
                _ => return None,
            },
            _ => return None,
        };
        match refusal {
            crate::chain::Refusal::DuplicateTransaction { .. } => Some(
                "the same transaction (same operations, reference block and expiration) was sent moments ago; \
                 to send it once more on purpose, wait for the next block",
            ),
            _ => None,
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            CliError::Status { code, .. } => *code,
            CliError::Witness(crate::witness::Error::Node(crate::rpc::Error::Remote {
                ..
            })) => EXIT_NODE_REFUSED,
            CliError::Witness(crate::witness::Error::Chain(e))
                if matches!(
                    **e,
                    crate::chain::Error::Refused(_)
                        | crate::chain::Error::Rpc(crate::rpc::Error::Remote { .. })
                ) =>
            {
                EXIT_NODE_REFUSED
            }
            CliError::Witness(e) if e.is_unreachable() => EXIT_NODE_UNREACHABLE,
            CliError::Wallet(
                crate::wallet::Error::WrongPassword { .. }
                | crate::wallet::Error::WrongPythonPassword { .. },
            ) => EXIT_WRONG_PASSWORD,
            CliError::Node(crate::rpc::Error::Remote { .. })
            | CliError::Track(crate::track::TrackError::Node(crate::rpc::Error::Remote {
                ..
            })) => EXIT_NODE_REFUSED,
            CliError::Track(e) if e.is_unreachable() => EXIT_NODE_UNREACHABLE,
            CliError::Node(e) if e.is_unreachable() => EXIT_NODE_UNREACHABLE,
            CliError::Chain(crate::chain::Error::Refused(_))
            | CliError::Chain(crate::chain::Error::Rpc(crate::rpc::Error::Remote { .. })) => {
                EXIT_NODE_REFUSED
            }
            CliError::Chain(e) if e.is_unreachable() => EXIT_NODE_UNREACHABLE,
            CliError::Node(crate::rpc::Error::Timeout { .. })
            | CliError::Node(crate::rpc::Error::ConnectionLost { .. }) => EXIT_NODE_UNREACHABLE,
            _ => EXIT_FAILURE,
        }
    }
}
