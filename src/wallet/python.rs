//! Reading python-peerplays / uptick wallets (graphenestorage `peerplays.sqlite`).
//!
//! Format (protocol.md §6): `config.encrypted_master_password` = `CCCC$base64(iv ‖ ct)`,
//! AES-256-CBC under sha256(password) of a 64-character hex master string padded to 96
//! bytes; CCCC = the first 4 hex characters of sha256(master). Each `keys` row holds
//! the public key text (any prefix) and the BIP38 (flag 0xC0) encryption of the key
//! with the master string as passphrase. The columns are declared `STRING`, which has
//! NUMERIC affinity, so values may come back as integers or reals.
//!
//! The file is opened read-only and is never changed.

use std::path::{Path, PathBuf};

use aes::cipher::{generic_array::GenericArray, BlockDecrypt, KeyInit};
use aes::Aes256;
use base64::Engine;
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use super::error::{Error, Result};
use crate::protocol::hash::{ripemd160, sha256, sha256d};
use crate::protocol::{PrivateKey, PublicKey};

/// One key read from a python wallet.
pub struct PythonKey {
    /// The `id` of its row.
    pub row: i64,
    /// The public key text as stored (with the network's prefix).
    pub public_key_text: String,
    /// The decrypted private key (checked against `public_key_text`).
    pub key: PrivateKey,
}

/// Reads and decrypts every key of a python-peerplays wallet. All or nothing: a wrong
/// password or any undecryptable row is an error and no key is returned.
pub fn read_keys(path: &Path, password: &str) -> Result<Vec<PythonKey>> {
    let not_wallet = |reason: String| Error::NotPythonWallet {
        path: path.to_path_buf(),
        reason,
    };
    if !path.exists() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_wallet(e.to_string()))?;
    let _ = conn.busy_timeout(std::time::Duration::from_secs(10));

    let stored: Vec<Value> = query_column(
        &conn,
        "SELECT value FROM config WHERE key = 'encrypted_master_password'",
    )
    .map_err(|e| not_wallet(e.to_string()))?;
    let stored = match stored.as_slice() {
        [Value::Text(t)] => t.clone(),
        [] => {
            return Err(not_wallet(
                "no encrypted_master_password in table config".into(),
            ))
        }
        [_] => return Err(not_wallet("encrypted_master_password is not text".into())),
        _ => {
            return Err(not_wallet(
                "more than one encrypted_master_password row".into(),
            ))
        }
    };
    let master = decrypt_master(&stored, password).map_err(|e| match e {
        MasterError::WrongPassword => Error::WrongPythonPassword {
            path: path.to_path_buf(),
        },
        MasterError::Malformed(reason) => {
            not_wallet(format!("encrypted_master_password: {reason}"))
        }
    })?;

    let has_keys: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'keys'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| not_wallet(e.to_string()))?;
    if has_keys == 0 {
        // graphenestorage creates the table when the first key is added.
        return Ok(Vec::new());
    }
    let mut stmt = conn
        .prepare("SELECT id, pub, wif FROM keys ORDER BY id")
        .map_err(|e| not_wallet(e.to_string()))?;
    let rows: Vec<(i64, Value, Value)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(|it| it.collect())
        .map_err(|e| not_wallet(e.to_string()))?;
    let mut out = Vec::with_capacity(rows.len());
    for (row, pub_v, enc_v) in rows {
        let public_key_text = value_text(&pub_v);
        let fail = |reason: String| Error::PythonKey {
            path: path.to_path_buf(),
            row,
            public_key: public_key_text.clone(),
            reason,
        };
        let public = PublicKey::parse(&public_key_text)
            .map_err(|e| fail(format!("the pub column is not a public key: {e}")))?;
        let encrypted = match &enc_v {
            Value::Text(t) => t.as_str(),
            _ => return Err(fail("the wif column is not text".into())),
        };
        let key = if encrypted.starts_with("6P") {
            bip38_decrypt(encrypted, master.as_bytes()).map_err(fail)?
        } else {
            // SqlitePlainKeyStore writes the WIF itself into the same table.
            PrivateKey::from_wif(encrypted)
                .map_err(|_| fail("the wif column is neither BIP38 nor a WIF".into()))?
        };
        if key.public_key() != public {
            return Err(fail(
                "the decrypted key does not belong to the pub column".into(),
            ));
        }
        out.push(PythonKey {
            row,
            public_key_text,
            key,
        });
    }
    Ok(out)
}

fn query_column(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<Value>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, Value>(0))?;
    rows.collect()
}

/// Text of a value read from a `STRING` (NUMERIC affinity) column.
fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
    }
}

/// Why the master record did not open.
#[derive(Debug, PartialEq, Eq)]
pub enum MasterError {
    WrongPassword,
    Malformed(String),
}

/// Decrypts the `CCCC$base64` master record; returns the 64-character master string.
pub fn decrypt_master(stored: &str, password: &str) -> Result<Zeroizing<String>, MasterError> {
    let (checksum, b64) = stored
        .split_once('$')
        .ok_or_else(|| MasterError::Malformed("no `$` separator".into()))?;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|e| MasterError::Malformed(format!("not base64: {e}")))?;
    if raw.len() < 32 || raw.len() % 16 != 0 {
        return Err(MasterError::Malformed(format!(
            "{} bytes of IV and ciphertext, expected 16 + a multiple of 16",
            raw.len()
        )));
    }
    let key = Zeroizing::new(sha256(password.as_bytes()));
    let cipher = Aes256::new(GenericArray::from_slice(key.as_ref()));
    let (iv, ct) = raw.split_at(16);
    let mut plain = Zeroizing::new(Vec::with_capacity(ct.len()));
    let mut prev = [0u8; 16];
    prev.copy_from_slice(iv);
    for chunk in ct.chunks_exact(16) {
        let mut block = GenericArray::clone_from_slice(chunk);
        cipher.decrypt_block(&mut block);
        for (b, p) in block.iter_mut().zip(prev.iter()) {
            *b ^= p;
        }
        plain.extend_from_slice(&block);
        block.iter_mut().for_each(|b| *b = 0);
        prev.copy_from_slice(chunk);
    }
    // python strips `last byte` bytes without checking them; any failure is a wrong password.
    let pad = usize::from(*plain.last().unwrap_or(&0));
    if pad == 0 || pad > 32 || pad > plain.len() {
        return Err(MasterError::WrongPassword);
    }
    let body = &plain[..plain.len() - pad];
    let master = std::str::from_utf8(body).map_err(|_| MasterError::WrongPassword)?;
    let digest = hex::encode(sha256(master.as_bytes()));
    if !checksum.eq_ignore_ascii_case(&digest[..4.min(digest.len())]) || checksum.len() != 4 {
        return Err(MasterError::WrongPassword);
    }
    Ok(Zeroizing::new(master.to_string()))
}

/// Decrypts a BIP38 "no EC multiply" key (flag 0xC0 or 0xE0) with `passphrase`.
/// Checks the address-hash salt, as python does.
pub fn bip38_decrypt(text: &str, passphrase: &[u8]) -> Result<PrivateKey, String> {
    let raw = Zeroizing::new(
        bs58::decode(text.trim())
            .into_vec()
            .map_err(|e| format!("BIP38 text is not base58: {e}"))?,
    );
    if raw.len() != 43 {
        return Err(format!("BIP38 data is {} bytes, expected 43", raw.len()));
    }
    if raw[0] != 0x01 || raw[1] != 0x42 {
        return Err("not a BIP38 non-EC-multiply key (prefix is not 0x0142)".into());
    }
    let compressed = match raw[2] {
        0xC0 => false,
        0xE0 => true,
        f => return Err(format!("unsupported BIP38 flag byte 0x{f:02x}")),
    };
    let salt = &raw[3..7];
    let mut dh = Zeroizing::new([0u8; 64]);
    let params = scrypt::Params::new(14, 8, 8, 64).map_err(|e| e.to_string())?;
    scrypt::scrypt(passphrase, salt, &params, dh.as_mut()).map_err(|e| e.to_string())?;
    let cipher = Aes256::new(GenericArray::from_slice(&dh[32..64]));
    let mut secret = Zeroizing::new([0u8; 32]);
    for half in 0..2 {
        let mut block = GenericArray::clone_from_slice(&raw[7 + 16 * half..23 + 16 * half]);
        cipher.decrypt_block(&mut block);
        for i in 0..16 {
            secret[16 * half + i] = block[i] ^ dh[16 * half + i];
        }
        block.iter_mut().for_each(|b| *b = 0);
    }
    let key = PrivateKey::from_bytes(&secret)
        .map_err(|_| "wrong passphrase (the decrypted secret is not a key)".to_string())?;
    let public = key.public_key();
    let address = if compressed {
        btc_address(&public.0)
    } else {
        btc_address(&public.uncompressed())
    };
    if sha256d(address.as_bytes())[..4] != *salt {
        return Err("wrong passphrase (the address hash does not match the salt)".into());
    }
    Ok(key)
}

/// The Bitcoin P2PKH address text of a SEC1 public key (BIP38's salt input).
fn btc_address(sec1: &[u8]) -> String {
    let mut buf = Vec::with_capacity(25);
    buf.push(0u8);
    buf.extend_from_slice(&ripemd160(&sha256(sec1)));
    let check = sha256d(&buf);
    buf.extend_from_slice(&check[..4]);
    bs58::encode(buf).into_string()
}

/// The default location of python-peerplays' wallet on this system, if known.
pub fn default_python_path() -> Option<PathBuf> {
    super::data_home().map(|d| d.join("peerplays").join("peerplays.sqlite"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors(name: &str) -> serde_json::Value {
        let path = format!("{}/tests/data/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn master_password_vector() {
        let v = &vectors("wallet_crypto.json")["master_password"];
        let stored = v["config_value"].as_str().unwrap();
        let pw = v["user_password"].as_str().unwrap();
        let m = decrypt_master(stored, pw).unwrap();
        assert_eq!(m.as_str(), v["decrypts_to"].as_str().unwrap());
        assert_eq!(
            decrypt_master(stored, "wrong").unwrap_err(),
            MasterError::WrongPassword
        );
        assert!(matches!(
            decrypt_master("abcd", pw),
            Err(MasterError::Malformed(_))
        ));
        assert!(matches!(
            decrypt_master("abcd$!!", pw),
            Err(MasterError::Malformed(_))
        ));
    }

    #[test]
    fn bip38_vectors() {
        let v = vectors("wallet_crypto.json");
        // One graphene key (scrypt is slow in debug builds) and the published vector 1.
        let k = &v["bip38"][0];
        let key = bip38_decrypt(
            k["bip38"].as_str().unwrap(),
            k["passphrase"].as_str().unwrap().as_bytes(),
        )
        .unwrap();
        assert_eq!(key.to_wif().as_str(), k["decrypts_to"].as_str().unwrap());
        let r = &v["bip38_reference"];
        let key = bip38_decrypt(
            r["bip38"].as_str().unwrap(),
            r["passphrase"].as_str().unwrap().as_bytes(),
        )
        .unwrap();
        assert_eq!(key.to_wif().as_str(), r["wif"].as_str().unwrap());
        assert!(bip38_decrypt(r["bip38"].as_str().unwrap(), b"wrong").is_err());
        assert!(bip38_decrypt("6Pnot", b"x").is_err());
    }

    #[test]
    fn reads_the_vector_wallet() {
        let info = vectors("wallet_sqlite_info.json");
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vectors/wallet-ppy.sqlite");
        let before = std::fs::read(&path).unwrap();
        let keys = read_keys(&path, info["password"].as_str().unwrap()).unwrap();
        assert_eq!(keys.len(), 2);
        for (k, want) in keys.iter().zip(info["keys"].as_array().unwrap()) {
            assert_eq!(k.key.to_wif().as_str(), want["wif"].as_str().unwrap());
            assert_eq!(k.public_key_text, want["pub"].as_str().unwrap());
        }
        assert!(matches!(
            read_keys(&path, "wrong"),
            Err(Error::WrongPythonPassword { .. })
        ));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the python wallet is never changed"
        );
    }
}
