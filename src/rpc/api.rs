//! The node's APIs and how a call names them.

use std::fmt;

/// An API a call goes to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    /// The database API (id 0 on every connection).
    Database,
    /// The login API (id 1).
    Login,
    NetworkBroadcast,
    History,
    Bookie,
    /// Any other login-API accessor by name (e.g. `block`, `crypto`, `devnet`).
    Named(String),
    /// A numeric api id.
    Id(u64),
}

impl Api {
    /// Parses `database`, `network_broadcast`, ..., or a number.
    pub fn parse(text: &str) -> Api {
        match text {
            "database" | "db" => Api::Database,
            "login" => Api::Login,
            "network_broadcast" | "broadcast" => Api::NetworkBroadcast,
            "history" => Api::History,
            "bookie" => Api::Bookie,
            other => match other.parse::<u64>() {
                Ok(n) => Api::Id(n),
                Err(_) => Api::Named(other.to_string()),
            },
        }
    }

    /// The login-API accessor name, when the api has one.
    pub fn name(&self) -> Option<&str> {
        match self {
            Api::Database => Some("database"),
            Api::Login => Some("login"),
            Api::NetworkBroadcast => Some("network_broadcast"),
            Api::History => Some("history"),
            Api::Bookie => Some("bookie"),
            Api::Named(n) => Some(n),
            Api::Id(_) => None,
        }
    }
}

impl fmt::Display for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Api::Id(n) => write!(f, "{n}"),
            other => f.write_str(other.name().unwrap_or("?")),
        }
    }
}
