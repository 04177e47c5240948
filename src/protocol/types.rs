//! Protocol value types shared by operations: keys, ids and times as wire values,
//! assets, authorities, account options, memos, vote ids, internationalized
//! strings and the betting enums.

use serde_json::Value;

use super::codec::{invalid, wrong, FlatMap, FlatSet, Json, JsonCx, Pack, Reader};
use super::error::Result;
use super::ids::{AccountId, AssetId, Id, ObjectId, MAX_INSTANCE};
use super::keys::{Address, PublicKey};
use super::path::Path;
use super::time::TimePointSec;
use crate::{fc_enum, fc_struct};

impl Pack for PublicKey {
    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        r.array("public key").map(PublicKey)
    }
}

impl Json for PublicKey {
    fn to_json(&self, cx: &JsonCx) -> Value {
        Value::String(self.to_string_with_prefix(cx.prefix))
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let s = v
            .as_str()
            .ok_or_else(|| wrong(p, "a public key string", v))?;
        PublicKey::parse(s).map_err(|e| invalid(p, "public key", strip_key_prefix(e)))
    }
}

impl Pack for Address {
    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        r.array("address").map(Address)
    }
}

impl Json for Address {
    fn to_json(&self, cx: &JsonCx) -> Value {
        Value::String(self.to_string_with_prefix(cx.prefix))
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let s = v.as_str().ok_or_else(|| wrong(p, "an address string", v))?;
        Address::parse(s).map_err(|e| invalid(p, "address", strip_key_prefix(e)))
    }
}

fn strip_key_prefix(e: super::Error) -> String {
    match e {
        super::Error::Key { reason, .. } => reason,
        other => other.to_string(),
    }
}

impl<const S: u8, const T: u8> Pack for Id<S, T> {
    fn pack(&self, out: &mut Vec<u8>) {
        super::codec::write_varint(out, self.0);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let at = r.position();
        let v = r.varint("object id")?;
        if v > MAX_INSTANCE {
            return Err(r.bad_at(at, "object id", format!("instance {v} is above 2^48-1")));
        }
        Ok(Id(v))
    }
}

impl<const S: u8, const T: u8> Json for Id<S, T> {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::String(self.to_string())
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let s = v
            .as_str()
            .ok_or_else(|| wrong(p, "an object id string", v))?;
        Id::parse(s).map_err(|e| invalid(p, "object id", e))
    }
}

impl Pack for ObjectId {
    fn pack(&self, out: &mut Vec<u8>) {
        self.to_u64().pack(out)
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        u64::unpack(r).map(ObjectId::from_u64)
    }
}

impl Json for ObjectId {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::String(self.to_string())
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let s = v
            .as_str()
            .ok_or_else(|| wrong(p, "an object id string", v))?;
        ObjectId::parse(s).map_err(|e| invalid(p, "object id", e))
    }
}

impl Pack for TimePointSec {
    fn pack(&self, out: &mut Vec<u8>) {
        self.0.pack(out)
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        u32::unpack(r).map(TimePointSec)
    }
}

impl Json for TimePointSec {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::String(self.to_string())
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let s = v
            .as_str()
            .ok_or_else(|| wrong(p, "a time string YYYY-MM-DDTHH:MM:SS", v))?;
        TimePointSec::parse(s).map_err(|e| invalid(p, "time", e))
    }
}

/// `vote_id_type`: uint32 = type | instance << 8; JSON `"type:instance"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VoteId(pub u32);

impl VoteId {
    pub fn new(vote_type: u8, instance: u32) -> Self {
        VoteId((vote_type as u32) | (instance << 8))
    }
    pub fn vote_type(self) -> u8 {
        (self.0 & 0xff) as u8
    }
    pub fn instance(self) -> u32 {
        self.0 >> 8
    }
}

impl Pack for VoteId {
    fn pack(&self, out: &mut Vec<u8>) {
        self.0.pack(out)
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        u32::unpack(r).map(VoteId)
    }
}

impl Json for VoteId {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::String(format!("{}:{}", self.vote_type(), self.instance()))
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let s = v
            .as_str()
            .ok_or_else(|| wrong(p, "a vote id string \"type:instance\"", v))?;
        let parsed = s
            .split_once(':')
            .and_then(|(t, i)| Some((t.parse::<u8>().ok()?, i.parse::<u32>().ok()?)));
        match parsed {
            // Any type byte, as python-graphenelib's `VoteId` packs it (and as the
            // bytes carry it): which types a chain knows is the node's check, not the
            // encoding's.
            Some((t, i)) if i < (1 << 24) => Ok(VoteId::new(t, i)),
            _ => Err(invalid(
                p,
                "vote id",
                format!(
                    "`{s}` is not type:instance with a type below 256 and an instance below 2^24"
                ),
            )),
        }
    }
}

/// `internationalized_string_type`: language -> text, sorted by language.
pub type I18n = FlatMap<String, String>;

/// Builds an [`I18n`] from pairs.
pub fn i18n<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> I18n {
    pairs
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fc_struct! {
    /// An amount of an asset (`share_type` amount, asset id).
    pub struct Asset {
        amount: i64,
        asset_id: AssetId,
    }
}

impl Asset {
    /// An amount of the core asset 1.3.0.
    pub fn core(amount: i64) -> Self {
        Asset {
            amount,
            asset_id: Id(0),
        }
    }
}

fc_struct! {
    /// A price: base / quote.
    pub struct Price {
        base: Asset,
        quote: Asset,
    }
}

fc_struct! {
    /// An authority: threshold and weighted accounts, keys and addresses. It has no
    /// extensions on Peerplays (python's `extensions` field is ignored on input).
    pub struct Authority {
        weight_threshold: u32,
        account_auths: FlatMap<AccountId, u16>,
        key_auths: FlatMap<PublicKey, u16>,
        address_auths: FlatMap<Address, u16>,
    }
}

impl Authority {
    /// A one-key authority with threshold 1.
    pub fn single_key(key: PublicKey) -> Self {
        Authority {
            weight_threshold: 1,
            account_auths: FlatMap::default(),
            key_auths: FlatMap::new(vec![(key, 1)]),
            address_auths: FlatMap::default(),
        }
    }
}

fc_struct! {
    /// Account options (memo key, voting).
    pub struct AccountOptions {
        memo_key: PublicKey,
        voting_account: AccountId,
        num_witness: u16,
        num_committee: u16,
        votes: FlatSet<VoteId>,
        extensions: super::codec::Extensions,
    }
}

fc_struct! {
    /// An encrypted memo.
    pub struct Memo {
        from: PublicKey,
        to: PublicKey,
        nonce: u64,
        message: super::codec::Bytes,
    }
}

fc_enum! {
    /// Event status.
    pub enum EventStatus as "event status" {
        Upcoming = "upcoming",
        InProgress = "in_progress",
        Frozen = "frozen",
        Finished = "finished",
        Canceled = "canceled",
        Settled = "settled",
    }
}

fc_enum! {
    /// Betting market group status.
    pub enum BettingMarketGroupStatus as "betting market group status" {
        Upcoming = "upcoming",
        InPlay = "in_play",
        Closed = "closed",
        Graded = "graded",
        ReGrading = "re_grading",
        Settled = "settled",
        Frozen = "frozen",
        Canceled = "canceled",
    }
}

fc_enum! {
    /// Betting market status (objects only).
    pub enum BettingMarketStatus as "betting market status" {
        Unresolved = "unresolved",
        Frozen = "frozen",
        Graded = "graded",
        Canceled = "canceled",
        Settled = "settled",
    }
}

fc_enum! {
    /// How a betting market is resolved.
    pub enum BettingMarketResolution as "betting market resolution" {
        Win = "win",
        NotWin = "not_win",
        Cancel = "cancel",
    }
}

fc_enum! {
    /// Back or lay.
    pub enum BetType as "bet type" {
        Back = "back",
        Lay = "lay",
    }
}

fc_enum! {
    /// Rock-paper-scissors(-spock-lizard) gestures.
    pub enum RpsGesture as "gesture" {
        Rock = "rock",
        Paper = "paper",
        Scissors = "scissors",
        Spock = "spock",
        Lizard = "lizard",
    }
}

fc_struct! {
    /// Asset options.
    pub struct AssetOptions {
        max_supply: i64,
        market_fee_percent: u16,
        max_market_fee: i64,
        issuer_permissions: u16,
        flags: u16,
        core_exchange_rate: Price,
        whitelist_authorities: FlatSet<AccountId>,
        blacklist_authorities: FlatSet<AccountId>,
        whitelist_markets: FlatSet<AssetId>,
        blacklist_markets: FlatSet<AssetId>,
        description: String,
        extensions: super::codec::Extensions,
    }
}

fc_struct! {
    /// Market-issued asset options.
    pub struct BitassetOptions {
        feed_lifetime_sec: u32,
        minimum_feeds: u8,
        force_settlement_delay_sec: u32,
        force_settlement_offset_percent: u16,
        maximum_force_settlement_volume: u16,
        short_backing_asset: AssetId,
        extensions: super::codec::Extensions,
    }
}

fc_struct! {
    /// Rock-paper-scissors game options.
    pub struct RpsGameOptions {
        insurance_enabled: bool,
        time_per_commit_move: u32,
        time_per_reveal_move: u32,
        number_of_gestures: u8,
    }
}

fc_struct! {
    /// Commit move.
    pub struct RpsThrowCommit {
        nonce1: u64,
        throw_hash: super::codec::Sha256,
    }
}

fc_struct! {
    /// Reveal move.
    pub struct RpsThrowReveal {
        nonce2: u64,
        gesture: RpsGesture,
    }
}

/// Declares a `static_variant` of structs: `[which, {...}]` in JSON.
macro_rules! static_variant {
    ($(#[$meta:meta])* pub enum $name:ident { $( $idx:literal => $var:ident($ty:ty) ),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum $name { $( $var($ty), )* }

        impl Pack for $name {
            fn pack(&self, out: &mut Vec<u8>) {
                match self { $( $name::$var(x) => { super::codec::write_varint(out, $idx); x.pack(out) } )* }
            }
            fn unpack(r: &mut Reader<'_>) -> Result<Self> {
                let at = r.position();
                match r.varint(stringify!($name))? {
                    $( $idx => Ok($name::$var(<$ty>::unpack(r)?)), )*
                    n => Err(r.bad_at(at, stringify!($name), format!("variant {n} is unknown"))),
                }
            }
        }

        impl Json for $name {
            fn to_json(&self, cx: &JsonCx) -> Value {
                match self { $( $name::$var(x) => Value::Array(vec![Value::from($idx), x.to_json(cx)]), )* }
            }
            fn from_json(v: &Value, p: &Path) -> Result<Self> {
                let [which, body] = v.as_array().map(Vec::as_slice).and_then(|a| <&[Value; 2]>::try_from(a).ok())
                    .ok_or_else(|| wrong(p, "a [variant, {...}] pair", v))?;
                let bp = p.index(1);
                match u64::from_json(which, &p.index(0))? {
                    $( $idx => Ok($name::$var(<$ty>::from_json(body, &bp)?)), )*
                    n => Err(invalid(&p.index(0), "variant", format!("{n} is unknown"))),
                }
            }
        }
    };
}

static_variant! {
    /// Tournament game options.
    pub enum GameSpecificOptions { 0 => Rps(RpsGameOptions) }
}

static_variant! {
    /// A game move.
    pub enum GameSpecificMoves { 0 => Commit(RpsThrowCommit), 1 => Reveal(RpsThrowReveal) }
}

/// An `fc::variant_object`; only the empty one is supported (tournament `meta`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct EmptyVariantObject;

impl Pack for EmptyVariantObject {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(0);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let at = r.position();
        match r.varint("variant object")? {
            0 => Ok(EmptyVariantObject),
            _ => Err(r.bad_at(
                at,
                "variant object",
                "only an empty variant object is supported",
            )),
        }
    }
}

impl Json for EmptyVariantObject {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::Object(Default::default())
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        match v {
            Value::Object(o) if o.is_empty() => Ok(EmptyVariantObject),
            Value::Null => Ok(EmptyVariantObject),
            _ => Err(invalid(
                p,
                "variant object",
                "only an empty object {} is supported",
            )),
        }
    }
    fn take_field(obj: &serde_json::Map<String, Value>, key: &str, p: &Path) -> Result<Self> {
        obj.get(key).map_or(Ok(EmptyVariantObject), |v| {
            Self::from_json(v, &p.field(key))
        })
    }
}

fc_struct! {
    /// Tournament options.
    pub struct TournamentOptions {
        registration_deadline: TimePointSec,
        number_of_players: u32,
        buy_in: Asset,
        whitelist: FlatSet<AccountId>,
        start_time: Option<TimePointSec>,
        start_delay: Option<u32>,
        round_delay: u32,
        number_of_wins: u32,
        meta: EmptyVariantObject,
        game_options: GameSpecificOptions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `fuzz_transaction_hex_and_json`: a mutated transaction carried vote
    /// type 4, which decoded from bytes but whose JSON (`"4:2"`) did not read back.
    /// Both forms now take any type byte, as python-graphenelib does.
    #[test]
    fn vote_ids_of_any_type_read_back_from_bytes_and_json() {
        let cx = JsonCx::default();
        for t in [0u8, 3, 4, 5, 255] {
            let bytes = VoteId::new(t, 2).0.to_le_bytes();
            let mut r = Reader::new(&bytes);
            let v = VoteId::unpack(&mut r).unwrap();
            assert_eq!((v.vote_type(), v.instance()), (t, 2));
            assert_eq!(v.to_json(&cx), Value::String(format!("{t}:2")));
            assert_eq!(VoteId::from_json(&v.to_json(&cx), &Path::ROOT).unwrap(), v);
        }
        for bad in ["256:2", "1:16777216", "1", "a:b", "-1:2"] {
            let json = Value::String(bad.into());
            assert!(VoteId::from_json(&json, &Path::ROOT).is_err(), "{bad}");
        }
    }
}
