//! `bos serve`, `bos incident send`, `bos isalive`, `bos config check` as a user runs them:
//! every route and status code over real HTTP, a kill -9 in the middle of a burst, and the
//! automated mode end to end on a devnet.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::serve::{
    drain, drain_as, http, isalive_as, sports, start_serve, start_serve_in, ServeDir, TOKEN_A,
};
#[cfg(unix)]
use crate::support::sigterm_and_wait;
use crate::support::{bin, bos, start_devnet, track_once, wallet_env, wallet_with};

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

/// Asserts an answer `(code, head, body)` is `code` with `body` and the reason header
/// starting with `reason`; returns the head.
#[track_caller]
fn refused(answer: (u16, String, String), code: u16, body: &str, reason: &str) -> String {
    let (got, head, text) = answer;
    assert_eq!((got, text.as_str()), (code, body), "{head}");
    assert!(head.contains(&format!("x-bos-reason: {reason}")), "{head}");
    head
}

fn isalive(addr: &str) -> Value {
    isalive_as(addr, &[])
}

/// `bos isalive --url URL MORE`: asserts its exit code and that its stdout says `says`.
#[track_caller]
fn isalive_cli(url: &str, more: &[&str], code: i32, says: &str) {
    let out = bos(&[&["isalive", "--url", url], more].concat());
    assert_eq!(out.code, code, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains(says), "{}", out.stdout);
}

/// `bos devnet` with `witnesses` witnesses, a block a second and the example sports.
fn sports_devnet(witnesses: &str) -> crate::support::DevnetProcess {
    let s = sports();
    start_devnet(&[
        "--block-interval",
        "1",
        "--witnesses",
        witnesses,
        "--sports",
        &s,
    ])
}

/// `--node URL --proposer init0 --now 2019-01-01T00:00:00Z` (and `-d` for a dry run):
/// init0's service on the devnet at `url`.
fn init0_on(url: &str, dry_run: bool) -> Vec<&str> {
    let mut a = vec!["--node", url];
    if dry_run {
        a.push("-d");
    }
    a.extend(["--proposer", "init0", "--now", "2019-01-01T00:00:00Z"]);
    a
}

#[test]
fn serve_http_routes_and_status_codes() {
    let sd = ServeDir::new(
        "body_limit: 4096\nprovider_tokens: tokens\nrate_limit: {per_second: 0.001, burst: 40}\nnobroadcast: true\nBOOKIE_PROPOSER: init0\n",
    )
    .tokens(&format!("proxy-a {TOKEN_A}\n"));
    let dir = &sd.dir;
    let token_file = dir.path().join("token-a");
    std::fs::write(&token_file, format!("{TOKEN_A}\n")).unwrap();
    // A node that is not there: jobs end as `connection lost`, intake still works.
    let srv = sd.start_offline(&["--now", "2019-01-01T00:00:00Z"]);
    assert_eq!(srv.info["dry_run"], true);
    let a = srv.addr.as_str();
    let bearer = format!("Bearer {TOKEN_A}");
    let auth = [("Authorization", bearer.as_str())];

    // Tokens are configured: every route, whatever its method, wants one.
    for (method, path) in [
        ("GET", "/isalive"),
        ("GET", "/events"),
        ("GET", "/events/anything"),
        ("GET", "/history/chain.head_block"),
        ("GET", "/trigger"),
        ("GET", "/"),
        ("POST", "/trigger"),
    ] {
        let answer = http(a, method, path, &[], b"{}");
        refused(answer, 401, "Invalid token", "a bearer token is required");
        let wrong = [("Authorization", "Bearer wrong-token-wrong-token")];
        assert_eq!(
            http(a, method, path, &wrong, b"{}").0,
            401,
            "{method} {path}"
        );
    }
    // The scheme name is case-insensitive; a prefix or an extension of the token is no token.
    for (auth, code) in [
        (format!("bearer {TOKEN_A}"), 200),
        (format!("BEARER  {TOKEN_A}"), 200),
        (format!("Bearer {}", &TOKEN_A[..10]), 401),
        (format!("Bearer {TOKEN_A}0"), 401),
    ] {
        let got = http(
            a,
            "GET",
            "/events",
            &[("Authorization", auth.as_str())],
            b"",
        )
        .0;
        assert_eq!(got, code, "{auth}");
    }

    assert_eq!(http(a, "GET", "/", &auth, b"").0, 404);
    assert_eq!(http(a, "GET", "/finalize", &auth, b"").0, 404);
    assert_eq!(http(a, "GET", "/trigger", &auth, b"").0, 503);

    refused(
        post(a, "{not json", &auth),
        400,
        "Invalid data format",
        "not json",
    );

    let (code, head, body) = post(a, r#"{"call": "create"}"#, &auth);
    assert_eq!(
        (code, body.as_str()),
        (400, "Invalid data format"),
        "{head}"
    );

    let mut unknown = incident("create", 10, "ATL", "Nobody FC", "p1");
    let (code, _, body) = post(a, &unknown.to_string(), &auth);
    assert_eq!((code, body.as_str()), (400, "Not normalized incident"));
    unknown["id"]["away"] = json!("BOS");
    // Home and away naming one team (by abbreviation and by name) are refused.
    let same = incident("create", 10, "ATL", "atlanta hawks", "p1");
    let (code, head, body) = post(a, &same.to_string(), &auth);
    assert_eq!((code, body.as_str()), (400, "Not normalized incident"));
    assert!(head.contains("same team"), "{head}");
    // A score that is not a whole number is refused.
    let mut scored = incident("result", 10, "ATL", "BOS", "p1");
    scored["arguments"]["home_score"] = json!("abc");
    let (code, head, body) = post(a, &scored.to_string(), &auth);
    assert_eq!((code, body.as_str()), (400, "Invalid data format"));
    assert!(head.contains("arguments.home_score"), "{head}");

    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(5000));
    assert_eq!(post(a, &big, &auth).0, 413);

    let ok = incident("create", 10, "ATL", "boston celtics", "p1").to_string();
    let (code, _, body) = post(a, &ok, &auth);
    assert_eq!(code, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["result"], "processing");
    assert_eq!(v["id"], v["id_approve"]);
    assert_eq!(v["message"]["id"]["home"], "Atlanta Hawks");
    // The token's provider overrides the name in the JSON.
    assert_eq!(v["message"]["provider_info"]["name"], "proxy-a");
    // A duplicate is accepted and evaluated again.
    assert_eq!(post(a, &ok, &auth).0, 200);
    // Another name in the JSON is still the token's provider: a duplicate, not a
    // second provider.
    let other = incident("create", 10, "ATL", "boston celtics", "p2").to_string();
    let (code, _, body) = post(a, &other, &auth);
    assert_eq!(code, 200, "{body}");
    // Another event's id string is refused, with the reason.
    let mut forged = incident("create", 10, "GSW", "WAS", "p1");
    forged["id_string"] = v["message"]["id_string"].clone();
    let head = refused(
        post(a, &forged.to_string(), &auth),
        400,
        "Invalid data format",
        "id_string",
    );
    assert!(head.contains("does not match"), "{head}");

    let (code, _, body) = http(a, "GET", "/events", &auth, b"");
    assert_eq!((code, body.as_str()), (200, "1"));
    let id = v["message"]["id_string"].as_str().unwrap();
    let (code, _, body) = http(a, "GET", &format!("/events/{id}"), &auth, b"");
    assert_eq!(code, 200);
    let ev: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        ev["create"]["incidents"].as_array().unwrap().len(),
        1,
        "{ev}"
    );
    assert_eq!(http(a, "GET", "/events/nothing-here", &auth, b"").0, 404);

    let v = drain_as(a, &auth, Duration::from_secs(60));
    assert_eq!(v["background"]["scheduler"]["running"], true);
    assert_eq!(v["node"]["connected"], false);
    assert_eq!(v["store"]["writable"], true);
    assert!(v["versions"]["bos-auto"]
        .as_str()
        .unwrap()
        .starts_with("bos "));
    // The node is unreachable: the call waits as `connection lost`, not failed.
    let (_, _, body) = http(a, "GET", &format!("/events/{id}"), &auth, b"");
    let ev: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(ev["create"]["status"]["name"], "connection lost", "{ev}");
    let url = format!("http://{a}");
    let tf = token_file.to_str().unwrap();
    isalive_cli(&url, &["--token-file", tf], 6, "unreachable");
    let out = bos(&["isalive", "--url", &url, "--token-file", tf, "--json"]);
    assert_eq!(out.code, 6);
    assert_eq!(out.json()["queue"]["status"]["default"]["count"], 0);
    // Without the token: the service answered, and said no.
    let out = bos(&["isalive", "--url", &url]);
    assert_eq!(out.code, 7, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("401"), "{}", out.stderr);

    // The rate limit: the bucket of 40 runs dry.
    let mut limited = false;
    for _ in 0..45 {
        if post(a, "{}", &auth).0 == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited);

    // bos incident send: reasons come back, exit 1 on any refusal.
    let (_d, f) =
        crate::support::temp_file("i.jsonl", format!("{ok}\n{unknown}\n{{oops\n").as_bytes());
    drop(srv);
    let srv = sd.start_offline(&["--now", "2019-01-01T00:00:00Z"]);
    let to = format!("http://{}", srv.addr);
    // `bos incident send FILE --to URL`, then `more`.
    let send = |to: &str, more: &[&str]| {
        bos(&[&["incident", "send", f.to_str().unwrap(), "--to", to], more].concat())
    };
    let out = send(&to, &["--json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("a bearer token is required"),
        "{}",
        out.stdout
    );
    let out = send(&to, &["--provider", "p9", "--token-file", tf, "--json"]);
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
    let out = send("http://127.0.0.1:9", &["--retries", "1"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("no answer"), "{}", out.stdout);
    let out = bos(&["isalive", "--url", "http://127.0.0.1:9"]);
    assert_eq!(out.code, 7, "{}", out.stderr);
}

/// `isalive_open`: `GET /isalive` answers without a token, with health figures only;
/// with the token, everything.
#[test]
fn serve_open_isalive_shows_nothing_sensitive() {
    let sd = ServeDir::new("provider_tokens: tokens\nisalive_open: true\nnobroadcast: true\n")
        .tokens(&format!("proxy-a {TOKEN_A}\n"));
    let node = "ws://127.0.0.1:9/secret-path";
    let srv = sd.start(&["--node", node, "--proposer", "init0"], &[]);
    let a = srv.addr.as_str();
    // Give the node watcher time to fail once, so there is an error to hide.
    std::thread::sleep(Duration::from_millis(1500));
    let (code, _, body) = http(a, "GET", "/isalive", &[], b"");
    assert_eq!(code, 200, "{body}");
    assert!(
        !body.contains("secret-path") && !body.contains("127.0.0.1"),
        "{body}"
    );
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["node"], json!({"connected": false}), "{v}");
    assert_eq!(v["store"], json!({"writable": true}), "{v}");
    assert!(
        v.get("incidents").is_none() && v["background"].get("approvals").is_none(),
        "{v}"
    );
    let bearer = format!("Bearer {TOKEN_A}");
    let full = isalive_as(a, &[("Authorization", bearer.as_str())]);
    assert!(full["node"]["error"].is_string(), "{full}");
    assert_eq!(full["incidents"], 0);
    // A wrong token is still refused; the other routes still want one.
    let wrong = [("Authorization", "Bearer wrong-token-wrong-token")];
    assert_eq!(http(a, "GET", "/isalive", &wrong, b"").0, 401);
    assert_eq!(http(a, "GET", "/events", &[], b"").0, 401);
    // `bos isalive` without a token reads the open view.
    isalive_cli(&format!("http://{a}"), &[], 6, "the node is unreachable");
}

#[test]
fn serve_refuses_sources_outside_the_allowlist_and_bad_config() {
    let sd = ServeDir::new("api_whitelist: [10.0.0.0/8]\nnobroadcast: true\n");
    let (dir, c, s) = (&sd.dir, sd.config.clone(), sd.sports.clone());
    let cfg = std::path::PathBuf::from(&c);
    let srv = sd.start_offline(&["--proposer", "init0"]);
    let ok = incident("create", 10, "ATL", "BOS", "p1").to_string();
    let (code, _, body) = post(&srv.addr, &ok, &[]);
    assert_eq!(
        (code, body.as_str()),
        (403, "Your IP address is not allowed to post here!")
    );
    // The allowlist comes before every route.
    for path in [
        "/isalive",
        "/events",
        "/events/x",
        "/history/chain.head_block",
        "/",
        "/trigger",
    ] {
        let (code, head, _) = http(&srv.addr, "GET", path, &[], b"");
        assert_eq!(code, 403, "{path}");
        assert!(head.contains("is not in api_whitelist"), "{head}");
    }
    drop(srv);

    // A passphrase in the file is ignored with how to give the password, never echoed.
    std::fs::write(&cfg, "passphrase: hunter2\n").unwrap();
    let out = bos(&["config", "check", &c]).ok();
    assert!(
        out.stdout.contains("note: passphrase: ignored")
            && out.stdout.contains("BOS_WALLET_PASSWORD")
            && out.stdout.contains("--password-file"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("hunter2") && !out.stderr.contains("hunter2"));
    // Without FILE: the default file, the one every command reads.
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("bos");
    std::fs::create_dir(&xdg).unwrap();
    std::fs::write(xdg.join("config.yaml"), "workers: 3\n").unwrap();
    let xdg_home = home.path().to_str().unwrap();
    let out =
        crate::support::bos_env(&["config", "check"], "", &[("XDG_CONFIG_HOME", xdg_home)]).ok();
    assert!(out.stdout.contains("workers          3"), "{}", out.stdout);
    // A value of the wrong type names the key and the type.
    std::fs::write(&cfg, "workers: many\n").unwrap();
    bos(&["config", "check", &c]).fails(
        1,
        "`workers` must be a whole number of worker threads, not \"many\"",
    );
    bos(&["serve", "--config", &c, "--sports", &s]).fails(1, "`workers` must be a whole number");
    // `network:` picks the chain folder of a bookiesports folder; documented keys are read.
    let root = dir.path().join("bookiesports");
    std::fs::create_dir(&root).unwrap();
    std::os::unix::fs::symlink(&s, root.join("beatrice")).unwrap();
    std::fs::write(
        &cfg,
        "sports: bookiesports\nnetwork: beatrice\nexpand_dynamic_assets: true\nscheduler: {expirations: {EventCannotOpenException: 600}}\n",
    )
    .unwrap();
    let out = bos(&["config", "check", &c]).ok();
    assert!(
        out.stdout
            .contains(&format!("{}", root.join("beatrice").display())),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("built per asset (expand_dynamic_assets)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("postpone 600 s (leadtime)"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("unknown key"), "{}", out.stdout);
    std::fs::write(&cfg, "sports: bookiesports\nnetwork: charlie\n").unwrap();
    bos(&["config", "check", &c])
        .ok()
        .prints("`network: charlie` names no chain folder here (chains: beatrice)");

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
    let net = sports_devnet("1");
    let (_wallet_dir, w) = wallet_with(&[&net.wif("init0")]);
    let ws = w.display().to_string();
    let sd = ServeDir::new("rate_limit: {per_second: 0}\nworkers: 2\nscheduler: {interval: 2}\n");
    let db = sd.db.clone();
    let args = sd.args(&init0_on(&net.url, false));
    let env = wallet_env(&ws);
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
    srv.send_and_drain(&format!("{ex}/nba-game.jsonl"));
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
        srv.send_and_drain(&format!("{ex}/nba-game-later.jsonl"));
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
    isalive_cli(&url, &[], 0, "health     ok");
    let out = bos(&["proposals", "--node", &node]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A devnet of two witnesses with the example sports, a wallet (in the folder) holding
/// both witnesses' keys: (sports folder, devnet, folder, wallet path).
fn two_witnesses() -> (
    String,
    crate::support::DevnetProcess,
    tempfile::TempDir,
    String,
) {
    let s = sports();
    let net = sports_devnet("2");
    let (dir, w) = wallet_with(&[&net.wif("init0"), &net.wif("init1")]);
    let ws = w.display().to_string();
    (s, net, dir, ws)
}

/// Two witnesses, each with its own `bos serve`: the first proposes, the second's job
/// reproduces the proposal from the same incidents and approves it, and it executes.
#[test]
fn two_witnesses_propose_and_approve() {
    let (s, net, dir, ws) = two_witnesses();
    let env = wallet_env(&ws);
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
    a.send_and_drain(&ex);
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
        c.send_and_drain(&ex);
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
    b.send_and_drain(&ex);
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
    track_once("init0", &net.url, &a_db);
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
    let sd = ServeDir::without_config();
    let (db, s) = (&sd.db, &sd.sports);
    let mut srv = sd.start_offline(&["-d", "--proposer", "init0", "--now", "2019-01-01T00:00:00Z"]);
    let ok = incident("create", 10, "ATL", "BOS", "p1").to_string();
    assert_eq!(post(&srv.addr, &ok, &[]).0, 200);
    let status = sigterm_and_wait(&mut srv.proc.0, Duration::from_secs(40));
    assert!(status.success(), "{status:?}");
    assert!(TcpStream::connect(&srv.addr).is_err());
    let n = bos(&["incident", "list", "--db", db, "--sports", s, "--json"])
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

/// `bos serve --devnet` keeps its throwaway store in the temporary folder and removes
/// it when it stops; a run killed with SIGKILL cannot, so the next run removes what
/// runs whose process is gone left there, and nothing else.
#[cfg(target_os = "linux")]
#[test]
fn serve_devnet_removes_the_stores_killed_runs_left() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_str().unwrap();
    let start = || start_serve(&["--devnet"], &[("TMPDIR", dir)]);
    let files = || {
        let mut v: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    };
    let store = |pid: u32| format!("bos-serve-devnet-{pid}.sqlite");
    // A run killed with SIGKILL leaves its store behind.
    let mut killed = start();
    let killed_pid = killed.proc.0.id();
    killed.proc.0.kill().unwrap();
    killed.proc.0.wait().unwrap();
    assert!(files().contains(&store(killed_pid)), "{:?}", files());
    // Beside it: a store of a live process (this test's), files that only look alike.
    let alive = store(std::process::id());
    let others = [
        alive.clone(),
        "bos-serve-devnet-x1.sqlite".to_string(),
        "bos-serve-devnet-1.sqlite.bak".to_string(),
        "my.sqlite".to_string(),
    ];
    for f in &others {
        std::fs::write(tmp.path().join(f), b"keep").unwrap();
    }
    let srv = start();
    let pid = srv.proc.0.id();
    let mut want: Vec<String> = others.to_vec();
    want.extend(files().into_iter().filter(|f| f.starts_with(&store(pid))));
    want.sort();
    assert_eq!(files(), want, "the killed run's store is still there");
    assert!(files().contains(&store(pid)));
    // A graceful stop, even right after the start, removes the run's own store.
    let mut srv = srv;
    let status = sigterm_and_wait(&mut srv.proc.0, Duration::from_secs(40));
    assert!(status.success(), "{status:?}");
    let mut others = others.to_vec();
    others.sort();
    assert_eq!(files(), others);
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
    let (s, net, dir, ws) = two_witnesses();
    let env = wallet_env(&ws);
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

/// Reads until the peer closes (Ok(true)), `limit` passes (Ok(false)) or an error.
fn closed_within(s: &mut TcpStream, limit: Duration) -> bool {
    let t = Instant::now();
    let mut buf = [0u8; 1024];
    while t.elapsed() < limit {
        s.set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
    }
    false
}

/// 300 idle connections are closed within the idle timeout while health probes keep
/// being answered; a slow header and a slow body are cut off; connections beyond
/// `max_connections` get a clear 503.
#[test]
fn serve_closes_idle_and_slow_connections_and_caps_them() {
    let sd = ServeDir::new(
        "idle_timeout: 2\nheader_timeout: 2\nbody_timeout: 1\nmax_connections: 400\nnobroadcast: true\n",
    );
    let cfg = &sd.config;
    let srv = sd.start_offline(&["--proposer", "init0"]);
    let a = srv.addr.clone();
    let opened = Instant::now();
    let mut idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(&a).unwrap()).collect();
    // A slow header: a byte at a time, never finished.
    let mut slow_header = TcpStream::connect(&a).unwrap();
    // A slow body: headers, then 10 of 100 bytes.
    let mut slow_body = TcpStream::connect(&a).unwrap();
    slow_body
        .write_all(
            format!(
                "POST /trigger HTTP/1.1\r\nHost: {a}\r\nContent-Length: 100\r\n\r\n{{\"id\": 1,"
            )
            .as_bytes(),
        )
        .unwrap();
    // Health probes are answered meanwhile.
    let mut probes = 0;
    while opened.elapsed() < Duration::from_millis(1500) {
        let t = Instant::now();
        assert_eq!(isalive(&a)["store"]["writable"], true);
        assert!(
            t.elapsed() < Duration::from_millis(500),
            "probe took {:?}",
            t.elapsed()
        );
        let _ = slow_header.write_all(b"G");
        probes += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(probes >= 5);
    let (mut code, mut body) = (String::new(), String::new());
    let _ = slow_body.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = slow_body.read_to_string(&mut body);
    code.push_str(body.split_whitespace().nth(1).unwrap_or(""));
    assert_eq!(code, "408", "{body}");
    assert!(body.to_ascii_lowercase().contains("body_timeout"), "{body}");
    // Every idle connection is closed about 2 s after it opened (slack for a loaded
    // 2-core CI machine; without the idle timeout they would never close).
    for (i, st) in idle.iter_mut().enumerate() {
        let left = Duration::from_secs(5).saturating_sub(opened.elapsed());
        assert!(
            closed_within(st, left.max(Duration::from_millis(50))),
            "idle connection {i} still open after {:?}",
            opened.elapsed()
        );
    }
    // The slow header was cut off within header_timeout of its first byte.
    assert!(closed_within(&mut slow_header, Duration::from_millis(2500)));
    // A kept-alive connection is closed once idle, after its answers.
    let mut kept = TcpStream::connect(&a).unwrap();
    for _ in 0..2 {
        kept.write_all(format!("GET /events HTTP/1.1\r\nHost: {a}\r\n\r\n").as_bytes())
            .unwrap();
        let mut buf = [0u8; 512];
        let n = kept.read(&mut buf).unwrap();
        assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    }
    let t = Instant::now();
    assert!(closed_within(&mut kept, Duration::from_secs(4)));
    assert!(
        t.elapsed() >= Duration::from_millis(1500),
        "{:?}",
        t.elapsed()
    );
    drop(idle);
    drop(srv);

    // The connection cap: the connection over it is answered 503 and closed.
    std::fs::write(
        cfg,
        "idle_timeout: 2\nmax_connections: 8\nnobroadcast: true\n",
    )
    .unwrap();
    let srv = sd.start_offline(&["--proposer", "init0"]);
    let a = srv.addr.clone();
    let held: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(&a).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(200));
    refused(
        http(&a, "GET", "/isalive", &[], b""),
        503,
        "Too many connections",
        "too many connections (max_connections 8)",
    );
    drop(held);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(isalive(&a)["store"]["writable"], true);
}

/// The peak resident memory of a process, in kB (Linux).
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// `GET /history` of a series of 1,000,000 samples answers pages of bounded size, which
/// chain to the end, refuses oversized pages and ranges, and four of the largest pages
/// at once keep the server under 100 MB.
#[test]
fn serve_history_is_paged_and_bounded() {
    let sd = ServeDir::without_config();
    let db = std::path::PathBuf::from(&sd.db);
    let series = "witness.init0.total_missed";
    {
        let mut st = bos::track::Store::open(&db).unwrap();
        st.insert(&[bos::track::Sample::new(series, 1_600_000_000_000, 0.0)])
            .unwrap();
        drop(st);
        // 999,999 more, one every 3 s (about 35 days), inserted by SQLite itself.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO track_samples (series, ts, value)
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
             SELECT (SELECT id FROM track_series WHERE name = '{series}'),
                    1600000000000 + i * 3000, i % 97 FROM n"
        ))
        .unwrap();
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM track_samples", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1_000_000);
    }
    let srv = sd.start_offline(&["-d", "--proposer", "init0"]);
    let a = srv.addr.clone();
    let get = |path: &str| {
        let (code, _, body) = http(&a, "GET", path, &[], b"");
        (
            code,
            serde_json::from_str::<Value>(&body).unwrap_or(Value::Null),
            body.len(),
        )
    };
    // No parameters: the first 1,000 points, and where the next page starts.
    let (code, v, _) = get(&format!("/history/{series}"));
    assert_eq!(code, 200, "{v}");
    let pts = v["points"].as_array().unwrap();
    assert_eq!(pts.len(), 1000);
    assert_eq!(pts[0]["ts"], 1_600_000_000_000i64);
    assert_eq!(v["limit"], 1000);
    let next = v["next"].as_str().unwrap().to_string();
    let (code, v2, _) = get(&next);
    assert_eq!(code, 200, "{v2}");
    assert_eq!(
        v2["points"][0]["ts"],
        pts[999]["ts"].as_i64().unwrap() + 3000
    );
    // Downsampled pages chain to the end: 35 days of hourly buckets, 500 per page.
    let mut path = format!("/history/{series}?every=1h&limit=500");
    let (mut buckets, mut counted, mut pages) = (0, 0, 0);
    loop {
        let (code, v, _) = get(&path);
        assert_eq!(code, 200, "{v}");
        pages += 1;
        for p in v["points"].as_array().unwrap() {
            buckets += 1;
            counted += p["count"].as_u64().unwrap();
        }
        match v["next"].as_str() {
            Some(n) => path = n.to_string(),
            None => break,
        }
    }
    assert_eq!(counted, 1_000_000);
    assert_eq!((buckets, pages), (834, 2));
    // Too large a page, too long a range.
    let (code, v, _) = get(&format!("/history/{series}?limit=1000000"));
    assert_eq!(code, 400, "{v}");
    assert!(v["error"].as_str().unwrap().contains("limit"), "{v}");
    let (code, v, _) = get(&format!(
        "/history/{series}?since=2019-01-01T00:00:00Z&until=2021-01-01T00:00:00Z"
    ));
    assert_eq!(code, 400, "{v}");
    assert!(v["error"].as_str().unwrap().contains("longer than"), "{v}");
    // Four of the largest pages at once.
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let since = chrono::DateTime::from_timestamp_millis(1_600_000_000_000 + i * 30_000_000)
                .unwrap()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let (a, p) = (
                a.clone(),
                format!("/history/{series}?limit=10000&since={since}"),
            );
            std::thread::spawn(move || {
                let (code, _, body) = http(&a, "GET", &p, &[], b"");
                assert_eq!(code, 200);
                body.len()
            })
        })
        .collect();
    let mut sizes = Vec::new();
    for t in threads {
        sizes.push(t.join().unwrap());
    }
    assert!(sizes.iter().all(|n| *n < 2_000_000), "{sizes:?}");
    if let Some(kb) = peak_rss_kb(srv.proc.0.id()) {
        eprintln!(
            "bos serve peak RSS after the /history pages: {} MB; page sizes {sizes:?}",
            kb / 1024
        );
        assert!(kb < 100 * 1024, "peak RSS {kb} kB");
    }
}

/// The disk fills while jobs run (a file-size limit on the running service, so every
/// write of SQLite fails): `/isalive` answers 503 and says the store cannot be written;
/// once space returns, every job ends, none stays `running`, without a restart.
#[cfg(target_os = "linux")]
#[test]
fn serve_disk_full_during_jobs_leaves_no_job_running() {
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("skipped: prlimit (util-linux) is not installed");
        return;
    }
    let net = sports_devnet("1");
    let sd = ServeDir::new("rate_limit: {per_second: 0}\nworkers: 2\nscheduler: {interval: 1}\n");
    let db = sd.db.clone();
    // Writes over the limit fail with EFBIG instead of killing the process (SIGXFSZ
    // ignored, as a shell's `trap '' XFSZ` leaves it across exec).
    let mut sh = Command::new("sh");
    sh.args(["-c", "trap '' XFSZ; exec \"$0\" \"$@\"", bin()]);
    let srv = start_serve_in(
        sh,
        &sd.args(&init0_on(&net.url, true)),
        // Every failed write is logged: keep the test's output readable.
        &[("RUST_LOG", "off")],
    );
    let pid = srv.proc.0.id().to_string();
    let a = srv.addr.clone();
    let limit = |v: &str| {
        let st = Command::new("prlimit")
            .args(["--pid", &pid, &format!("--fsize={v}:")])
            .status()
            .unwrap();
        assert!(st.success(), "prlimit --fsize={v}");
    };
    // 600 events, one create each, posted one after another in the background.
    let posting = {
        let a = a.clone();
        std::thread::spawn(move || {
            let mut acked = 0;
            for i in 0..600u32 {
                let mut v = incident("create", 2 + i / 24, "ATL", "BOS", "p1");
                v["id"]["start_time"] =
                    json!(format!("2019-01-{:02}T{:02}:30:00Z", 2 + i / 24, i % 24));
                if post(&a, &v.to_string(), &[]).0 == 200 {
                    acked += 1;
                }
            }
            acked
        })
    };
    let t = Instant::now();
    while isalive(&a)["incidents"].as_u64().unwrap() < 100 {
        assert!(t.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(20));
    }
    limit("1");
    let t = Instant::now();
    let full = loop {
        let (code, _, body) = http(&a, "GET", "/isalive", &[], b"");
        if code == 503 {
            break serde_json::from_str::<Value>(&body).unwrap();
        }
        assert_eq!(code, 200, "{body}");
        assert!(
            t.elapsed() < Duration::from_secs(15),
            "/isalive never reported the store: {body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(full["store"]["writable"], false, "{full}");
    assert!(full["store"]["error"].is_string(), "{full}");
    isalive_cli(
        &format!("http://{a}"),
        &[],
        6,
        "the store cannot be written",
    );
    std::thread::sleep(Duration::from_millis(1500));
    limit("unlimited");
    let acked = posting.join().unwrap();
    assert!(acked >= 100, "{acked}");
    // Space is back: every job ends, and the service says it is healthy again.
    let t = Instant::now();
    let v = loop {
        let (code, _, body) = http(&a, "GET", "/isalive", &[], b"");
        let v: Value = serde_json::from_str(&body).unwrap();
        let q = &v["queue"]["status"];
        if code == 200 && q["default"]["count"] == 0 && q["running"]["count"] == 0 {
            break v;
        }
        assert!(t.elapsed() < Duration::from_secs(90), "not drained: {v}");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(v["store"]["writable"], true, "{v}");
    assert_eq!(v["queue"]["status"]["failed"]["count"], 0, "{v}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(n("SELECT COUNT(*) FROM serve_job"), 0);
    assert_eq!(n("SELECT COUNT(*) FROM incident"), acked);
    // Every stored incident's job ran to its end: no call is left without a status.
    assert_eq!(
        n("SELECT COUNT(*) FROM event_call WHERE status = 'unknown'"),
        0
    );
    assert_eq!(n("SELECT COUNT(*) FROM event_call"), acked);
}

/// 275,000 result incidents on one event call (one provider flooding distinct scores):
/// the job counts providers and results in SQL, so the service stays small and the
/// flood neither decides nor blocks the call.
#[test]
fn serve_job_over_a_flooded_call_stays_small() {
    let net = sports_devnet("1");
    let sd = ServeDir::without_config();
    let db = std::path::PathBuf::from(&sd.db);
    let id = "2019-01-10t003000z__basketball__nba-regular-season__atlanta-hawks__boston-celtics";
    {
        let store = bos::incidents::store::Store::open(&db).unwrap();
        drop(store);
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO incident (unique_string, provider, id_string, call, start_time, received, doc)
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 275000)
             SELECT '{id}__result__' || i || '-0', 'flood', '{id}', 'result', '2019-01-10T00:30:00Z',
                    '2019-01-01T00:00:00Z',
                    json_object('id', json_object('sport', 'Basketball', 'event_group_name', 'NBA Regular Season',
                                  'start_time', '2019-01-10T00:30:00Z', 'home', 'Atlanta Hawks', 'away', 'Boston Celtics'),
                                'call', 'result', 'arguments', json_object('home_score', CAST(i AS TEXT), 'away_score', '0'),
                                'provider_info', json_object('name', 'flood'),
                                'unique_string', '{id}__result__' || i || '-0', 'id_string', '{id}')
             FROM n"
        ))
        .unwrap();
    }
    let srv = sd.start(&init0_on(&net.url, true), &[]);
    let mut v = incident("result", 10, "ATL", "BOS", "honest");
    v["arguments"] = json!({"home_score": "100", "away_score": "90"});
    let (code, _, body) = post(&srv.addr, &v.to_string(), &[]);
    assert_eq!(code, 200, "{body}");
    let t = Instant::now();
    drain(&srv.addr, Duration::from_secs(120));
    let took = t.elapsed();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (status, extra): (String, Option<String>) = conn
        .query_row(
            "SELECT status, extra FROM event_call WHERE id_string = ?1 AND call = 'result'",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // Two providers, 275,001 distinct results: none reaches the threshold.
    assert_eq!(status, "undecided", "{extra:?}");
    // The event as the API shows it: the first 1,000 incidents, and how many there are.
    let (code, _, body) = http(&srv.addr, "GET", &format!("/events/{id}"), &[], b"");
    assert_eq!(code, 200);
    let ev: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(ev["result"]["incidents"].as_array().unwrap().len(), 1000);
    assert_eq!(ev["result"]["incidents_total"], 275_001);
    let kb = peak_rss_kb(srv.proc.0.id()).unwrap_or(0);
    eprintln!(
        "job over 275,001 incidents of one call: {took:?}, bos serve peak RSS {} MB",
        kb / 1024
    );
    assert!(kb < 100 * 1024, "peak RSS {kb} kB");
}
