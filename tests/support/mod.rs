//! The one harness every test binary shares (`mod support;`): running the `bos`
//! binary with hermetic folders, wallets, a `bos devnet` child process and the
//! in-process devnet with typed listings, one `bos serve` starter, HTTP, and
//! waiting.
#![allow(dead_code)]

pub mod hung;
pub mod net;
pub mod serve;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The result of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr: {}",
                self.stdout, self.stderr
            )
        })
    }
    /// Parses stdout as JSON lines (one value per line), collected into an array.
    pub fn json_lines(&self) -> serde_json::Value {
        let lines = self.stdout.lines().filter(|l| !l.trim().is_empty());
        serde_json::Value::Array(
            lines
                .map(|l| {
                    serde_json::from_str(l).unwrap_or_else(|e| {
                        panic!("line is not JSON ({e}): {l}\nstderr: {}", self.stderr)
                    })
                })
                .collect(),
        )
    }
    /// Asserts exit code 0.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }
    /// Asserts that stdout holds `needle`.
    #[track_caller]
    pub fn prints(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }
    /// Asserts the exit code and that stderr holds `needle`, on one line, without a panic.
    #[track_caller]
    pub fn fails(self, code: i32, needle: &str) -> Self {
        assert_eq!(
            self.code, code,
            "wrong exit code\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "panic:\n{}", self.stderr);
        self
    }
}

/// Points the XDG data and config folders of a child `bos` at folders of this
/// test binary's own, so tests neither read the user's config (checkers, sports)
/// nor write the user's default store or wallet.
pub fn hermetic(cmd: &mut Command) {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let d = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
    cmd.env("XDG_DATA_HOME", d.path().join("data"))
        .env("XDG_CONFIG_HOME", d.path().join("config"));
}

/// `Command::new(bin())` with [`hermetic`] folders.
pub fn bos_command() -> Command {
    let mut c = Command::new(bin());
    hermetic(&mut c);
    c
}

/// The path of the built binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_bos")
}

/// Runs `bos ARGS` with `stdin` (no stdin: empty pipe).
pub fn bos_in(args: &[&str], stdin: &str) -> Run {
    bos_env(args, stdin, &[])
}

/// The password of the wallets [`wallet_with`] makes.
pub const WALLET_PASSWORD: &str = "correct horse battery";

/// A fresh wallet holding `wifs`, in a temporary directory.
pub fn wallet_with(wifs: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("wallet.sqlite");
    let ws = w.to_str().unwrap();
    let env = [("BOS_WALLET", ws), ("BOS_WALLET_PASSWORD", WALLET_PASSWORD)];
    bos_env(&["wallet", "init"], "", &env).ok();
    for k in wifs {
        bos_env(&["wallet", "add-key", "-"], &format!("{k}\n"), &env).ok();
    }
    (dir, w)
}

/// The environment that opens the wallet at `wallet` (made by [`wallet_with`]).
pub fn wallet_env(wallet: &str) -> [(&'static str, &str); 2] {
    [
        ("BOS_WALLET", wallet),
        ("BOS_WALLET_PASSWORD", WALLET_PASSWORD),
    ]
}

/// Runs `bos ARGS` with the wallet `wallet` (password [`WALLET_PASSWORD`]):
/// (exit code, stdout, stderr).
pub fn bos_wallet(wallet: &std::path::Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    let w = wallet.to_string_lossy();
    let r = bos_env(
        args,
        stdin,
        &[("BOS_WALLET", &w), ("BOS_WALLET_PASSWORD", WALLET_PASSWORD)],
    );
    (r.code, r.stdout, r.stderr)
}

/// Runs `bos ARGS` with `stdin` and these environment variables (the wallet ones
/// are removed first, so only what is given here applies).
pub fn bos_env(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env_remove("BOS_WALLET")
        .env_remove("BOS_WALLET_PASSWORD")
        .env_remove("UNLOCK")
        .env_remove("BOS_DB")
        .env_remove("BOS_SPORTS")
        .env_remove("BOS_NODE");
    hermetic(&mut cmd);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bos");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out: Output = child.wait_with_output().expect("wait bos");
    let _ = writer.join();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `bos ARGS` with empty stdin.
pub fn bos(args: &[&str]) -> Run {
    bos_in(args, "")
}

/// `bos track --once --witness WITNESS --node NODE --db DB`, asserted to succeed: one
/// round of samples into that store.
#[track_caller]
pub fn track_once(witness: &str, node: &str, db: &str) -> Run {
    let args = ["track", "--once", "--witness", witness];
    bos(&[&args[..], &["--node", node, "--db", db]].concat()).ok()
}

/// `bos --json tx verify - --chain-id CHAIN --expect KEY...` with the transaction
/// `signed` on stdin, asserted to succeed: its JSON.
#[track_caller]
pub fn tx_verify(signed: &str, chain: &str, expect: &[&str]) -> serde_json::Value {
    let mut args = vec!["--json", "tx", "verify", "-", "--chain-id", chain];
    for key in expect {
        args.extend(["--expect", key]);
    }
    bos_in(&args, signed).ok().json()
}

/// `--sport Basketball --event-group GROUP --home HOME --away AWAY --start START`
pub fn game<'a>(group: &'a str, home: &'a str, away: &'a str, start: &'a str) -> [&'a str; 10] {
    [
        "--sport",
        "Basketball",
        "--event-group",
        group,
        "--home",
        home,
        "--away",
        away,
        "--start",
        start,
    ]
}

/// A file with `contents` in a fresh temporary directory.
pub fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    (dir, path)
}

/// The files below `dir` (in every subfolder) whose names end in `.EXT`.
pub fn files_with_extension(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_with_extension(&p, ext));
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out
}

/// Loads a vector file from tests/data/vectors.
pub fn vectors(name: &str) -> serde_json::Value {
    let path = format!("{}/tests/data/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A child process killed when dropped.
pub struct Proc(pub std::process::Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A `bos devnet --json` child process: its listing (the first stdout line) and endpoint.
pub struct DevnetProcess {
    /// Kills the devnet when the value is dropped.
    pub _proc: Proc,
    /// The listing as printed.
    pub raw: serde_json::Value,
    pub listing: Listing,
    pub url: String,
    /// A runtime and a client for [`DevnetProcess::control`] and [`DevnetProcess::db`].
    rpc: std::sync::OnceLock<(tokio::runtime::Runtime, bos::rpc::Client)>,
}

/// One account of a devnet's listing, typed.
#[derive(Clone, Debug)]
pub struct DevAccount {
    pub name: String,
    /// `1.2.N`
    pub id: String,
    /// Its private key (WIF); empty for accounts without a key of their own.
    pub wif: String,
    /// Its public key in the devnet's prefix (TEST...); empty likewise.
    pub public_key: String,
}

impl DevAccount {
    /// The private key; panics for accounts without one.
    pub fn key(&self) -> bos::protocol::PrivateKey {
        bos::protocol::PrivateKey::from_wif(&self.wif)
            .unwrap_or_else(|e| panic!("account {} has no usable key: {e:?}", self.name))
    }
    /// N of `1.2.N`.
    pub fn number(&self) -> u64 {
        instance(&self.id)
    }
}

/// One witness of a devnet's listing, typed.
#[derive(Clone, Debug)]
pub struct DevWitness {
    /// The account's name.
    pub account: String,
    /// `1.6.N`
    pub witness_id: String,
    pub signing_key: String,
    /// The signing key's WIF.
    pub wif: String,
}

impl DevWitness {
    /// The signing key.
    pub fn key(&self) -> bos::protocol::PrivateKey {
        bos::protocol::PrivateKey::from_wif(&self.wif).unwrap()
    }
}

/// A devnet's listing (`bos devnet --json`'s first line, `Devnet::listing`), typed.
#[derive(Clone, Debug)]
pub struct Listing {
    pub endpoint: String,
    pub chain_id: String,
    pub prefix: String,
    pub accounts: Vec<DevAccount>,
    pub witnesses: Vec<DevWitness>,
}

/// The last number of an object id (`1.2.7` -> 7).
pub fn instance(id: &str) -> u64 {
    id.rsplit('.')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not an object id: {id}"))
}

impl Listing {
    /// Reads a listing; panics (a test's setup error) on a malformed one.
    pub fn parse(v: &serde_json::Value) -> Listing {
        let s = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
        let list = |k: &str| v[k].as_array().cloned().unwrap_or_default();
        Listing {
            endpoint: s(v, "endpoint"),
            chain_id: s(v, "chain_id"),
            prefix: s(v, "prefix"),
            accounts: list("accounts")
                .iter()
                .map(|a| DevAccount {
                    name: s(a, "name"),
                    id: s(a, "id"),
                    wif: s(a, "wif"),
                    public_key: s(a, "public_key"),
                })
                .collect(),
            witnesses: list("witnesses")
                .iter()
                .map(|w| DevWitness {
                    account: s(w, "account"),
                    witness_id: s(w, "witness_id"),
                    signing_key: s(w, "signing_key"),
                    wif: s(w, "wif"),
                })
                .collect(),
        }
    }
    /// The account `name`; panics when absent.
    pub fn account(&self, name: &str) -> &DevAccount {
        self.accounts
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("no account {name} in the devnet listing"))
    }
    /// The witness of account `name`; panics when absent.
    pub fn witness(&self, name: &str) -> &DevWitness {
        self.witnesses
            .iter()
            .find(|w| w.account == name)
            .unwrap_or_else(|| panic!("no witness {name} in the devnet listing"))
    }
}

impl DevnetProcess {
    /// The websocket endpoint.
    pub fn url(&self) -> &str {
        &self.url
    }
    /// The account `name` of the listing; panics (a test's setup error) when absent.
    pub fn account(&self, name: &str) -> DevAccount {
        self.listing.account(name).clone()
    }

    /// The private key (WIF) of account `name`.
    pub fn wif(&self, name: &str) -> String {
        self.account(name).wif
    }

    /// A runtime and a client to the devnet (made on first use).
    pub fn rpc(&self) -> &(tokio::runtime::Runtime, bos::rpc::Client) {
        self.rpc.get_or_init(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let options = bos::rpc::Options {
                max_lag: None,
                ..Default::default()
            };
            let client =
                rt.block_on(async { bos::rpc::Client::new(vec![self.url.clone()], options) });
            (rt, client.unwrap())
        })
    }

    /// A call of the devnet's control API (`produce_blocks`, `advance_slots`, ...).
    pub fn control(&self, method: &str, args: serde_json::Value) -> serde_json::Value {
        let (rt, client) = self.rpc();
        rt.block_on(client.call(bos::rpc::Api::Named("devnet".into()), method, args))
            .unwrap()
    }

    /// A database API call.
    pub fn db(&self, method: &str, args: serde_json::Value) -> serde_json::Value {
        let (rt, client) = self.rpc();
        rt.block_on(client.db(method, args)).unwrap()
    }
}

/// Reads the first stdout line of `child` as JSON (the listing of `--json` servers).
pub fn first_json_line(child: &mut std::process::Child) -> serde_json::Value {
    use std::io::{BufRead, BufReader};
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    serde_json::from_str(&line).unwrap_or_else(|e| panic!("first line is not JSON ({e}): {line:?}"))
}

/// Starts `bos devnet --json --listen 127.0.0.1:0 ARGS` and reads its listing.
pub fn start_devnet(args: &[&str]) -> DevnetProcess {
    let mut child = bos_command()
        .args(["devnet", "--json", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start bos devnet");
    let raw = first_json_line(&mut child);
    let proc = Proc(child);
    let listing = Listing::parse(&raw);
    let url = listing.endpoint.clone();
    DevnetProcess {
        _proc: proc,
        raw,
        listing,
        url,
        rpc: Default::default(),
    }
}

/// Sends SIGTERM (what systemd or docker sends) to `child` and waits up to `limit`
/// for it to exit; returns how it exited.
#[cfg(unix)]
#[track_caller]
pub fn sigterm_and_wait(
    child: &mut std::process::Child,
    limit: Duration,
) -> std::process::ExitStatus {
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -TERM failed");
    let t = std::time::Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        assert!(t.elapsed() < limit, "still running {limit:?} after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Polls `done` every 50 ms until it holds; panics naming `what` after `limit`.
#[track_caller]
pub fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    poll(what, limit, Duration::from_millis(50), || {
        done().then_some(())
    })
}

/// Polls `f` every `every` until it gives a value; panics naming `what` after `limit`.
#[track_caller]
pub fn poll<T>(
    what: &str,
    limit: Duration,
    every: Duration,
    mut f: impl FnMut() -> Option<T>,
) -> T {
    let t = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(t.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(every);
    }
}
