//! The BOS engine against an in-process devnet: `--sports` objects at genesis,
//! then the triggers' proposals.

use std::path::Path;
use std::time::Duration;

use bos::devnet::{Config, Devnet};
use bos::rpc::Client;
use serde_json::{json, Value};

mod support;

use support::net::{options, Net};

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

use bos::chain::{Chain, Mode, Sender, Wait};
use bos::engine::{ApproveReport, Approver, EngineError, JobReport, JobRunner, Parts};
use bos::incidents::store::{Status, Store};
use bos::incidents::{Intake, Normalizer};
use bos::protocol::PrivateKey;
use bos::triggers::Settings;

/// A witness's engine as the tests drive it: the runner and the approver are built
/// complete for each call from these parts (tests change `settings` between calls).
struct Engine {
    chain: Chain,
    witness: String,
    keys: Vec<PrivateKey>,
    dry_run: bool,
    settings: Settings,
}

impl Engine {
    fn sender(&self) -> Sender {
        let mode = if self.dry_run {
            Mode::Unsigned
        } else {
            Mode::Broadcast
        };
        Sender::new(self.chain.clone(), mode, 30, self.keys.clone())
    }
    fn parts(&self) -> Parts {
        Parts::new(examples(), &self.witness, &self.witness).with_settings(self.settings.clone())
    }
    async fn process(
        &self,
        store: &mut Store,
        inc: &bos::incidents::Incident,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<JobReport, EngineError> {
        JobRunner::new(self.sender(), self.parts(), false)
            .process(store, inc, now)
            .await
    }
    async fn approve(
        &self,
        store: &mut Store,
        now: chrono::DateTime<chrono::Utc>,
        only: &[String],
    ) -> Result<ApproveReport, EngineError> {
        Approver::new(self.sender(), self.parts())
            .approve(store, now, only)
            .await
    }
    async fn broadcast_ops(
        &self,
        ops: Vec<Operation>,
    ) -> Result<bos::chain::Outcome, bos::chain::Error> {
        self.sender().send(ops, Wait::No).await?.into_result()
    }
}

/// The operations of a report in node JSON form.
fn ops(r: &JobReport) -> Vec<Value> {
    r.operations_json(&bos::protocol::JsonCx { prefix: "TEST" })
}

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

/// Three witnesses with the example sports at genesis.
type Scenario = Net;

async fn scenario() -> Scenario {
    let mut config = Config::for_tests("engine-scenario", 3);
    config.sports = Some(examples());
    Net::start(config).await
}

impl Net {
    fn engine(&self, witness: &str, dry_run: bool) -> Engine {
        Engine {
            chain: Chain::new(Client::new(vec![self.url()], options()).unwrap()),
            witness: witness.into(),
            keys: vec![self.key(witness)],
            dry_run,
            settings: Default::default(),
        }
    }
}

fn op_names(r: &JobReport) -> Vec<String> {
    let mut out = Vec::new();
    for o in &ops(r) {
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
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let (engines, mut stores) = fleet(&net, false);

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
    let proposed = ops(&r)[0][1]["proposed_ops"].as_array().unwrap().clone();
    assert_eq!(proposed[1]["op"][1]["event_id"], "0.0.0");
    assert_eq!(proposed[2]["op"][1]["group_id"], "0.0.1");
    assert_eq!(proposed[5]["op"][1]["group_id"], "0.0.4");
    let d = pairs(&proposed[1]["op"][1]["description"]);
    assert!(d.contains(&("en".into(), "Moneyline_TEST".into())), "{d:?}");
    let bm = pairs(&proposed[2]["op"][1]["description"]);
    assert_eq!(bm, vec![("en".to_string(), "Boston Celtics".to_string())]);
    let ev = pairs(&proposed[0]["op"][1]["name"]);
    assert_eq!(
        ev,
        vec![(
            "en".to_string(),
            "Boston Celtics @ Atlanta Hawks".to_string()
        )]
    );
    assert!(ops(&r)[0][1]["fee"]["amount"].as_i64().unwrap() > 0);
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
    let s = &ops(&r)[0][1]["proposed_ops"][0]["op"][1];
    assert_eq!(s["status"], "in_progress");

    // result: disagreeing providers -> undecided; agreeing -> status + resolutions.
    let ra = result(&intake, "99", "83", "p1");
    let rb = result(&intake, "98", "83", "p2");
    let mut st = Store::in_memory().unwrap();
    engines[0].process(&mut st, &ra, now()).await.unwrap();
    let r = engines[0].process(&mut st, &rb, now()).await.unwrap();
    assert_eq!(r.status, Status::Undecided);
    let rc = result(&intake, "99", "83", "p2");
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
    let resolve = ops(&r).last().unwrap()[1]["proposed_ops"]
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

// ---- pending proposals of another witness: equal, shorter, longer ------------

use bos::protocol::Operation;
use bos::protocol::{Json as _, Path as JPath};

/// The three witnesses' engines (`expand`: expand_dynamic_assets on), each with an
/// empty store.
fn fleet(net: &Scenario, expand: bool) -> (Vec<Engine>, Vec<Store>) {
    let engines = (0..3)
        .map(|i| {
            let mut e = net.engine(&format!("init{i}"), false);
            e.settings.expand_dynamic_assets = expand;
            e
        })
        .collect();
    (
        engines,
        (0..3).map(|_| Store::in_memory().unwrap()).collect(),
    )
}

/// [`fleet`], each witness processing both create calls in turn, a block after each.
async fn created(net: &Scenario, intake: &Intake, expand: bool) -> (Vec<Engine>, Vec<Store>) {
    let (engines, mut stores) = fleet(net, expand);
    let creates = two_creates(intake);
    for (e, st) in engines.iter().zip(stores.iter_mut()) {
        e.run(st, &creates).await;
        net.produce(1).await;
    }
    (engines, stores)
}

/// A provider's result call of the test game.
fn result(intake: &Intake, home: &str, away: &str, provider: &str) -> bos::incidents::Incident {
    incident(
        intake,
        "result",
        json!({"home_score": home, "away_score": away}),
        provider,
    )
}

/// The two providers' create calls of the test game.
fn two_creates(intake: &Intake) -> [bos::incidents::Incident; 2] {
    ["p1", "p2"].map(|p| incident(intake, "create", json!({"season": "2018/2019"}), p))
}

impl Engine {
    /// Processes `calls` in order into `store`; the last report.
    async fn run(&self, store: &mut Store, calls: &[bos::incidents::Incident]) -> JobReport {
        let mut last = None;
        for c in calls {
            last = Some(self.process(store, c, now()).await.unwrap());
        }
        last.expect("at least one call")
    }
}

/// What `witness`'s dry run makes of `calls`, in a store of its own.
async fn dry_run(net: &Scenario, witness: &str, calls: &[bos::incidents::Incident]) -> JobReport {
    let mut st = Store::in_memory().unwrap();
    net.engine(witness, true).run(&mut st, calls).await
}

/// The proposal_create `witness`'s dry run builds from `calls`.
async fn dry_proposal(
    net: &Scenario,
    witness: &str,
    calls: &[bos::incidents::Incident],
) -> Operation {
    proposal_op(&dry_run(net, witness, calls).await)
}

/// Keeps only the first operation of a proposal_create (the event_create) and moves
/// its event an hour later: an event nobody has incidents for.
fn event_an_hour_later(op: &mut Operation) {
    if let Operation::ProposalCreate(p) = op {
        p.proposed_ops.truncate(1);
        if let Operation::EventCreate(e) = &mut p.proposed_ops[0].op {
            e.start_time = e
                .start_time
                .map(|t| bos::protocol::TimePointSec(t.0 + 3600));
        }
    }
}

/// init1 proposes the bundle its dry run builds from both create calls; the calls and
/// the proposal.
async fn init1_proposes_both(
    net: &Scenario,
    intake: &Intake,
) -> ([bos::incidents::Incident; 2], Operation) {
    let creates = two_creates(intake);
    let full = dry_proposal(net, "init1", &creates).await;
    propose_as(net, "init1", full.clone()).await;
    (creates, full)
}

fn proposal_op(r: &JobReport) -> Operation {
    Operation::from_json(ops(r).last().unwrap(), &JPath::ROOT).unwrap()
}

async fn propose_as(net: &Scenario, witness: &str, op: Operation) {
    net.engine(witness, false)
        .broadcast_ops(vec![op])
        .await
        .unwrap();
    net.produce(1).await;
}

#[tokio::test]
async fn shorter_pending_bundle_is_approved_longer_is_not() {
    let intake = Intake::new(Normalizer::new(examples()));
    let creates = two_creates(&intake);

    // Shorter: init1's bundle lacks the last BM; init0 approves it and proposes nothing.
    let net = scenario().await;
    let full = dry_proposal(&net, "init1", &creates).await;
    let mut op = full.clone();
    if let Operation::ProposalCreate(p) = &mut op {
        p.proposed_ops.pop();
    }
    propose_as(&net, "init1", op).await;
    let r = dry_run(&net, "init0", &creates).await;
    assert_eq!(r.status, Status::Done);
    assert_eq!(op_names(&r), vec!["23"], "{:?}", r.operations);
    net.devnet.stop().await;

    // Longer: an extra BM init0 cannot reproduce; no approval and no proposal.
    let net = scenario().await;
    let mut op = full;
    if let Operation::ProposalCreate(p) = &mut op {
        let mut extra = p.proposed_ops[2].clone();
        if let Operation::BettingMarketCreate(b) = &mut extra.op {
            b.description = [("en".to_string(), "Nobody".to_string())]
                .into_iter()
                .collect();
        }
        p.proposed_ops.push(extra);
    }
    propose_as(&net, "init1", op).await;
    let r = dry_run(&net, "init0", &creates).await;
    assert_eq!(r.status, Status::Done);
    assert!(r.operations.is_empty(), "{:?}", r.operations);
    assert!(!r.notes.is_empty() || r.operations.is_empty());
    net.devnet.stop().await;
}

#[tokio::test]
async fn leadtime_postpones_then_succeeds_and_past_events_are_too_old() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let c1 = incident(&intake, "create", json!({"season": "2018/2019"}), "p1");
    let c2 = incident(&intake, "create", json!({"season": "2018/2019"}), "p2");
    let at = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    // leadtime_Max 14 days: 2018-12-20 is too early for a 2019-01-10 game. It is
    // postponed for scheduler.expirations.EventCannotOpenException: 12 h by default.
    let mut kept = None;
    for (postpone, until) in [
        (None, "2018-12-20T12:00:00Z"),
        (Some(600), "2018-12-20T00:10:00Z"),
    ] {
        let mut e = net.engine("init0", true);
        if let Some(p) = postpone {
            e.settings.postpone_leadtime = p;
        }
        let mut st = Store::in_memory().unwrap();
        e.process(&mut st, &c1, at("2018-12-01T00:00:00Z"))
            .await
            .unwrap();
        let r = e
            .process(&mut st, &c2, at("2018-12-20T00:00:00Z"))
            .await
            .unwrap();
        assert_eq!(r.status, Status::Postponed);
        let s = st
            .status(c2.id_string.as_deref().unwrap(), "create")
            .unwrap();
        assert_eq!(s.expiration, Some(at(until)), "{postpone:?}");
        kept.get_or_insert((e, st));
    }
    let (e, mut st) = kept.unwrap();
    let r = e
        .process(&mut st, &c2, at("2018-12-28T00:00:00Z"))
        .await
        .unwrap();
    assert_eq!(r.status, Status::Done);
    assert_eq!(op_names(&r)[0], "proposal_create");
    // After kick-off: create too old.
    let r = e
        .process(&mut st, &c2, at("2019-01-11T00:00:00Z"))
        .await
        .unwrap();
    assert_eq!(r.status, Status::CreateTooOld);
    assert!(r.operations.is_empty());
    net.devnet.stop().await;
}

// ---- end to end: three witnesses, one stream, creation to settlement ----------

#[tokio::test]
async fn three_witnesses_from_creation_to_settlement() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let stream = [
        incident(&intake, "create", json!({"season": "2018/2019"}), "p1"),
        incident(&intake, "create", json!({"season": "2018/2019"}), "p2"),
        incident(&intake, "in_progress", json!({}), "p1"),
        result(&intake, "101", "97", "p1"),
        result(&intake, "101", "97", "p2"),
        incident(&intake, "finish", json!({}), "p1"),
    ];
    let (engines, mut stores) = fleet(&net, false);
    let mut seen = Value::Null;
    for (k, inc) in stream.iter().enumerate() {
        for w in 0..3 {
            let r = engines[w]
                .process(&mut stores[w], inc, now())
                .await
                .unwrap();
            assert!(
                !matches!(
                    r.status,
                    Status::UnhandledException | Status::UnhandledExceptionRetryingSoon
                ),
                "{w}: {} {}",
                r.status,
                r.reason
            );
            if k > 0 && w > 0 {
                assert!(
                    op_names(&r).iter().all(|o| o == "23"),
                    "witness {w} only approves: {:?}",
                    op_names(&r)
                );
            }
            net.produce(1).await;
        }
        if k == 2 {
            // Created once, now in progress: the event, 2 BMGs (one per asset), 4 BMs.
            let events = net.db("list_events_in_group", json!(["1.21.0"])).await;
            assert_eq!(events.as_array().unwrap().len(), 1, "{events}");
            assert_eq!(events[0]["status"], "in_progress");
            let bmgs = net
                .db("list_betting_market_groups", json!([events[0]["id"]]))
                .await;
            assert_eq!(bmgs.as_array().unwrap().len(), 2, "{bmgs}");
            let mut ids = vec![events[0]["id"].clone()];
            for g in bmgs.as_array().unwrap() {
                ids.push(g["id"].clone());
                let bms = net.db("list_betting_markets", json!([g["id"]])).await;
                assert_eq!(bms.as_array().unwrap().len(), 2);
                ids.extend(bms.as_array().unwrap().iter().map(|m| m["id"].clone()));
            }
            seen = Value::Array(ids);
        }
    }
    // Resolved and settled: the node removes the BMGs and BMs (node.md §4.6) and the
    // event is settled.
    let objs = net.db("get_objects", json!([seen])).await;
    let objs = objs.as_array().unwrap();
    assert_eq!(objs.len(), 7);
    assert!(
        objs[0].is_null() || objs[0]["status"] == "settled",
        "{}",
        objs[0]
    );
    assert!(objs[1..].iter().all(Value::is_null), "{objs:?}");
    let pending = net.db("get_proposed_transactions", json!(["1.2.1"])).await;
    assert!(
        pending.as_array().unwrap().is_empty(),
        "left pending: {pending}"
    );
    net.devnet.stop().await;
}

// ---- dynamic BMGs: age gate, over/under line, handicap median, fuzzy approval --

fn dynamic_incident(
    intake: &Intake,
    types: Value,
    provider: &str,
    ts: &str,
) -> bos::incidents::Incident {
    let v = json!({
        "id": {"sport": "Basketball", "event_group_name": "NBA Regular Season",
               "start_time": START, "home": "Atlanta Hawks", "away": "Boston Celtics"},
        "call": "dynamic_bmgs",
        "arguments": {"types": types},
        "timestamp": ts,
        "provider_info": {"name": provider, "pushed": ts},
    });
    intake.process_value(v).unwrap()
}

fn descriptions(r: &JobReport) -> Vec<Vec<(String, String)>> {
    ops(r)
        .iter()
        .filter(|o| o[0] == 22)
        .flat_map(|o| o[1]["proposed_ops"].as_array().unwrap().clone())
        .map(|p| pairs(&p["op"][1]["description"]))
        .collect()
}

#[tokio::test]
async fn dynamic_over_under_and_handicap_lines_with_fuzzy_approval() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    // The example BMGs list two assets; bos-auto builds nothing for such dynamic
    // BMGs, bos only when told to expand them.
    let (engines, mut stores) = created(&net, &intake, true).await;
    let at = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    // Younger than 1 h: postponed.
    let young = dynamic_incident(
        &intake,
        json!([{"type": "ou", "value": "8"}]),
        "p1",
        "2019-01-01T00:00:00Z",
    );
    let r = engines[0]
        .process(&mut stores[0], &young, at("2019-01-01T00:59:59Z"))
        .await
        .unwrap();
    assert_eq!(r.status, Status::Postponed);
    // With bos-auto's behaviour (the default), a multi-asset dynamic BMG builds
    // nothing and says why.
    let fleet = net.engine("init0", true);
    let r = fleet
        .process(
            &mut Store::in_memory().unwrap(),
            &young,
            at("2019-01-01T01:00:00Z"),
        )
        .await
        .unwrap();
    assert_eq!(r.status, Status::Done, "{}", r.reason);
    assert!(r.operations.is_empty(), "{:?}", r.operations);
    assert!(
        r.notes.iter().any(|n| n.contains("Cannot interpret lists")),
        "{:?}",
        r.notes
    );
    // Exactly 1 h: over/under 8 -> line 8.5, per asset.
    let r = engines[0]
        .process(&mut stores[0], &young, at("2019-01-01T01:00:00Z"))
        .await
        .unwrap();
    assert_eq!(r.status, Status::Done, "{}", r.reason);
    let d = descriptions(&r);
    assert_eq!(d.len(), 6, "{d:?}");
    assert!(
        d[0].contains(&("en".into(), "Over/Under 8.5 pts_TEST".into())),
        "{:?}",
        d[0]
    );
    assert!(d[0].contains(&("_ou".into(), "8.5".into())));
    assert!(d[0].contains(&("_dynamic".into(), "ou".into())));
    assert_eq!(d[1], vec![("en".to_string(), "Under 8.5".to_string())]);
    assert_eq!(d[2], vec![("en".to_string(), "Over 8.5".to_string())]);
    net.produce(1).await;

    // Another witness's provider says 9 (line 9.5): within the spread of 1, so it
    // approves the pending 8.5 bundle instead of proposing its own.
    let other = dynamic_incident(
        &intake,
        json!([{"type": "ou", "value": "9"}]),
        "p2",
        "2019-01-01T00:00:00Z",
    );
    let r = engines[1]
        .process(&mut stores[1], &other, at("2019-01-01T02:00:00Z"))
        .await
        .unwrap();
    assert_eq!(r.status, Status::Done, "{}", r.reason);
    assert_eq!(op_names(&r), vec!["23"], "{:?}", r.operations);

    // Handicap: -1 and -3 for the home team -> median -2 -> float mode -2.5 / 2.5.
    let h1 = dynamic_incident(
        &intake,
        json!([{"type": "hc", "value": "-1", "participant": "Atlanta Hawks"}]),
        "p1",
        "2019-01-01T00:00:00Z",
    );
    let h2 = dynamic_incident(
        &intake,
        json!([{"type": "hc", "value": "3", "participant": "Boston Celtics"}]),
        "p2",
        "2019-01-01T00:00:00Z",
    );
    let mut st = Store::in_memory().unwrap();
    // h1 is only stored (another job would have proposed from it alone).
    st.insert(&h1, at("2019-01-01T02:00:00Z")).unwrap();
    let r = engines[2]
        .process(&mut st, &h2, at("2019-01-01T02:00:00Z"))
        .await
        .unwrap();
    assert_eq!(r.status, Status::Done, "{}", r.reason);
    let d = descriptions(&r);
    assert_eq!(d.len(), 6, "{:?} {:?}", r.notes, r.operations);
    assert!(d[0].contains(&("_hch".into(), "-2.5".into())), "{:?}", d[0]);
    assert!(d[0].contains(&("_hca".into(), "2.5".into())), "{:?}", d[0]);
    assert!(
        d[1].contains(&("en".into(), "Atlanta Hawks (-2.5)".into())),
        "{:?}",
        d[1]
    );
    assert!(
        d[2].contains(&("en".into(), "Boston Celtics (2.5)".into())),
        "{:?}",
        d[2]
    );
    net.devnet.stop().await;
}

// ---- finish and canceled: one event_update_status each ----------------------

#[tokio::test]
async fn finish_and_canceled_each_build_one_status_update() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    created(&net, &intake, false).await;
    let e = net.engine("init0", true);
    let mut st = Store::in_memory().unwrap();
    for (call, status) in [("finish", "finished"), ("canceled", "canceled")] {
        let i = incident(&intake, call, json!({}), "p1");
        let r = e.process(&mut st, &i, now()).await.unwrap();
        assert_eq!(r.status, Status::Done, "{call}: {}", r.reason);
        assert_eq!(op_names(&r), vec!["proposal_create", "  72"], "{call}");
        let op = &ops(&r)[0][1]["proposed_ops"][0]["op"][1];
        assert_eq!(op["status"], status);
        assert_eq!(op["scores"], json!([]));
    }
    net.devnet.stop().await;
}

// ---- result on dynamic BMGs: grading with the chain's lines --------------------

#[tokio::test]
async fn result_grades_dynamic_groups_with_their_lines() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    // The example BMGs list two assets; bos-auto builds nothing for such dynamic
    // BMGs, bos only when told to expand them.
    let (engines, mut stores) = fleet(&net, true);
    let at = chrono::DateTime::parse_from_rfc3339("2019-01-02T00:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let stream = [
        incident(&intake, "create", json!({"season": "2018/2019"}), "p1"),
        incident(&intake, "create", json!({"season": "2018/2019"}), "p2"),
        dynamic_incident(
            &intake,
            json!([{"type": "ou", "value": "200"}, {"type": "hc", "value": "-3", "participant": "Atlanta Hawks"}]),
            "p1",
            "2019-01-01T00:00:00Z",
        ),
    ];
    for inc in &stream {
        for w in 0..3 {
            let r = engines[w].process(&mut stores[w], inc, at).await.unwrap();
            assert_eq!(
                r.status,
                if inc.provider.as_deref() == Some("p1") && inc.call.as_str() == "create" {
                    Status::InsufficientIncidents
                } else {
                    Status::Done
                },
                "{w} {}: {}",
                inc.call.as_str(),
                r.reason
            );
            net.produce(1).await;
        }
    }
    let events = net.db("list_events_in_group", json!(["1.21.0"])).await;
    let bmgs = net
        .db("list_betting_market_groups", json!([events[0]["id"]]))
        .await;
    // Moneyline, over/under and handicap, each per asset.
    assert_eq!(bmgs.as_array().unwrap().len(), 6, "{bmgs}");

    let r1 = result(&intake, "101", "97", "p1");
    let r2 = result(&intake, "101", "97", "p2");
    let e = net.engine("init0", true);
    let mut st = Store::in_memory().unwrap();
    e.process(&mut st, &r1, at).await.unwrap();
    let r = e.process(&mut st, &r2, at).await.unwrap();
    assert_eq!(r.status, Status::Done, "{}", r.reason);
    let ops = ops(&r).last().unwrap()[1]["proposed_ops"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(ops.len(), 7, "status + 6 resolutions");
    assert_eq!(ops[0]["op"][1]["scores"], json!(["101", "97"]));
    // Per BMG, the resolutions in BM order, named by the chain's BM descriptions.
    let mut by_name = std::collections::BTreeMap::new();
    let all_bms: Vec<Value> = {
        let mut v = Vec::new();
        for g in bmgs.as_array().unwrap() {
            v.extend(
                net.db("list_betting_markets", json!([g["id"]]))
                    .await
                    .as_array()
                    .unwrap()
                    .clone(),
            );
        }
        v
    };
    for o in &ops[1..] {
        for p in o["op"][1]["resolutions"].as_array().unwrap() {
            let bm = all_bms.iter().find(|m| m["id"] == p[0]).unwrap();
            let en = pairs(&bm["description"])[0].1.clone();
            by_name.insert(en, p[1].as_str().unwrap().to_string());
        }
    }
    // 198 points against a 200.5 line: Under wins.
    assert_eq!(by_name["Under 200.5"], "win");
    assert_eq!(by_name["Over 200.5"], "not_win");
    // Home -3.5 / away 3.5: (101 + 3.5) - (97 - 3.5) = 11 > 0, the first (home) market wins.
    assert_eq!(by_name["Atlanta Hawks (-3.5)"], "win");
    assert_eq!(by_name["Boston Celtics (3.5)"], "not_win");
    assert_eq!(by_name["Atlanta Hawks"], "win");
    assert_eq!(by_name["Boston Celtics"], "not_win");
    net.devnet.stop().await;
}

// ---- only proposals by scheduled witnesses count (§5.6) -------------------------

#[tokio::test]
async fn proposals_by_non_witnesses_are_neither_approved_nor_matched() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let creates = two_creates(&intake);
    let mut op = dry_proposal(&net, "init1", &creates).await;
    if let Operation::ProposalCreate(p) = &mut op {
        p.fee_paying_account = bos::protocol::ids::Id(
            net.devnet
                .with_chain(|c| c.accounts.iter().find(|a| a.name == "alice").unwrap().id),
        );
    }
    propose_as(&net, "alice", op).await;
    assert_eq!(
        net.db("get_proposed_transactions", json!(["1.2.1"]))
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let r = dry_run(&net, "init0", &creates).await;
    assert_eq!(r.status, Status::Done);
    // No approval of alice's bundle; init0 builds its own.
    assert_eq!(op_names(&r)[0], "proposal_create", "{:?}", op_names(&r));
    assert!(!op_names(&r).contains(&"23".to_string()));
    net.devnet.stop().await;
}

// ---- `bos approve`: other witnesses' proposals re-derived from stored incidents --

#[tokio::test]
async fn approve_rederives_other_witnesses_proposals_from_the_store() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    // init1 proposes the full create bundle (built by its own dry run).
    let ([c1, c2], full) = init1_proposes_both(&net, &intake).await;
    // ...a transfer, which no BOS job builds...
    let mut odd = full.clone();
    if let Operation::ProposalCreate(p) = &mut odd {
        let mut w = p.proposed_ops[0].clone();
        w.op = Operation::from_json(
            &json!([0, {"fee": {"amount": 0, "asset_id": "1.3.0"}, "from": "1.2.1",
                        "to": "1.2.7", "amount": {"amount": 1, "asset_id": "1.3.0"},
                        "extensions": []}]),
            &JPath::ROOT,
        )
        .unwrap();
        p.proposed_ops = vec![w];
    }
    propose_as(&net, "init1", odd).await;
    // ...and an event at a time init0 has no incidents for.
    let mut other = full.clone();
    event_an_hour_later(&mut other);
    propose_as(&net, "init1", other).await;
    let pending = net.db("get_proposed_transactions", json!(["1.2.1"])).await;
    let ids: Vec<String> = pending
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 3, "{pending}");

    // init0 has only stored the incidents (no job ran).
    let mut st0 = Store::in_memory().unwrap();
    st0.insert(&c1, now()).unwrap();
    st0.insert(&c2, now()).unwrap();
    let e0 = net.engine("init0", true);
    let r = e0.approve(&mut st0, now(), &[]).await.unwrap();
    let by_id = |id: &str| r.decisions.iter().find(|d| d.proposal == id).unwrap();
    assert!(by_id(&ids[0]).approved, "{:?}", r.decisions);
    assert!(
        by_id(&ids[0])
            .reason
            .contains("reproduced by the create job"),
        "{:?}",
        by_id(&ids[0])
    );
    assert!(!by_id(&ids[1]).approved);
    assert!(
        by_id(&ids[1]).reason.contains("operation 0 transfer"),
        "{:?}",
        by_id(&ids[1])
    );
    assert!(!by_id(&ids[2]).approved);
    assert!(
        by_id(&ids[2]).reason.contains("no stored incidents"),
        "{:?}",
        by_id(&ids[2])
    );
    // Dry run: one approval built, nothing broadcast.
    assert_eq!(r.operations.len(), 1, "{:?}", r.operations);
    assert_eq!(r.approved(), vec![ids[0].clone()]);
    assert!(matches!(r.sent, Some(bos::chain::Outcome::Unsigned(_))));

    // Only the given ids are looked at.
    let r = e0.approve(&mut st0, now(), &ids[2..]).await.unwrap();
    assert_eq!(r.decisions.len(), 1);
    assert!(r.operations.is_empty());

    // For real: init0's approval lands on the chain.
    let e0 = net.engine("init0", false);
    let r = e0.approve(&mut st0, now(), &[]).await.unwrap();
    assert!(matches!(
        r.sent,
        Some(bos::chain::Outcome::Broadcast { .. })
    ));
    net.produce(1).await;
    let p = net.db("get_objects", json!([[ids[0]]])).await;
    let approvals = p[0]["available_active_approvals"].clone();
    assert!(
        p[0].is_null() || approvals.as_array().unwrap().contains(&json!("1.2.7")),
        "{p}"
    );
    // Approving again: already approved (or executed and gone).
    let r = e0.approve(&mut st0, now(), &[]).await.unwrap();
    assert!(r.decisions.iter().all(|d| !d.approved), "{:?}", r.decisions);
    net.devnet.stop().await;
}

/// A proposal the witness put on hold (the console's review mark) is left by every
/// approval path: a job's approval of an equal pending proposal, a job's
/// self-approval, and the approval routine (`bos approve`, `serve`'s loop). Released,
/// it is approved as before.
#[tokio::test]
async fn held_proposals_are_left_by_every_approval_path() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    // init1 proposes the full create bundle; init0 proposes an event at another time
    // (its own proposal, which self-approval would approve).
    let ([c1, c2], full) = init1_proposes_both(&net, &intake).await;
    let mut own = full;
    event_an_hour_later(&mut own);
    if let Operation::ProposalCreate(p) = &mut own {
        p.fee_paying_account = bos::protocol::ids::Id::parse("1.2.7").unwrap();
    }
    propose_as(&net, "init0", own).await;
    let pending = net.db("get_proposed_transactions", json!(["1.2.1"])).await;
    let by = |who: &str| {
        pending
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["proposer"] == who)
            .map(|p| p["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (other, mine) = (by("1.2.8"), by("1.2.7"));

    let mut st0 = Store::in_memory().unwrap();
    st0.hold(&other, "review", now()).unwrap();
    st0.hold(&mine, "made by hand", now()).unwrap();
    let e0 = net.engine("init0", false);

    // The jobs: no approval of either, no new proposal, and the notes say why.
    let mut notes = Vec::new();
    for inc in [&c1, &c2] {
        let r = e0.process(&mut st0, inc, now()).await.unwrap();
        assert!(r.approved.is_empty(), "{:?} {:?}", r.approved, r.notes);
        assert!(r.proposed.is_empty(), "{:?}", r.proposed);
        assert!(
            !op_names(&r)
                .iter()
                .any(|o| o == "23" || o == "proposal_create"),
            "{:?}",
            r.operations
        );
        notes.extend(r.notes);
    }
    for id in [&other, &mine] {
        let line = format!("not approving {id}: on hold since");
        assert!(notes.iter().any(|n| n.starts_with(&line)), "{notes:?}");
    }

    // The approval routine: both decided against, with the hold as the reason.
    let r = e0.approve(&mut st0, now(), &[]).await.unwrap();
    for id in [&other, &mine] {
        let d = r.decisions.iter().find(|d| d.proposal == *id).unwrap();
        assert!(!d.approved, "{d:?}");
        assert!(d.reason.starts_with("on hold since"), "{d:?}");
    }
    assert!(r.operations.is_empty(), "{:?}", r.operations);
    assert!(r.sent.is_none());
    net.produce(1).await;
    let left = net.db("get_objects", json!([[other, mine]])).await;
    for p in left.as_array().unwrap() {
        assert_eq!(p["available_active_approvals"], json!([]), "{p}");
    }

    // Released: the routine approves both (reproduced; self-approval) on chain.
    assert!(st0.release(&other).unwrap());
    assert!(st0.release(&mine).unwrap());
    let r = e0.approve(&mut st0, now(), &[]).await.unwrap();
    for id in [&other, &mine] {
        let d = r.decisions.iter().find(|d| d.proposal == *id).unwrap();
        assert!(d.approved, "{d:?}");
    }
    assert!(
        matches!(r.sent, Some(bos::chain::Outcome::Broadcast { .. })),
        "{:?}",
        r.sent
    );
    net.produce(1).await;
    let after = net.db("get_objects", json!([[other, mine]])).await;
    for p in after.as_array().unwrap() {
        assert!(
            p.is_null()
                || p["available_active_approvals"]
                    .as_array()
                    .unwrap()
                    .contains(&json!("1.2.7")),
            "{p}"
        );
    }
    net.devnet.stop().await;
}

// ---- objects on chain that differ: update operations (§5.3 step 2) -----------------

#[test]
fn differing_groups_and_markets_on_chain_get_update_operations() {
    use bos::sync::job::{BmgSpec, EventSpec, Job, Ref};
    use bos::sync::view::ChainView;
    let i18n = |l: &[(&str, &str)]| -> bos::protocol::types::I18n {
        l.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    let ev = EventSpec {
        names: i18n(&[("en", "Boston Celtics @ Atlanta Hawks")]),
        season: i18n(&[("en", "2018/2019")]),
        start: bos::protocol::TimePointSec::parse("2019-01-10T00:30:00").unwrap(),
        event_group_id: "1.21.0".into(),
        status: None,
    };
    let bmg = BmgSpec {
        description: i18n(&[("display_name", "Moneyline"), ("en", "Moneyline_TEST")]),
        rules_id: "1.23.1".into(),
        asset_id: "1.3.0".into(),
    };
    let mut view = ChainView::default();
    view.events
        .push(json!({"id": "1.22.0", "event_group_id": "1.21.0",
        "name": [["en", "Boston Celtics @ Atlanta Hawks"]], "start_time": "2019-01-10T00:30:00",
        "status": "upcoming"}));
    // The chain's group lacks display_name; its market carries an extra language.
    view.bmgs.push(
        json!({"id": "1.24.0", "event_id": "1.22.0", "rules_id": "1.23.1",
        "asset_id": "1.3.0", "description": [["en", "Moneyline_TEST"]], "status": "upcoming"}),
    );
    view.bms.push(json!({"id": "1.25.0", "group_id": "1.24.0",
        "description": [["de", "Atlanta"], ["en", "Atlanta Hawks"]], "status": "unresolved"}));
    view.bms.push(json!({"id": "1.25.1", "group_id": "1.24.0",
        "description": [["en", "Boston Celtics"]], "status": "unresolved"}));
    let ev_ref = Ref::Chain("1.22.0".into());
    let mut job = Job::new(&view, "1.2.7", "PPY");
    let g = job.bmg(&ev, &ev_ref, &bmg).unwrap().unwrap();
    assert_eq!(g, Ref::Chain("1.24.0".into()));
    job.bm(&ev, &ev_ref, &bmg, &g, &i18n(&[("en", "Atlanta Hawks")]))
        .unwrap();
    // An equal market: nothing.
    job.bm(&ev, &ev_ref, &bmg, &g, &i18n(&[("en", "Boston Celtics")]))
        .unwrap();
    let built = job.finish().unwrap();
    let cx = bos::protocol::JsonCx { prefix: "PPY" };
    let ops: Vec<Value> = built.proposed.iter().map(|o| o.to_json(&cx)).collect();
    assert_eq!(ops.len(), 2, "{ops:?}");
    assert_eq!(
        ops[0],
        json!([70, {"fee": {"amount": 0, "asset_id": "1.3.0"}, "betting_market_group_id": "1.24.0",
            "new_description": [["display_name", "Moneyline"], ["en", "Moneyline_TEST"]],
            "new_rules_id": "1.23.1", "extensions": []}])
    );
    assert_eq!(
        ops[1],
        json!([71, {"fee": {"amount": 0, "asset_id": "1.3.0"}, "betting_market_id": "1.25.0",
            "new_group_id": "1.24.0", "new_description": [["en", "Atlanta Hawks"]],
            "new_payout_condition": [], "extensions": []}])
    );

    // A pending witness proposal holding the same group update is approved instead.
    let mut view2 = view.clone();
    view2.bms.clear();
    view2.witness_accounts.insert("1.2.8".into());
    view2
        .proposals
        .push(json!({"id": "1.10.5", "proposer": "1.2.8",
        "available_active_approvals": [],
        "proposed_transaction": {"operations": [ops[0].clone()]}}));
    let mut job = Job::new(&view2, "1.2.7", "PPY");
    job.bmg(&ev, &ev_ref, &bmg).unwrap();
    let built = job.finish().unwrap();
    assert!(built.proposed.is_empty(), "{:?}", built.proposed);
    assert_eq!(built.approvals.len(), 1);
}

// ---- bos-auto's `midway` guard ------------------------------------------------------

#[tokio::test]
async fn create_over_its_time_budget_stops_midway_with_what_it_built() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let c1 = incident(&intake, "create", json!({"season": "2018/2019"}), "p1");
    let c2 = incident(&intake, "create", json!({"season": "2018/2019"}), "p2");
    let mut e = net.engine("init0", true);
    e.settings.create_budget = Duration::ZERO;
    let mut st = Store::in_memory().unwrap();
    e.process(&mut st, &c1, now()).await.unwrap();
    let r = e.process(&mut st, &c2, now()).await.unwrap();
    assert_eq!(r.status, Status::Midway, "{}", r.reason);
    // The event, the first group and its two markets; the second asset's group waits.
    assert_eq!(
        op_names(&r),
        vec!["proposal_create", "  56", "  60", "  61", "  61"]
    );
    let id = c2.id_string.clone().unwrap();
    assert_eq!(st.status(&id, "create").unwrap().name, Status::Midway);
    net.devnet.stop().await;
}

// ---- approval checkers -------------------------------------------------------------

#[tokio::test]
async fn checkers_refuse_approve_time_out_and_reject_garbage() {
    use bos::sync::checkers::{Checker, OnError};
    let script = format!(
        "{}/examples/checkers/refuse-event-group.sh",
        env!("CARGO_MANIFEST_DIR")
    );
    let checker = |name: &str, cmd: String, timeout: f64, on_error: OnError| Checker {
        name: name.into(),
        command: Some(cmd),
        url: None,
        timeout,
        on_error,
        own: false,
    };
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let ([c1, c2], _) = init1_proposes_both(&net, &intake).await;
    let pid = net.db("get_proposed_transactions", json!(["1.2.1"])).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut st0 = Store::in_memory().unwrap();
    st0.insert(&c1, now()).unwrap();
    st0.insert(&c2, now()).unwrap();
    let mut e0 = net.engine("init0", true);
    let decide = |r: &ApproveReport| {
        r.decisions
            .iter()
            .find(|d| d.proposal == pid)
            .unwrap()
            .clone()
    };

    // Refused: the event group is on the checker's list; the reason is kept.
    e0.settings.checkers = vec![checker(
        "no-nba",
        format!("{script} 'NBA Regular Season'"),
        5.0,
        OnError::Skip,
    )];
    let r = e0.approve(&mut st0, now(), &[]).await.unwrap();
    let d = decide(&r);
    assert!(!d.approved, "{d:?}");
    assert!(
        d.reason
            .contains("refused by checker no-nba: touches event group NBA Regular Season"),
        "{d:?}"
    );
    assert!(r.operations.is_empty());
    let checks = st0.checks(&pid).unwrap();
    assert_eq!(checks.len(), 1);
    assert!(!checks[0].approved);
    assert!(checks[0].reason.contains("NBA Regular Season"));

    // Garbage is an error: with on_error skip, no approval and a clear message.
    e0.settings.checkers = vec![checker("noisy", "echo hello".into(), 5.0, OnError::Skip)];
    let d = decide(&e0.approve(&mut st0, now(), &[]).await.unwrap());
    assert!(!d.approved);
    assert!(
        d.reason
            .contains("checker erred: answered \"hello\", not JSON like {\"success\": true}"),
        "{d:?}"
    );

    // A hung checker times out and follows on_error: skip, then approve.
    e0.settings.checkers = vec![checker("slow", "sleep 5".into(), 0.3, OnError::Skip)];
    let t = std::time::Instant::now();
    let d = decide(&e0.approve(&mut st0, now(), &[]).await.unwrap());
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    assert!(!d.approved);
    assert!(d.reason.contains("no answer within 0.3 s"), "{d:?}");
    e0.settings.checkers = vec![checker("slow", "sleep 5".into(), 0.3, OnError::Approve)];
    let r = e0.approve(&mut st0, now(), &[]).await.unwrap();
    assert!(decide(&r).approved);
    assert!(
        r.notes.iter().any(|n| n.contains("checker slow erred")),
        "{:?}",
        r.notes
    );

    // Another league on the list: it agrees, and the approval lands; with init1's
    // own approval the proposal executes.
    let mut e0 = net.engine("init0", false);
    e0.settings.checkers = vec![checker(
        "no-laliga",
        format!("{script} LaLiga"),
        5.0,
        OnError::Skip,
    )];
    let r = e0.approve(&mut st0, now(), &[]).await.unwrap();
    assert!(decide(&r).approved, "{:?}", r.decisions);
    assert!(st0
        .checks(&pid)
        .unwrap()
        .iter()
        .any(|c| c.checker == "no-laliga" && c.approved));
    net.produce(1).await;
    let e1 = net.engine("init1", false);
    e1.approve(&mut Store::in_memory().unwrap(), now(), &[])
        .await
        .unwrap();
    net.produce(1).await;
    let events = net.db("list_events_in_group", json!(["1.21.0"])).await;
    assert_eq!(events.as_array().unwrap().len(), 1, "{events}");
    net.devnet.stop().await;
}

// ---- `event missing` is retried by the serve scheduler, a bounded number of times ---

#[tokio::test]
async fn event_missing_is_marked_for_retry_and_the_scheduler_picks_it_up() {
    use bos::engine::{EVENT_MISSING_RETRY, EVENT_MISSING_TRIES};
    use bos::serve::queue::Queue;
    use bos::serve::runner::schedule_once;
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite");
    let mut st = Store::open(&db).unwrap();
    let e = net.engine("init0", true);
    // in_progress before the event exists on chain.
    let ip = incident(&intake, "in_progress", json!({}), "p1");
    let r = e.process(&mut st, &ip, now()).await.unwrap();
    assert_eq!(r.status, Status::EventMissing);
    let id = ip.id_string.clone().unwrap();
    let s = st.status(&id, "in_progress").unwrap();
    assert_eq!(s.extra["attempts"], 1);
    assert_eq!(
        s.expiration,
        Some(now() + chrono::Duration::seconds(EVENT_MISSING_RETRY))
    );
    // Not before its time; then the scheduler queues the call's first incident.
    let mut q = Queue::open(&db).unwrap();
    assert_eq!(schedule_once(&st, &mut q, now()).unwrap(), 0);
    let later = now() + chrono::Duration::seconds(EVENT_MISSING_RETRY + 1);
    assert_eq!(schedule_once(&st, &mut q, later).unwrap(), 1);
    let job = q.claim().unwrap().unwrap();
    assert_eq!(
        (job.id_string.as_str(), job.call.as_str()),
        (id.as_str(), "in_progress")
    );
    // Each retry counts; the last one leaves no expiration, so it stops.
    let r = e.process(&mut st, &ip, later).await.unwrap();
    assert_eq!(r.status, Status::EventMissing);
    assert_eq!(st.status(&id, "in_progress").unwrap().extra["attempts"], 2);
    let mut extra = serde_json::Map::new();
    extra.insert("attempts".into(), json!(EVENT_MISSING_TRIES - 1));
    st.set_status(
        &id,
        "in_progress",
        Status::EventMissing,
        Some(later),
        Some(&extra),
        later,
    )
    .unwrap();
    e.process(&mut st, &ip, later).await.unwrap();
    let s = st.status(&id, "in_progress").unwrap();
    assert_eq!(s.extra["attempts"], EVENT_MISSING_TRIES);
    assert_eq!(s.expiration, None);
    net.devnet.stop().await;
}

// ---- the seams of issue 16: fan-out, out-of-order calls, late resolves ----------

/// Three witnesses with the NBA game on chain (created, approved, executed).
async fn game_on_chain(net: &Scenario, intake: &Intake) -> (Vec<Engine>, Vec<Store>, String) {
    let (engines, stores) = created(net, intake, false).await;
    let events = net.db("list_events_in_group", json!(["1.21.0"])).await;
    assert_eq!(events.as_array().unwrap().len(), 1, "{events}");
    let eid = events[0]["id"].as_str().unwrap().to_string();
    (engines, stores, eid)
}

/// Every witness processes `inc`, a block after each: the proposal of the first
/// executes with the others' approvals.
async fn all_process(
    net: &Scenario,
    engines: &[Engine],
    stores: &mut [Store],
    inc: &bos::incidents::Incident,
) -> Vec<JobReport> {
    let mut out = Vec::new();
    for w in 0..engines.len() {
        out.push(
            engines[w]
                .process(&mut stores[w], inc, now())
                .await
                .unwrap(),
        );
        net.produce(1).await;
    }
    out
}

async fn stats(net: &Scenario) -> Value {
    net.control("stats", json!([])).await
}

#[tokio::test]
async fn fan_out_the_second_witness_approves_the_first_ones_equal_proposal() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let e0 = net.engine("init0", false);
    let e1 = net.engine("init1", false);
    let (mut s0, mut s1) = (Store::in_memory().unwrap(), Store::in_memory().unwrap());
    let c1 = incident(&intake, "create", json!({"season": "2018/2019"}), "p1");
    let c2 = incident(&intake, "create", json!({"season": "2018/2019"}), "p2");
    e0.process(&mut s0, &c1, now()).await.unwrap();
    e1.process(&mut s1, &c1, now()).await.unwrap();
    // Both get the second incident at the same instant. No block is produced until
    // both have broadcast, so the second one's view cannot show the first one's
    // proposal: the node refuses it as a duplicate of a pending proposal.
    let blocks = async {
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        for _ in 0..3 {
            net.produce(1).await;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
    };
    let (r0, r1, ()) = tokio::join!(
        e0.process(&mut s0, &c2, now()),
        e1.process(&mut s1, &c2, now()),
        blocks
    );
    let (r0, r1) = (r0.unwrap(), r1.unwrap());
    assert_eq!(r0.status, Status::Done, "{} {:?}", r0.reason, r0.notes);
    assert_eq!(r1.status, Status::Done, "{} {:?}", r1.reason, r1.notes);
    let (first, second) = if r0.proposed.is_empty() {
        (&r1, &r0)
    } else {
        (&r0, &r1)
    };
    assert_eq!(first.proposed.len(), 1, "{:?}", first.sent);
    assert!(first.approved.is_empty(), "{:?}", first.approved);
    assert!(
        second
            .notes
            .iter()
            .any(|n| n.contains("equal proposal reached the node first")),
        "{:?}",
        second.notes
    );
    assert_eq!(
        second.approved,
        vec!["1.10.0".to_string()],
        "{:?}",
        second.notes
    );
    assert!(second.proposed.is_empty(), "{:?}", second.proposed);
    let st = stats(&net).await;
    assert_eq!(st["proposals_created"], 1, "{st}");
    net.devnet.stop().await;
}

#[tokio::test]
async fn out_of_order_calls_propose_nothing_the_chain_would_refuse() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let (engines, mut stores, eid) = game_on_chain(&net, &intake).await;
    // finish before in_progress: upcoming -> finished is allowed.
    let fin = incident(&intake, "finish", json!({}), "p1");
    let r = all_process(&net, &engines, &mut stores, &fin).await;
    assert_eq!(r[0].status, Status::Done, "{}", r[0].reason);
    assert_eq!(op_names(&r[0]), vec!["proposal_create", "  72"]);
    let ev = net.db("get_objects", json!([[eid]])).await;
    assert_eq!(ev[0]["status"], "finished", "{ev}");
    let created = stats(&net).await["proposals_created"].clone();
    // in_progress after finished: the chain allows only canceled; nothing is built.
    let ip = incident(&intake, "in_progress", json!({}), "p1");
    for (w, e) in engines.iter().enumerate() {
        let r = e.process(&mut stores[w], &ip, now()).await.unwrap();
        assert_eq!(r.status, Status::Superseded, "{}", r.reason);
        assert!(r.operations.is_empty(), "{:?}", r.operations);
        assert!(
            r.reason.contains("finished: it can go to canceled"),
            "{}",
            r.reason
        );
        let stored = stores[w]
            .status(ip.id_string.as_deref().unwrap(), "in_progress")
            .unwrap();
        assert_eq!(stored.name, Status::Superseded);
        assert!(stored.extra["details"]
            .as_str()
            .unwrap()
            .contains("finished"));
    }
    assert_eq!(stats(&net).await["proposals_created"], created);
    net.devnet.stop().await;
}

#[tokio::test]
async fn no_late_resolve_is_proposed_or_approved() {
    let net = scenario().await;
    let intake = Intake::new(Normalizer::new(examples()));
    let (engines, mut stores, eid) = game_on_chain(&net, &intake).await;
    let ra = result(&intake, "99", "83", "p1");
    let rb = result(&intake, "99", "83", "p2");
    // Witnesses 0 and 1 settle the game; witness 2 has not seen the result yet.
    let mut result_ops = None;
    for w in 0..2 {
        for inc in [&ra, &rb] {
            let r = engines[w]
                .process(&mut stores[w], inc, now())
                .await
                .unwrap();
            if w == 0 && inc.provider.as_deref() == Some("p2") {
                result_ops = Some(proposal_op(&r));
            }
        }
        net.produce(1).await;
    }
    // Witness 0's own approval (bos-auto's self-approval) makes two of three.
    let r = engines[0]
        .approve(&mut stores[0], now(), &[])
        .await
        .unwrap();
    assert_eq!(r.approved().len(), 1, "{:?}", r.decisions);
    net.produce(2).await;
    let ev = net.db("get_objects", json!([[eid]])).await;
    assert!(ev[0].is_null(), "settled and removed: {ev}");
    let created = stats(&net).await["proposals_created"].clone();

    // A second result job on witness 0, and witness 2's first: nothing proposed.
    let r = engines[0]
        .process(&mut stores[0], &rb, now())
        .await
        .unwrap();
    // Its result call was done: it stays done, and the note says why nothing was built.
    assert_eq!(r.status, Status::Done, "{}", r.reason);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("already done") && n.contains("removed")),
        "{:?}",
        r.notes
    );
    assert!(r.operations.is_empty(), "{:?}", r.operations);
    for inc in [&ra, &rb] {
        let r = engines[2]
            .process(&mut stores[2], inc, now())
            .await
            .unwrap();
        assert!(r.operations.is_empty(), "{:?}", r.operations);
    }
    assert_eq!(stats(&net).await["proposals_created"], created);

    // Another witness proposes the same resolve again (as a Python witness would):
    // neither the approval routine nor a job approves it.
    let Operation::ProposalCreate(mut pc) = result_ops.unwrap() else {
        panic!("not a proposal")
    };
    pc.proposed_ops
        .retain(|w| matches!(w.op, Operation::BettingMarketGroupResolve(_)));
    pc.fee_paying_account = bos::protocol::ids::Id::parse(
        net.db("get_account_by_name", json!(["init1"])).await["id"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    propose_as(&net, "init1", Operation::ProposalCreate(pc)).await;
    let pending = net.db("get_proposed_transactions", json!(["1.2.1"])).await;
    let late = pending[0]["id"].as_str().unwrap().to_string();
    let r = engines[0]
        .approve(&mut stores[0], now(), &[])
        .await
        .unwrap();
    let d = r.decisions.iter().find(|d| d.proposal == late).unwrap();
    assert!(!d.approved, "{d:?}");
    assert!(d.reason.contains("would refuse"), "{d:?}");
    assert!(r.operations.is_empty(), "{:?}", r.operations);
    let r = engines[0]
        .process(&mut stores[0], &rb, now())
        .await
        .unwrap();
    assert!(r.operations.is_empty(), "{:?}", r.operations);
    // Its own proposer does not self-approve it either.
    let r = engines[1]
        .process(&mut stores[1], &rb, now())
        .await
        .unwrap();
    assert!(r.operations.is_empty(), "{:?} {:?}", r.operations, r.notes);
    assert!(
        r.notes.iter().any(|n| n.contains("would refuse")),
        "{:?}",
        r.notes
    );
    net.devnet.stop().await;
}
