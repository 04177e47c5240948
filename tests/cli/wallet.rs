//! `bos wallet`: the encrypted key store, run as a user (or a cron job) would.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::support::{bos_command, bos_env, tx_verify, vectors, Run};

const PW: &str = "correct wallet pw";
const PY_PW: &str = "rust-migration-test-pw";
const PY_WIF1: &str = "5K47hvbEPTSDrFStbssQV38msu2Bovuob8qmHWVNHW6NCFMjiSJ";
const PY_PUB1: &str = "PPY5uSPFwNvyY6j7aXb4iQVSey7AEekcNYsHdSK8fkQqFZtH1UmUf";
const PY_WIF2: &str = "5JYMDGKGcjfTk3TTXBG8YbZEXGWzK64SdMjePPoRkvcADxySR47";
const PY_PUB2: &str = "PPY5ijhpWiRUxs1fUGRnPReMdaVoqay9sTw2wHnSjs2B94BaoXFzE";

/// Runs `bos` with exactly these environment variables added (the wallet ones are
/// removed first, and HOME/XDG_DATA_HOME point into `home` so nothing touches the
/// real user's files).
fn run(home: &Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Run {
    let data = home.join("data");
    let mut all = vec![
        ("HOME", home.to_str().unwrap()),
        ("XDG_DATA_HOME", data.to_str().unwrap()),
    ];
    all.extend_from_slice(env);
    bos_env(args, stdin, &all)
}

/// `wallet import-python WALLET --python-password-file FILE`
fn import_python_args<'a>(wallet: &'a str, password_file: &'a str) -> [&'a str; 5] {
    [
        "wallet",
        "import-python",
        wallet,
        "--python-password-file",
        password_file,
    ]
}

/// A temporary home with a wallet path inside it.
struct Env {
    dir: tempfile::TempDir,
    wallet: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let wallet = dir.path().join("wallets/w.sqlite");
        Env { dir, wallet }
    }
    /// [`Env::new`] with its wallet made (`wallet init`, password [`PW`]).
    fn initialized() -> Env {
        let e = Env::new();
        e.init();
        e
    }
    fn home(&self) -> &Path {
        self.dir.path()
    }
    fn w(&self) -> &str {
        self.wallet.to_str().unwrap()
    }
    /// `bos --wallet W ARGS` with BOS_WALLET_PASSWORD=`pw` (none if empty).
    fn bos<S: AsRef<str>>(&self, args: &[S], pw: &str, stdin: &str) -> Run {
        let mut full = vec!["--wallet", self.w()];
        full.extend(args.iter().map(|a| a.as_ref()));
        let env: Vec<(&str, &str)> = if pw.is_empty() {
            vec![]
        } else {
            vec![("BOS_WALLET_PASSWORD", pw)]
        };
        run(self.home(), &full, &env, stdin)
    }
    /// `bos wallet import-python WALLET --python-password-file FILE`
    fn import_python(&self, wallet: &str, password_file: &str) -> Run {
        self.bos(&import_python_args(wallet, password_file), PW, "")
    }
    fn file(&self, name: &str, contents: &str) -> String {
        let p = self.home().join(name);
        std::fs::write(&p, contents).unwrap();
        p.to_str().unwrap().to_string()
    }
    fn init(&self) {
        self.bos(&["wallet", "init"], PW, "").ok();
    }
    fn python_wallet(&self) -> String {
        let src =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vectors/wallet-ppy.sqlite");
        let dst = self.home().join("peerplays.sqlite");
        std::fs::copy(src, &dst).unwrap();
        dst.to_str().unwrap().to_string()
    }
    fn listed(&self) -> Vec<String> {
        let r = self.bos(&["wallet", "list", "--json"], "", "").ok();
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["public_key"].as_str().unwrap().to_string())
            .collect()
    }
}

fn vector_key(i: usize) -> (String, String) {
    let k = &vectors("keys.json")["keys"][i];
    (
        k["wif"].as_str().unwrap().to_string(),
        k["pubkey_PPY"].as_str().unwrap().to_string(),
    )
}

#[test]
fn init_makes_a_private_file_in_a_private_directory() {
    use std::os::unix::fs::PermissionsExt;
    let e = Env::new();
    let r = e.bos(&["--json", "wallet", "init"], PW, "").ok();
    assert_eq!(r.json()["kdf"]["algorithm"], "argon2id");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&e.wallet), 0o600);
    assert_eq!(mode(e.wallet.parent().unwrap()), 0o700);
    // Adding keys keeps the mode (SQLite's journal is not left behind either).
    let (wif, _) = vector_key(0);
    e.bos(&["wallet", "add-key", "-"], PW, &wif).ok();
    assert_eq!(mode(&e.wallet), 0o600);
    let names: Vec<_> = std::fs::read_dir(e.wallet.parent().unwrap())
        .unwrap()
        .map(|d| d.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("w.sqlite")]);
    // A second init does not overwrite.
    let before = std::fs::read(&e.wallet).unwrap();
    e.bos(&["wallet", "init"], PW, "")
        .fails(1, "already exists");
    assert_eq!(std::fs::read(&e.wallet).unwrap(), before);
    assert!(e.listed().len() == 1);
}

#[test]
fn default_path_is_under_xdg_data_home() {
    let e = Env::new();
    run(
        e.home(),
        &["wallet", "init"],
        &[("BOS_WALLET_PASSWORD", PW)],
        "",
    )
    .ok();
    let p = e.home().join("data/bos/wallet.sqlite");
    assert!(p.exists());
    // BOS_WALLET selects another file.
    let other = e.home().join("other.sqlite");
    run(
        e.home(),
        &["wallet", "init"],
        &[
            ("BOS_WALLET_PASSWORD", PW),
            ("BOS_WALLET", other.to_str().unwrap()),
        ],
        "",
    )
    .ok();
    assert!(other.exists());
}

#[test]
fn import_python_vector_wallet() {
    let e = Env::initialized();
    let py = e.python_wallet();
    let before = std::fs::read(&py).unwrap();
    // Wrong python password: an error that adds nothing.
    let bad = e.file("bad", "not-the-password\n");
    e.import_python(&py, &bad)
        .fails(3, "wrong password for this python-peerplays wallet");
    assert!(e.listed().is_empty());
    // The commands of the held-out check.
    let good = e.file("good", &format!("{PY_PW}\n"));
    let r = e.import_python(&py, &good).ok();
    assert!(
        r.stdout.contains(PY_PUB1) && r.stdout.contains(PY_PUB2),
        "{}",
        r.stdout
    );
    let r = e.bos(&["wallet", "list", "--json"], PW, "").ok();
    let mut got: Vec<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            assert_eq!(k["accounts"], serde_json::json!([]));
            k["public_key"].as_str().unwrap().to_string()
        })
        .collect();
    got.sort();
    let mut want = vec![PY_PUB1.to_string(), PY_PUB2.to_string()];
    want.sort();
    assert_eq!(got, want);
    // The private keys are the ones python stored.
    let r = e.bos(&["wallet", "export", PY_PUB2, "--yes"], PW, "").ok();
    assert_eq!(r.stdout.trim(), PY_WIF2);
    // Importing again adds nothing new and is not an error; UNLOCK is python's password.
    let r = run(
        e.home(),
        &["--wallet", e.w(), "--json", "wallet", "import-python", &py],
        &[("UNLOCK", PY_PW), ("BOS_WALLET_PASSWORD", PW)],
        "",
    )
    .ok();
    assert!(r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["status"] == "already present"));
    assert_eq!(
        std::fs::read(&py).unwrap(),
        before,
        "the python wallet is only read"
    );
}

#[test]
fn import_python_rejects_a_tampered_row_and_adds_nothing() {
    let e = Env::initialized();
    let py = e.python_wallet();
    // Swap the pub column of the two rows: each secret no longer matches its row.
    let c = rusqlite_free_swap(&py);
    assert!(c);
    let good = e.file("good", PY_PW);
    e.import_python(&py, &good).fails(1, "keys row id 1");
    assert!(e.listed().is_empty());
    // Not a python wallet at all.
    let junk = e.file("junk.sqlite", "junk");
    e.import_python(&junk, &good)
        .fails(1, "not a readable python-peerplays wallet");
}

/// Swaps the two public keys in the python file (same length, so a byte swap works).
fn rusqlite_free_swap(path: &str) -> bool {
    let mut bytes = std::fs::read(path).unwrap();
    let a = PY_PUB1.as_bytes();
    let b = PY_PUB2.as_bytes();
    let find = |hay: &[u8], n: &[u8]| hay.windows(n.len()).position(|w| w == n);
    let (Some(i), Some(j)) = (find(&bytes, a), find(&bytes, b)) else {
        return false;
    };
    bytes[i..i + a.len()].copy_from_slice(b);
    bytes[j..j + b.len()].copy_from_slice(a);
    std::fs::write(path, bytes).unwrap();
    true
}

#[test]
fn add_list_export_remove() {
    let e = Env::initialized();
    let (wif0, pub0) = vector_key(0);
    let (wif1, pub1) = vector_key(1);
    let r = e
        .bos(
            &["--json", "wallet", "add-key", "-", "--label", "active"],
            PW,
            &format!("{wif0}\n\n{wif1}\n"),
        )
        .ok();
    let v = r.json();
    assert_eq!(v[0]["status"], "added");
    assert_eq!(v[1]["public_key"], pub1.as_str());
    // Adding again is not an error.
    let r = e.bos(&["--json", "wallet", "add-key", "-"], PW, &wif0).ok();
    assert_eq!(r.json()[0]["status"], "already present");
    let r = e.bos(&["wallet", "list"], "", "").ok();
    assert!(
        r.stdout.contains(&pub0) && r.stdout.contains("active"),
        "{}",
        r.stdout
    );
    let r = e
        .bos(&["wallet", "list", "--json", "--prefix", "TEST"], "", "")
        .ok();
    assert!(r.json()[0]["public_key"]
        .as_str()
        .unwrap()
        .starts_with("TEST"));
    // Export needs confirming; --yes for scripts.
    e.bos(&["wallet", "export", &pub0], PW, "")
        .fails(2, "add --yes");
    let r = e
        .bos(&["--json", "wallet", "export", &pub0, "--yes"], PW, "")
        .ok();
    assert_eq!(r.json()["wif"], wif0.as_str());
    // Any prefix names the key.
    let test0 = r.json()["public_key"]
        .as_str()
        .unwrap()
        .replacen("PPY", "TEST", 1);
    e.bos(&["wallet", "remove", &test0], PW, "")
        .fails(2, "add --yes");
    assert_eq!(e.listed().len(), 2);
    e.bos(&["wallet", "remove", &test0, "--yes"], PW, "").ok();
    assert_eq!(e.listed(), vec![pub1.clone()]);
    e.bos(&["wallet", "remove", &pub0, "--yes"], PW, "")
        .fails(1, "not in the wallet");
    e.bos(&["wallet", "export", &pub0, "--yes"], PW, "")
        .fails(1, "not in the wallet");
    // Bad input is named without echoing it.
    let bad = format!("{}x", &wif0[..50]);
    let r = e
        .bos(&["wallet", "add-key", "-"], PW, &format!("{wif1}\n{bad}\n"))
        .fails(1, "line 2");
    assert!(!r.stderr.contains(&bad[..40]));
}

#[test]
fn change_password() {
    let e = Env::initialized();
    let (wif, pub0) = vector_key(2);
    e.bos(&["wallet", "add-key", "-"], PW, &wif).ok();
    let new = e.file("new", "brand new pw\n");
    e.bos(
        &["wallet", "change-password", "--new-password-file", &new],
        PW,
        "",
    )
    .ok();
    e.bos(&["wallet", "export", &pub0, "--yes"], PW, "")
        .fails(3, "wrong password");
    let r = e
        .bos(&["wallet", "export", &pub0, "--yes"], "brand new pw", "")
        .ok();
    assert_eq!(r.stdout.trim(), wif);
}

#[test]
fn password_sources() {
    let e = Env::initialized();
    let (wif, pub0) = vector_key(3);
    // --password-file wins over the environment.
    let f = e.file("pw", &format!("{PW}\n"));
    e.bos(
        &["wallet", "add-key", "-", "--password-file", &f],
        "wrong",
        &wif,
    )
    .ok();
    // UNLOCK (python-peerplays) is honoured.
    run(
        e.home(),
        &["--wallet", e.w(), "wallet", "export", &pub0, "--yes"],
        &[("UNLOCK", PW)],
        "",
    )
    .ok();
    // BOS_WALLET_PASSWORD comes before UNLOCK.
    run(
        e.home(),
        &["--wallet", e.w(), "wallet", "export", &pub0, "--yes"],
        &[("UNLOCK", "wrong"), ("BOS_WALLET_PASSWORD", PW)],
        "",
    )
    .ok();
    // An empty password file is refused.
    let empty = e.file("empty", "\n");
    e.bos(
        &[
            "wallet",
            "export",
            &pub0,
            "--yes",
            "--password-file",
            &empty,
        ],
        "",
        "",
    )
    .fails(1, "empty");
}

#[test]
fn wrong_password_on_every_command_changes_nothing() {
    let e = Env::initialized();
    let (wif0, pub0) = vector_key(4);
    let (wif1, _) = vector_key(5);
    e.bos(&["wallet", "add-key", "-"], PW, &wif0).ok();
    let before = std::fs::read(&e.wallet).unwrap();
    let py = e.python_wallet();
    let pyf = e.file("py", PY_PW);
    let newf = e.file("new", "new");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["wallet", "add-key", "-"], wif1.as_str()),
        (vec!["wallet", "list"], ""),
        (vec!["wallet", "remove", &pub0, "--yes"], ""),
        (vec!["wallet", "export", &pub0, "--yes"], ""),
        (
            vec!["wallet", "change-password", "--new-password-file", &newf],
            "",
        ),
        (import_python_args(&py, &pyf).to_vec(), ""),
    ];
    for (args, stdin) in &cases {
        let r = e
            .bos(args, "not the password", stdin)
            .fails(3, "wrong password");
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert_eq!(
            std::fs::read(&e.wallet).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
    assert_eq!(e.listed(), vec![pub0]);
}

#[test]
fn no_prompt_without_a_terminal() {
    let e = Env::new();
    e.bos(&["wallet", "init"], "", "").fails(2, "no terminal");
    assert!(!e.wallet.exists());
    e.init();
    let (wif, pub0) = vector_key(6);
    let py = e.python_wallet();
    let pyf = e.file("py", PY_PW);
    e.bos(&["wallet", "add-key", "-"], "", &wif)
        .fails(2, "BOS_WALLET_PASSWORD");
    e.bos(&["wallet", "add-key"], PW, "").fails(2, "add-key -");
    e.bos(&["wallet", "export", &pub0, "--yes"], "", "")
        .fails(2, "no terminal");
    e.bos(&["wallet", "change-password"], PW, "")
        .fails(2, "--new-password-file");
    e.bos(&["wallet", "import-python", &py], PW, "")
        .fails(2, "--python-password-file");
    e.bos(&import_python_args(&py, &pyf), "", "")
        .fails(2, "no terminal");
    // Listing needs no password.
    e.bos(&["wallet", "list"], "", "").ok();
}

#[test]
fn damaged_or_foreign_wallet_files_are_left_alone() {
    let e = Env::initialized();
    let (wif, _) = vector_key(7);
    e.bos(&["wallet", "add-key", "-"], PW, &wif).ok();
    let good = std::fs::read(&e.wallet).unwrap();
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("truncated to half", good[..good.len() / 2].to_vec()),
        ("truncated header", good[..50].to_vec()),
        ("truncated mid-page", good[..good.len() - 100].to_vec()),
        ("garbage pages", {
            let mut b = good.clone();
            for x in b[4096..].iter_mut() {
                *x ^= 0x5a;
            }
            b
        }),
        ("garbage schema", {
            let mut b = good.clone();
            for x in b[100..4096].iter_mut() {
                *x = 0xff;
            }
            b
        }),
    ];
    for (what, bytes) in damaged {
        std::fs::write(&e.wallet, &bytes).unwrap();
        for args in [&["wallet", "list"][..], &["wallet", "add-key", "-"][..]] {
            let r = e.bos(args, PW, &wif);
            assert_eq!(r.code, 1, "{what}: {args:?}\n{}", r.stderr);
            assert!(r.stderr.contains("damaged"), "{what}: {}", r.stderr);
            assert!(!r.stderr.contains("panicked"));
            assert_eq!(
                std::fs::read(&e.wallet).unwrap(),
                bytes,
                "{what}: file changed"
            );
        }
    }
    std::fs::write(&e.wallet, b"not a database at all").unwrap();
    e.bos(&["wallet", "list"], "", "")
        .fails(1, "not a bos wallet");
    let py = e.python_wallet();
    let r = run(e.home(), &["--wallet", &py, "wallet", "list"], &[], "");
    r.fails(1, "import-python");
    std::fs::remove_file(&e.wallet).unwrap();
    e.bos(&["wallet", "list"], "", "")
        .fails(1, "bos wallet init");
}

#[test]
fn two_processes_adding_at_once_both_succeed() {
    let e = Env::initialized();
    let spawn = |wif: &str| {
        let mut child = bos_command()
            .args(["--wallet", e.w(), "wallet", "add-key", "-"])
            .env("BOS_WALLET_PASSWORD", PW)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(wif.as_bytes())
            .unwrap();
        child
    };
    let keys: Vec<_> = (0..4).map(vector_key).collect();
    let children: Vec<_> = keys.iter().map(|(w, _)| spawn(w)).collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut got = e.listed();
    got.sort();
    let mut want: Vec<String> = keys.into_iter().map(|k| k.1).collect();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn no_secret_in_any_output() {
    let e = Env::new();
    let py = e.python_wallet();
    let pyf = e.file("py", PY_PW);
    let (wif0, _) = vector_key(8);
    let (wif1, _) = vector_key(9);
    let mut runs = vec![e.bos(&["wallet", "init"], PW, "").ok()];
    for json in [false, true] {
        let j: &[&str] = if json { &["--json"] } else { &[] };
        let with = |args: &[&str]| -> Vec<String> {
            j.iter().chain(args).map(|s| s.to_string()).collect()
        };
        runs.push(
            e.bos(
                &with(&["wallet", "add-key", "-", "--label", "x"]),
                PW,
                &wif0,
            )
            .ok(),
        );
        runs.push(e.bos(&with(&["wallet", "add-key", &wif1]), PW, "").ok());
        runs.push(
            e.bos(&with(&["wallet", "add-key", "-"]), "bad pw", &wif0)
                .fails(3, "wrong"),
        );
        runs.push(e.bos(&with(&import_python_args(&py, &pyf)), PW, "").ok());
        runs.push(e.bos(&with(&["wallet", "list"]), PW, "").ok());
        runs.push(e.bos(&with(&["wallet", "list"]), "", "").ok());
        runs.push(
            e.bos(&with(&["wallet", "list"]), "bad pw", "")
                .fails(3, "wrong"),
        );
    }
    for r in &runs {
        let all = format!("{}\n{}", r.stdout, r.stderr);
        for secret in [PW, PY_PW, "bad pw", &wif0, &wif1, PY_WIF1, PY_WIF2] {
            assert!(!all.contains(secret), "secret in output:\n{all}");
        }
    }
    // The file holds no secret in clear either.
    let raw = String::from_utf8_lossy(&std::fs::read(&e.wallet).unwrap()).into_owned();
    for secret in [PW, PY_PW, &wif0, &wif1, PY_WIF1, PY_WIF2] {
        assert!(!raw.contains(secret));
    }
}

#[test]
fn help_names_every_command_and_the_exit_code() {
    let r = crate::support::bos(&["wallet", "--help"]).ok();
    for c in [
        "init",
        "add-key",
        "list",
        "remove",
        "export",
        "change-password",
        "import-python",
    ] {
        assert!(r.stdout.contains(c), "{c} missing:\n{}", r.stdout);
    }
    let r = crate::support::bos(&["--help"]).ok();
    assert!(r.stdout.contains("3 wrong wallet password"));
    // A password file that does not exist is an I/O error naming it.
    let (_dir, other) = crate::support::temp_file("other", b"");
    let wallet = other.with_file_name("w.sqlite");
    let missing = other.with_file_name("no-such-password-file");
    crate::support::bos(&[
        "--wallet",
        wallet.to_str().unwrap(),
        "wallet",
        "init",
        "--password-file",
        missing.to_str().unwrap(),
    ])
    .fails(1, "no-such-password-file");
    assert!(!wallet.exists());
}

#[test]
fn tx_sign_with_wallet_keys() {
    let e = Env::initialized();
    let py = e.python_wallet();
    let pyf = e.file("py", PY_PW);
    e.import_python(&py, &pyf).ok();
    let v = &vectors("transactions.json")["vectors"][0];
    let mut tx = v["tx_json"].clone();
    tx["signatures"] = serde_json::json!([]);
    let txf = e.file("tx.json", &tx.to_string());
    let chain = v["chain_id"].as_str().unwrap();
    // `tx sign TX --chain-id CHAIN KEYS...` with the wallet password `pw`.
    let sign = |keys: &[&str], pw: &str| {
        let mut a = vec!["tx", "sign", txf.as_str(), "--chain-id", chain];
        a.extend_from_slice(keys);
        e.bos(&a, pw, "")
    };
    let both = ["--key", PY_PUB1, "--key", PY_PUB2];
    let signed = sign(&both, PW).ok();
    let verify = tx_verify(&signed.stdout, chain, &[PY_PUB1, PY_PUB2]);
    assert_eq!(verify["valid"], true);
    // the password may come from a file too
    let pwf = e.file("pw", PW);
    let from_file = sign(&["--key", PY_PUB1, "--password-file", pwf.as_str()], "").ok();
    let wrong = sign(&both, "bad pw").fails(3, "wrong");
    let (_, other) = vector_key(7);
    let missing = sign(&["--key", other.as_str()], PW).fails(1, &other);
    for r in [&signed, &from_file, &wrong, &missing] {
        let all = format!("{}\n{}", r.stdout, r.stderr);
        for secret in [PW, PY_PW, "bad pw", PY_WIF1, PY_WIF2] {
            assert!(!all.contains(secret), "secret in output:\n{all}");
        }
    }
}

/// `wallet list --node` asks the node which accounts each key belongs to and
/// keeps them; a later `wallet list` without a node shows them.
#[test]
fn list_with_a_node_fills_the_accounts() {
    let home = tempfile::tempdir().unwrap();
    let net = crate::support::start_devnet(&["--witnesses", "3", "--seed", "wallet-accounts"]);
    let wif = |name: &str| net.wif(name);
    let w = home.path().join("w.sqlite");
    let ws = w.to_str().unwrap();
    let env = [("BOS_WALLET", ws), ("BOS_WALLET_PASSWORD", PW)];
    run(home.path(), &["wallet", "init"], &env, "").ok();
    let stranger = bos::protocol::PrivateKey::from_seed(b"belongs to nobody").to_wif();
    let input = format!("{}\n{}\n", wif("init1"), stranger.as_str());
    run(home.path(), &["wallet", "add-key", "-"], &env, &input).ok();
    let list = |args: &[&str]| {
        let mut a = vec!["--json", "wallet", "list", "--prefix", "TEST"];
        a.extend_from_slice(args);
        let r = run(home.path(), &a, &[("BOS_WALLET", ws)], "").ok();
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                e["accounts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    // Nothing looked up yet: empty, as before.
    assert_eq!(list(&[]), vec![Vec::<String>::new(), vec![]]);
    // With a node: filled and kept (no password needed).
    assert_eq!(
        list(&["--node", &net.url]),
        vec![vec!["init1".to_string()], vec![]]
    );
    assert_eq!(list(&[]), vec![vec!["init1".to_string()], vec![]]);
    // A node that cannot be reached: a warning, and what was recorded.
    let r = run(
        home.path(),
        &[
            "--node",
            "ws://127.0.0.1:1",
            "wallet",
            "list",
            "--prefix",
            "TEST",
        ],
        &[("BOS_WALLET", ws)],
        "",
    )
    .ok();
    assert!(r.stderr.contains("accounts not looked up"), "{}", r.stderr);
    assert!(r.stdout.contains("init1"), "{}", r.stdout);
}
