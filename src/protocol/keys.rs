//! Private keys (WIF), public keys with any prefix, graphene addresses, and the
//! key derivations witnesses use: graphene password keys, BookiePro password keys,
//! brain keys, and new keys from a BIP39 mnemonic.
//!
//! Private key bytes are wiped when a [`PrivateKey`] is dropped; no `Debug` or
//! `Display` output of a private key ever shows the secret.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use secp256k1::{All, Secp256k1, SecretKey};
use zeroize::{Zeroize, Zeroizing};

use super::error::{Error, Result};
use super::hash::{ripemd160, sha256, sha256d, sha512};

/// The shared secp256k1 context (signing and verification).
pub(crate) static SECP: LazyLock<Secp256k1<All>> = LazyLock::new(Secp256k1::new);

/// The prefix used when none is given (Peerplays mainnet).
pub const DEFAULT_PREFIX: &str = "PPY";

/// Checks that a key prefix is made of ASCII letters (PPY, TEST, GPH, PPYTEST...).
pub fn check_prefix(prefix: &str) -> Result<()> {
    if prefix.is_empty() || prefix.len() > 16 || !prefix.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::key(
            "prefix",
            format!("`{prefix}` must be 1-16 ASCII letters, such as PPY or TEST"),
        ));
    }
    Ok(())
}

/// A secp256k1 private key.
pub struct PrivateKey {
    secret: SecretKey,
    /// Its public key, computed the first time it is asked for (a point
    /// multiplication, as dear as a signature: a sender matching keys to a
    /// transaction's signers asks for it on every transaction).
    public: std::sync::OnceLock<PublicKey>,
}

impl Drop for PrivateKey {
    fn drop(&mut self) {
        self.secret.non_secure_erase();
    }
}

impl Clone for PrivateKey {
    fn clone(&self) -> Self {
        PrivateKey {
            secret: self.secret,
            public: self.public.clone(),
        }
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({})", self.public_key())
    }
}

impl PartialEq for PrivateKey {
    fn eq(&self, other: &Self) -> bool {
        self.secret == other.secret
    }
}
impl Eq for PrivateKey {}

impl PrivateKey {
    /// A key from 32 secret bytes (fails for zero or values not below the curve order).
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self> {
        SecretKey::from_slice(bytes)
            .map(|secret| PrivateKey {
                secret,
                public: std::sync::OnceLock::new(),
            })
            .map_err(|_| {
                Error::key(
                    "private key",
                    "the secret is zero or not below the curve order",
                )
            })
    }

    /// A new random key from the operating system's random source.
    pub fn random() -> Result<Self> {
        loop {
            let mut bytes = Zeroizing::new([0u8; 32]);
            getrandom::getrandom(bytes.as_mut())
                .map_err(|e| Error::key("private key", format!("no random source: {e}")))?;
            if let Ok(k) = Self::from_bytes(&bytes) {
                return Ok(k);
            }
        }
    }

    /// A key whose secret is sha256 of `seed` (the derivation every scheme ends with).
    pub fn from_seed(seed: &[u8]) -> Self {
        let digest = Zeroizing::new(sha256(seed));
        // sha256 output is zero or >= n with probability ~2^-128.
        Self::from_bytes(&digest).expect("sha256 output is a valid secret")
    }

    /// Parses a WIF (`5...`, checksum checked), a compressed WIF (`K...`/`L...`),
    /// or 64 hex characters of raw secret (as python-peerplays accepts).
    pub fn from_wif(text: &str) -> Result<Self> {
        let text = text.trim();
        if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            let mut bytes = Zeroizing::new([0u8; 32]);
            hex::decode_to_slice(text, bytes.as_mut())
                .map_err(|e| Error::key("private key", e.to_string()))?;
            return Self::from_bytes(&bytes);
        }
        let raw = Zeroizing::new(
            bs58::decode(text)
                .into_vec()
                .map_err(|e| Error::key("WIF", format!("not base58: {e}")))?,
        );
        let body_len = match raw.len() {
            37 => 33,
            38 if raw[33] == 0x01 => 34,
            n => {
                return Err(Error::key(
                    "WIF",
                    format!("decodes to {n} bytes, expected 37 (or 38 for a compressed WIF)"),
                ))
            }
        };
        let (body, checksum) = raw.split_at(body_len);
        if sha256d(body)[..4] != checksum[..4] {
            return Err(Error::key("WIF", "checksum mismatch"));
        }
        if body[0] != 0x80 {
            return Err(Error::key(
                "WIF",
                format!("version byte is 0x{:02x}, expected 0x80", body[0]),
            ));
        }
        let mut secret = Zeroizing::new([0u8; 32]);
        secret.copy_from_slice(&body[1..33]);
        Self::from_bytes(&secret)
    }

    /// The WIF text (`5...`, uncompressed form as python-peerplays and cli_wallet write it).
    /// The returned string is wiped when dropped.
    pub fn to_wif(&self) -> Zeroizing<String> {
        let mut buf = Zeroizing::new([0u8; 37]);
        buf[0] = 0x80;
        buf[1..33].copy_from_slice(&self.secret.secret_bytes());
        let check = sha256d(&buf[..33]);
        buf[33..].copy_from_slice(&check[..4]);
        Zeroizing::new(bs58::encode(buf.as_ref()).into_string())
    }

    /// The 32 secret bytes, wiped when dropped.
    pub fn secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.secret.secret_bytes())
    }

    /// The public key.
    pub fn public_key(&self) -> PublicKey {
        *self.public.get_or_init(|| {
            PublicKey(secp256k1::PublicKey::from_secret_key(&SECP, &self.secret).serialize())
        })
    }

    pub(crate) fn secret(&self) -> &SecretKey {
        &self.secret
    }
}

impl FromStr for PrivateKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::from_wif(s)
    }
}

/// A compressed secp256k1 public key (33 bytes). The text prefix is not part of the key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(pub [u8; 33]);

impl PublicKey {
    /// Parses `PREFIX` + base58 with any letters-only prefix, or 66 hex characters
    /// (compressed) or 130 hex characters starting with `04` (uncompressed).
    pub fn parse(text: &str) -> Result<Self> {
        Self::parse_with_prefix(text).map(|(k, _)| k)
    }

    /// Like [`PublicKey::parse`], also returning the prefix the text carried (empty for hex).
    pub fn parse_with_prefix(text: &str) -> Result<(Self, String)> {
        let text = text.trim();
        if text.bytes().all(|b| b.is_ascii_hexdigit()) && (text.len() == 66 || text.len() == 130) {
            let bytes = hex::decode(text).map_err(|e| Error::key("public key", e.to_string()))?;
            return Ok((Self::from_sec1(&bytes)?, String::new()));
        }
        // PREFIX (letters) + base58(key33 ‖ ripemd160(key33)[0..4]). The body of a real
        // key is 50 characters, but a key with leading zero bytes (the all-zero key
        // python's tests use) is shorter, so every split is tried.
        for split in 1..text.len().min(17) {
            // Only ASCII letters before `split`, so it is a char boundary.
            if !text.as_bytes()[split - 1].is_ascii_alphabetic() {
                break;
            }
            let body = &text[split..];
            let prefix = &text[..split];
            let Ok(raw) = bs58::decode(body).into_vec() else {
                continue;
            };
            if raw.len() == 37 && ripemd160(&raw[..33])[..4] == raw[33..] {
                let mut k = [0u8; 33];
                k.copy_from_slice(&raw[..33]);
                return Ok((PublicKey(k), prefix.to_string()));
            }
        }
        let (prefix, body) = text.split_at(
            text.find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(text.len()),
        );
        if prefix.is_empty() {
            return Err(Error::key(
                "public key",
                format!(
                    "`{}` has no prefix (expected e.g. PPY or TEST)",
                    shorten(text)
                ),
            ));
        }
        match bs58::decode(body).into_vec() {
            Err(e) => Err(Error::key("public key", format!("not base58: {e}"))),
            Ok(raw) if raw.len() != 37 => Err(Error::key(
                "public key",
                format!("body decodes to {} bytes, expected 37", raw.len()),
            )),
            Ok(_) => Err(Error::key("public key", "checksum mismatch")),
        }
    }

    /// True when the bytes are a point on secp256k1 (text parsing only checks the
    /// checksum, as the node does, so that placeholder keys still encode).
    pub fn is_valid_point(&self) -> bool {
        secp256k1::PublicKey::from_slice(&self.0).is_ok()
    }

    /// From SEC1 bytes (33 compressed or 65 uncompressed), checked to be on the curve.
    pub fn from_sec1(bytes: &[u8]) -> Result<Self> {
        let pk = secp256k1::PublicKey::from_slice(bytes)
            .map_err(|_| Error::key("public key", "not a point on secp256k1"))?;
        Ok(PublicKey(pk.serialize()))
    }

    /// Text form with the given prefix.
    pub fn to_string_with_prefix(&self, prefix: &str) -> String {
        let mut buf = [0u8; 37];
        buf[..33].copy_from_slice(&self.0);
        buf[33..].copy_from_slice(&ripemd160(&self.0)[..4]);
        let mut s = String::with_capacity(prefix.len() + 50);
        s.push_str(prefix);
        s.push_str(&bs58::encode(buf).into_string());
        s
    }

    /// The 65-byte uncompressed SEC1 form.
    pub fn uncompressed(&self) -> [u8; 65] {
        secp256k1::PublicKey::from_slice(&self.0)
            .map(|k| k.serialize_uncompressed())
            .unwrap_or([0u8; 65])
    }

    /// The graphene address: ripemd160(sha512(key33)). Sets of keys are ordered by it.
    pub fn address(&self) -> Address {
        Address(ripemd160(&sha512(&self.0)))
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_with_prefix(DEFAULT_PREFIX))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

impl FromStr for PublicKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl PartialOrd for PublicKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Keys order as the node orders them: by their graphene address.
impl Ord for PublicKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.address()
            .0
            .cmp(&other.address().0)
            .then(self.0.cmp(&other.0))
    }
}

/// A graphene address: 20 bytes, ripemd160(sha512(compressed key)).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address(pub [u8; 20]);

impl Address {
    /// Text form: PREFIX + base58(addr20 ‖ ripemd160(addr20)[0..4]).
    pub fn to_string_with_prefix(&self, prefix: &str) -> String {
        let mut buf = [0u8; 24];
        buf[..20].copy_from_slice(&self.0);
        buf[20..].copy_from_slice(&ripemd160(&self.0)[..4]);
        format!("{prefix}{}", bs58::encode(buf).into_string())
    }

    /// Parses PREFIX + base58 with any letters-only prefix.
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        for split in 1..text.len().min(17) {
            if !text.as_bytes()[split - 1].is_ascii_alphabetic() {
                break;
            }
            let Ok(raw) = bs58::decode(&text[split..]).into_vec() else {
                continue;
            };
            if raw.len() == 24 && ripemd160(&raw[..20])[..4] == raw[20..] {
                let mut a = [0u8; 20];
                a.copy_from_slice(&raw[..20]);
                return Ok(Address(a));
            }
        }
        Err(Error::key(
            "address",
            format!(
                "`{}` is not PREFIX + base58 of 20 bytes with a valid checksum",
                shorten(text)
            ),
        ))
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_with_prefix(DEFAULT_PREFIX))
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Address({self})")
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 20 {
        let head: String = s.chars().take(12).collect();
        format!("{head}…")
    } else {
        s.to_string()
    }
}

/// The account roles whose keys can be derived from a password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Owner,
    Active,
    Memo,
}

impl Role {
    /// The role's name as it enters the seed.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Active => "active",
            Role::Memo => "memo",
        }
    }
}

/// How a password becomes a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordScheme {
    /// graphenelib `PasswordKey` and the BitShares-style wallets: sha256(account ‖ role ‖ password).
    Graphene,
    /// BookiePro and peerplaysjs-lib: sha256(normalize(password ‖ account ‖ role)).
    BookiePro,
}

/// The shortest password peerplaysjs-lib (and so BookiePro) accepts.
pub const BOOKIEPRO_MIN_PASSWORD: usize = 12;

/// Derives an account's role key from its password.
pub fn password_key(
    account: &str,
    role: Role,
    password: &str,
    scheme: PasswordScheme,
) -> Result<PrivateKey> {
    let seed = match scheme {
        PasswordScheme::Graphene => {
            let mut s = Zeroizing::new(String::with_capacity(account.len() + 6 + password.len()));
            s.push_str(account);
            s.push_str(role.as_str());
            s.push_str(password);
            s
        }
        PasswordScheme::BookiePro => {
            if password.chars().count() < BOOKIEPRO_MIN_PASSWORD {
                return Err(Error::key(
                    "password",
                    format!(
                        "BookiePro/peerplaysjs passwords have at least {BOOKIEPRO_MIN_PASSWORD} characters"
                    ),
                ));
            }
            let mut joined = Zeroizing::new(String::new());
            joined.push_str(password);
            joined.push_str(account);
            joined.push_str(role.as_str());
            collapse_whitespace(&joined)
        }
    };
    Ok(PrivateKey::from_seed(seed.as_bytes()))
}

fn is_graphene_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

/// Trims and collapses each run of space, tab, LF, VT, FF, CR into one space.
fn collapse_whitespace(text: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    for word in text.split(is_graphene_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// How a brain key is normalized before hashing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrainKeyCase {
    /// Upper-case the words, as cli_wallet's `normalize_brain_key` does.
    CliWallet,
    /// Keep the case, as graphenelib's `BrainKey` does.
    Graphenelib,
}

/// The normalized brain-key text: whitespace collapsed, ends trimmed, and upper-cased
/// for [`BrainKeyCase::CliWallet`].
pub fn normalize_brain_key(text: &str, case: BrainKeyCase) -> Zeroizing<String> {
    let mut n = collapse_whitespace(text);
    if case == BrainKeyCase::CliWallet {
        let upper = Zeroizing::new(n.to_uppercase());
        n.zeroize();
        return upper;
    }
    n
}

/// Brain key number `sequence`: sha256(sha512(normalized ‖ " " ‖ sequence)).
pub fn brain_key(text: &str, sequence: u32, case: BrainKeyCase) -> PrivateKey {
    let normalized = normalize_brain_key(text, case);
    let mut seed = Zeroizing::new(format!("{} {sequence}", normalized.as_str()));
    let inner = Zeroizing::new(sha512(seed.as_bytes()));
    seed.zeroize();
    PrivateKey::from_seed(inner.as_ref())
}

/// graphenelib's `get_blind_private`: sha256(normalized).
pub fn brain_key_blind(text: &str, case: BrainKeyCase) -> PrivateKey {
    PrivateKey::from_seed(normalize_brain_key(text, case).as_bytes())
}

/// A fresh BIP39 mnemonic (English) and the key it gives.
///
/// The BIP39 words (and their checksum) come from the `bip39` crate. The words are
/// then used as brain-key text with the graphene derivation (upper-cased, sequence 0,
/// as cli_wallet does), so `cli_wallet`'s `normalize_brain_key` + `derive_private_key`
/// give the same key from them. BIP32 seeds and paths are not used: nothing in the
/// Peerplays tools derives keys that way.
pub struct Mnemonic {
    /// The words, space-separated, lower case as BIP39 writes them.
    pub phrase: Zeroizing<String>,
    /// The key (brain key sequence 0 of the upper-cased words).
    pub key: PrivateKey,
}

/// Generates a mnemonic of 12, 15, 18, 21 or 24 words.
pub fn new_mnemonic(words: usize) -> Result<Mnemonic> {
    let entropy_len = match words {
        12 => 16,
        15 => 20,
        18 => 24,
        21 => 28,
        24 => 32,
        n => {
            return Err(Error::key(
                "mnemonic",
                format!("{n} words is not a BIP39 length (12, 15, 18, 21 or 24)"),
            ))
        }
    };
    let mut entropy = Zeroizing::new([0u8; 32]);
    getrandom::getrandom(&mut entropy[..entropy_len])
        .map_err(|e| Error::key("mnemonic", format!("no random source: {e}")))?;
    let m = bip39::Mnemonic::from_entropy(&entropy[..entropy_len])
        .map_err(|e| Error::key("mnemonic", e.to_string()))?;
    let phrase = Zeroizing::new(m.to_string());
    let key = mnemonic_key(&phrase)?;
    Ok(Mnemonic { phrase, key })
}

/// The key of an existing BIP39 mnemonic (its checksum is verified).
pub fn mnemonic_key(phrase: &str) -> Result<PrivateKey> {
    let normalized = collapse_whitespace(&phrase.to_lowercase());
    bip39::Mnemonic::parse_in(bip39::Language::English, normalized.as_str())
        .map_err(|e| Error::key("mnemonic", e.to_string()))?;
    Ok(brain_key(&normalized, 0, BrainKeyCase::CliWallet))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wif_roundtrip_and_checksum() {
        let k = PrivateKey::from_seed(b"x");
        let wif = k.to_wif();
        assert_eq!(PrivateKey::from_wif(&wif).unwrap(), k);
        let mut bad = wif.to_string();
        bad.pop();
        bad.push(if wif.ends_with('1') { '2' } else { '1' });
        assert!(PrivateKey::from_wif(&bad).is_err());
    }

    #[test]
    fn debug_hides_secret() {
        let k = PrivateKey::from_seed(b"secret");
        let dbg = format!("{k:?}");
        assert!(!dbg.contains(k.to_wif().as_str()));
        assert!(dbg.contains("PPY"));
    }

    #[test]
    fn mnemonic_is_brain_key_of_upper_words() {
        let m = new_mnemonic(12).unwrap();
        assert_eq!(m.phrase.split(' ').count(), 12);
        let again = brain_key(&m.phrase.to_uppercase(), 0, BrainKeyCase::Graphenelib);
        assert_eq!(again, m.key);
        assert!(mnemonic_key("abandon abandon abandon").is_err());
    }

    #[test]
    fn prefixes() {
        let k = PrivateKey::from_seed(b"p").public_key();
        for p in ["PPY", "TEST", "GPH", "PPYTEST"] {
            let (k2, p2) = PublicKey::parse_with_prefix(&k.to_string_with_prefix(p)).unwrap();
            assert_eq!((k2, p2.as_str()), (k, p));
            let a = k.address();
            assert_eq!(Address::parse(&a.to_string_with_prefix(p)).unwrap(), a);
        }
        assert!(PublicKey::parse("PPY").is_err());
        assert!(PublicKey::parse("").is_err());
        assert!(PublicKey::parse("ééééééééééééééééééééééééééééééééééééééééééééééééééééé").is_err());
    }
}
