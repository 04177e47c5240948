//! The one transaction pipeline, seen from the command line: `-d` and `-x` never
//! reach the chain on any command that can broadcast, `-x` output has no
//! signature, a real `bos approve` lands with `--password-file`, and a dead first
//! `--node` fails over to the next.

use serde_json::{json, Value};

use super::propose::{create_incidents, Net, CREATE};
use crate::support::{bos_env, game, WALLET_PASSWORD};

/// What the devnet counts of broadcast work.
fn counts(n: &Net) -> (Value, Value, Value) {
    let s = n.stats();
    (
        s["transactions"].clone(),
        s["pending_transactions"].clone(),
        s["proposals_created"].clone(),
    )
}

/// A proposal of `action` made for real (not -d/-x) by init0.
fn propose(n: &Net, action: &[&str]) -> String {
    let mut args = vec!["--json", "propose", "--proposer", "init0"];
    args.extend(action);
    let out = n.run(&args).ok().json();
    let id = out["proposal"].as_str().unwrap().to_string();
    assert!(id.starts_with("1.10."), "{out}");
    id
}

fn signatures(v: &Value) -> usize {
    v["signatures"].as_array().map_or(0, Vec::len)
}

#[test]
fn dash_d_and_dash_x_never_broadcast_on_any_command() {
    let n = Net::start(true);
    let dir = tempfile::tempdir().unwrap();
    // Two real proposals: P1 approved by init0 (to withdraw), P2 not (to approve).
    let p1 = propose(
        &n,
        &[
            &["--approve", "create-event"][..],
            &game(
                "NBA Regular Season",
                "Golden State Warriors",
                "Boston Celtics",
                "2019-01-12T00:30:00Z",
            ),
        ]
        .concat(),
    );
    let p2 = propose(&n, CREATE);
    // A transfer for tx sign / tx broadcast: one operation, fees and TaPoS from the node.
    let id_of = |name: &str| n.net.account(name).id;
    let op = json!([0, {"fee": {"amount": 0, "asset_id": "1.3.0"}, "from": id_of("init0"),
        "to": id_of("init1"), "amount": {"amount": 1000, "asset_id": "1.3.0"}, "extensions": []}]);
    let opf = dir.path().join("op.json");
    std::fs::write(&opf, op.to_string()).unwrap();
    let init0_wif = n.net.wif("init0");
    let wif = dir.path().join("init0.wif");
    std::fs::write(&wif, format!("{init0_wif}\n")).unwrap();
    let signed = n
        .run(&[
            "--json",
            "tx",
            "sign",
            opf.to_str().unwrap(),
            "--wif-file",
            wif.to_str().unwrap(),
        ])
        .ok()
        .json();
    assert_eq!(signatures(&signed), 1, "{signed}");
    assert!(signed["ref_block_prefix"].as_u64().unwrap() > 0, "{signed}");
    assert!(
        signed["operations"][0][1]["fee"]["amount"]
            .as_u64()
            .unwrap()
            > 0,
        "{signed}"
    );
    let txf = dir.path().join("tx.json");
    std::fs::write(&txf, signed.to_string()).unwrap();
    let incidents = create_incidents(dir.path());
    // Let every real broadcast so far land.
    std::thread::sleep(std::time::Duration::from_millis(2500));

    let commands: Vec<Vec<&str>> = vec![
        vec!["tx", "broadcast", txf.to_str().unwrap()],
        vec![
            "tx",
            "sign",
            opf.to_str().unwrap(),
            "--wif-file",
            wif.to_str().unwrap(),
        ],
        [
            &["propose", "--proposer", "init0", "create-event"][..],
            &game(
                "NBA Regular Season",
                "Golden State Warriors",
                "Atlanta Hawks",
                "2019-01-13T00:30:00Z",
            ),
        ]
        .concat(),
        vec!["proposals", "approve", &p2, "--account", "init1"],
        vec!["proposals", "withdraw", &p1, "--account", "init0"],
        vec!["approve", "--proposer", "init0"],
        vec!["witness", "update", "init0", "--url", "https://example.org"],
        vec![
            "incident",
            "replay",
            &incidents,
            "--proposer",
            "init1",
            "--now",
            "2019-01-01T00:00:00Z",
        ],
    ];
    let before = counts(&n);
    for flag in ["-d", "-x"] {
        for c in &commands {
            let mut args = vec![flag, "--json"];
            args.extend(c.iter().copied());
            let r = n.run(&args).ok();
            if flag == "-x" && !c.contains(&"replay") {
                let v = r.json();
                let tx = if v["trx"].is_object() { &v["trx"] } else { &v };
                assert_eq!(signatures(tx), 0, "{args:?}: -x printed a signature: {v}");
                assert!(tx["operations"].is_array(), "{args:?}: {v}");
            }
            if flag == "-d" && !c.contains(&"replay") && !c.contains(&"sign") {
                let v = r.json();
                assert!(signatures(&v) > 0, "{args:?}: -d did not sign: {v}");
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(1500));
        assert_eq!(
            counts(&n),
            before,
            "a command under {flag} reached the chain"
        );
    }
    // The same transaction for real: the count moves (the matrix would have seen it).
    n.run(&["tx", "broadcast", txf.to_str().unwrap(), "--blocking"])
        .ok();
    assert_ne!(counts(&n).0, before.0);
}

#[test]
fn approve_lands_an_approval_with_a_password_file() {
    let n = Net::start(true);
    let p = propose(&n, CREATE);
    let dir = tempfile::tempdir().unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, format!("{WALLET_PASSWORD}\n")).unwrap();
    let db = dir.path().join("bos.sqlite");
    let s = format!("{}/examples/sports", env!("CARGO_MANIFEST_DIR"));
    let env = [
        ("BOS_WALLET", n.wallet()),
        ("BOS_NODE", n.net.url.as_str()),
        ("BOS_SPORTS", s.as_str()),
        ("BOS_DB", db.to_str().unwrap()),
    ];
    // `bos approve --proposer init0 --password-file PW`, then `more`.
    let approve = |more: &[&str]| {
        let head = ["approve", "--proposer", "init0"];
        bos_env(
            &[&head[..], &["--password-file", pw.to_str().unwrap()], more].concat(),
            "",
            &env,
        )
    };
    let r = approve(&["--json"]).ok().json();
    assert_eq!(r["decisions"][0]["proposal"], p.as_str(), "{r}");
    assert_eq!(r["decisions"][0]["approved"], true, "{r}");
    assert!(r["broadcast"]["id"].is_string(), "{r}");
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let obj = n.rpc("get_objects", &format!("[\"{p}\"]"));
    let init0 = n.rpc("get_account_by_name", "init0");
    assert!(
        obj[0]["available_active_approvals"]
            .as_array()
            .unwrap()
            .contains(&init0["id"]),
        "{obj}"
    );
    // A wrong password changes nothing and says so (exit 3).
    std::fs::write(&pw, "wrong\n").unwrap();
    approve(&[]).fails(3, "password");
}

#[test]
fn replay_fails_over_from_a_dead_first_node() {
    let n = Net::start(true);
    let dir = tempfile::tempdir().unwrap();
    let f = create_incidents(dir.path());
    // Port 9 on loopback: nothing listens, the connection is refused.
    let nodes = format!("ws://127.0.0.1:9,{}", n.net.url);
    let db = dir.path().join("bos.sqlite");
    let s = format!("{}/examples/sports", env!("CARGO_MANIFEST_DIR"));
    let jobs = bos_env(
        &[
            "--json",
            "--now",
            "2019-01-01T00:00:00Z",
            "incident",
            "replay",
            &f,
            "--proposer",
            "init0",
        ],
        "",
        &[
            ("BOS_WALLET", n.wallet()),
            ("BOS_WALLET_PASSWORD", WALLET_PASSWORD),
            ("BOS_NODE", nodes.as_str()),
            ("BOS_SPORTS", s.as_str()),
            ("BOS_DB", db.to_str().unwrap()),
        ],
    )
    .ok()
    .json_lines();
    assert_eq!(jobs[1]["status"], "done", "{jobs}");
    assert_eq!(n.stats()["proposals_created"], 1, "{jobs}");
}
