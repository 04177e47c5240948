//! Helpers for running the binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

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

/// A file with `contents` in a fresh temporary directory.
pub fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    (dir, path)
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
    pub listing: serde_json::Value,
    pub url: String,
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

impl DevnetProcess {
    /// The account `name` of the listing; panics (a test's setup error) when absent.
    pub fn account(&self, name: &str) -> DevAccount {
        let a = self.listing["accounts"]
            .as_array()
            .and_then(|l| l.iter().find(|a| a["name"] == name))
            .unwrap_or_else(|| panic!("no account {name} in the devnet listing"));
        let s = |k: &str| a[k].as_str().unwrap_or_default().to_string();
        DevAccount {
            name: s("name"),
            id: s("id"),
            wif: s("wif"),
            public_key: s("public_key"),
        }
    }

    /// The private key (WIF) of account `name`.
    pub fn wif(&self, name: &str) -> String {
        self.account(name).wif
    }
}

/// Starts `bos devnet --json --listen 127.0.0.1:0 ARGS` and reads its listing.
pub fn start_devnet(args: &[&str]) -> DevnetProcess {
    use std::io::{BufRead, BufReader};
    let mut child = bos_command()
        .args(["devnet", "--json", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start bos devnet");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let proc = Proc(child);
    let listing: serde_json::Value = serde_json::from_str(&line)
        .unwrap_or_else(|e| panic!("first line is not JSON ({e}): {line}"));
    let url = listing["endpoint"].as_str().unwrap().to_string();
    DevnetProcess {
        _proc: proc,
        listing,
        url,
    }
}
