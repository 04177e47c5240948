//! Object ids: `space.type.instance`.
//!
//! Typed ids (`account_id_type`, ...) go on the wire as a varint of the instance;
//! the untyped `object_id_type` goes as one uint64 (space<<56 | type<<48 | instance)
//! and may be relative (`0.0.N`: the object made by the N-th operation of the same
//! transaction).

use std::fmt;
use std::str::FromStr;

/// Largest instance an object id can hold (48 bits).
pub const MAX_INSTANCE: u64 = (1 << 48) - 1;

/// Any object id.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectId {
    pub space: u8,
    pub type_id: u8,
    pub instance: u64,
}

impl ObjectId {
    pub const fn new(space: u8, type_id: u8, instance: u64) -> Self {
        ObjectId {
            space,
            type_id,
            instance,
        }
    }

    /// The uint64 wire form of `object_id_type`.
    pub fn to_u64(self) -> u64 {
        ((self.space as u64) << 56) | ((self.type_id as u64) << 48) | (self.instance & MAX_INSTANCE)
    }

    /// From the uint64 wire form.
    pub fn from_u64(v: u64) -> Self {
        ObjectId::new((v >> 56) as u8, (v >> 48) as u8, v & MAX_INSTANCE)
    }

    /// True for `0.0.N`, a reference to the result of operation N of the same transaction.
    pub fn is_relative(self) -> bool {
        self.space == 0 && self.type_id == 0
    }

    /// Parses `space.type.instance`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut parts = text.split('.');
        let (Some(a), Some(b), Some(c), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("`{text}` is not space.type.instance"));
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        if !digits(a) || !digits(b) || !digits(c) {
            return Err(format!("`{text}` is not space.type.instance"));
        }
        let space: u8 = a
            .parse()
            .map_err(|_| format!("space {a} of `{text}` is above 255"))?;
        let type_id: u8 = b
            .parse()
            .map_err(|_| format!("type {b} of `{text}` is above 255"))?;
        let instance: u64 = c
            .parse()
            .ok()
            .filter(|i| *i <= MAX_INSTANCE)
            .ok_or_else(|| format!("instance {c} of `{text}` is above 2^48-1"))?;
        Ok(ObjectId::new(space, type_id, instance))
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.space, self.type_id, self.instance)
    }
}

impl fmt::Debug for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl FromStr for ObjectId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ObjectId::parse(s)
    }
}

/// An id of one object type, `S.T.instance`; ordered by instance as the node orders them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Id<const S: u8, const T: u8>(pub u64);

impl<const S: u8, const T: u8> Id<S, T> {
    pub const SPACE: u8 = S;
    pub const TYPE: u8 = T;

    pub fn object_id(self) -> ObjectId {
        ObjectId::new(S, T, self.0)
    }

    /// Parses `S.T.instance`, refusing ids of another type.
    pub fn parse(text: &str) -> Result<Self, String> {
        let id = ObjectId::parse(text)?;
        if id.space != S || id.type_id != T {
            return Err(format!(
                "`{text}` is not a {} id ({S}.{T}.x)",
                type_name(S, T)
            ));
        }
        Ok(Id(id.instance))
    }
}

impl<const S: u8, const T: u8> fmt::Display for Id<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{S}.{T}.{}", self.0)
    }
}

impl<const S: u8, const T: u8> fmt::Debug for Id<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl<const S: u8, const T: u8> From<Id<S, T>> for ObjectId {
    fn from(id: Id<S, T>) -> ObjectId {
        id.object_id()
    }
}

pub type AccountId = Id<1, 2>;
pub type AssetId = Id<1, 3>;
pub type ForceSettlementId = Id<1, 4>;
pub type CommitteeMemberId = Id<1, 5>;
pub type WitnessId = Id<1, 6>;
pub type LimitOrderId = Id<1, 7>;
pub type ProposalId = Id<1, 10>;
pub type OperationHistoryId = Id<1, 11>;
pub type VestingBalanceId = Id<1, 13>;
pub type WorkerId = Id<1, 14>;
pub type BalanceId = Id<1, 15>;
pub type TournamentId = Id<1, 16>;
pub type GameId = Id<1, 19>;
pub type SportId = Id<1, 20>;
pub type EventGroupId = Id<1, 21>;
pub type EventId = Id<1, 22>;
pub type BettingMarketRulesId = Id<1, 23>;
pub type BettingMarketGroupId = Id<1, 24>;
pub type BettingMarketId = Id<1, 25>;
pub type BetId = Id<1, 26>;

/// The human name of an object type (space 1 and 2), for messages.
pub fn type_name(space: u8, type_id: u8) -> &'static str {
    match (space, type_id) {
        (0, 0) => "relative",
        (1, 1) => "base",
        (1, 2) => "account",
        (1, 3) => "asset",
        (1, 4) => "force settlement",
        (1, 5) => "committee member",
        (1, 6) => "witness",
        (1, 7) => "limit order",
        (1, 8) => "call order",
        (1, 9) => "custom",
        (1, 10) => "proposal",
        (1, 11) => "operation history",
        (1, 12) => "withdraw permission",
        (1, 13) => "vesting balance",
        (1, 14) => "worker",
        (1, 15) => "balance",
        (1, 16) => "tournament",
        (1, 17) => "tournament details",
        (1, 18) => "match",
        (1, 19) => "game",
        (1, 20) => "sport",
        (1, 21) => "event group",
        (1, 22) => "event",
        (1, 23) => "betting market rules",
        (1, 24) => "betting market group",
        (1, 25) => "betting market",
        (1, 26) => "bet",
        (2, 0) => "global property",
        (2, 1) => "dynamic global property",
        (2, 6) => "account statistics",
        (2, 8) => "block summary",
        (2, 11) => "chain property",
        (2, 21) => "global betting statistics",
        _ => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn wire_and_text() {
        assert_eq!(
            ObjectId::parse("1.20.3").unwrap().to_u64(),
            0x0114_0000_0000_0003
        );
        assert_eq!(ObjectId::from_u64(5).to_string(), "0.0.5");
        assert!(ObjectId::parse("1.2").is_err());
        assert!(ObjectId::parse("1.2.x").is_err());
        assert!(ObjectId::parse("1.2.281474976710656").is_err());
        assert!(ObjectId::parse("256.2.1").is_err());
        assert_eq!(AccountId::parse("1.2.7").unwrap(), Id(7));
        assert!(AccountId::parse("1.3.7").unwrap_err().contains("account"));
    }
}
