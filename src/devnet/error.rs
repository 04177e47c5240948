//! Errors of the devnet. A chain error's text is the node's own wording (the fc
//! exception's description, then its message), because clients match on it.

/// Everything the devnet refuses, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A failed `FC_ASSERT`: the condition text and the message, as the node writes them.
    #[error("Assert Exception: {condition}: {message}")]
    Assert { condition: String, message: String },
    /// An account's active authority is not satisfied by the signatures/approvals.
    #[error("missing required active authority: Missing Active Authority {account}")]
    MissingActiveAuthority { account: String },
    /// An account's owner authority is not satisfied.
    #[error("missing required owner authority: Missing Owner Authority {account}")]
    MissingOwnerAuthority { account: String },
    /// A required key did not sign.
    #[error("missing required other authority: Missing Authority {key}")]
    MissingOtherAuthority { key: String },
    /// A signature no authority needed.
    #[error("irrelevant signature included: Unnecessary signature(s) detected")]
    IrrelevantSignature,
    /// The same key signed twice.
    #[error("duplicate signature included: Duplicate Signature detected")]
    DuplicateSignature,
    /// An object id that does not exist.
    #[error("Assert Exception: result != nullptr: Unable to find Object {id}")]
    UnknownObject { id: String },
    /// A state machine refused the transition.
    #[error("Invalid state transition: no transition from {from} on {event}")]
    NoTransition { from: String, event: String },
    /// The duplicate-proposal rule of the broadcast API.
    #[error("Proposed operation is already pending for approval.")]
    ProposalPending,
    /// An operation the devnet does not implement.
    #[error("bos devnet does not implement operation {op} ({name})")]
    Unsupported { op: u32, name: &'static str },
    /// Parameters that do not parse.
    #[error("Parse Error: {method}: {reason}")]
    BadParams { method: String, reason: String },
    /// A method the api does not have.
    #[error("Assert Exception: itr != _by_name.end(): no method with name '{method}'")]
    NoMethod { method: String },
    /// An api id or name the connection does not have.
    #[error("Assert Exception: itr != _apis.end(): no api with id or name {api}")]
    NoApi { api: String },
    /// A control-api request that cannot be done.
    #[error("devnet control: {reason}")]
    Control { reason: String },
    /// A snapshot or listen-address problem when starting.
    #[error("devnet: {reason}")]
    Setup { reason: String },
}

impl Error {
    /// A failed assertion.
    pub fn assert(condition: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Assert {
            condition: condition.into(),
            message: message.into(),
        }
    }

    /// The fc exception name and code for the error's `data`.
    pub fn fc_name_code(&self) -> (&'static str, i64) {
        match self {
            Error::MissingActiveAuthority { .. } => ("tx_missing_active_auth", 3030001),
            Error::MissingOwnerAuthority { .. } => ("tx_missing_owner_auth", 3030002),
            Error::MissingOtherAuthority { .. } => ("tx_missing_other_auth", 3030003),
            Error::IrrelevantSignature => ("tx_irrelevant_sig", 3030004),
            Error::DuplicateSignature => ("tx_duplicate_sig", 3030005),
            Error::NoTransition { .. } => ("no_transition", 3050000),
            Error::BadParams { .. } => ("parse_error_exception", 4),
            Error::Unsupported { .. } | Error::Control { .. } | Error::Setup { .. } => {
                ("exception", 0)
            }
            _ => ("assert_exception", 10),
        }
    }

    /// The fc exception object sent as the `data` of an RPC error.
    pub fn fc_data(&self) -> serde_json::Value {
        let (name, code) = self.fc_name_code();
        let text = self.to_string();
        let format = match text.split_once(": ") {
            Some((_, rest)) => rest.to_string(),
            None => text.clone(),
        };
        serde_json::json!({
            "code": code,
            "name": name,
            "message": text,
            "stack": [{"context": {"level": "error", "file": "bos-devnet", "line": 0, "method": "", "hostname": "", "thread_name": "", "timestamp": ""}, "format": format, "data": {}}]
        })
    }
}

/// Result of a devnet operation.
pub type Result<T> = std::result::Result<T, Error>;
