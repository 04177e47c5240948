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
