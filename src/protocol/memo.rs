//! Transfer memos: encrypted to the receiver's memo key, as graphene wallets and
//! python-peerplays (`graphenebase/memo.py`) do.
//!
//! S is the X coordinate of `to_public × from_private` (32 bytes, so either side can
//! compute it); the seed is sha512(decimal nonce ‖ lowercase hex of sha512(S)); AES-256-CBC
//! with key seed[0..32] and IV seed[32..48]; the plaintext is sha256(message)[0..4] ‖ the
//! UTF-8 message, PKCS#7-padded to 16 bytes.

use aes::cipher::{generic_array::GenericArray, BlockDecrypt, BlockEncrypt, KeyInit};
use aes::Aes256;
use zeroize::Zeroizing;

use super::codec::Bytes;
use super::hash::{sha256, sha512};
use super::keys::{PrivateKey, PublicKey};
use super::types::Memo;

/// Why a memo could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MemoError {
    #[error("the memo's public key is not a valid point")]
    BadKey,
    #[error("the memo is not a whole number of 16-byte blocks ({0} bytes)")]
    Length(usize),
    #[error("the memo does not decrypt with this key (wrong key, or not a memo for it)")]
    WrongKey,
    #[error("the memo's text is not UTF-8")]
    NotText,
    #[error("no random nonce: the system's random source failed")]
    NoRandom,
}

/// The AES key and IV of a memo between `key` and `other` with `nonce`.
fn cipher(
    key: &PrivateKey,
    other: &PublicKey,
    nonce: u64,
) -> Result<(Aes256, Zeroizing<[u8; 16]>), MemoError> {
    let point = secp256k1::PublicKey::from_slice(&other.0).map_err(|_| MemoError::BadKey)?;
    let xy = Zeroizing::new(secp256k1::ecdh::shared_secret_point(&point, key.secret()));
    let ss = Zeroizing::new(sha512(&xy[..32]));
    let mut seed = Zeroizing::new(nonce.to_string().into_bytes());
    seed.extend_from_slice(hex::encode(&ss[..]).as_bytes());
    let d = Zeroizing::new(sha512(&seed));
    let mut iv = Zeroizing::new([0u8; 16]);
    iv.copy_from_slice(&d[32..48]);
    Ok((Aes256::new(GenericArray::from_slice(&d[..32])), iv))
}

/// Encrypts `message` from the holder of `from` to the holder of `to`'s private key.
pub fn encrypt(
    from: &PrivateKey,
    to: &PublicKey,
    nonce: u64,
    message: &str,
) -> Result<Vec<u8>, MemoError> {
    let (aes, iv) = cipher(from, to, nonce)?;
    let mut plain = Zeroizing::new(sha256(message.as_bytes())[..4].to_vec());
    plain.extend_from_slice(message.as_bytes());
    let pad = 16 - plain.len() % 16;
    plain.extend(std::iter::repeat_n(pad as u8, pad));
    let mut out = Vec::with_capacity(plain.len());
    let mut prev = *iv;
    for chunk in plain.chunks_exact(16) {
        let mut block = GenericArray::clone_from_slice(chunk);
        for (b, p) in block.iter_mut().zip(prev.iter()) {
            *b ^= p;
        }
        aes.encrypt_block(&mut block);
        prev.copy_from_slice(&block);
        out.extend_from_slice(&block);
    }
    Ok(out)
}

/// Decrypts a memo's message with one side's private key and the other side's public
/// key; the checksum and the padding must hold.
pub fn decrypt(
    key: &PrivateKey,
    other: &PublicKey,
    nonce: u64,
    message: &[u8],
) -> Result<String, MemoError> {
    if message.is_empty() || message.len() % 16 != 0 {
        return Err(MemoError::Length(message.len()));
    }
    let (aes, iv) = cipher(key, other, nonce)?;
    let mut plain = Zeroizing::new(Vec::with_capacity(message.len()));
    let mut prev = *iv;
    for chunk in message.chunks_exact(16) {
        let mut block = GenericArray::clone_from_slice(chunk);
        aes.decrypt_block(&mut block);
        for (b, p) in block.iter_mut().zip(prev.iter()) {
            *b ^= p;
        }
        plain.extend_from_slice(&block);
        prev.copy_from_slice(chunk);
    }
    let pad = usize::from(*plain.last().unwrap_or(&0));
    let body_len = plain
        .len()
        .checked_sub(pad)
        .filter(|_| (1..=16).contains(&pad));
    let Some(body_len) = body_len.filter(|&n| n >= 4) else {
        return Err(MemoError::WrongKey);
    };
    if plain[body_len..].iter().any(|&b| usize::from(b) != pad) {
        return Err(MemoError::WrongKey);
    }
    let (check, text) = plain[..body_len].split_at(4);
    if sha256(text)[..4] != *check {
        return Err(MemoError::WrongKey);
    }
    String::from_utf8(text.to_vec()).map_err(|_| MemoError::NotText)
}

/// A transfer's memo of `message` from the `from` memo key to the `to` memo key, with a
/// random nonce (python-peerplays draws 64 random bits too).
pub fn memo(from: &PrivateKey, to: &PublicKey, message: &str) -> Result<Memo, MemoError> {
    let mut n = [0u8; 8];
    getrandom::getrandom(&mut n).map_err(|_| MemoError::NoRandom)?;
    let nonce = u64::from_le_bytes(n);
    Ok(Memo {
        from: from.public_key(),
        to: *to,
        nonce,
        message: Bytes(encrypt(from, to, nonce, message)?),
    })
}

/// Reads a memo with a private key of either side (the sender's or the receiver's).
pub fn read(m: &Memo, key: &PrivateKey) -> Result<String, MemoError> {
    let mine = key.public_key();
    let other = if mine == m.from { &m.to } else { &m.from };
    decrypt(key, other, m.nonce, &m.message.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> PrivateKey {
        PrivateKey::from_bytes(&[n; 32]).unwrap()
    }

    #[test]
    fn either_side_reads_what_the_other_wrote() {
        let a = key(1);
        let b = key(2);
        for text in [
            "",
            "hi",
            "exactly twelve",
            "ünïcödé and a longer text than one block",
        ] {
            let m = memo(&a, &b.public_key(), text).unwrap();
            assert_eq!(m.message.0.len() % 16, 0);
            assert_eq!(read(&m, &b).unwrap(), text);
            assert_eq!(read(&m, &a).unwrap(), text);
            let c = key(3);
            assert_eq!(read(&m, &c), Err(MemoError::WrongKey));
        }
    }

    #[test]
    fn the_nonce_is_the_decimal_text_in_the_seed() {
        let a = key(1);
        let b = key(2);
        let x = encrypt(&a, &b.public_key(), 1, "same").unwrap();
        let y = encrypt(&a, &b.public_key(), 2, "same").unwrap();
        assert_ne!(x, y);
        assert_eq!(decrypt(&b, &a.public_key(), 1, &x).unwrap(), "same");
        assert!(decrypt(&b, &a.public_key(), 2, &x).is_err());
        assert_eq!(
            decrypt(&b, &a.public_key(), 1, &x[..15]),
            Err(MemoError::Length(15))
        );
    }

    /// The upstream graphene memo (python-graphenelib's test_Transfer): the test key
    /// reads it, with its checksum and padding intact, and writing the same text with
    /// the same nonce gives the same bytes.
    #[test]
    fn reads_the_upstream_memo() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/vectors/upstream_tx_vectors.json"
        );
        let d: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let k = PrivateKey::from_wif(d["wif"].as_str().unwrap()).unwrap();
        let v = d["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["test"] == "test_Transfer")
            .unwrap();
        let m = &v["op_json"][1]["memo"];
        let public = PublicKey::parse_with_prefix(m["from"].as_str().unwrap())
            .unwrap()
            .0;
        assert_eq!(public, k.public_key());
        let text = decrypt(
            &k,
            &public,
            m["nonce"].as_u64().unwrap(),
            &hex::decode(m["message"].as_str().unwrap()).unwrap(),
        )
        .unwrap();
        assert_eq!(text, "abcdefgABCDEFG0123456789");
        let again = encrypt(&k, &public, m["nonce"].as_u64().unwrap(), &text).unwrap();
        assert_eq!(hex::encode(again), m["message"].as_str().unwrap());
    }
}
