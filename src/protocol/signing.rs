//! Canonical compact secp256k1 signatures over transaction digests, and recovery.
//!
//! The node accepts only canonical signatures (r and s each with a minimal
//! 32-byte DER encoding). libsecp256k1's RFC 6979 nonce gives one signature per
//! (key, digest); when it is not canonical we sign again with the attempt counter
//! as extra entropy, so the result stays deterministic.

use secp256k1::ecdsa::{RecoverableSignature, RecoveryId};
use secp256k1::Message;

use super::error::{Error, Result};
use super::keys::{PrivateKey, PublicKey, SECP};

/// A 65-byte compact signature: header (31..34) ‖ r ‖ s.
pub type CompactSignature = [u8; 65];

/// True when r and s both have a minimal 32-byte DER encoding (fc `is_canonical`).
pub fn is_canonical(sig: &CompactSignature) -> bool {
    let c = sig;
    (c[1] & 0x80) == 0
        && !(c[1] == 0 && (c[2] & 0x80) == 0)
        && (c[33] & 0x80) == 0
        && !(c[33] == 0 && (c[34] & 0x80) == 0)
}

/// Signs a 32-byte digest, retrying until the signature is canonical.
pub fn sign_digest(digest: &[u8; 32], key: &PrivateKey) -> CompactSignature {
    let msg = Message::from_digest(*digest);
    let mut attempt: u32 = 0;
    loop {
        let sig = if attempt == 0 {
            SECP.sign_ecdsa_recoverable(&msg, key.secret())
        } else {
            let mut extra = [0u8; 32];
            extra[..4].copy_from_slice(&attempt.to_le_bytes());
            SECP.sign_ecdsa_recoverable_with_noncedata(&msg, key.secret(), &extra)
        };
        let out = to_compact(&sig);
        if is_canonical(&out) {
            return out;
        }
        attempt += 1;
    }
}

fn to_compact(sig: &RecoverableSignature) -> CompactSignature {
    let (recid, rs) = sig.serialize_compact();
    let mut out = [0u8; 65];
    out[0] = 27 + 4 + recid.to_i32() as u8;
    out[1..].copy_from_slice(&rs);
    out
}

/// Recovers the public key that made `sig` over `digest` (the node's rule:
/// recovery id = (header - 27) & 3).
pub fn recover(digest: &[u8; 32], sig: &CompactSignature) -> Result<PublicKey> {
    let bad = |reason: &str| Error::Signature {
        at: String::new(),
        reason: reason.to_string(),
    };
    if sig[0] < 27 {
        return Err(bad("header byte is below 27"));
    }
    let recid =
        RecoveryId::from_i32(((sig[0] - 27) & 3) as i32).map_err(|_| bad("bad recovery id"))?;
    let rs = RecoverableSignature::from_compact(&sig[1..], recid)
        .map_err(|_| bad("r or s is out of range"))?;
    let pk = SECP
        .recover_ecdsa(&Message::from_digest(*digest), &rs)
        .map_err(|_| bad("no public key recovers from it"))?;
    Ok(PublicKey(pk.serialize()))
}

/// Checks that `sig` is a valid signature of `key` over `digest`.
pub fn verify(digest: &[u8; 32], sig: &CompactSignature, key: &PublicKey) -> bool {
    recover(digest, sig).map(|k| k == *key).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn sign_recover_many() {
        let key = PrivateKey::from_seed(b"signing");
        for i in 0u32..64 {
            let digest = super::super::hash::sha256(&i.to_le_bytes());
            let sig = sign_digest(&digest, &key);
            assert!(is_canonical(&sig));
            assert_eq!(sig, sign_digest(&digest, &key), "deterministic");
            assert_eq!(recover(&digest, &sig).unwrap(), key.public_key());
        }
        assert!(recover(&[0u8; 32], &[0u8; 65]).is_err());
    }
}
