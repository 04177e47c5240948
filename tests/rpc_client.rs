//! Client tests against the in-process devnet: failover to the second URL,
//! reconnect after a restart with the block subscription restored, and a hung
//! node that yields a timeout instead of a hang.

use std::time::Duration;

use bos::devnet::{Config, Devnet};
use bos::rpc::{Api, Client, Error, Options};
use serde_json::json;

fn options() -> Options {
    Options {
        timeout: Duration::from_millis(1500),
        backoff_min: Duration::from_millis(50),
        backoff_max: Duration::from_millis(200),
        max_lag: None,
    }
}

fn dead_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    format!("ws://127.0.0.1:{port}")
}

#[tokio::test]
async fn first_url_dead_second_used() {
    let devnet = Devnet::start(Config::for_tests("client", 3)).await.unwrap();
    let client = Client::new(vec![dead_url(), devnet.url()], options()).unwrap();
    let id = client.db("get_chain_id", json!([])).await.unwrap();
    assert_eq!(id.as_str().unwrap().len(), 64);
    assert_eq!(client.connected_url(), Some(devnet.url()));
}

#[tokio::test]
async fn all_dead_is_unreachable_quickly() {
    let client = Client::new(vec![dead_url(), dead_url()], options()).unwrap();
    let err = client.db("get_chain_id", json!([])).await.unwrap_err();
    assert!(err.is_unreachable(), "{err}");
}

#[tokio::test]
async fn restart_reconnects_and_restores_subscription() {
    let mut config = Config::for_tests("client", 3);
    let devnet = Devnet::start(config.clone()).await.unwrap();
    config.listen = devnet.addr;
    let chain = devnet.chain.clone();
    let client = Client::new(vec![devnet.url()], options()).unwrap();
    let mut sub = client.subscribe_blocks().await.unwrap();
    client
        .call(Api::Named("devnet".into()), "produce_blocks", json!([1]))
        .await
        .unwrap();
    assert!(sub.next_within(Duration::from_secs(2)).await.is_some());
    devnet.stop().await;
    let devnet = Devnet::serve(config, chain).await.unwrap();
    // The client reconnects by itself; a call succeeds again.
    let mut ok = false;
    for _ in 0..40 {
        if client.db("get_chain_id", json!([])).await.is_ok() {
            ok = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ok, "client did not reconnect");
    client
        .call(Api::Named("devnet".into()), "produce_blocks", json!([1]))
        .await
        .unwrap();
    let n = sub
        .next_within(Duration::from_secs(2))
        .await
        .expect("subscription resumed");
    assert!(n[0].as_str().unwrap().starts_with("00000002"), "{n}");
    devnet.stop().await;
}

#[tokio::test]
async fn hung_node_times_out() {
    // Accepts the websocket handshake, then never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut keep = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            if let Ok(ws) = tokio_tungstenite::accept_async(s).await {
                keep.push(ws);
            }
        }
    });
    let client = Client::new(vec![url], options()).unwrap();
    let started = std::time::Instant::now();
    let err = client
        .call_within(
            Api::Database,
            "get_chain_id",
            json!([]),
            Duration::from_millis(400),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Timeout { .. } | Error::Unreachable { .. }),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}
