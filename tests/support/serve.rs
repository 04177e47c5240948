//! The one way tests start `bos serve`, and the HTTP they speak to it.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{bin, first_json_line, hermetic, Proc};

/// A node address nothing listens on: jobs end as `connection lost`, intake still works.
pub const NO_NODE: &str = "ws://127.0.0.1:9";

/// The provider token the tests' tokens files give `proxy-a`.
pub const TOKEN_A: &str = "0123456789abcdef0123";

/// The shipped example sports folder.
pub fn sports() -> String {
    format!("{}/examples/sports", env!("CARGO_MANIFEST_DIR"))
}

/// A running `bos serve --json`: its first stdout line, and its address; killed when dropped.
pub struct Serve {
    pub proc: Proc,
    pub info: Value,
    /// `host:port`
    pub addr: String,
}

impl Serve {
    /// `http://host:port`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
    /// `bos incident send FILE --to` this service (asserting success), then waits
    /// (a minute at most) until its queue is empty.
    pub fn send_and_drain(&self, file: &str) -> Value {
        super::bos(&["incident", "send", file, "--to", &self.url()]).ok();
        drain(&self.addr, Duration::from_secs(60))
    }
}

/// Starts `bos serve --json --listen 127.0.0.1:0 ARGS` with these environment variables
/// and waits for its first line (it answers from then on).
pub fn start_serve(args: &[&str], envs: &[(&str, &str)]) -> Serve {
    start_serve_in(Command::new(bin()), args, envs)
}

/// [`start_serve`] with the command to start (a wrapper shell, say).
pub fn start_serve_in(mut cmd: Command, args: &[&str], envs: &[(&str, &str)]) -> Serve {
    hermetic(&mut cmd);
    cmd.args(["serve", "--json", "--listen", "127.0.0.1:0"])
        .args(args)
        .env_remove("BOS_WALLET")
        .env_remove("BOS_WALLET_PASSWORD")
        .env_remove("BOS_CONFIG")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start bos serve");
    let line = first_json_line(&mut child);
    let proc = Proc(child);
    let addr = line["url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://")
        .to_string();
    Serve {
        proc,
        info: line,
        addr,
    }
}

/// A folder for a `bos serve`: its `config.yaml`, its store `bos.sqlite`, and
/// (with [`ServeDir::tokens`]) a provider tokens file.
pub struct ServeDir {
    pub dir: tempfile::TempDir,
    /// The config file's path.
    pub config: String,
    /// The store's path.
    pub db: String,
    /// The example sports folder.
    pub sports: String,
}

impl ServeDir {
    /// A fresh folder whose `config.yaml` holds `config`.
    pub fn new(config: &str) -> ServeDir {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("config.yaml");
        std::fs::write(&cfg, config).unwrap();
        let db = dir.path().join("bos.sqlite").display().to_string();
        ServeDir {
            config: cfg.display().to_string(),
            db,
            sports: sports(),
            dir,
        }
    }
    /// A fresh folder without a config file (`--config` is not given).
    pub fn without_config() -> ServeDir {
        let mut d = ServeDir::new("");
        std::fs::remove_file(&d.config).unwrap();
        d.config.clear();
        d
    }
    /// Writes the provider tokens file `tokens` (mode 0600) with these lines.
    pub fn tokens(self, lines: &str) -> ServeDir {
        tokens_file(self.dir.path(), lines);
        self
    }
    /// `--config CONFIG --sports SPORTS --db DB`, then `more`.
    pub fn args<'a>(&'a self, more: &[&'a str]) -> Vec<&'a str> {
        let mut a = vec!["--config", self.config.as_str()];
        if self.config.is_empty() {
            a.clear();
        }
        a.extend(["--sports", self.sports.as_str(), "--db", self.db.as_str()]);
        a.extend_from_slice(more);
        a
    }
    /// `bos serve` on this folder with `more` arguments.
    pub fn start(&self, more: &[&str], envs: &[(&str, &str)]) -> Serve {
        start_serve(&self.args(more), envs)
    }
    /// `bos serve` on this folder without a node (`--node` [`NO_NODE`]), with `more`.
    pub fn start_offline(&self, more: &[&str]) -> Serve {
        let mut a = vec!["--node", NO_NODE];
        a.extend_from_slice(more);
        self.start(&a, &[])
    }
}

/// A provider tokens file (mode 0600) in `dir`.
pub fn tokens_file(dir: &std::path::Path, lines: &str) -> std::path::PathBuf {
    let tokens = dir.join("tokens");
    std::fs::write(&tokens, lines).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    tokens
}

/// One HTTP/1.1 request; returns (status, lowercase headers, body).
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (code, head.to_ascii_lowercase(), body)
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || after.len() < n {
            break;
        }
        out.push_str(&after[..n]);
        rest = after[n..].trim_start_matches("\r\n");
    }
    out
}

/// `GET /isalive` with these headers (a token); asserts 200.
pub fn isalive_as(addr: &str, auth: &[(&str, &str)]) -> Value {
    let (code, _, body) = http(addr, "GET", "/isalive", auth, b"");
    assert_eq!(code, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Waits until no job waits or runs.
pub fn drain(addr: &str, limit: Duration) -> Value {
    drain_as(addr, &[], limit)
}

/// [`drain`] with these headers (a token).
pub fn drain_as(addr: &str, auth: &[(&str, &str)], limit: Duration) -> Value {
    let t = Instant::now();
    loop {
        let v = isalive_as(addr, auth);
        let q = &v["queue"]["status"];
        if q["default"]["count"] == 0 && q["running"]["count"] == 0 {
            return v;
        }
        assert!(t.elapsed() < limit, "queue not drained: {v}");
        std::thread::sleep(Duration::from_millis(200));
    }
}
