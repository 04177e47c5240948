//! What a node refused, typed: the one place that reads a node's error text.

use serde_json::Value;

/// Why a node refused a transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A pending proposal already holds one of the proposed operations (the BOS
    /// duplicate rule): another witness proposed the same thing first.
    DuplicatePending { message: String },
    /// The node holds this very transaction already (same operations, reference
    /// block and expiration).
    DuplicateTransaction { message: String },
    /// The signatures do not satisfy an authority.
    MissingAuthority { message: String },
    /// An object the transaction names does not exist (a proposal that executed or
    /// expired meanwhile, an object removed after settlement).
    UnknownObject { id: String, message: String },
    /// A BOS state machine refused the transition.
    InvalidTransition { message: String },
    /// Anything else, with the node's text.
    Other { message: String },
}

impl Refusal {
    /// Classifies a node error; `None` for errors that are not refusals (no answer,
    /// lost connection, malformed reply).
    pub fn classify(e: &crate::rpc::Error) -> Option<Refusal> {
        let crate::rpc::Error::Remote { message, data, .. } = e else {
            return None;
        };
        let name = data
            .as_ref()
            .and_then(|d| d.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let message = message.clone();
        Some(match name {
            "tx_missing_active_auth" | "tx_missing_owner_auth" | "tx_missing_other_auth" => {
                Refusal::MissingAuthority { message }
            }
            "no_transition" => Refusal::InvalidTransition { message },
            _ if message.contains("already pending for approval") => {
                Refusal::DuplicatePending { message }
            }
            _ if message.contains("duplicate transaction")
                || message.contains("Duplicate transaction") =>
            {
                Refusal::DuplicateTransaction { message }
            }
            _ if message.contains("Missing Active Authority")
                || message.contains("Missing Owner Authority")
                || message.contains("Missing Authority") =>
            {
                Refusal::MissingAuthority { message }
            }
            _ if message.contains("Invalid state transition") => {
                Refusal::InvalidTransition { message }
            }
            _ => match unknown_object(&message) {
                Some(id) => Refusal::UnknownObject { id, message },
                None => Refusal::Other { message },
            },
        })
    }

    /// The node's text.
    pub fn message(&self) -> &str {
        match self {
            Refusal::DuplicatePending { message }
            | Refusal::DuplicateTransaction { message }
            | Refusal::MissingAuthority { message }
            | Refusal::UnknownObject { message, .. }
            | Refusal::InvalidTransition { message }
            | Refusal::Other { message } => message,
        }
    }

    /// A short name of the kind, for reports and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Refusal::DuplicatePending { .. } => "duplicate-pending",
            Refusal::DuplicateTransaction { .. } => "duplicate-transaction",
            Refusal::MissingAuthority { .. } => "missing-authority",
            Refusal::UnknownObject { .. } => "unknown-object",
            Refusal::InvalidTransition { .. } => "invalid-transition",
            Refusal::Other { .. } => "refused",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

/// `X` of "Unable to find Object X".
fn unknown_object(message: &str) -> Option<String> {
    let rest = message.split("Unable to find Object ").nth(1)?;
    let id: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let id = id.trim_end_matches('.').to_string();
    (!id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn remote(message: &str, name: Option<&str>) -> crate::rpc::Error {
        crate::rpc::Error::Remote {
            method: "broadcast_transaction".into(),
            message: message.into(),
            data: name.map(|n| json!({"name": n, "code": 1})),
        }
    }

    #[test]
    fn kinds() {
        let k = |m: &str, n: Option<&str>| Refusal::classify(&remote(m, n)).map(|r| r.kind());
        assert_eq!(
            k(
                "Proposed operation is already pending for approval.",
                Some("assert_exception")
            ),
            Some("duplicate-pending")
        );
        assert_eq!(
            k(
                "missing required active authority: Missing Active Authority 1.2.7",
                Some("tx_missing_active_auth")
            ),
            Some("missing-authority")
        );
        assert_eq!(
            k("Missing Active Authority 1.2.7", None),
            Some("missing-authority")
        );
        assert_eq!(
            k("duplicate transaction 00aa", None),
            Some("duplicate-transaction")
        );
        let r = Refusal::classify(&remote(
            "Assert Exception: result != nullptr: Unable to find Object 1.10.3",
            None,
        ));
        assert!(matches!(r, Some(Refusal::UnknownObject { id, .. }) if id == "1.10.3"));
        assert_eq!(k("anything", None), Some("refused"));
        assert!(Refusal::classify(&crate::rpc::Error::Closed).is_none());
    }
}
