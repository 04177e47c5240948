//! `bos serve`, `bos incident send`, `bos isalive`, `bos config check` as a user runs them:
//! every route and status code over real HTTP, a kill -9 in the middle of a burst, and the
//! automated mode end to end on a devnet.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::common::{bin, bos, bos_wallet, start_devnet, Proc};

pub(super) fn sports() -> String {
    format!("{}/examples/sports", env!("CARGO_MANIFEST_DIR"))
}

/// One HTTP/1.1 request; returns (status, lowercase headers, body).
pub(super) fn http(
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

fn post(addr: &str, body: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    let mut h = vec![("Content-Type", "application/json")];
    h.extend_from_slice(headers);
    http(addr, "POST", "/trigger", &h, body.as_bytes())
}

fn incident(call: &str, day: u32, home: &str, away: &str, provider: &str) -> Value {
    let args = match call {
        "create" => json!({"season": "2018/2019"}),
        "result" => json!({"home_score": "99", "away_score": "83"}),
        _ => json!({}),
    };
    json!({"id": {"sport": "Basketball", "event_group_name": "NBA",
            "start_time": format!("2019-01-{day:02}T00:30:00Z"), "home": home, "away": away},
        "call": call, "arguments": args, "timestamp": "2019-01-01T00:00:00Z",
        "provider_info": {"name": provider, "pushed": "2019-01-01T00:00:00Z"}})
}

/// A running `bos serve --json`: its first stdout line, and its address.
pub(super) struct Serve {
    pub proc: Proc,
    pub info: Value,
    pub addr: String,
}

pub(super) fn start_serve(args: &[&str], envs: &[(&str, &str)]) -> Serve {
    let mut cmd = Command::new(bin());
    super::common::hermetic(&mut cmd);
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
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let proc = Proc(child);
    let info: Value = serde_json::from_str(&line)
        .unwrap_or_else(|e| panic!("first line is not JSON ({e}): {line:?}"));
    let addr = info["url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://")
        .to_string();
    Serve { proc, info, addr }
}

fn isalive(addr: &str) -> Value {
    let (code, _, body) = http(addr, "GET", "/isalive", &[], b"");
    assert_eq!(code, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Waits until no job waits or runs.
pub(super) fn drain(addr: &str, limit: Duration) -> Value {
    let t = Instant::now();
    loop {
        let v = isalive(addr);
        let q = &v["queue"]["status"];
        if q["default"]["count"] == 0 && q["running"]["count"] == 0 {
            return v;
        }
        assert!(t.elapsed() < limit, "queue not drained: {v}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn serve_http_routes_and_status_codes() {
    let dir = tempfile::tempdir().unwrap();
    let tokens = dir.path().join("tokens");
    std::fs::write(&tokens, "proxy-a 0123456789abcdef0123\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let cfg = dir.path().join("config.yaml");
    std::fs::write(
        &cfg,
        "body_limit: 4096\nprovider_tokens: tokens\nrate_limit: {per_second: 0.001, burst: 40}\nnobroadcast: true\nBOOKIE_PROPOSER: init0\n",
    )
    .unwrap();
    let db = dir.path().join("bos.sqlite");
    let (s, d, c) = (
        sports(),
        db.display().to_string(),
        cfg.display().to_string(),
    );
    // A node that is not there: jobs end as `connection lost`, intake still works.
    let srv = start_serve(
        &[
            "--config",
            &c,
            "--sports",
            &s,
            "--db",
            &d,
            "--node",
            "ws://127.0.0.1:9",
            "--now",
            "2019-01-01T00:00:00Z",
        ],
        &[],
    );
    assert_eq!(srv.info["dry_run"], true);
    let a = srv.addr.as_str();

    assert_eq!(http(a, "GET", "/", &[], b"").0, 404);
    assert_eq!(http(a, "GET", "/finalize", &[], b"").0, 404);
    assert_eq!(http(a, "GET", "/trigger", &[], b"").0, 503);

    let (code, head, body) = post(a, "{not json", &[]);
    assert_eq!((code, body.as_str()), (400, "Invalid data format"));
    assert!(head.contains("x-bos-reason: not json"), "{head}");

    let (code, head, body) = post(a, r#"{"call": "create"}"#, &[]);
    assert_eq!(
        (code, body.as_str()),
        (400, "Invalid data format"),
        "{head}"
    );

    let mut unknown = incident("create", 10, "ATL", "Nobody FC", "p1");
    let (code, _, body) = post(a, &unknown.to_string(), &[]);
    assert_eq!((code, body.as_str()), (400, "Not normalized incident"));
    unknown["id"]["away"] = json!("BOS");

    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(5000));
    assert_eq!(post(a, &big, &[]).0, 413);

    let ok = incident("create", 10, "ATL", "boston celtics", "p1").to_string();
    let (code, head, _) = post(
        a,
        &ok,
        &[("Authorization", "Bearer wrong-token-wrong-token")],
    );
    assert_eq!(code, 401, "{head}");

    let (code, _, body) = post(a, &ok, &[]);
    assert_eq!(code, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["result"], "processing");
    assert_eq!(v["id"], v["id_approve"]);
    assert_eq!(v["message"]["id"]["home"], "Atlanta Hawks");
    // A duplicate is accepted and evaluated again.
    assert_eq!(post(a, &ok, &[]).0, 200);
    // The token's provider overrides the name in the JSON.
    let (code, _, body) = post(a, &ok, &[("Authorization", "Bearer 0123456789abcdef0123")]);
    assert_eq!(code, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["message"]["provider_info"]["name"], "proxy-a");

    let (code, _, body) = http(a, "GET", "/events", &[], b"");
    assert_eq!((code, body.as_str()), (200, "2"));
    let id = v["message"]["id_string"].as_str().unwrap();
    let (code, _, body) = http(a, "GET", &format!("/events/{id}"), &[], b"");
    assert_eq!(code, 200);
    let ev: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        ev["create"]["incidents"].as_array().unwrap().len(),
        2,
        "{ev}"
    );
    assert_eq!(http(a, "GET", "/events/nothing-here", &[], b"").0, 404);

    let v = drain(a, Duration::from_secs(60));
    assert_eq!(v["background"]["scheduler"]["running"], true);
    assert_eq!(v["node"]["connected"], false);
    assert!(v["versions"]["bos-auto"]
        .as_str()
        .unwrap()
        .starts_with("bos "));
    // The node is unreachable: the call waits as `connection lost`, not failed.
    let (_, _, body) = http(a, "GET", &format!("/events/{id}"), &[], b"");
    let ev: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(ev["create"]["status"]["name"], "connection lost", "{ev}");
    let out = bos(&["isalive", "--url", &format!("http://{a}")]);
    assert_eq!(out.code, 6, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("unreachable"), "{}", out.stdout);
    let out = bos(&["isalive", "--url", &format!("http://{a}"), "--json"]);
    assert_eq!(out.code, 6);
    assert_eq!(out.json()["queue"]["status"]["default"]["count"], 0);

    // The rate limit: the bucket of 40 runs dry.
    let mut limited = false;
    for _ in 0..45 {
        if post(a, "{}", &[]).0 == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited);

    // bos incident send: reasons come back, exit 1 on any refusal.
    let (_d, f) =
        super::common::temp_file("i.jsonl", format!("{ok}\n{unknown}\n{{oops\n").as_bytes());
    drop(srv);
    let srv = start_serve(
        &[
            "--config",
            &c,
            "--sports",
            &s,
            "--db",
            &d,
            "--node",
            "ws://127.0.0.1:9",
            "--now",
            "2019-01-01T00:00:00Z",
        ],
        &[],
    );
    let out = bos(&[
        "incident",
        "send",
        f.to_str().unwrap(),
        "--to",
        &format!("http://{}", srv.addr),
        "--provider",
        "p9",
        "--json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let r = out.json();
    assert_eq!(r.as_array().unwrap().len(), 3, "{r}");
    let accepted: Vec<bool> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["accepted"].as_bool().unwrap())
        .collect();
    assert_eq!(accepted.iter().filter(|a| **a).count(), 2, "{r}");
    assert!(r.to_string().contains("not JSON"), "{r}");
    let out = bos(&[
        "incident",
        "send",
        f.to_str().unwrap(),
        "--to",
        "http://127.0.0.1:9",
        "--retries",
        "1",
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("no answer"), "{}", out.stdout);
    let out = bos(&["isalive", "--url", "http://127.0.0.1:9"]);
    assert_eq!(out.code, 7, "{}", out.stderr);
}

#[test]
fn serve_refuses_sources_outside_the_allowlist_and_bad_config() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.yaml");
    std::fs::write(&cfg, "api_whitelist: [10.0.0.0/8]\nnobroadcast: true\n").unwrap();
    let db = dir.path().join("bos.sqlite");
    let (s, d, c) = (
        sports(),
        db.display().to_string(),
        cfg.display().to_string(),
    );
    let srv = start_serve(
        &[
            "--config",
            &c,
            "--sports",
            &s,
            "--db",
            &d,
            "--node",
            "ws://127.0.0.1:9",
            "--proposer",
            "init0",
        ],
        &[],
    );
    let ok = incident("create", 10, "ATL", "BOS", "p1").to_string();
    let (code, _, body) = post(&srv.addr, &ok, &[]);
    assert_eq!(
        (code, body.as_str()),
        (403, "Your IP address is not allowed to post here!")
    );
    drop(srv);

    // A passphrase in the file is refused, and never echoed.
    std::fs::write(&cfg, "passphrase: hunter2\n").unwrap();
    let out = bos(&["config", "check", &c]).fails(1, "passphrase");
    assert!(out.stderr.contains("BOS_WALLET_PASSWORD") && !out.stderr.contains("hunter2"));
    let out = bos(&["serve", "--config", &c, "--sports", &s]).fails(1, "--password-file");
    assert!(!out.stderr.contains("hunter2"));

    // bos-auto's config.yaml, unchanged, is explained.
    std::fs::write(
        &cfg,
        "node: ws://localhost:8090\nnetwork: beatrice\nredis_host: localhost\nnobroadcast: false\nBOOKIE_PROPOSER: init0\nBOOKIE_APPROVER: init1\napi_whitelist: [0.0.0.0, localhost]\nscheduler: {interval: 60}\ndynamic: {handicap: {fuzzy_value: 2}}\n",
    )
    .unwrap();
    let out = bos(&["config", "check", &c]).ok();
    for needle in [
        "anyone",
        "redis_host: ignored",
        "proposer init0, approver init1",
        "handicap fuzzy 2",
    ] {
        assert!(out.stdout.contains(needle), "{needle}: {}", out.stdout);
    }
    let j = bos(&["config", "check", &c, "--json"]).ok().json();
    assert_eq!(j["settings"]["listen"], "127.0.0.1:8010");
}

/// kill -9 in the middle of 5,000 POSTs; after a restart every acknowledged incident is
/// stored, every event's create is done, and the chain holds each event once.
#[test]
fn serve_survives_kill_9_during_a_burst() {
    let s = sports();
    let net = start_devnet(&["--block-interval", "1", "--witnesses", "1", "--sports", &s]);
    let wif = net.listing["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "init0")
        .unwrap()["wif"]
        .as_str()
        .unwrap()
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("wallet.sqlite");
    assert_eq!(bos_wallet(&w, &["wallet", "init"], "").0, 0);
    assert_eq!(
        bos_wallet(&w, &["wallet", "add-key", "-"], &format!("{wif}\n")).0,
        0
    );
    let cfg = dir.path().join("config.yaml");
    std::fs::write(
        &cfg,
        "rate_limit: {per_second: 0}\nworkers: 2\nscheduler: {interval: 2}\n",
    )
    .unwrap();
    let db = dir.path().join("bos.sqlite");
    let (d, c, ws) = (
        db.display().to_string(),
        cfg.display().to_string(),
        w.display().to_string(),
    );
    let args = [
        "--config",
        &c,
        "--sports",
        &s,
        "--db",
        &d,
        "--node",
        &net.url,
        "--proposer",
        "init0",
        "--now",
        "2019-01-01T00:00:00Z",
    ];
    let env = [
        ("BOS_WALLET", ws.as_str()),
        ("BOS_WALLET_PASSWORD", "correct horse battery"),
    ];
    let mut srv = start_serve(&args, &env);

    // 8 events (4 days x 2 pairings), 625 providers each.
    let pairs = [("ATL", "BOS"), ("GSW", "WAS")];
    let mut bodies = Vec::new();
    for p in 0..625 {
        for day in 2..6 {
            for (h, a) in pairs {
                bodies.push((
                    format!("p{p}"),
                    incident("create", day, h, a, &format!("p{p}")).to_string(),
                ));
            }
        }
    }
    assert_eq!(bodies.len(), 5000);
    let acked = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(String, String)>::new()));
    let addr = srv.addr.clone();
    let chunks: Vec<Vec<(String, String)>> = bodies.chunks(625).map(|c| c.to_vec()).collect();
    let threads: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let (acked, addr) = (acked.clone(), addr.clone());
            std::thread::spawn(move || {
                for (provider, body) in chunk {
                    let Ok(mut st) = TcpStream::connect(&addr) else { return };
                    let req = format!(
                        "POST /trigger HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if st.write_all(req.as_bytes()).is_err() {
                        return;
                    }
                    let mut out = String::new();
                    let _ = st.read_to_string(&mut out);
                    if out.starts_with("HTTP/1.1 200") {
                        let v: Value = serde_json::from_str(out.split_once("\r\n\r\n").unwrap().1).unwrap();
                        let us = v["message"]["unique_string"].as_str().unwrap().to_string();
                        acked.lock().unwrap().push((us, provider));
                    }
                }
            })
        })
        .collect();
    // Kill once about a third is acknowledged.
    let t = Instant::now();
    while acked.lock().unwrap().len() < 1500 && t.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(5));
    }
    srv.proc.0.kill().unwrap(); // SIGKILL
    let _ = srv.proc.0.wait();
    for t in threads {
        t.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 1500 && acked.len() < 5000, "{}", acked.len());

    srv = start_serve(&args, &env);
    drain(&srv.addr, Duration::from_secs(240));
    // Every acknowledged incident is stored.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut q = conn
        .prepare("SELECT COUNT(*) FROM incident WHERE unique_string = ?1 AND provider = ?2")
        .unwrap();
    for (us, p) in &acked {
        let n: i64 = q.query_row([us, p], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "{us} from {p} was acknowledged but is not stored");
    }
    // Every event that got incidents has its create processed, once in effect.
    // (A create cut short under load is `midway` and the scheduler runs it again.)
    let t = Instant::now();
    loop {
        let mut q = conn
            .prepare("SELECT DISTINCT c.status FROM event_call c WHERE c.call = 'create'")
            .unwrap();
        let st: Vec<String> = q
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        if st == ["done"] {
            break;
        }
        if t.elapsed() > Duration::from_secs(20) {
            let mut q = conn
                .prepare("SELECT id_string, status, extra FROM event_call WHERE call = 'create' AND status != 'done'")
                .unwrap();
            let rows: Vec<(String, String, Option<String>)> = q
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            panic!("not done: {rows:?}");
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    drain(&srv.addr, Duration::from_secs(120));
    let events: i64 = conn
        .query_row("SELECT COUNT(*) FROM event", [], |r| r.get(0))
        .unwrap();
    assert_eq!(events, 8);
    eprintln!(
        "kill -9 after {} of 5000 acknowledged; {} jobs recovered at restart",
        acked.len(),
        srv.info["recovered"]
    );
    // Wait for the last proposals to execute, then count the events on chain.
    let mut on_chain = Vec::new();
    for _ in 0..50 {
        on_chain = chain_events(&net.url);
        if on_chain.len() as i64 >= events {
            break;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let mut uniq = on_chain.clone();
    uniq.sort();
    uniq.dedup();
    assert_eq!(
        uniq.len(),
        on_chain.len(),
        "an event was created twice: {on_chain:?}"
    );
    assert_eq!(on_chain.len() as i64, events, "{on_chain:?}");
}

/// Every event on chain, as "start_time name".
fn chain_events(node: &str) -> Vec<String> {
    let sports = bos(&["rpc", "list_sports", "--node", node]).ok().json();
    let mut out = Vec::new();
    for sp in sports.as_array().unwrap() {
        let id = format!("\"{}\"", sp["id"].as_str().unwrap());
        let groups = bos(&["rpc", "list_event_groups", &id, "--node", node])
            .ok()
            .json();
        for g in groups.as_array().unwrap() {
            let id = format!("\"{}\"", g["id"].as_str().unwrap());
            let evs = bos(&["rpc", "list_events_in_group", &id, "--node", node])
                .ok()
                .json();
            out.extend(
                evs.as_array()
                    .unwrap()
                    .iter()
                    .map(|e| format!("{} {}", e["start_time"], e["name"])),
            );
        }
    }
    out
}

/// The README's main command: `bos serve --devnet`, incidents sent with `bos incident
/// send`, proposals made and approved, and a healthy `bos isalive`.
#[test]
fn serve_devnet_end_to_end() {
    let srv = start_serve(&["--devnet"], &[]);
    let url = srv.info["url"].as_str().unwrap().to_string();
    let node = srv.info["node"].as_str().unwrap().to_string();
    let ex = format!("{}/examples/serve", env!("CARGO_MANIFEST_DIR"));
    bos(&[
        "incident",
        "send",
        &format!("{ex}/nba-game.jsonl"),
        "--to",
        &url,
    ])
    .ok();
    drain(&srv.addr, Duration::from_secs(60));
    let id = "2019-01-10t003000z__basketball__nba-regular-season__atlanta-hawks__boston-celtics";
    let (_, _, body) = http(&srv.addr, "GET", &format!("/events/{id}"), &[], b"");
    let ev: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(ev["create"]["status"]["name"], "done", "{ev}");
    // The proposal was made, approved by init0 (the only witness) and executed.
    let t = Instant::now();
    while chain_events(&node).is_empty() {
        assert!(t.elapsed() < Duration::from_secs(30), "no event on chain");
        std::thread::sleep(Duration::from_millis(300));
    }
    // A data proxy resends what did not settle (a resend re-evaluates the call).
    let mut statuses = Vec::new();
    for _ in 0..3 {
        bos(&[
            "incident",
            "send",
            &format!("{ex}/nba-game-later.jsonl"),
            "--to",
            &url,
        ])
        .ok();
        drain(&srv.addr, Duration::from_secs(60));
        let (_, _, body) = http(&srv.addr, "GET", &format!("/events/{id}"), &[], b"");
        let ev: Value = serde_json::from_str(&body).unwrap();
        statuses.push(ev["result"]["status"].clone());
        if ev["result"]["status"]["name"] == "done" {
            break;
        }
    }
    assert_eq!(statuses.last().unwrap()["name"], "done", "{statuses:?}");
    if statuses.len() > 1 {
        eprintln!("result settled after a resend: {statuses:?}");
    }
    let out = bos(&["isalive", "--url", &url]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("health     ok"), "{}", out.stdout);
    let out = bos(&["proposals", "--node", &node]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// Two witnesses, each with its own `bos serve`: the first proposes, the second's job
/// reproduces the proposal from the same incidents and approves it, and it executes.
#[test]
fn two_witnesses_propose_and_approve() {
    let s = sports();
    let net = start_devnet(&["--block-interval", "1", "--witnesses", "2", "--sports", &s]);
    let wif = |name: &str| {
        net.listing["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap()["wif"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("wallet.sqlite");
    assert_eq!(bos_wallet(&w, &["wallet", "init"], "").0, 0);
    let keys = format!("{}\n{}\n", wif("init0"), wif("init1"));
    assert_eq!(bos_wallet(&w, &["wallet", "add-key", "-"], &keys).0, 0);
    let ws = w.display().to_string();
    let env = [
        ("BOS_WALLET", ws.as_str()),
        ("BOS_WALLET_PASSWORD", "correct horse battery"),
    ];
    let serve = |who: &str, db: &str, extra: &[&str]| {
        let db = dir.path().join(db).display().to_string();
        let mut args = vec![
            "--sports",
            &s,
            "--db",
            &db,
            "--node",
            &net.url,
            "--proposer",
            who,
            "--now",
            "2019-01-01T00:00:00Z",
        ];
        args.extend(extra);
        start_serve(&args, &env)
    };
    let a = serve("init0", "a.sqlite", &[]);
    let b = serve("init1", "b.sqlite", &[]);
    let ex = format!(
        "{}/examples/serve/nba-game.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let to_a = a.info["url"].as_str().unwrap().to_string();
    let to_b = b.info["url"].as_str().unwrap().to_string();
    bos(&["incident", "send", &ex, "--to", &to_a]).ok();
    drain(&a.addr, Duration::from_secs(60));
    let pending = bos(&["proposals", "--node", &net.url, "--json"])
        .ok()
        .json();
    assert_eq!(pending.as_array().unwrap().len(), 1, "{pending}");
    assert!(chain_events(&net.url).is_empty());
    // A witness whose approval checker refuses NBA games receives them too: the
    // proposal stays pending, and `bos proposals` says why.
    let refuse = format!(
        "{}/examples/checkers/refuse-event-group.sh 'NBA Regular Season'",
        env!("CARGO_MANIFEST_DIR")
    );
    {
        let c = serve("init1", "c.sqlite", &["--checker", &refuse]);
        let to_c = c.info["url"].as_str().unwrap().to_string();
        bos(&["incident", "send", &ex, "--to", &to_c]).ok();
        drain(&c.addr, Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(1500));
        assert!(chain_events(&net.url).is_empty());
        let c_db = dir.path().join("c.sqlite").display().to_string();
        let shown = bos(&["proposals", "--node", &net.url, "--db", &c_db]).ok();
        assert!(
            shown
                .stdout
                .contains("for init1: REFUSED: touches event group NBA Regular Season"),
            "{}",
            shown.stdout
        );
    }
    // The same incidents reach the second witness: it approves, the proposal executes.
    bos(&["incident", "send", &ex, "--to", &to_b]).ok();
    drain(&b.addr, Duration::from_secs(60));
    let t = Instant::now();
    while chain_events(&net.url).is_empty() {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "not executed: {}",
            bos(&["proposals", "--node", &net.url]).stdout
        );
        std::thread::sleep(Duration::from_millis(300));
    }
    assert_eq!(chain_events(&net.url).len(), 1);

    // GET /history/<series> serves what `bos track` records in the same store.
    let a_db = dir.path().join("a.sqlite").display().to_string();
    bos(&[
        "track",
        "--once",
        "--witness",
        "init0",
        "--node",
        &net.url,
        "--db",
        &a_db,
    ])
    .ok();
    let (code, _, body) = http(
        &a.addr,
        "GET",
        "/history/witness.init0.total_missed",
        &[],
        b"",
    );
    assert_eq!(code, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["series"], "witness.init0.total_missed", "{v}");
    assert_eq!(v["points"].as_array().unwrap().len(), 1, "{v}");
    assert!(v["points"][0]["value"].is_number(), "{v}");
    let (code, _, _) = http(&a.addr, "GET", "/history/no.such.series", &[], b"");
    assert_eq!(code, 404);
    let (code, _, _) = http(&a.addr, "GET", "/history/nope?every=1y", &[], b"");
    assert_eq!(code, 400);
}

/// SIGTERM: the service stops accepting, finishes and exits 0; the store stays usable.
#[cfg(unix)]
#[test]
fn serve_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite").display().to_string();
    let s = sports();
    let mut srv = start_serve(
        &[
            "--sports",
            &s,
            "--db",
            &db,
            "--node",
            "ws://127.0.0.1:9",
            "-d",
            "--proposer",
            "init0",
            "--now",
            "2019-01-01T00:00:00Z",
        ],
        &[],
    );
    let ok = incident("create", 10, "ATL", "BOS", "p1").to_string();
    assert_eq!(post(&srv.addr, &ok, &[]).0, 200);
    let pid = srv.proc.0.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let t = Instant::now();
    let status = loop {
        if let Some(st) = srv.proc.0.try_wait().unwrap() {
            break st;
        }
        assert!(
            t.elapsed() < Duration::from_secs(40),
            "still running after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status:?}");
    assert!(TcpStream::connect(&srv.addr).is_err());
    let n = bos(&["incident", "list", "--db", &db, "--sports", &s, "--json"])
        .ok()
        .json();
    assert_eq!(n.as_array().unwrap().len(), 1, "{n}");
}

/// Statuses of every event call in a serve store, as "id_string call: status".
fn store_statuses(db: &str) -> Vec<(String, String, String)> {
    let v = bos(&["incident", "events", "--db", db, "--json"])
        .ok()
        .json();
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id_string"].as_str().unwrap().to_string(),
                e["call"].as_str().unwrap().to_string(),
                e["status"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn devnet_stats(node: &str) -> Value {
    bos(&["rpc", "--api", "devnet", "stats", "--node", node, "--json"])
        .ok()
        .json()
}

/// Data proxies send every incident to every witness at once. Two `bos serve`
/// witnesses get full lifecycles that way (one game created, in play, finished and
/// resolved; another created and canceled): every call ends `done`, nothing ends in
/// `unhandled exception`, each proposal is made once and executes, and after the
/// services come back a day later (past every retry) nothing is proposed again.
#[test]
fn two_witnesses_fed_at_the_same_instant_propose_each_thing_once() {
    let s = sports();
    let net = start_devnet(&["--block-interval", "1", "--witnesses", "2", "--sports", &s]);
    let wif = |name: &str| super::propose::wif(&net.listing, name);
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("wallet.sqlite");
    assert_eq!(bos_wallet(&w, &["wallet", "init"], "").0, 0);
    let keys = format!("{}\n{}\n", wif("init0"), wif("init1"));
    assert_eq!(bos_wallet(&w, &["wallet", "add-key", "-"], &keys).0, 0);
    let ws = w.display().to_string();
    let env = [
        ("BOS_WALLET", ws.as_str()),
        ("BOS_WALLET_PASSWORD", "correct horse battery"),
    ];
    // A short scheduler interval, so retries would show within the test.
    let cfg = dir.path().join("config.yaml");
    std::fs::write(&cfg, "scheduler:\n  interval: 1\napprove_interval: 1\n").unwrap();
    let cfg = cfg.display().to_string();
    let dbs = [
        dir.path().join("a.sqlite").display().to_string(),
        dir.path().join("b.sqlite").display().to_string(),
    ];
    let serve = |who: &str, db: &str, now: &str| {
        start_serve(
            &[
                "--config",
                &cfg,
                "--sports",
                &s,
                "--db",
                db,
                "--node",
                &net.url,
                "--proposer",
                who,
                "--now",
                now,
            ],
            &env,
        )
    };
    let mut a = serve("init0", &dbs[0], "2019-01-01T00:00:00Z");
    let mut b = serve("init1", &dbs[1], "2019-01-01T00:00:00Z");
    let to = [
        a.info["url"].as_str().unwrap().to_string(),
        b.info["url"].as_str().unwrap().to_string(),
    ];
    let send = |list: Vec<Value>, name: &str| {
        let f = dir.path().join(name);
        let text: String = list.iter().map(|v| format!("{v}\n")).collect();
        std::fs::write(&f, text).unwrap();
        bos(&[
            "incident",
            "send",
            f.to_str().unwrap(),
            "--to",
            &to[0],
            "--to",
            &to[1],
        ])
        .ok();
    };
    let both = |call: &str, day: u32, home: &str, away: &str| {
        vec![
            incident(call, day, home, away, "p1"),
            incident(call, day, home, away, "p2"),
        ]
    };
    let wait = |what: &str, ok: &dyn Fn() -> bool| {
        let t = Instant::now();
        while !ok() {
            assert!(
                t.elapsed() < Duration::from_secs(60),
                "{what}: {}\n{:?}\n{:?}",
                bos(&["proposals", "--node", &net.url]).stdout,
                store_statuses(&dbs[0]),
                store_statuses(&dbs[1]),
            );
            std::thread::sleep(Duration::from_millis(300));
        }
    };
    let settle = |addr: &[&str]| {
        for a in addr {
            drain(a, Duration::from_secs(60));
        }
    };
    let event_status = |start: &str| -> Option<String> {
        let evs = bos(&[
            "rpc",
            "list_events_in_group",
            "\"1.21.0\"",
            "--node",
            &net.url,
        ])
        .ok()
        .json();
        evs.as_array()
            .unwrap()
            .iter()
            .find(|e| e["start_time"] == start)
            .map(|e| e["status"].as_str().unwrap().to_string())
    };
    let g1 = "2019-01-10T00:30:00";
    let g2 = "2019-01-11T00:30:00";

    let mut creates = both("create", 10, "Atlanta Hawks", "Boston Celtics");
    creates.extend(both(
        "create",
        11,
        "Golden State Warriors",
        "Washington Wizards",
    ));
    send(creates, "create.jsonl");
    wait("both games created", &|| {
        event_status(g1).is_some() && event_status(g2).is_some()
    });
    settle(&[&a.addr, &b.addr]);

    let mut next = both("in_progress", 10, "Atlanta Hawks", "Boston Celtics");
    next.extend(both(
        "canceled",
        11,
        "Golden State Warriors",
        "Washington Wizards",
    ));
    send(next, "in_progress.jsonl");
    wait("game 1 in progress, game 2 canceled and removed", &|| {
        event_status(g1).as_deref() == Some("in_progress") && event_status(g2).is_none()
    });
    settle(&[&a.addr, &b.addr]);

    send(
        both("finish", 10, "Atlanta Hawks", "Boston Celtics"),
        "finish.jsonl",
    );
    wait("game 1 finished", &|| {
        event_status(g1).as_deref() == Some("finished")
    });
    settle(&[&a.addr, &b.addr]);

    send(
        both("result", 10, "Atlanta Hawks", "Boston Celtics"),
        "result.jsonl",
    );
    wait("game 1 settled and removed", &|| event_status(g1).is_none());
    settle(&[&a.addr, &b.addr]);
    wait("no proposal left pending", &|| {
        devnet_stats(&net.url)["proposals_pending"] == 0
    });

    // Every call of both witnesses is done; none failed.
    let calls = ["create", "in_progress", "finish", "result", "canceled"];
    for db in &dbs {
        let st = store_statuses(db);
        assert_eq!(st.len(), 6, "{st:?}");
        for (id, call, status) in &st {
            assert!(calls.contains(&call.as_str()), "{st:?}");
            assert_eq!(
                status,
                "done",
                "{id} {call} in {db}: {}",
                bos(&["incident", "events", "--db", db, "--json"]).stdout
            );
        }
    }
    // One proposal per thing to do: two creates, in_progress, canceled, finish, result.
    let stats = devnet_stats(&net.url);
    assert_eq!(stats["proposals_created"], 6, "{stats}");

    // A day later (past every retry and expiration), with the scheduler running every
    // second: nothing is proposed again, nothing re-created.
    drop(a.proc);
    drop(b.proc);
    a = serve("init0", &dbs[0], "2019-01-02T00:00:00Z");
    b = serve("init1", &dbs[1], "2019-01-02T00:00:00Z");
    std::thread::sleep(Duration::from_secs(5));
    settle(&[&a.addr, &b.addr]);
    let after = devnet_stats(&net.url);
    assert_eq!(after["proposals_created"], 6, "{after}");
    assert_eq!(after["proposals_pending"], 0, "{after}");
    assert!(event_status(g1).is_none() && event_status(g2).is_none());
    for db in &dbs {
        for (id, call, status) in store_statuses(db) {
            assert_eq!(status, "done", "{id} {call}");
        }
    }
}
