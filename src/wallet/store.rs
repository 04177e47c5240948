//! The `bos` wallet file: one SQLite database holding encrypted private keys.
//!
//! Schema (version 1):
//!
//! ```sql
//! PRAGMA application_id = 0x626f7377;            -- "bosw"
//! CREATE TABLE schema_version (version INTEGER NOT NULL);
//! CREATE TABLE unlock (                          -- exactly one row
//!     id INTEGER PRIMARY KEY CHECK (id = 1),
//!     kdf TEXT NOT NULL,                         -- 'argon2id-0x13'
//!     m_kib INTEGER NOT NULL, t INTEGER NOT NULL, p INTEGER NOT NULL,
//!     salt BLOB NOT NULL,                        -- 16 random bytes
//!     nonce BLOB NOT NULL,                       -- 24 random bytes
//!     wrapped_key BLOB NOT NULL,                 -- XChaCha20-Poly1305(KEK, wallet key)
//!     changed_at INTEGER NOT NULL);
//! CREATE TABLE keys (
//!     public_key BLOB PRIMARY KEY,               -- 33-byte compressed key
//!     label TEXT,
//!     nonce BLOB NOT NULL,
//!     ciphertext BLOB NOT NULL,                  -- XChaCha20-Poly1305(wallet key, secret)
//!     added_at INTEGER NOT NULL);
//! CREATE TABLE key_accounts (                    -- filled once a node is queried
//!     public_key BLOB NOT NULL REFERENCES keys(public_key) ON DELETE CASCADE,
//!     account TEXT NOT NULL,
//!     PRIMARY KEY (public_key, account));
//! ```
//!
//! KEK = argon2id(password, salt, m_kib, t, p). The wallet key is random and never
//! changes, so `change-password` rewrites one row. The associated data binds the
//! wrapped key to the file format and each key ciphertext to its public key.
//!
//! Every change runs in one `BEGIN IMMEDIATE` transaction with a busy timeout, so
//! several processes can add keys at once. The file is created with mode 0600 in a
//! directory created with mode 0700.

use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use zeroize::Zeroizing;

use super::crypto::{self, KdfParams, Key, KEY_LEN, SALT_LEN};
use super::error::{Error, Result};
use crate::protocol::{PrivateKey, PublicKey};

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 1;
/// `PRAGMA application_id` of a bos wallet ("bosw").
pub const APPLICATION_ID: i32 = 0x626f_7377;
/// How long a command waits for another process's write to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

const KDF_NAME: &str = "argon2id-0x13";
const WRAP_AAD: &[u8] = b"bos-wallet-v1 wallet key";
const KEY_AAD: &[u8] = b"bos-wallet-v1 private key ";

const SCHEMA: &str = "
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE unlock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kdf TEXT NOT NULL,
    m_kib INTEGER NOT NULL,
    t INTEGER NOT NULL,
    p INTEGER NOT NULL,
    salt BLOB NOT NULL,
    nonce BLOB NOT NULL,
    wrapped_key BLOB NOT NULL,
    changed_at INTEGER NOT NULL
);
CREATE TABLE keys (
    public_key BLOB PRIMARY KEY,
    label TEXT,
    nonce BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    added_at INTEGER NOT NULL
);
CREATE TABLE key_accounts (
    public_key BLOB NOT NULL REFERENCES keys(public_key) ON DELETE CASCADE,
    account TEXT NOT NULL,
    PRIMARY KEY (public_key, account)
);
";

/// One key as `list` shows it (no secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    pub public_key: PublicKey,
    pub label: Option<String>,
    /// Accounts this key was found in (empty until a node has been asked).
    pub accounts: Vec<String>,
    /// Unix seconds.
    pub added_at: i64,
}

/// What `add` did with one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// The key was stored.
    New,
    /// The key was already there (its label was updated if one was given).
    AlreadyPresent,
}

/// An open wallet whose private keys cannot be read yet.
pub struct Wallet {
    conn: Connection,
    path: PathBuf,
}

/// A wallet opened with the right password.
pub struct Unlocked {
    wallet: Wallet,
    key: Key,
}

/// Private keys picked from the wallet for signing; wiped when dropped.
pub struct Signer {
    keys: Vec<PrivateKey>,
}

impl Signer {
    /// The keys, in the order they were asked for.
    pub fn keys(&self) -> Vec<&PrivateKey> {
        self.keys.iter().collect()
    }
    /// The keys, taken out (to a [`crate::chain::Sender`], the one place that signs).
    pub fn into_keys(self) -> Vec<PrivateKey> {
        self.keys
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Maps an SQLite error: damage becomes [`Error::Corrupt`], the rest [`Error::Sqlite`].
fn sql_err(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match source.sqlite_error_code() {
            Some(DatabaseCorrupt) | Some(NotADatabase) => Error::Corrupt {
                path: path.to_path_buf(),
                reason: source.to_string(),
            },
            _ => Error::Sqlite {
                path: path.to_path_buf(),
                source,
            },
        }
    }
}

/// Checks the SQLite header: magic, and that the file is as long as the header says.
fn check_header(path: &Path) -> Result<()> {
    let mut f = std::fs::File::open(path).map_err(io_err(path))?;
    let len = f.metadata().map_err(io_err(path))?.len();
    let mut head = [0u8; 100];
    let n = f.read(&mut head).map_err(io_err(path))?;
    const MAGIC: &[u8] = b"SQLite format 3\0";
    if n < MAGIC.len() || &head[..MAGIC.len()] != MAGIC {
        return Err(Error::NotAWallet {
            path: path.to_path_buf(),
            reason: if len == 0 {
                "the file is empty".into()
            } else {
                "not an SQLite database".into()
            },
        });
    }
    if n < 100 {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: format!("truncated: {len} bytes, shorter than the 100-byte header"),
        });
    }
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65536u64,
        s => u64::from(s),
    };
    let pages = u64::from(u32::from_be_bytes([head[28], head[29], head[30], head[31]]));
    let change = &head[24..28];
    let valid_for = &head[92..96];
    if change == valid_for && pages > 0 && page_size * pages > len {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: format!(
                "truncated: {len} bytes, the header says {}",
                page_size * pages
            ),
        });
    }
    if len % page_size.max(1) != 0 {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: format!("{len} bytes is not a whole number of {page_size}-byte pages"),
        });
    }
    Ok(())
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "secure_delete", true)?;
    Ok(())
}

/// Creates the missing directories of `dir` with mode 0700.
fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.exists() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(io_err(dir))
}

impl Wallet {
    /// Creates a new wallet at `path` (which must not exist) protected by `password`.
    pub fn create(path: &Path, password: &str, params: KdfParams) -> Result<Unlocked> {
        if password.is_empty() {
            return Err(Error::EmptyPassword);
        }
        params.check().map_err(|reason| Error::KdfParams {
            path: path.to_path_buf(),
            reason,
        })?;
        if let Some(dir) = path.parent() {
            create_private_dir(dir)?;
        }
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::AlreadyExists {
                    path: path.to_path_buf(),
                })
            }
            Err(e) => return Err(io_err(path)(e)),
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(io_err(path))?;
        }
        let result = Self::initialise(path, password, params);
        if result.is_err() {
            let _ = std::fs::remove_file(path);
        }
        result
    }

    fn initialise(path: &Path, password: &str, params: KdfParams) -> Result<Unlocked> {
        let rnd = |e: String| Error::Random(e);
        let wallet_key: Key = Zeroizing::new(crypto::random::<KEY_LEN>().map_err(rnd)?);
        let salt: [u8; SALT_LEN] = crypto::random().map_err(rnd)?;
        let kek = crypto::derive(password.as_bytes(), &salt, params).map_err(|reason| {
            Error::KdfParams {
                path: path.to_path_buf(),
                reason,
            }
        })?;
        let (nonce, wrapped) = crypto::seal(&kek, WRAP_AAD, wallet_key.as_ref()).map_err(rnd)?;
        let mut conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(sql_err(path))?;
        configure(&conn).map_err(sql_err(path))?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(sql_err(path))?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_err(path))?;
        tx.execute_batch(SCHEMA).map_err(sql_err(path))?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES (?1)",
            [SCHEMA_VERSION],
        )
        .map_err(sql_err(path))?;
        tx.execute(
            "INSERT INTO unlock (id, kdf, m_kib, t, p, salt, nonce, wrapped_key, changed_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                KDF_NAME,
                params.m_kib,
                params.t,
                params.p,
                &salt[..],
                &nonce[..],
                wrapped,
                now()
            ],
        )
        .map_err(sql_err(path))?;
        tx.commit().map_err(sql_err(path))?;
        Ok(Unlocked {
            wallet: Wallet {
                conn,
                path: path.to_path_buf(),
            },
            key: wallet_key,
        })
    }

    /// Opens an existing wallet. A missing, foreign, damaged or truncated file is an
    /// error, and the file is not changed.
    pub fn open(path: &Path) -> Result<Wallet> {
        if !path.exists() {
            return Err(Error::NotFound {
                path: path.to_path_buf(),
            });
        }
        check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql_err(path))?;
        configure(&conn).map_err(sql_err(path))?;
        let e = sql_err(path);
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(&e)?;
        if check != "ok" {
            return Err(Error::Corrupt {
                path: path.to_path_buf(),
                reason: check,
            });
        }
        let app: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(&e)?;
        if app != APPLICATION_ID {
            let python: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('config', 'keys')",
                    [],
                    |r| r.get(0),
                )
                .map_err(&e)?;
            return Err(Error::NotAWallet {
                path: path.to_path_buf(),
                reason: if python == 2 {
                    "it looks like a python-peerplays wallet; use `bos wallet import-python`".into()
                } else {
                    "another SQLite database".into()
                },
            });
        }
        let version: Option<i64> = conn
            .query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))
            .map_err(&e)?;
        match version {
            Some(SCHEMA_VERSION) => {}
            Some(v) if v > SCHEMA_VERSION => {
                return Err(Error::NewerSchema {
                    path: path.to_path_buf(),
                    found: v,
                    supported: SCHEMA_VERSION,
                })
            }
            other => {
                return Err(Error::Corrupt {
                    path: path.to_path_buf(),
                    reason: format!("unknown schema version {other:?}"),
                })
            }
        }
        Ok(Wallet {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The file this wallet lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The KDF parameters stored in the file.
    pub fn kdf_params(&self) -> Result<KdfParams> {
        let (name, m_kib, t, p): (String, u32, u32, u32) = self
            .conn
            .query_row(
                "SELECT kdf, m_kib, t, p FROM unlock WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .map_err(|e| self.corrupt(format!("unlock record: {e}")))?;
        if name != KDF_NAME {
            return Err(self.corrupt(format!("unknown KDF `{name}`")));
        }
        let params = KdfParams { m_kib, t, p };
        params.check().map_err(|reason| Error::KdfParams {
            path: self.path.clone(),
            reason,
        })?;
        Ok(params)
    }

    fn corrupt(&self, reason: String) -> Error {
        Error::Corrupt {
            path: self.path.clone(),
            reason,
        }
    }

    /// The public keys in the wallet, with labels and accounts. Needs no password.
    pub fn list(&self) -> Result<Vec<KeyEntry>> {
        let e = sql_err(&self.path);
        let mut stmt = self
            .conn
            .prepare("SELECT public_key, label, added_at FROM keys ORDER BY added_at, public_key")
            .map_err(&e)?;
        let rows: Vec<(Vec<u8>, Option<String>, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|it| it.collect())
            .map_err(&e)?;
        let mut acc = self
            .conn
            .prepare("SELECT account FROM key_accounts WHERE public_key = ?1 ORDER BY account")
            .map_err(&e)?;
        let mut out = Vec::with_capacity(rows.len());
        for (pk, label, added_at) in rows {
            let public_key = to_public(&pk).ok_or_else(|| {
                self.corrupt(format!("a stored public key has {} bytes", pk.len()))
            })?;
            let accounts: Vec<String> = acc
                .query_map([&pk], |r| r.get(0))
                .and_then(|it| it.collect())
                .map_err(&e)?;
            out.push(KeyEntry {
                public_key,
                label,
                accounts,
                added_at,
            });
        }
        Ok(out)
    }

    /// Records the accounts `key` belongs to (as a node reported them), replacing
    /// what was recorded. Needs no password: no secret is touched. A key not
    /// in the wallet is left alone.
    pub fn set_accounts(&mut self, key: &PublicKey, accounts: &[String]) -> Result<()> {
        let e = sql_err(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&e)?;
        let present = tx
            .query_row(
                "SELECT 1 FROM keys WHERE public_key = ?1",
                [&key.0[..]],
                |_| Ok(()),
            )
            .optional()
            .map_err(&e)?
            .is_some();
        if present {
            tx.execute(
                "DELETE FROM key_accounts WHERE public_key = ?1",
                [&key.0[..]],
            )
            .map_err(&e)?;
            for a in accounts {
                tx.execute(
                    "INSERT OR IGNORE INTO key_accounts (public_key, account) VALUES (?1, ?2)",
                    params![&key.0[..], a],
                )
                .map_err(&e)?;
            }
        }
        tx.commit().map_err(&e)
    }

    /// Checks `password` and returns the unlocked wallet. A wrong password is
    /// [`Error::WrongPassword`]; nothing has been decrypted or written then.
    pub fn unlock(self, password: &str) -> Result<Unlocked> {
        let params = self.kdf_params()?;
        let (salt, nonce, wrapped): (Vec<u8>, Vec<u8>, Vec<u8>) = self
            .conn
            .query_row(
                "SELECT salt, nonce, wrapped_key FROM unlock WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.corrupt(format!("unlock record: {e}")))?;
        let kek = crypto::derive(password.as_bytes(), &salt, params).map_err(|reason| {
            Error::KdfParams {
                path: self.path.clone(),
                reason,
            }
        })?;
        let plain =
            crypto::open(&kek, &nonce, WRAP_AAD, &wrapped).ok_or_else(|| Error::WrongPassword {
                path: self.path.clone(),
            })?;
        if plain.len() != KEY_LEN {
            return Err(self.corrupt("the wallet key has the wrong length".into()));
        }
        let mut key: Key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(&plain);
        Ok(Unlocked { wallet: self, key })
    }
}

fn to_public(bytes: &[u8]) -> Option<PublicKey> {
    <[u8; 33]>::try_from(bytes).ok().map(PublicKey)
}

fn key_aad(pk: &PublicKey) -> Vec<u8> {
    let mut aad = KEY_AAD.to_vec();
    aad.extend_from_slice(&pk.0);
    aad
}

impl Unlocked {
    /// The file this wallet lives in.
    pub fn path(&self) -> &Path {
        &self.wallet.path
    }

    /// The public keys in the wallet.
    pub fn list(&self) -> Result<Vec<KeyEntry>> {
        self.wallet.list()
    }

    /// Adds keys in one transaction. A key that is already there is not an error; its
    /// label is replaced when `label` is given.
    pub fn add(
        &mut self,
        keys: &[PrivateKey],
        label: Option<&str>,
    ) -> Result<Vec<(PublicKey, Added)>> {
        let path = self.wallet.path.clone();
        let e = sql_err(&path);
        let mut sealed = Vec::with_capacity(keys.len());
        for k in keys {
            let pk = k.public_key();
            let secret = k.secret_bytes();
            let (nonce, ct) =
                crypto::seal(&self.key, &key_aad(&pk), secret.as_ref()).map_err(Error::Random)?;
            sealed.push((pk, nonce, ct));
        }
        let tx = self
            .wallet
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&e)?;
        let mut out = Vec::with_capacity(sealed.len());
        for (pk, nonce, ct) in sealed {
            let exists = tx
                .query_row(
                    "SELECT 1 FROM keys WHERE public_key = ?1",
                    [&pk.0[..]],
                    |_| Ok(()),
                )
                .optional()
                .map_err(&e)?
                .is_some();
            if exists {
                if let Some(l) = label {
                    tx.execute(
                        "UPDATE keys SET label = ?2 WHERE public_key = ?1",
                        params![&pk.0[..], l],
                    )
                    .map_err(&e)?;
                }
                out.push((pk, Added::AlreadyPresent));
            } else if out.iter().any(|(p, _)| *p == pk) {
                out.push((pk, Added::AlreadyPresent));
            } else {
                tx.execute(
                    "INSERT INTO keys (public_key, label, nonce, ciphertext, added_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![&pk.0[..], label, &nonce[..], ct, now()],
                )
                .map_err(&e)?;
                out.push((pk, Added::New));
            }
        }
        tx.commit().map_err(&e)?;
        Ok(out)
    }

    /// Removes a key; a key that is not there is [`Error::KeysMissing`].
    pub fn remove(&mut self, public_key: &PublicKey) -> Result<()> {
        let path = self.wallet.path.clone();
        let e = sql_err(&path);
        let tx = self
            .wallet
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&e)?;
        let n = tx
            .execute(
                "DELETE FROM keys WHERE public_key = ?1",
                [&public_key.0[..]],
            )
            .map_err(&e)?;
        if n == 0 {
            return Err(Error::KeysMissing {
                path: path.clone(),
                public_keys: vec![public_key.to_string_with_prefix("PPY")],
            });
        }
        tx.commit().map_err(&e)?;
        Ok(())
    }

    /// The private keys of `wanted`, in that order. Every key not in the wallet is
    /// named in one [`Error::KeysMissing`].
    pub fn private_keys(&self, wanted: &[PublicKey]) -> Result<Vec<PrivateKey>> {
        let path = &self.wallet.path;
        let e = sql_err(path);
        let mut stmt = self
            .wallet
            .conn
            .prepare("SELECT nonce, ciphertext FROM keys WHERE public_key = ?1")
            .map_err(&e)?;
        let mut keys = Vec::with_capacity(wanted.len());
        let mut missing = Vec::new();
        for pk in wanted {
            let row: Option<(Vec<u8>, Vec<u8>)> = stmt
                .query_row([&pk.0[..]], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .map_err(&e)?;
            let Some((nonce, ct)) = row else {
                missing.push(pk.to_string_with_prefix("PPY"));
                continue;
            };
            let damaged = |reason: &str| Error::CorruptKey {
                path: path.clone(),
                public_key: pk.to_string_with_prefix("PPY"),
                reason: reason.into(),
            };
            let plain = crypto::open(&self.key, &nonce, &key_aad(pk), &ct)
                .ok_or_else(|| damaged("it does not decrypt"))?;
            let secret: Zeroizing<[u8; 32]> = Zeroizing::new(
                plain
                    .as_slice()
                    .try_into()
                    .map_err(|_| damaged("wrong length"))?,
            );
            let key = PrivateKey::from_bytes(&secret).map_err(|_| damaged("not a valid key"))?;
            if key.public_key() != *pk {
                return Err(damaged("it does not match its public key"));
            }
            keys.push(key);
        }
        if !missing.is_empty() {
            return Err(Error::KeysMissing {
                path: path.clone(),
                public_keys: missing,
            });
        }
        Ok(keys)
    }

    /// A signer holding the private keys of `public_keys`.
    pub fn signer(&self, public_keys: &[PublicKey]) -> Result<Signer> {
        Ok(Signer {
            keys: self.private_keys(public_keys)?,
        })
    }

    /// Re-encrypts the wallet key under `new_password`, with `params` (the stronger of
    /// these and the stored parameters is used, so costs only go up). One row changes.
    pub fn change_password(&mut self, new_password: &str, params: KdfParams) -> Result<KdfParams> {
        if new_password.is_empty() {
            return Err(Error::EmptyPassword);
        }
        let path = self.wallet.path.clone();
        let params = self.wallet.kdf_params()?.max(params);
        let salt: [u8; SALT_LEN] = crypto::random().map_err(Error::Random)?;
        let kek = crypto::derive(new_password.as_bytes(), &salt, params).map_err(|reason| {
            Error::KdfParams {
                path: path.clone(),
                reason,
            }
        })?;
        let (nonce, wrapped) =
            crypto::seal(&kek, WRAP_AAD, self.key.as_ref()).map_err(Error::Random)?;
        let e = sql_err(&path);
        let tx = self
            .wallet
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&e)?;
        tx.execute(
            "UPDATE unlock SET kdf = ?1, m_kib = ?2, t = ?3, p = ?4, salt = ?5, nonce = ?6,
             wrapped_key = ?7, changed_at = ?8 WHERE id = 1",
            params![
                KDF_NAME,
                params.m_kib,
                params.t,
                params.p,
                &salt[..],
                &nonce[..],
                wrapped,
                now()
            ],
        )
        .map_err(&e)?;
        tx.commit().map_err(&e)?;
        Ok(params)
    }
}

/// Warnings about a wallet file or its directory that others can read or enter.
pub fn permission_warnings(path: &Path) -> Vec<String> {
    let mut out = Vec::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path) {
            let mode = m.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                out.push(format!(
                    "{}: mode {mode:03o} lets other users read the wallet; run chmod 600",
                    path.display()
                ));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams {
        m_kib: 64,
        t: 1,
        p: 1,
    };

    fn key(i: u8) -> PrivateKey {
        PrivateKey::from_seed(&[i])
    }

    #[test]
    fn create_add_unlock_list_remove() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/w.sqlite");
        let mut w = Wallet::create(&path, "pw", FAST).unwrap();
        let added = w.add(&[key(1), key(2), key(1)], Some("active")).unwrap();
        assert_eq!(
            added.iter().map(|a| a.1).collect::<Vec<_>>(),
            [Added::New, Added::New, Added::AlreadyPresent]
        );
        assert_eq!(w.add(&[key(2)], None).unwrap()[0].1, Added::AlreadyPresent);
        drop(w);

        let w = Wallet::open(&path).unwrap();
        let list = w.list().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].label.as_deref(), Some("active"));
        assert!(matches!(
            Wallet::open(&path).unwrap().unlock("nope"),
            Err(Error::WrongPassword { .. })
        ));
        let mut u = w.unlock("pw").unwrap();
        let got = u
            .private_keys(&[key(2).public_key(), key(1).public_key()])
            .unwrap();
        assert_eq!(got, vec![key(2), key(1)]);
        match u.private_keys(&[key(3).public_key()]) {
            Err(Error::KeysMissing { public_keys, .. }) => {
                assert_eq!(
                    public_keys,
                    vec![key(3).public_key().to_string_with_prefix("PPY")]
                )
            }
            _ => panic!("expected KeysMissing"),
        }
        u.remove(&key(1).public_key()).unwrap();
        assert!(u.remove(&key(1).public_key()).is_err());
        assert_eq!(u.list().unwrap().len(), 1);

        let p = u.change_password("new", FAST).unwrap();
        assert_eq!(p, FAST);
        drop(u);
        assert!(Wallet::open(&path).unwrap().unlock("pw").is_err());
        let u = Wallet::open(&path).unwrap().unlock("new").unwrap();
        assert_eq!(
            u.private_keys(&[key(2).public_key()]).unwrap(),
            vec![key(2)]
        );
    }

    #[test]
    fn signer_signs_with_the_wallet_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.sqlite");
        let mut w = Wallet::create(&path, "pw", FAST).unwrap();
        w.add(&[key(1), key(2), key(3)], None).unwrap();
        let wanted = [key(3).public_key(), key(1).public_key()];
        let signer = w.signer(&wanted).unwrap();
        let mut tx = crate::protocol::Transaction::default();
        let chain_id = [7u8; 32];
        crate::chain::sign_transaction(&mut tx, &chain_id, &signer.into_keys());
        assert_eq!(tx.signers(&chain_id).unwrap(), wanted.to_vec());
        assert!(matches!(
            w.signer(&[key(4).public_key(), key(5).public_key()]),
            Err(Error::KeysMissing { public_keys, .. }) if public_keys.len() == 2
        ));
    }

    #[cfg(unix)]
    #[test]
    fn modes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/w.sqlite");
        drop(Wallet::create(&path, "pw", FAST).unwrap());
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert!(permission_warnings(&path).is_empty());
        assert!(matches!(
            Wallet::create(&path, "pw", FAST),
            Err(Error::AlreadyExists { .. })
        ));
    }

    #[test]
    fn damaged_key_row_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.sqlite");
        let mut w = Wallet::create(&path, "pw", FAST).unwrap();
        w.add(&[key(1), key(2)], None).unwrap();
        // Move key 2's ciphertext onto key 1: the associated data catches it.
        w.wallet
            .conn
            .execute_batch(
                "UPDATE keys SET ciphertext = (SELECT ciphertext FROM keys ORDER BY public_key DESC LIMIT 1),
                                 nonce = (SELECT nonce FROM keys ORDER BY public_key DESC LIMIT 1)",
            )
            .unwrap();
        let r = w.private_keys(&[key(1).public_key(), key(2).public_key()]);
        assert!(matches!(r, Err(Error::CorruptKey { .. })));
    }

    #[test]
    fn foreign_and_truncated_files() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk");
        std::fs::write(&junk, b"hello").unwrap();
        assert!(matches!(Wallet::open(&junk), Err(Error::NotAWallet { .. })));
        let py = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vectors/wallet-ppy.sqlite");
        match Wallet::open(&py) {
            Err(Error::NotAWallet { reason, .. }) => assert!(reason.contains("import-python")),
            _ => panic!("expected NotAWallet"),
        }
        let path = dir.path().join("w.sqlite");
        let mut w = Wallet::create(&path, "pw", FAST).unwrap();
        w.add(&[key(1)], None).unwrap();
        drop(w);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(matches!(Wallet::open(&path), Err(Error::Corrupt { .. })));
        assert!(matches!(
            Wallet::open(&dir.path().join("none")),
            Err(Error::NotFound { .. })
        ));
    }
}
