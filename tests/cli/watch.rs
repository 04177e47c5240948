//! `bos watch-witness` and `bos witness update`, run as a witness would: the
//! devnet as a child process, cron mode against the long-running mode, exit
//! codes, notifications, and a short real-clock run that measures the latency.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::common::{bos_command, bos_env, start_devnet, DevnetProcess, Proc, Run};
use super::hung;

const PW: &str = "watch wallet pw";
const ZERO_SECRET: &str = "5c00bd4aca04a9057c09b20b05f723f2e23deb65";

/// A devnet child process with a control client.
struct Net {
    _proc: DevnetProcess,
    listing: Value,
    url: String,
    rt: tokio::runtime::Runtime,
    client: bos::rpc::Client,
}

fn devnet(extra: &[&str]) -> Net {
    let mut args = vec!["--witnesses", "3", "--seed", "watch"];
    args.extend_from_slice(extra);
    let process = start_devnet(&args);
    let (listing, url) = (process.listing.clone(), process.url.clone());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = rt.block_on(async {
        bos::rpc::Client::new(
            vec![url.clone()],
            bos::rpc::Options {
                max_lag: None,
                ..Default::default()
            },
        )
        .unwrap()
    });
    Net {
        _proc: process,
        listing,
        url,
        rt,
        client,
    }
}

impl Net {
    fn control(&self, method: &str, args: Value) -> Value {
        self.rt
            .block_on(
                self.client
                    .call(bos::rpc::Api::Named("devnet".into()), method, args),
            )
            .unwrap()
    }
    fn db(&self, method: &str, args: Value) -> Value {
        self.rt.block_on(self.client.db(method, args)).unwrap()
    }
    fn wif(&self, list: &str, key: &str, name: &str) -> String {
        self.listing[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a[key] == name)
            .unwrap()["wif"]
            .as_str()
            .unwrap()
            .to_string()
    }
    fn witness(&self) -> Value {
        self.db("get_witness_by_account", json!(["init0"]))
    }
    fn head(&self) -> u64 {
        self.db("get_dynamic_global_properties", json!([]))["head_block_number"]
            .as_u64()
            .unwrap()
    }
    /// A backup node for init0 with its own key; returns (primary, backup) public keys.
    fn add_backup(&self) -> (String, String) {
        let backup = bos::protocol::PrivateKey::from_seed(b"cli-watch-backup");
        self.control(
            "add_node",
            json!(["init0-backup", "init0", backup.to_wif().as_str()]),
        );
        let primary = self.witness()["signing_key"].as_str().unwrap().to_string();
        (primary, backup.public_key().to_string_with_prefix("TEST"))
    }
}

/// Runs bos with the wallet password in the environment.
fn bos_pw(args: &[&str]) -> Run {
    let out = bos_command()
        .args(args)
        .env_remove("BOS_WALLET")
        .env_remove("UNLOCK")
        .env("BOS_WALLET_PASSWORD", PW)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A wallet holding init0's active key.
fn wallet(net: &Net, dir: &std::path::Path) -> String {
    let w = dir.join("w.sqlite").to_str().unwrap().to_string();
    bos_pw(&["--wallet", &w, "wallet", "init"]).ok();
    let wif = net.wif("accounts", "name", "init0");
    let mut child = bos_command()
        .args(["--wallet", &w, "wallet", "add-key", "-"])
        .env("BOS_WALLET_PASSWORD", PW)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(wif.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    w
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn find<'a>(events: &'a [Value], name: &str) -> Option<&'a Value> {
    events.iter().find(|e| e["event"] == name)
}

/// A tiny HTTP server that records request bodies.
fn webhook() -> (String, mpsc::Receiver<Value>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", l.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { return };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            loop {
                let n = s.read(&mut chunk).unwrap_or(0);
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf).to_string();
                if let Some(end) = text.find("\r\n\r\n") {
                    let len = text[..end]
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse::<usize>().unwrap())
                        })
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + len {
                        let body = &buf[end + 4..end + 4 + len];
                        let _ = tx.send(serde_json::from_slice(body).unwrap());
                        let _ = s.write_all(
                            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                        );
                        break;
                    }
                }
            }
        }
    });
    (url, rx)
}

/// Cron mode, the dry run and the long-running mode decide at the same block.
#[test]
fn once_from_cron_decides_as_the_long_running_watch() {
    let genesis = bos::protocol::TimePointSec(bos::protocol::TimePointSec::now().0 / 3 * 3);
    let gt = genesis.to_string();
    let manual = ["--clock", "manual", "--genesis-time", gt.as_str()];
    let dir = tempfile::tempdir().unwrap();
    let (hook, bodies) = webhook();
    let notes = dir.path().join("notes.txt");
    let notify = format!(
        "printf '%s %s\\n' \"$BOS_EVENT\" \"$BOS_WITNESS\" >> {0}; cat >> {0}",
        notes.display()
    );

    // Cron: --once after every block, a dry run beside it with its own state.
    let cron = devnet(&manual);
    cron.control("produce_blocks", json!([3]));
    let (k0, k1) = cron.add_backup();
    let w = wallet(&cron, dir.path());
    let state = dir.path().join("state.json");
    let dry_state = dir.path().join("dry.json");
    let once = |state: &std::path::Path, dry: bool| {
        let mut args = vec![
            "--node",
            cron.url.as_str(),
            "--wallet",
            w.as_str(),
            "watch-witness",
            "init0",
            "--key",
            k0.as_str(),
            "--key",
            k1.as_str(),
            "--once",
            "--state",
            state.to_str().unwrap(),
            "--stale-after",
            "0",
        ];
        if dry {
            args.push("--dry-run");
        } else {
            args.extend(["--notify-cmd", notify.as_str(), "--webhook", hook.as_str()]);
        }
        bos_pw(&args)
    };
    once(&dry_state, true).ok();
    once(&state, false).ok();
    cron.control("set_node_online", json!(["init0", false]));
    let mut cron_switch = None;
    let mut dry_at = None;
    for _ in 0..40 {
        let o = cron.control("advance_slots", json!([1]))[0].clone();
        if o["produced"] != true {
            continue;
        }
        let d = once(&dry_state, true);
        assert!(matches!(d.code, 0 | 11), "{} {}", d.stdout, d.stderr);
        if d.code == 11 {
            let ev = lines(&d.stdout);
            dry_at = Some(find(&ev, "would_switch").unwrap()["head_block_number"].clone());
        }
        let r = once(&state, false);
        assert!(!r.stdout.contains(&cron.wif("accounts", "name", "init0")));
        assert!(matches!(r.code, 0 | 10), "{} {}", r.stdout, r.stderr);
        if r.code == 10 {
            let ev = lines(&r.stdout);
            cron_switch = Some(find(&ev, "switch").unwrap().clone());
            break;
        }
    }
    let cron_switch = cron_switch.expect("cron mode never switched");
    assert_eq!(cron_switch["to"], k1.as_str());
    assert_eq!(dry_at.as_ref(), Some(&cron_switch["head_block_number"]));
    // The next cron runs see the switch applied and the backup produce.
    let mut confirmed = Vec::new();
    for _ in 0..8 {
        cron.control("produce_blocks", json!([1]));
        let r = once(&state, false).ok();
        for e in lines(&r.stdout) {
            if e["event"] == "confirm" {
                confirmed.push(e["stage"].as_str().unwrap().to_string());
            }
        }
    }
    assert_eq!(confirmed, ["applied", "produced"]);
    assert_eq!(cron.witness()["signing_key"], k1.as_str());
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert_eq!(saved["last_switch"]["to"], k1.as_str());
    // Notifications: the command got the switch on stdin and in its environment; so did the webhook.
    let text = std::fs::read_to_string(&notes).unwrap();
    assert!(text.contains("switch init0"), "{text}");
    assert!(text.contains("\"event\":\"switch\""), "{text}");
    let got: Vec<Value> = bodies.try_iter().collect();
    assert!(
        got.iter()
            .any(|b| b["event"] == "switch" && b["to"] == k1.as_str()),
        "{got:?}"
    );
    assert!(got.iter().any(|b| b["event"] == "miss"));
    assert!(!got.iter().any(|b| b["event"] == "sample"));

    // Long-running mode on an identical chain.
    let long = devnet(&manual);
    long.control("produce_blocks", json!([3]));
    long.add_backup();
    // Same seed, same keys: the wallet made for the first chain signs here too.
    let mut child = bos_command()
        .args([
            "--node",
            long.url.as_str(),
            "--wallet",
            w.as_str(),
            "watch-witness",
            "init0",
            "--key",
            k0.as_str(),
            "--key",
            k1.as_str(),
            "--stale-after",
            "0",
            "--heartbeat",
            "600",
        ])
        .env("BOS_WALLET_PASSWORD", PW)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let watcher = Proc(child);
    let (tx, rx) = mpsc::channel::<Value>();
    std::thread::spawn(move || {
        for l in BufReader::new(out).lines() {
            let Ok(l) = l else { return };
            let _ = tx.send(serde_json::from_str(&l).unwrap());
        }
    });
    let mut seen: Vec<Value> = Vec::new();
    let wait_sample = |n: u64, seen: &mut Vec<Value>| loop {
        let e = rx
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("no sample of {n}: {seen:?}"));
        let done = e["event"] == "sample" && e["head_block_number"].as_u64() >= Some(n);
        seen.push(e);
        if done {
            while let Ok(e) = rx.recv_timeout(Duration::from_millis(300)) {
                seen.push(e);
            }
            return;
        }
    };
    wait_sample(long.head(), &mut seen);
    assert_eq!(seen[0]["event"], "start");
    long.control("set_node_online", json!(["init0", false]));
    for _ in 0..40 {
        let o = long.control("advance_slots", json!([1]))[0].clone();
        if o["produced"] == true {
            wait_sample(o["block_num"].as_u64().unwrap(), &mut seen);
        }
        if find(&seen, "switch").is_some() {
            break;
        }
    }
    let long_switch = find(&seen, "switch")
        .expect("long mode never switched")
        .clone();
    assert_eq!(
        long_switch["head_block_number"],
        cron_switch["head_block_number"]
    );
    assert_eq!(long_switch["from"], cron_switch["from"]);
    assert_eq!(long_switch["to"], cron_switch["to"]);
    drop(watcher);

    // A manual switch back, with the same secret rule; `bos witness NAME` still shows.
    // The backup goes down first: a block of the witness itself that carries its own
    // update would overwrite the new secret (see the report on tests/devnet.rs).
    long.control("set_node_online", json!(["init0-backup", false]));
    long.control("set_node_online", json!(["init0", true]));
    let d = bos_pw(&[
        "--node",
        &long.url,
        "--wallet",
        &w,
        "-d",
        "--json",
        "witness",
        "update",
        "init0",
        "--signing-key",
        &k0,
    ])
    .ok()
    .json();
    assert_eq!(d["operations"][0][1]["new_initial_secret"], ZERO_SECRET);
    assert_eq!(d["signatures"].as_array().unwrap().len(), 1);
    let r = bos_pw(&[
        "--node",
        &long.url,
        "--wallet",
        &w,
        "--json",
        "witness",
        "update",
        "init0",
        "--signing-key",
        &k0,
    ])
    .ok()
    .json();
    assert_eq!(r["new_initial_secret"], ZERO_SECRET);
    long.control("produce_blocks", json!([1]));
    let shown = bos_pw(&["--node", &long.url, "--json", "witness", "init0"])
        .ok()
        .json();
    assert_eq!(shown["signing_key"], k0.as_str());
    let shown = bos_pw(&["--node", &long.url, "--json", "witness", "show", "init0"])
        .ok()
        .json();
    assert_eq!(shown["signing_key"], k0.as_str());
    let before = long.witness()["total_missed"].as_i64().unwrap();
    long.control("produce_blocks", json!([9]));
    assert_eq!(long.witness()["total_missed"].as_i64().unwrap(), before);
    bos_pw(&["--node", &long.url, "witness", "update", "init0"]).fails(2, "nothing to update");
}

#[test]
fn once_exit_codes_for_unreachable_and_bad_state() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("ws://{}", l.local_addr().unwrap());
    drop(l);
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("s.json");
    let key = bos::protocol::PrivateKey::from_seed(b"any")
        .public_key()
        .to_string_with_prefix("TEST");
    let key = key.as_str();
    // Two keys: a single one is refused (nothing to switch to).
    let key2 = bos::protocol::PrivateKey::from_seed(b"any2")
        .public_key()
        .to_string_with_prefix("TEST");
    let args = |url: &str| {
        vec![
            "--node".to_string(),
            url.to_string(),
            "watch-witness".into(),
            "init0".into(),
            "--key".into(),
            key.into(),
            "--key".into(),
            key2.clone(),
            "--once".into(),
            "--dry-run".into(),
            "--state".into(),
            state.to_str().unwrap().into(),
        ]
    };
    let a = args(&url);
    let r = bos_pw(&a.iter().map(String::as_str).collect::<Vec<_>>());
    r.fails(12, "no node reachable");
    // --once without --state is a usage error.
    bos_pw(&["watch-witness", "init0", "--key", key, "--once"]).fails(2, "--state");
    // A state file of another witness is refused (exit 1).
    let net = devnet(&["--clock", "manual"]);
    net.control("produce_blocks", json!([2]));
    std::fs::write(&state, r#"{"witness":"1.6.9"}"#).unwrap();
    let a = args(&net.url);
    bos_pw(&a.iter().map(String::as_str).collect::<Vec<_>>()).fails(1, "belongs to witness 1.6.9");
    std::fs::remove_file(&state).unwrap();
    let r = bos_pw(&a.iter().map(String::as_str).collect::<Vec<_>>()).ok();
    assert_eq!(lines(&r.stdout)[0]["event"], "sample");
}

/// Block interval 1 s on the real clock: the latency from the block that shows
/// the threshold to the broadcast of the switch.
#[test]
fn real_clock_failover_latency() {
    let net = devnet(&["--clock", "real", "--block-interval", "1"]);
    let dir = tempfile::tempdir().unwrap();
    let (k0, k1) = net.add_backup();
    let w = wallet(&net, dir.path());
    let mut child = bos_command()
        .args([
            "--node",
            &net.url,
            "--wallet",
            &w,
            "watch-witness",
            "init0",
            "--key",
            &k0,
            "--key",
            &k1,
            "--cooldown",
            "60",
        ])
        .env("BOS_WALLET_PASSWORD", PW)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let _watcher = Proc(child);
    let (tx, rx) = mpsc::channel::<Value>();
    std::thread::spawn(move || {
        for l in BufReader::new(out).lines() {
            let Ok(l) = l else { return };
            let _ = tx.send(serde_json::from_str(&l).unwrap());
        }
    });
    // Let it take its baseline, then the primary dies.
    let start = Instant::now();
    let mut seen = Vec::new();
    while seen
        .iter()
        .filter(|e: &&Value| e["event"] == "sample")
        .count()
        < 2
    {
        seen.push(rx.recv_timeout(Duration::from_secs(10)).unwrap());
    }
    net.control("set_node_online", json!(["init0", false]));
    let mut switch = None;
    let mut produced = false;
    while start.elapsed() < Duration::from_secs(60) && !produced {
        let Ok(e) = rx.recv_timeout(Duration::from_secs(20)) else {
            break;
        };
        if e["event"] == "switch" {
            switch = Some(e.clone());
        }
        if e["event"] == "confirm" && e["stage"] == "produced" {
            produced = true;
        }
        seen.push(e);
    }
    let switch = switch.unwrap_or_else(|| panic!("no switch: {seen:?}"));
    let latency = switch["latency_ms"].as_u64().unwrap();
    // From the threshold block's timestamp to the switch being logged (notice delivery included).
    let block_time = seen
        .iter()
        .find(|e| e["event"] == "sample" && e["head_block_number"] == switch["head_block_number"])
        .map(|e| e["head_time"].as_str().unwrap().to_string())
        .unwrap();
    let ts = chrono::DateTime::parse_from_rfc3339(switch["ts"].as_str().unwrap()).unwrap();
    let bt = chrono::NaiveDateTime::parse_from_str(&block_time, "%Y-%m-%dT%H:%M:%S")
        .unwrap()
        .and_utc();
    let from_block_ms = (ts.with_timezone(&chrono::Utc) - bt).num_milliseconds();
    eprintln!(
        "real clock, 1 s blocks: notice-to-broadcast {latency} ms; block timestamp to switch logged {from_block_ms} ms"
    );
    assert!(latency < 1000, "latency {latency} ms");
    assert!(produced, "the backup never produced: {seen:?}");
    assert_eq!(net.witness()["signing_key"], k1.as_str());
}

/// A node that accepts the connection and never answers: `info` is answered by
/// the second node within the timeout plus one block, and says so on stderr.
#[test]
fn info_with_a_hung_first_node_answers_from_the_second() {
    let net = devnet(&["--clock", "manual"]);
    let hung = hung::hung_node();
    let cfg = tempfile::tempdir().unwrap();
    let cfg_home = cfg.path().to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["--node", hung.url.as_str(), "--node", net.url.as_str()];
        args.extend_from_slice(extra);
        args.extend(["--json", "info"]);
        let started = Instant::now();
        let r = bos_env(&args, "", &[("XDG_CONFIG_HOME", cfg_home)]);
        (r, started.elapsed())
    };
    // The default timeout (5 s), then --node-timeout, then the config file's node_timeout.
    for (extra, timeout, config) in [
        (&[][..], 5.0, None),
        (&["--node-timeout", "1.5"][..], 1.5, None),
        (&[][..], 2.0, Some("node_timeout: 2\n")),
    ] {
        if let Some(c) = config {
            std::fs::create_dir_all(cfg.path().join("bos")).unwrap();
            std::fs::write(cfg.path().join("bos/config.yaml"), c).unwrap();
        }
        let (r, took) = run(extra);
        let r = r.ok();
        assert!(r.json()["head_block_number"].is_u64(), "{}", r.stdout);
        eprintln!(
            "bos info, hung first node -> answer from the second: {} ms (timeout {timeout} s)",
            took.as_millis()
        );
        assert!(
            took.as_secs_f64() >= timeout - 0.2 && took.as_secs_f64() < timeout + 3.0,
            "{took:?} with timeout {timeout}"
        );
        assert!(
            r.stderr.contains(&format!("node {} is down", hung.url)),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr
                .contains(&format!("using node {} instead of {}", net.url, hung.url)),
            "{}",
            r.stderr
        );
    }
    // A timeout that is no time limit is a usage error.
    bos_env(&["--node-timeout", "0", "info"], "", &[]).fails(2, "--node-timeout");
    std::fs::write(cfg.path().join("bos/config.yaml"), "node_timeout: -1\n").unwrap();
    let (r, _) = run(&[]);
    r.fails(1, "node_timeout");
}
