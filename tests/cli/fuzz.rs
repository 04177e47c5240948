//! Fuzz targets (proptest, stable toolchain), run by `cargo test` for a bounded number of
//! cases each: incident JSON, transaction hex and JSON, the `bos serve` config, the
//! bookiesports YAML files, and the HTTP request path of a running `bos serve`.
//!
//! Each target feeds both random input and mutations of valid input, and checks that
//! nothing panics, that errors come back as errors, and what must hold of what is
//! accepted. `PROPTEST_CASES` sets the number of cases of every target (the defaults
//! keep the whole set to a few seconds).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

use bos::incidents::{format, store::Store, validate, Intake, Normalizer};
use bos::protocol::{from_json_with_warnings, Json, JsonCx, Transaction};

fn runner(default_cases: u32) -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default_cases);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// One edit of a byte string: where, which byte, and what (0 replace, 1 cut, 2 insert).
type Edit = (prop::sample::Index, u8, u8);

/// One to `most - 1` edits.
fn edits(most: usize) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..most)
}

/// `bytes` with `edits` made in turn: a byte changed, the rest cut, or a byte inserted.
fn mutate(mut b: Vec<u8>, edits: Vec<Edit>) -> Vec<u8> {
    for (at, byte, kind) in edits {
        if b.is_empty() {
            break;
        }
        let at = at.index(b.len());
        match kind {
            0 => b[at] = byte,
            1 => b.truncate(at),
            _ => b.insert(at, byte),
        }
    }
    b
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sports")
}

/// Any JSON value, a few levels deep.
fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,24}".prop_map(Value::from),
        // Strings that look like what an incident holds.
        prop_oneof![
            Just("2019-01-10T00:30:00Z"),
            Just("2019-01-10T00:33:59.999+01:00"),
            Just("Basketball"),
            Just("NBA"),
            Just("ATL"),
            Just("boston celtics"),
            Just("create"),
            Just("result"),
            Just("dynamic_bmgs"),
            Just("ou"),
            Just("-2.5"),
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{0,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A valid incident of each call.
fn base_incident(call: &str) -> Value {
    let args = match call {
        "create" => json!({"season": "2018/2019", "unsure": false}),
        "result" => json!({"home_score": "99", "away_score": "83"}),
        "dynamic_bmgs" => json!({"types": [{"type": "ou", "value": "210.5"},
                                           {"type": "hc", "value": "-2", "participant": "Atlanta Hawks"}]}),
        "in_progress" => json!({"whistle_start_time": "2019-01-10T00:31:00Z"}),
        _ => json!({}),
    };
    json!({"id": {"sport": "Basketball", "event_group_name": "NBA",
                  "start_time": "2019-01-10T00:30:00Z", "home": "ATL", "away": "boston celtics"},
           "call": call, "arguments": args, "timestamp": "2019-01-10T03:00:00Z",
           "provider_info": {"name": "p1", "pushed": "2019-01-10T03:00:00Z"}})
}

/// Sets `path` (keys separated by `.`) of `v` to `x`, creating objects on the way.
fn set_path(v: &mut Value, path: &str, x: Value) {
    let mut cur = v;
    let keys: Vec<&str> = path.split('.').collect();
    for (i, k) in keys.iter().enumerate() {
        if !cur.is_object() {
            *cur = json!({});
        }
        let m = cur.as_object_mut().unwrap();
        if i == keys.len() - 1 {
            m.insert(k.to_string(), x);
            return;
        }
        cur = m.entry(k.to_string()).or_insert_with(|| json!({}));
    }
}

const INCIDENT_PATHS: &[&str] = &[
    "id",
    "id.sport",
    "id.event_group_name",
    "id.start_time",
    "id.home",
    "id.away",
    "call",
    "arguments",
    "arguments.season",
    "arguments.unsure",
    "arguments.home_score",
    "arguments.away_score",
    "arguments.types",
    "arguments.reason",
    "arguments.whistle_end_time",
    "id_string",
    "unique_string",
    "timestamp",
    "provider_info",
    "provider_info.name",
];

/// What must hold of an incident the intake accepted.
fn accepted_incident_holds(inc: &bos::incidents::Incident) -> Result<(), TestCaseError> {
    let ids = format::id_string(&inc.id).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(inc.id_string.as_deref(), Some(ids.as_str()));
    let us = format::unique_string(inc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(inc.unique_string.as_deref(), Some(us.as_str()));
    prop_assert!(us.starts_with(&ids));
    prop_assert_eq!(inc.doc["id_string"].as_str(), Some(ids.as_str()));
    Ok(())
}

#[test]
fn fuzz_incident_json() {
    let intake = Intake::new(Normalizer::new(bos::sports::load(&examples_dir()).unwrap()));
    let now = chrono::Utc::now();
    // Any text.
    runner(512)
        .run(&prop::collection::vec(any::<u8>(), 0..400), |bytes| {
            let text = String::from_utf8_lossy(&bytes);
            let _ = validate::parse(&text);
            if let Ok(inc) = intake.process_text(&text) {
                accepted_incident_holds(&inc)?;
            }
            Ok(())
        })
        .unwrap();
    // Valid incidents with fields replaced by anything.
    let calls = prop::sample::select(vec![
        "create",
        "in_progress",
        "finish",
        "result",
        "canceled",
        "dynamic_bmgs",
        "unknown",
    ]);
    let edits = prop::collection::vec(
        (prop::sample::select(INCIDENT_PATHS.to_vec()), arb_json()),
        0..4,
    );
    let store = std::cell::RefCell::new(Store::in_memory().unwrap());
    let accepted = std::cell::Cell::new(0u32);
    runner(1024)
        .run(&(calls, edits), |(call, edits)| {
            let mut v = base_incident(call);
            for (path, x) in edits {
                set_path(&mut v, path, x);
            }
            let text = v.to_string();
            match intake.process_text(&text) {
                Ok(inc) => {
                    accepted.set(accepted.get() + 1);
                    accepted_incident_holds(&inc)?;
                    // What the intake accepts (with a provider) the store takes.
                    if inc.provider.as_deref().is_some_and(|p| !p.is_empty()) {
                        let mut store = store.borrow_mut();
                        store
                            .insert(&inc, now)
                            .map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
                        let c = store
                            .call_counts(inc.id_string.as_deref().unwrap(), inc.call)
                            .unwrap();
                        prop_assert!(c.incidents >= 1 && c.providers >= 1);
                    }
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "fuzz_incident_json: {} edited incidents accepted",
        accepted.get()
    );
    assert!(accepted.get() > 0);
}

fn tx_vectors() -> Vec<Vec<u8>> {
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/tests/data/vectors/transactions.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    v["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| {
            ["signed_tx_hex", "unsigned_tx_hex"]
                .map(|k| hex::decode(t[k].as_str().unwrap()).unwrap())
        })
        .collect()
}

/// Decoding is total (no panic) and what decodes re-encodes to something that decodes
/// to the same transaction.
fn tx_bytes_hold(bytes: &[u8]) -> Result<(), TestCaseError> {
    let cx = JsonCx::default();
    if let Ok(tx) = Transaction::from_binary(bytes) {
        let again = Transaction::from_binary(&tx.signed_bytes())
            .map_err(|e| TestCaseError::fail(format!("re-encoded transaction: {e}")))?;
        prop_assert_eq!(again.to_json(&cx), tx.to_json(&cx));
        let (back, _) = from_json_with_warnings::<Transaction>(&tx.to_json(&cx))
            .map_err(|e| TestCaseError::fail(format!("its own JSON: {e}")))?;
        prop_assert_eq!(back.signed_bytes(), tx.signed_bytes());
    }
    Ok(())
}

#[test]
fn fuzz_transaction_hex_and_json() {
    let vectors = tx_vectors();
    assert!(vectors.len() >= 100);
    // Any bytes, any hex text.
    runner(512)
        .run(&prop::collection::vec(any::<u8>(), 0..300), |b| {
            tx_bytes_hold(&b)
        })
        .unwrap();
    runner(256)
        .run(&"[0-9a-fA-F ]{0,200}", |h| {
            let clean: String = h.split_whitespace().collect();
            if let Ok(b) = hex::decode(clean) {
                tx_bytes_hold(&b)?;
            }
            Ok(())
        })
        .unwrap();
    // Valid transactions, mutated: bytes flipped, cut, inserted.
    runner(1024)
        .run(&(0..vectors.len(), edits(6)), |(i, edits)| {
            tx_bytes_hold(&mutate(vectors[i].clone(), edits))
        })
        .unwrap();
    // JSON: anything, and valid transactions with a field replaced.
    let cx = JsonCx::default();
    let valid: Vec<Value> = vectors
        .iter()
        .map(|b| Transaction::from_binary(b).unwrap().to_json(&cx))
        .collect();
    runner(256)
        .run(&arb_json(), |v| {
            let _ = from_json_with_warnings::<Transaction>(&v);
            Ok(())
        })
        .unwrap();
    let paths = prop::sample::select(vec![
        "ref_block_num",
        "ref_block_prefix",
        "expiration",
        "operations",
        "extensions",
        "signatures",
    ]);
    runner(512)
        .run(
            &(
                0..valid.len(),
                paths,
                arb_json(),
                any::<prop::sample::Index>(),
            ),
            |(i, path, x, op)| {
                let mut v = valid[i].clone();
                // Half the time, reach into an operation instead.
                match (op.index(2), v["operations"].as_array_mut()) {
                    (0, Some(ops)) if !ops.is_empty() => {
                        let n = op.index(ops.len());
                        let fields = ops[n][1].as_object().map(|m| m.len()).unwrap_or(0);
                        if let (Some(m), true) = (ops[n][1].as_object_mut(), fields > 0) {
                            let k = m.keys().nth(op.index(fields)).unwrap().clone();
                            m.insert(k, x);
                        }
                    }
                    _ => set_path(&mut v, path, x),
                }
                if let Ok((tx, _)) = from_json_with_warnings::<Transaction>(&v) {
                    tx_bytes_hold(&tx.signed_bytes())?;
                }
                Ok(())
            },
        )
        .unwrap();
}

/// Random YAML text built from a vocabulary, so that the parser gets past the first
/// character: keys of the config, scalars, flow and block collections.
fn arb_yaml(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        Just("true".to_string()),
        Just("0.0.0.0".to_string()),
        Just("10.0.0.0/8".to_string()),
        Just("ws://127.0.0.1:8090".to_string()),
        Just("~".to_string()),
        Just("'it''s'".to_string()),
        Just("\"a\\tb\"".to_string()),
        Just("|\n  text".to_string()),
        Just("*anchor".to_string()),
        Just("&anchor 1".to_string()),
        Just("!!binary aGk=".to_string()),
        "-?[0-9]{1,12}(\\.[0-9]{1,3})?",
        "[ -~]{0,12}",
    ];
    let line = (
        prop::sample::select(keys.to_vec()),
        0usize..3,
        scalar.clone(),
        0usize..4,
    )
        .prop_map(|(k, indent, v, shape)| {
            let pad = " ".repeat(indent * 2);
            match shape {
                0 => format!("{pad}{k}: {v}"),
                1 => format!("{pad}{k}:\n{pad}  - {v}\n{pad}  - [{v}, {{a: {v}}}]"),
                2 => format!("{pad}{k}: {{x: {v}, y: [{v}]}}"),
                _ => format!("{pad}- {v}"),
            }
        });
    prop::collection::vec(line, 0..8).prop_map(|l| l.join("\n"))
}

const CONFIG_KEYS: &[&str] = &[
    "node",
    "network",
    "nobroadcast",
    "BOOKIE_PROPOSER",
    "api_whitelist",
    "scheduler",
    "interval",
    "expirations",
    "conditions",
    "dynamic",
    "handicap",
    "fuzzy_value",
    "listen",
    "workers",
    "body_limit",
    "rate_limit",
    "per_second",
    "burst",
    "provider_tokens",
    "require_token",
    "isalive_open",
    "max_connections",
    "idle_timeout",
    "checkers",
    "passphrase",
    "redis_host",
];

#[test]
fn fuzz_config_yaml() {
    let path = Path::new("/etc/bos/config.yaml");
    let parse = |t: &str| {
        let started = std::time::Instant::now();
        let r = bos::serve::ServeConfig::parse(path, t);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?} for {} bytes",
            started.elapsed(),
            t.len()
        );
        if let Ok(c) = r {
            // Whatever was accepted is within the documented ranges.
            assert!((1..=64).contains(&c.workers));
            assert!((1..=65_536).contains(&c.max_connections));
            assert!(c.idle_timeout >= 1 && c.header_timeout >= 1 && c.body_timeout >= 1);
            let _ = c.allowlist();
        }
    };
    runner(512)
        .run(&".{0,300}", |t| {
            parse(&t);
            Ok(())
        })
        .unwrap();
    runner(512)
        .run(&arb_yaml(CONFIG_KEYS), |t| {
            parse(&t);
            Ok(())
        })
        .unwrap();
    // Nesting, in every shape, refused before the parser sees it.
    let deep = (
        prop::sample::select(vec!["[", "{a: ", "- ", "? ", "a:\n", "[{"]),
        65usize..20_000,
    );
    runner(64)
        .run(&deep, |(unit, n)| {
            let t = if unit == "a:\n" {
                (0..n.min(300))
                    .map(|i| format!("{}a:\n", " ".repeat(i)))
                    .collect()
            } else {
                unit.repeat(n)
            };
            let e = bos::serve::ServeConfig::parse(path, &t).unwrap_err();
            prop_assert!(e.to_string().contains("levels deep"), "{e}");
            Ok(())
        })
        .unwrap();
}

const SPORTS_KEYS: &[&str] = &[
    "identifier",
    "name",
    "en",
    "aliases",
    "eventgroups",
    "participants",
    "bettingmarketgroups",
    "rules",
    "start_date",
    "finish_date",
    "leadtime_Max",
    "asset",
    "description",
    "bettingmarkets",
    "grading",
    "dynamic",
    "eventscheme",
    "chain_id",
];

/// Copies a folder tree.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn fuzz_bookiesports_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("sports");
    copy_tree(&examples_dir(), &root);
    let mut files = crate::support::files_with_extension(&root, "yaml");
    files.sort();
    assert!(files.len() > 10);
    let originals: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    bos::sports::load(&root).unwrap();
    let load = |i: usize, text: &str| -> Result<(), TestCaseError> {
        std::fs::write(&files[i], text).unwrap();
        let started = std::time::Instant::now();
        let r = bos::sports::load(&root);
        std::fs::write(&files[i], &originals[i]).unwrap();
        prop_assert!(started.elapsed() < Duration::from_secs(2));
        if let Err(e) = r {
            prop_assert!(!e.to_string().is_empty());
        }
        Ok(())
    };
    let n = files.len();
    // A file's text with bytes changed, cut or inserted.
    runner(96)
        .run(&(0..n, edits(8)), |(i, edits)| {
            let b = mutate(originals[i].clone().into_bytes(), edits);
            load(i, &String::from_utf8_lossy(&b))
        })
        .unwrap();
    // A file replaced by other YAML, or by deep nesting.
    runner(64)
        .run(&(0..n, arb_yaml(SPORTS_KEYS)), |(i, t)| load(i, &t))
        .unwrap();
    runner(16)
        .run(&(0..n, 65usize..50_000), |(i, depth)| {
            load(i, &"[".repeat(depth))
        })
        .unwrap();
    bos::sports::load(&root).unwrap();
}

/// One raw request; the status code of the answer (0: no answer).
fn raw_request(addr: &str, request: &[u8]) -> u16 {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return 0;
    };
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(request);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out);
    if !text.starts_with("HTTP/1.1 ") {
        return 0;
    }
    text[9..].get(..3).and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[test]
fn fuzz_http_request_path() {
    use crate::support::serve::{http, isalive_as, ServeDir, TOKEN_A};
    let sd =
        ServeDir::new("provider_tokens: tokens\nnobroadcast: true\nrate_limit: {per_second: 0}\n")
            .tokens(&format!("proxy-a {TOKEN_A}\n"));
    let srv = sd.start_offline(&["--proposer", "init0"]);
    let a = srv.addr.clone();
    let bearer = format!("Bearer {TOKEN_A}");
    // Paths: route-like prefixes with any bytes after them, percent escapes included.
    let prefix = prop::sample::select(vec![
        "/",
        "/trigger",
        "/isalive",
        "/events",
        "/events/",
        "/history/",
        "/history/chain.",
        "/finalize",
        "//",
        "/%2e%2e/",
        "",
    ]);
    let tail = prop::collection::vec(
        prop_oneof![
            12 => "[A-Za-z0-9._~!$'()*+,;=:@/-]{1,4}".prop_map(String::into_bytes),
            4 => any::<u8>().prop_map(|b| format!("%{b:02X}").into_bytes()),
            2 => "[?&=#]".prop_map(String::into_bytes),
            1 => (0x21u8..0x7f).prop_map(|b| vec![b]),
            1 => ".{1,3}".prop_map(String::into_bytes),
            1 => any::<u8>().prop_map(|b| vec![b]),
        ],
        0..10,
    );
    let method = prop::sample::select(vec![
        "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "G\x00T", "get",
    ]);
    let cases = (
        method,
        prefix,
        tail,
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 0..64),
    );
    let seen = std::sync::Mutex::new(std::collections::BTreeMap::<u16, u32>::new());
    runner(256)
        .run(&cases, |(method, prefix, tail, with_token, body)| {
            let mut req = Vec::new();
            req.extend_from_slice(method.as_bytes());
            req.push(b' ');
            req.extend_from_slice(prefix.as_bytes());
            for t in tail {
                req.extend_from_slice(&t);
            }
            req.extend_from_slice(b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
            if with_token {
                req.extend_from_slice(format!("Authorization: {bearer}\r\n").as_bytes());
            }
            req.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
            req.extend_from_slice(&body);
            let code = raw_request(&a, &req);
            *seen.lock().unwrap().entry(code).or_default() += 1;
            // A bad request line may get 400 or a closed connection; never a server error.
            prop_assert!(
                code == 0 || (200..500).contains(&code) || code == 503,
                "{code} for {:?}",
                String::from_utf8_lossy(&req)
            );
            prop_assert!(code != 500);
            if !with_token {
                prop_assert!(
                    !(200..300).contains(&code),
                    "{code} without a token for {:?}",
                    String::from_utf8_lossy(&req)
                );
            }
            Ok(())
        })
        .unwrap();
    eprintln!("fuzz_http_request_path: answers {:?}", seen.lock().unwrap());
    // Garbage of any kind on a connection.
    runner(128)
        .run(&prop::collection::vec(any::<u8>(), 0..512), |b| {
            let code = raw_request(&a, &b);
            prop_assert!(code != 500);
            Ok(())
        })
        .unwrap();
    // The service is still up and answers.
    let v = isalive_as(&a, &[("Authorization", bearer.as_str())]);
    assert_eq!(v["store"]["writable"], true);
    assert_eq!(
        http(
            &a,
            "GET",
            "/events",
            &[("Authorization", bearer.as_str())],
            b""
        )
        .0,
        200
    );
}
