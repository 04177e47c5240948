//! `bos propose` and `bos proposals show|approve|withdraw` against a devnet.

use serde_json::{json, Value};

use crate::support::{bos, bos_env, start_devnet, wallet_with, Run, WALLET_PASSWORD};

fn sports() -> String {
    format!("{}/examples/sports", env!("CARGO_MANIFEST_DIR"))
}

/// A devnet with three witnesses and a wallet holding init0's and init1's keys.
pub struct Net {
    pub net: crate::support::DevnetProcess,
    _dir: tempfile::TempDir,
    wallet: String,
}

impl Net {
    pub fn start(with_sports: bool) -> Net {
        let s = sports();
        let mut args = vec!["--block-interval", "1", "--witnesses", "3"];
        if with_sports {
            args.extend(["--sports", s.as_str()]);
        }
        let net = start_devnet(&args);
        let (a, b) = (net.wif("init0"), net.wif("init1"));
        let (dir, w) = wallet_with(&[&a, &b]);
        Net {
            net,
            _dir: dir,
            wallet: w.to_str().unwrap().to_string(),
        }
    }
    pub fn run(&self, args: &[&str]) -> Run {
        let s = sports();
        bos_env(
            args,
            "",
            &[
                ("BOS_WALLET", self.wallet.as_str()),
                ("BOS_WALLET_PASSWORD", WALLET_PASSWORD),
                ("BOS_NODE", self.net.url.as_str()),
                ("BOS_SPORTS", s.as_str()),
            ],
        )
    }
    /// `incident replay --dry-run --proposer init0 OPTIONS --json FILE`: the jobs.
    pub fn replay(&self, options: &[&str], file: &str) -> Value {
        let mut a = vec!["incident", "replay", "--dry-run", "--proposer", "init0"];
        a.extend_from_slice(options);
        a.extend(["--json", file]);
        self.run(&a).ok().json_lines()
    }
    /// `--json propose --proposer init0 --approve ARGS`, asserted to succeed: its JSON.
    pub fn propose_approved(&self, args: &[&str]) -> Value {
        let head = ["--json", "propose", "--proposer", "init0", "--approve"];
        self.run(&[&head[..], args].concat()).ok().json()
    }
    pub fn rpc(&self, method: &str, arg: &str) -> Value {
        self.run(&["rpc", method, arg, "--json"]).ok().json()
    }
    /// The devnet's counters: transactions in blocks and pending, proposals created.
    pub fn stats(&self) -> Value {
        self.run(&["rpc", "--api", "devnet", "stats", "--json"])
            .ok()
            .json()
    }
    pub fn wallet(&self) -> &str {
        &self.wallet
    }
}

/// Two providers' `create` incidents of the game CREATE makes, in a JSON-lines file.
pub fn create_incidents(dir: &std::path::Path) -> String {
    let text: String = ["p1", "p2"]
        .iter()
        .map(|p| {
            json!({"id": {"sport": "Basketball", "event_group_name": "NBA Regular Season",
                "start_time": "2019-01-10T00:30:00Z", "home": "Atlanta Hawks", "away": "Boston Celtics"},
                "call": "create", "arguments": {"season": "2018/2019"},
                "timestamp": "2019-01-01T00:00:00Z",
                "provider_info": {"name": p, "pushed": "2019-01-01T00:00:00Z"}})
            .to_string()
                + "\n"
        })
        .collect();
    let f = dir.join("create.jsonl");
    std::fs::write(&f, text).unwrap();
    f.to_str().unwrap().to_string()
}

fn without_fees(mut ops: Value) -> Value {
    for o in ops.as_array_mut().unwrap() {
        o[1].as_object_mut().unwrap().remove("fee");
    }
    ops
}

/// `--now 2019-01-01T00:00:00Z OPTIONS propose --proposer PROPOSER FLAGS CREATE...`
pub fn propose_create<'a>(
    options: &[&'a str],
    proposer: &'a str,
    flags: &[&'a str],
) -> Vec<&'a str> {
    let mut a = vec!["--now", "2019-01-01T00:00:00Z"];
    a.extend_from_slice(options);
    a.extend(["propose", "--proposer", proposer]);
    a.extend_from_slice(flags);
    a.extend(CREATE);
    a
}

pub const CREATE: &[&str] = &[
    "create-event",
    "--sport",
    "Basketball",
    "--event-group",
    "NBA Regular Season",
    "--home",
    "Atlanta Hawks",
    "--away",
    "Boston Celtics",
    "--start",
    "2019-01-10T00:30:00Z",
    "--season",
    "2018/2019",
];

#[test]
fn create_event_is_what_the_engine_builds_and_executes_with_a_majority() {
    let n = Net::start(true);
    // The engine's proposal for the same event, from two providers' incidents.
    let dir = tempfile::tempdir().unwrap();
    let f = create_incidents(dir.path());
    let f = std::path::Path::new(&f);
    let jobs = n.replay(&["--now", "2019-01-01T00:00:00Z"], f.to_str().unwrap());
    let engine: Value = jobs[1]["operations"][0][1]["proposed_ops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["op"].clone())
        .collect();
    assert_eq!(engine.as_array().unwrap().len(), 7, "{jobs}");

    let args = propose_create(&["--json"], "init0", &[]);
    let out = n.run(&args).ok().json();
    assert_eq!(
        without_fees(out["operations"].clone()),
        without_fees(engine)
    );
    let id = out["proposal"].as_str().unwrap().to_string();
    assert!(id.starts_with("1.10."), "{out}");

    // The same again: already pending, refused before broadcast.
    let r = n.run(&args);
    let r = r.fails(1, "already proposed in");
    assert!(r.stderr.contains(&id), "{}", r.stderr);

    // Two of three witnesses approve: it executes.
    n.run(&["proposals", "approve", &id, "--account", "init0"])
        .ok();
    // Meanwhile `proposals` says how many approvals are missing, and whose could do.
    let listing = n.run(&["proposals"]).ok().stdout;
    let needs = listing
        .lines()
        .find(|l| l.contains("more approval"))
        .unwrap_or_else(|| panic!("{listing}"));
    assert!(
        needs.contains("needs 1 more approval(s) of 1.2.1 (witness-account), from: "),
        "{needs}"
    );
    assert!(
        needs.contains("(init1)") && needs.contains("(init2)") && !needs.contains("(init0)"),
        "{needs}"
    );
    let r = n
        .run(&["proposals", "approve", &id, "--account", "init1"])
        .ok();
    assert!(r.stdout.contains("executed"), "{}", r.stdout);
    let events = n.rpc("list_events_in_group", "1.21.0");
    assert_eq!(events.as_array().unwrap().len(), 1, "{events}");
    assert_eq!(
        events[0]["name"],
        json!([["en", "Boston Celtics @ Atlanta Hawks"]])
    );
    // The stored incidents of an event, found by its chain id.
    let db = dir.path().join("list.sqlite");
    let db = db.to_str().unwrap();
    n.run(&["--db", db, "incident", "add", f.to_str().unwrap()])
        .ok();
    let ev = events[0]["id"].as_str().unwrap();
    let listed = n
        .run(&["--db", db, "--json", "incident", "list", "--event", ev])
        .ok()
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    n.run(&["--db", db, "incident", "list", "--event", "1.22.99"])
        .fails(1, "1.22.99 is not on chain");

    // event-status builds what the engine's in_progress trigger builds.
    let ip = json!({"id": {"sport": "Basketball", "event_group_name": "NBA Regular Season",
        "start_time": "2019-01-10T00:30:00Z", "home": "Atlanta Hawks", "away": "Boston Celtics"},
        "call": "in_progress", "arguments": {}, "timestamp": "2019-01-10T00:31:00Z",
        "provider_info": {"name": "p1", "pushed": "2019-01-10T00:31:00Z"}});
    let f = dir.path().join("ip.json");
    std::fs::write(&f, ip.to_string()).unwrap();
    let jobs = n.replay(&[], f.to_str().unwrap());
    let engine = jobs[0]["operations"][0][1]["proposed_ops"][0]["op"].clone();
    let preview = n
        .run(&[
            "-x",
            "propose",
            "--proposer",
            "init0",
            "event-status",
            "1.22.0",
            "in_progress",
        ])
        .ok();
    // Beside the unsigned transaction, what it does, with names beside the ids.
    assert!(
        preview
            .stderr
            .contains("event 1.22.0 (Boston Celtics @ Atlanta Hawks): upcoming -> in_progress"),
        "{}",
        preview.stderr
    );
    let tx = preview.json();
    assert_eq!(
        tx["operations"][0][1]["proposed_ops"][0]["op"], engine,
        "{jobs}"
    );

    // Impossible transitions are refused before anything is signed, naming the
    // current status and the allowed ones.
    for (action, needle) in [
        (
            &["event-status", "1.22.0", "upcoming"][..],
            "event 1.22.0 (Boston Celtics @ Atlanta Hawks) is already upcoming",
        ),
        (&["bmg-status", "1.24.0", "upcoming"], "already upcoming"),
        (
            &["resolve", "1.24.0", "--win", "1.25.0"],
            "is upcoming: a win is resolved only once it is closed",
        ),
        (
            &["resolve", "1.24.0", "--win", "1.25.9"],
            "not a betting market of 1.24.0",
        ),
        (
            &["event-status", "1.22.7", "finished"],
            "event 1.22.7 is not on chain",
        ),
        (
            &["event-status", "abc", "finished"],
            "\"abc\" is not an object id",
        ),
    ] {
        let mut args = vec!["propose", "--proposer", "init0"];
        args.extend_from_slice(action);
        n.run(&args).fails(1, needle);
    }
    let mut same = vec![
        "--now",
        "2019-01-01T00:00:00Z",
        "propose",
        "--proposer",
        "init0",
    ];
    same.extend(&CREATE[..7]);
    same.extend(["--away", "ATL", "--start", "2019-01-11T00:30:00Z"]);
    n.run(&same)
        .fails(1, "home and away are the same team (Atlanta Hawks)");
    // Usage errors: a bad status, no action, no proposer.
    n.run(&[
        "propose",
        "--proposer",
        "init0",
        "event-status",
        "1.22.0",
        "settled",
    ])
    .fails(
        2,
        "give upcoming, in_progress, frozen, finished or canceled",
    );
    n.run(&["propose", "--proposer", "init0"])
        .fails(2, "nothing to propose");
    bos(&["propose", "event-status", "1.22.0", "finished"]).fails(2, "--proposer");

    // In one proposal: finish (with scores), then resolve what the finish closes.
    let out = n.propose_approved(&[
        "event-status",
        "1.22.0",
        "finished",
        "--scores",
        "101,97",
        "--",
        "resolve",
        "1.24.0",
        "--win",
        "1.25.1",
        "--",
        "resolve",
        "1.24.1",
        "--cancel",
    ]);
    assert_eq!(out["approved"], true);
    let ops = &out["operations"];
    assert_eq!(ops[0][0], 72);
    assert_eq!(ops[0][1]["scores"], json!(["101", "97"]));
    assert_eq!(
        ops[1][1]["resolutions"],
        json!([["1.25.0", "not_win"], ["1.25.1", "win"]])
    );
    assert_eq!(
        ops[2][1]["resolutions"],
        json!([["1.25.2", "cancel"], ["1.25.3", "cancel"]])
    );
    let id = out["proposal"].as_str().unwrap().to_string();
    // Withdraw init0's approval, then show it: nobody has approved.
    let r = n
        .run(&["proposals", "withdraw", &id, "--account", "init0"])
        .ok();
    assert!(r.stdout.contains("withdrawn"), "{}", r.stdout);
    let shown = n.run(&["--json", "proposals", "show", &id]).ok().json();
    assert_eq!(shown["proposal"]["available_active_approvals"], json!([]));
    assert!(
        shown["operations"][1]
            .as_str()
            .unwrap()
            .contains("1.25.1 (Atlanta Hawks)=win"),
        "{shown}"
    );
    n.run(&["proposals", "withdraw", &id, "--account", "init0"])
        .fails(1, "nothing to withdraw");
    n.run(&["proposals", "approve", "1.2.3", "--account", "init0"])
        .fails(2, "not a proposal id");
}

#[test]
fn usage_errors_are_exit_2_before_any_node_contact() {
    // No node listens on port 1: a command that got as far as the node would exit 4.
    let node = [
        "--node",
        "ws://127.0.0.1:1",
        "propose",
        "--proposer",
        "init0",
    ];
    let run = |rest: &[&str]| bos(&[&node[..], rest].concat());
    run(&["resolve", "1.24.0"]).fails(2, "--win");
    run(&["event-status", "1.22.0", "finished", "--scores", "2-1"]).fails(2, "is not a score");
    run(&["event-status", "1.22.0", "finished", "--scores", "abc,1"]).fails(2, "is not a score");
    run(&["event-status", "1.22.0", "finished", "--scores", "2"]).fails(2, "two scores");
    run(&[
        "event-status",
        "1.22.0",
        "finished",
        "--",
        "resolve",
        "1.24.0",
    ])
    .fails(2, "after --");
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("b.txt");
    std::fs::write(&batch, "resolve 1.24.0\n").unwrap();
    run(&["--batch", batch.to_str().unwrap()]).fails(2, "b.txt:1");
}

#[test]
fn futures_groups_with_free_text_and_a_batch_file() {
    let n = Net::start(true);
    let args = propose_create(&[], "init0", &["--approve"]);
    n.run(&args).ok();
    n.run(&["proposals", "approve", "1.10.0", "--account", "init1"])
        .ok();
    // A novelty group and two markets in one proposal, from a batch file with
    // quotes and comments; the markets name the group by its relative id.
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("futures.txt");
    std::fs::write(
        &batch,
        "# who scores first\n\
         create-bmg 1.22.0 --name 'First to score' --name \"de=Erster Korb\" --rules R_NBA_ML_1 --asset TEST --never-in-play\n\
         create-bm 0.0.0 --name 'Atlanta Hawks'\n\
         \n\
         create-bm 0.0.0 --name 'Boston Celtics'\n",
    )
    .unwrap();
    let out = n.propose_approved(&["--batch", batch.to_str().unwrap()]);
    let ops = &out["operations"];
    assert_eq!(ops.as_array().unwrap().len(), 3, "{out}");
    assert_eq!(
        ops[0][1]["description"],
        json!([["de", "Erster Korb"], ["en", "First to score"]])
    );
    assert_eq!(ops[0][1]["never_in_play"], true);
    assert_eq!(ops[1][1]["group_id"], "0.0.0");
    let id = out["proposal"].as_str().unwrap();
    n.run(&["proposals", "approve", id, "--account", "init1"])
        .ok();
    let groups = n.rpc("list_betting_market_groups", "1.22.0");
    let novelty = groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["description"][1][1] == "First to score")
        .unwrap_or_else(|| panic!("{groups}"));
    let markets = n.rpc("list_betting_markets", novelty["id"].as_str().unwrap());
    assert_eq!(markets.as_array().unwrap().len(), 2, "{markets}");

    // Bad batch lines name the file and line.
    for (lines, code, needle) in [
        (
            "create-bm 0.0.0 --name 'unclosed\n",
            2,
            "futures.txt:1: unclosed '",
        ),
        (
            "\ncreate-bm 0.0.0 --name X\n",
            1,
            "relative ids name one of them",
        ),
    ] {
        std::fs::write(&batch, lines).unwrap();
        let b = batch.to_str().unwrap();
        n.run(&["propose", "--proposer", "init0", "--batch", b])
            .fails(code, needle);
    }
}

#[test]
fn sync_sports_creates_what_the_chain_lacks_then_proposes_nothing() {
    let n = Net::start(false);
    let out = n.propose_approved(&["sync-sports"]);
    let ops = out["operations"].as_array().unwrap();
    let kinds: Vec<u64> = ops.iter().map(|o| o[0].as_u64().unwrap()).collect();
    // Three sports, each followed by its event groups (relative sport ids) and rules.
    assert_eq!(kinds.iter().filter(|k| **k == 52).count(), 3, "{kinds:?}");
    assert!(kinds.contains(&54) && kinds.contains(&58), "{kinds:?}");
    let eg = ops.iter().find(|o| o[0] == 54).unwrap();
    assert!(eg[1]["sport_id"].as_str().unwrap().starts_with("0.0."));
    let id = out["proposal"].as_str().unwrap();
    let r = n
        .run(&["proposals", "approve", id, "--account", "init1"])
        .ok();
    assert!(r.stdout.contains("executed"), "{}", r.stdout);
    let r = n
        .run(&["propose", "--proposer", "init0", "sync-sports"])
        .ok();
    assert!(r.stdout.contains("nothing to propose"), "{}", r.stdout);
    // The engine now finds what sync-sports made; the chain still lacks the
    // BTF asset the groups name (assets are not part of sports sync), and says so.
    let args = propose_create(&[], "init0", &[]);
    n.run(&args).fails(1, "asset \"BTF\" is not on chain");
}
