//! The BOS engine against an in-process devnet: `--sports` objects at genesis,
//! then the triggers' proposals.

use std::path::Path;
use std::time::Duration;

use bos::devnet::{Config, Devnet};
use bos::rpc::{Client, Options};
use serde_json::{json, Value};

fn options() -> Options {
    Options {
        timeout: Duration::from_secs(5),
        max_lag: None,
        ..Options::default()
    }
}

fn examples() -> bos::sports::Chain {
    bos::sports::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sports")).unwrap()
}

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn devnet_sports_exist_at_genesis_with_bos_sync_names() {
    let mut config = Config::for_tests("engine", 3);
    config.sports = Some(examples());
    let devnet = Devnet::start(config).await.unwrap();
    let client = Client::new(vec![devnet.url()], options()).unwrap();

    let sports = client.db("list_sports", json!([])).await.unwrap();
    let sports = sports.as_array().unwrap();
    assert_eq!(sports.len(), 3);
    let basketball = sports
        .iter()
        .find(|s| pairs(&s["name"]).contains(&("identifier".into(), "Basketball".into())))
        .expect("Basketball on chain");
    assert_eq!(
        pairs(&basketball["name"]),
        vec![
            ("en".to_string(), "Basketball".to_string()),
            ("identifier".to_string(), "Basketball".to_string())
        ]
    );
    let groups = client
        .db("list_event_groups", json!([basketball["id"]]))
        .await
        .unwrap();
    assert_eq!(
        pairs(&groups[0]["name"]),
        vec![
            ("en".to_string(), "NBA Regular Season".to_string()),
            ("identifier".to_string(), "NBA Regular Season".to_string()),
            ("sen".to_string(), "NBA".to_string()),
        ]
    );

    let ids: Vec<String> = (0..20).map(|i| format!("1.23.{i}")).collect();
    let rules = client.db("get_objects", json!([ids])).await.unwrap();
    let ml = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| !r.is_null() && pairs(&r["name"]).contains(&("en".into(), "R_NBA_ML_1".into())))
        .expect("R_NBA_ML_1 on chain");
    let desc = pairs(&ml["description"]);
    let grading = &desc.iter().find(|(k, _)| k == "grading").unwrap().1;
    assert!(grading.starts_with(r#"{"metric": "#), "{grading}");
    assert!(grading.contains(r#"{"not_win": "#), "{grading}");

    let assets = client
        .db("lookup_asset_symbols", json!([["TEST", "BTF"]]))
        .await
        .unwrap();
    assert!(!assets[1].is_null(), "BTF created: {assets}");
    devnet.stop().await;
}

// ---- scenario: create -> approve -> execute -> in_progress -> result ----------

use bos::incidents::store::{Status, Store};
use bos::incidents::{Intake, Normalizer};
use bos::protocol::PrivateKey;
use bos::rpc::Api;
use bos::sync::engine::{Engine, JobReport};

const START: &str = "2019-01-10T00:30:00Z";

fn incident(intake: &Intake, call: &str, args: Value, provider: &str) -> bos::incidents::Incident {
    let v = json!({
        "id": {"sport": "Basketball", "event_group_name": "NBA Regular Season",
               "start_time": START, "home": "Atlanta Hawks", "away": "Boston Celtics"},
        "call": call,
        "arguments": args,
        "timestamp": "2019-01-10T03:00:00Z",
        "provider_info": {"name": provider, "pushed": "2019-01-10T03:00:00Z"},
    });
    intake.process_value(v).unwrap()
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2019-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
}

struct Scenario {
    devnet: Devnet,
    control: Client,
    listing: Value,
}

impl Scenario {
    async fn start() -> Scenario {
        let mut config = Config::for_tests("engine-scenario", 3);
        config.sports = Some(examples());
        let devnet = Devnet::start(config).await.unwrap();
        let control = Client::new(vec![devnet.url()], options()).unwrap();
        let listing = devnet.listing();
        Scenario {
            devnet,
            control,
            listing,
        }
    }
    fn engine(&self, witness: &str, dry_run: bool) -> Engine {
        let a = self.listing["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == witness)
            .unwrap();
        Engine {
            client: Client::new(vec![self.devnet.url()], options()).unwrap(),
            sports: examples(),
            proposer: witness.into(),
            approver: witness.into(),
            keys: vec![PrivateKey::from_wif(a["wif"].as_str().unwrap()).unwrap()],
            dry_run,
            blocking: false,
        }
    }
    async fn produce(&self, n: u32) {
        self.control
            .call(Api::Named("devnet".into()), "produce_blocks", json!([n]))
            .await
            .unwrap();
    }
    async fn db(&self, m: &str, a: Value) -> Value {
        self.control.db(m, a).await.unwrap()
    }
}

fn op_names(r: &JobReport) -> Vec<String> {
    let mut out = Vec::new();
    for o in &r.operations {
        let id = o[0].as_u64().unwrap();
        if id == 22 {
            out.push("proposal_create".to_string());
            for p in o[1]["proposed_ops"].as_array().unwrap() {
                out.push(format!("  {}", p["op"][0]));
            }
        } else {
            out.push(id.to_string());
        }
    }
    out
}

#[tokio::test]
async fn create_approve_execute_progress_and_result() {
    let net = Scenario::start().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let mut stores: Vec<Store> = (0..3).map(|_| Store::in_memory().unwrap()).collect();
    let engines: Vec<Engine> = (0..3)
        .map(|i| net.engine(&format!("init{i}"), false))
        .collect();

    // One provider: insufficient incidents, nothing built.
    let c1 = incident(&intake, "create", json!({"season": "2018/2019"}), "p1");
    let c2 = incident(&intake, "create", json!({"season": "2018/2019"}), "p2");
    let r = engines[0]
        .process(&mut stores[0], &c1, now())
        .await
        .unwrap();
    assert_eq!(r.status, Status::InsufficientIncidents);
    assert!(r.operations.is_empty());

    // Two providers: one proposal with the event, per asset the Moneyline BMG and its BMs.
    let r = engines[0]
        .process(&mut stores[0], &c2, now())
        .await
        .unwrap();
    assert_eq!(r.status, Status::Done, "{}", r.reason);
    assert_eq!(
        op_names(&r),
        vec![
            "proposal_create",
            "  56",
            "  60",
            "  61",
            "  61",
            "  60",
            "  61",
            "  61"
        ]
    );
    let ops = r.operations[0][1]["proposed_ops"].as_array().unwrap();
    assert_eq!(ops[1]["op"][1]["event_id"], "0.0.0");
    assert_eq!(ops[2]["op"][1]["group_id"], "0.0.1");
    assert_eq!(ops[5]["op"][1]["group_id"], "0.0.4");
    let d = pairs(&ops[1]["op"][1]["description"]);
    assert!(d.contains(&("en".into(), "Moneyline_TEST".into())), "{d:?}");
    let bm = pairs(&ops[2]["op"][1]["description"]);
    assert_eq!(bm, vec![("en".to_string(), "Boston Celtics".to_string())]);
    let ev = pairs(&ops[0]["op"][1]["name"]);
    assert_eq!(
        ev,
        vec![(
            "en".to_string(),
            "Boston Celtics @ Atlanta Hawks".to_string()
        )]
    );
    assert!(r.operations[0][1]["fee"]["amount"].as_i64().unwrap() > 0);
    net.produce(1).await;
    let pending = net.db("get_proposed_transactions", json!(["1.2.1"])).await;
    assert_eq!(pending.as_array().unwrap().len(), 1, "{pending}");

    // The other witnesses receive the same incidents and approve instead of proposing.
    for w in 1..3 {
        for inc in [&c1, &c2] {
            let r = engines[w]
                .process(&mut stores[w], inc, now())
                .await
                .unwrap();
            if inc.provider.as_deref() == Some("p2") {
                assert_eq!(r.status, Status::Done, "{}", r.reason);
                assert_eq!(op_names(&r), vec!["23"], "witness {w}: {:?}", r.operations);
            }
        }
        net.produce(1).await;
    }
    let events = net.db("list_events_in_group", json!(["1.21.0"])).await;
    assert_eq!(
        events.as_array().unwrap().len(),
        1,
        "event created once: {events}"
    );
    let eid = events[0]["id"].as_str().unwrap().to_string();
    let bmgs = net.db("list_betting_market_groups", json!([eid])).await;
    assert_eq!(bmgs.as_array().unwrap().len(), 2);

    // A later create run finds everything on chain: done, nothing to do.
    let r = engines[0]
        .process(&mut stores[0], &c2, now())
        .await
        .unwrap();
    assert_eq!(r.status, Status::Done);
    assert!(r.operations.is_empty(), "{:?}", r.operations);

    // in_progress: one incident suffices; one event_update_status.
    let ip = incident(
        &intake,
        "in_progress",
        json!({"whistle_start_time": null}),
        "p1",
    );
    let r = engines[0]
        .process(&mut stores[0], &ip, now())
        .await
        .unwrap();
    assert_eq!(r.status, Status::Done, "{}", r.reason);
    assert_eq!(op_names(&r), vec!["proposal_create", "  72"]);
    let s = &r.operations[0][1]["proposed_ops"][0]["op"][1];
    assert_eq!(s["status"], "in_progress");

    // result: disagreeing providers -> undecided; agreeing -> status + resolutions.
    let ra = incident(
        &intake,
        "result",
        json!({"home_score": "99", "away_score": "83"}),
        "p1",
    );
    let rb = incident(
        &intake,
        "result",
        json!({"home_score": "98", "away_score": "83"}),
        "p2",
    );
    let mut st = Store::in_memory().unwrap();
    engines[0].process(&mut st, &ra, now()).await.unwrap();
    let r = engines[0].process(&mut st, &rb, now()).await.unwrap();
    assert_eq!(r.status, Status::Undecided);
    let rc = incident(
        &intake,
        "result",
        json!({"home_score": "99", "away_score": "83"}),
        "p2",
    );
    let r = engines[1]
        .process(&mut stores[1], &ra, now())
        .await
        .unwrap();
    assert_eq!(r.status, Status::InsufficientIncidents);
    let r = engines[1]
        .process(&mut stores[1], &rc, now())
        .await
        .unwrap();
    assert_eq!(r.status, Status::Done, "{}", r.reason);
    let names = op_names(&r);
    assert_eq!(
        names.iter().filter(|n| n.trim() == "63").count(),
        2,
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.trim() == "72"));
    // Home (Atlanta, second BM) wins the moneyline 99:83; away (first BM) does not.
    let resolve = r.operations.last().unwrap()[1]["proposed_ops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["op"][0] == 63)
        .unwrap()["op"][1]
        .clone();
    let res: Vec<String> = resolve["resolutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_str().unwrap().to_string())
        .collect();
    assert_eq!(res, vec!["not_win", "win"]);
    net.devnet.stop().await;
}
