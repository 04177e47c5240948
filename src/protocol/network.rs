//! Known Peerplays networks: chain id, core symbol and key prefix.
//!
//! Network names never appear on the wire; only the chain id is signed. For a
//! node we do not know (a devnet, a private testnet) ask it for `get_chain_id`
//! and take the prefix from configuration.

use super::error::{Error, Result};

/// A network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Network {
    /// Our name for it (lower case).
    pub name: &'static str,
    /// Chain id as 64 hex characters.
    pub chain_id: &'static str,
    /// Core asset symbol.
    pub core_symbol: &'static str,
    /// Public-key prefix.
    pub prefix: &'static str,
    /// What it is.
    pub about: &'static str,
}

/// The networks `--network` knows.
pub const NETWORKS: &[Network] = &[
    Network {
        name: "alice",
        chain_id: "6b6b5f0ce7a36d323768e534f3edb41c6d6332a541a95725b98e28d140850134",
        core_symbol: "PPY",
        prefix: "PPY",
        about: "Peerplays mainnet",
    },
    Network {
        name: "testnet",
        chain_id: "195d4e865e3a27d2b204de759341e4738f778dd5c4e21860c7e8bf1bd9c79203",
        core_symbol: "TEST",
        prefix: "TEST",
        about: "current public testnet (python-peerplays 0.5.3 TESTNET)",
    },
    Network {
        name: "beatrice",
        chain_id: "b3f7fe1e5ad0d2deca40a626a4404524f78e65c3a48137551c33ea4e7c365672",
        core_symbol: "TEST",
        prefix: "TEST",
        about: "long-time public testnet of BookiePro and bookiesports",
    },
    Network {
        name: "qaenv",
        chain_id: "7c1c72eb738b3ff1870350f85daca27e2d0f5dd25af27df7475fbd92815e421e",
        core_symbol: "TEST",
        prefix: "TEST",
        about: "QA network (python-peerplays QAENV; upstream tests sign for it)",
    },
    Network {
        name: "mint",
        chain_id: "2c25aae5835fd54020329d4f150b04867e72cbd8f7f7b900a7c3da8a329a6014",
        core_symbol: "TEST",
        prefix: "TEST",
        about: "python-peerplays DEVNET / MINT network",
    },
];

/// Looks a network up by name (`mainnet` is an alias of `alice`).
pub fn by_name(name: &str) -> Option<&'static Network> {
    let name = name.to_ascii_lowercase();
    let name = if name == "mainnet" {
        "alice".to_string()
    } else {
        name
    };
    NETWORKS.iter().find(|n| n.name == name)
}

/// Looks a network up by chain id.
pub fn by_chain_id(chain_id: &[u8; 32]) -> Option<&'static Network> {
    let hex = hex::encode(chain_id);
    NETWORKS.iter().find(|n| n.chain_id == hex)
}

/// Parses 64 hex characters of chain id.
pub fn parse_chain_id(text: &str) -> Result<[u8; 32]> {
    let mut id = [0u8; 32];
    hex::decode_to_slice(text.trim(), &mut id).map_err(|_| Error::Invalid {
        path: "chain id".into(),
        what: "chain id",
        reason: format!("`{}` is not 64 hex characters", text.trim()),
    })?;
    Ok(id)
}

impl Network {
    /// The chain id bytes.
    pub fn chain_id_bytes(&self) -> [u8; 32] {
        parse_chain_id(self.chain_id).expect("built-in chain ids are valid hex")
    }
}
