//! Snapshots of the human output of the main commands: what a witness reads. Each is
//! compared with tests/data/snapshots/NAME.txt; `BOS_BLESS=1 cargo test --test cli
//! snapshots` rewrites them (then read the diff). Paths that differ per machine are
//! written as `<root>` (the source tree) and `<tmp>` (a test's temporary folder).

use std::path::Path;

use crate::support::{bos, bos_env, start_devnet};

struct Snap {
    root: String,
    tmp: tempfile::TempDir,
    stale: Vec<String>,
}

impl Snap {
    fn new() -> Snap {
        Snap {
            root: env!("CARGO_MANIFEST_DIR").to_string(),
            tmp: tempfile::tempdir().unwrap(),
            stale: Vec::new(),
        }
    }

    fn tmp(&self, name: &str) -> String {
        self.tmp.path().join(name).to_str().unwrap().to_string()
    }

    /// Compares `text` (paths replaced) with the snapshot `name`.
    fn check(&mut self, name: &str, text: &str) {
        let text = text
            .replace(self.tmp.path().to_str().unwrap(), "<tmp>")
            .replace(&self.root, "<root>");
        let path = Path::new(&self.root)
            .join("tests/data/snapshots")
            .join(format!("{name}.txt"));
        if std::env::var_os("BOS_BLESS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            return;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != text {
            self.stale
                .push(format!("{name}:\n--- want\n{want}\n--- got\n{text}"));
        }
    }

    fn done(self) {
        assert!(
            self.stale.is_empty(),
            "snapshots differ (BOS_BLESS=1 cargo test --test cli snapshots rewrites them):\n{}",
            self.stale.join("\n")
        );
    }
}

#[test]
fn offline_commands() {
    let mut s = Snap::new();
    let sports = format!("{}/examples/sports", s.root);
    let samples = format!("{}/tests/data/incidents/dataproxy-samples", s.root);
    let db = s.tmp("bos.sqlite");
    let g = [
        "--sports",
        sports.as_str(),
        "--db",
        db.as_str(),
        "--now",
        "2019-01-01T00:00:00Z",
    ];
    let run = |rest: &[&str]| bos(&[&g[..], rest].concat());

    s.check("sports-list", &run(&["sports", "list"]).ok().stdout);
    s.check(
        "incident-validate",
        &run(&["incident", "validate", &samples]).ok().stdout,
    );
    s.check(
        "incident-add",
        &run(&["incident", "add", &samples]).ok().stdout,
    );
    s.check("incident-events", &run(&["incident", "events"]).ok().stdout);
    s.check(
        "incident-list",
        &run(&["incident", "list", "--call", "result"]).ok().stdout,
    );
    let wif = "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3";
    s.check("key-info", &bos(&["key", "info", wif]).ok().stdout);
    let cfg = s.tmp("config.yaml");
    std::fs::write(
        &cfg,
        "node: ws://localhost:8090\nnetwork: beatrice\nredis_host: localhost\npassphrase: x\nBOOKIE_PROPOSER: init0\napi_whitelist: [10.0.0.0/8]\nscheduler: {interval: 30}\n",
    )
    .unwrap();
    s.check("config-check", &bos(&["config", "check", &cfg]).ok().stdout);
    s.done();
}

#[test]
fn node_commands() {
    let mut s = Snap::new();
    let net = start_devnet(&[
        "--clock",
        "manual",
        "--witnesses",
        "1",
        "--seed",
        "snapshots",
    ]);
    let run = |rest: &[&str]| bos_env(&[&["--node", net.url.as_str()][..], rest].concat(), "", &[]);
    s.check("balance", &run(&["balance", "init0", "alice"]).ok().stdout);
    s.check(
        "fees",
        &run(&["fees", "transfer", "proposal_create", "proposal_update"])
            .ok()
            .stdout,
    );
    s.check("info-asset", &run(&["info", "TEST"]).ok().stdout);
    s.check("account", &run(&["account", "alice"]).ok().stdout);
    s.done();
}

/// How many JSON values `text` holds (and whether it is one line).
fn json_values(text: &str) -> usize {
    let values: Vec<serde_json::Value> = serde_json::Deserializer::from_str(text)
        .into_iter::<serde_json::Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"));
    values.len()
}

#[test]
fn json_is_always_exactly_one_value_on_one_line() {
    let s = Snap::new();
    let sports = format!("{}/examples/sports", s.root);
    let samples = format!("{}/tests/data/incidents/dataproxy-samples", s.root);
    let db = s.tmp("bos.sqlite");
    let g = ["--json", "--sports", sports.as_str(), "--db", db.as_str()];
    let net = start_devnet(&["--clock", "manual", "--witnesses", "1", "--seed", "json"]);
    let node = ["--json", "--node", net.url.as_str()];
    let runs: Vec<(Vec<&str>, String)> = [
        (&g[..], vec!["sports", "list"]),
        (&g[..], vec!["incident", "validate", &samples]),
        (&g[..], vec!["incident", "add", &samples]),
        (&g[..], vec!["incident", "events"]),
        (&g[..], vec!["incident", "list"]),
        (&g[..], vec!["key", "new"]),
        (&node[..], vec!["info"]),
        (&node[..], vec!["info", "1.2.7", "TEST", "2.1.0"]),
        (&node[..], vec!["account", "alice"]),
        (&node[..], vec!["balance", "init0", "alice"]),
        (&node[..], vec!["fees"]),
        (&node[..], vec!["proposals"]),
    ]
    .into_iter()
    .map(|(pre, rest)| {
        let args = [pre, &rest[..]].concat();
        let out = bos(&args).ok().stdout;
        (args, out)
    })
    .collect();
    for (args, out) in runs {
        assert_eq!(json_values(&out), 1, "{args:?}:\n{out}");
        assert_eq!(out.trim_end().lines().count(), 1, "{args:?}:\n{out}");
    }
}
