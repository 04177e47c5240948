//! Client tests against the in-process devnet: failover to the second URL,
//! reconnect after a restart with the block subscription restored, a hung node
//! that yields a timeout instead of a hang, a hung first node answered for by
//! the second (at connection and mid-session), the way back to the first node
//! after a health check, and stale and lagging nodes left.

use std::time::{Duration, Instant};

use bos::devnet::{ClockMode, Config, Devnet};
use bos::rpc::{Api, Client, Error, EventSink, NodeEvent, Options};
use serde_json::json;
use tokio::sync::mpsc;

mod support;

use support::hung;

fn options() -> Options {
    Options {
        timeout: Duration::from_millis(1500),
        backoff_min: Duration::from_millis(50),
        backoff_max: Duration::from_millis(200),
        max_lag: None,
        ..Options::default()
    }
}

/// Options reporting node events to a channel.
fn with_events(mut o: Options) -> (Options, mpsc::UnboundedReceiver<NodeEvent>) {
    let (sink, rx) = EventSink::channel();
    o.events = Some(sink);
    (o, rx)
}

/// Waits (up to `limit`) for an event matching `pred`; returns everything seen.
async fn wait_event(
    rx: &mut mpsc::UnboundedReceiver<NodeEvent>,
    seen: &mut Vec<NodeEvent>,
    limit: Duration,
    pred: impl Fn(&NodeEvent) -> bool,
) -> NodeEvent {
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, rx.recv()).await {
            Ok(Some(e)) => {
                seen.push(e.clone());
                if pred(&e) {
                    return e;
                }
            }
            _ => panic!("no such event within {limit:?}; seen: {seen:?}"),
        }
    }
}

/// An in-process devnet of three witnesses, seeded with `seed`.
async fn devnet(seed: &str) -> Devnet {
    Devnet::start(Config::for_tests(seed, 3)).await.unwrap()
}

/// Whether an event says the node at `at` is down.
fn is_down(at: &str) -> impl Fn(&NodeEvent) -> bool + '_ {
    move |e| matches!(e, NodeEvent::NodeDown { url, .. } if url == at)
}

fn dead_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    format!("ws://127.0.0.1:{port}")
}

/// `get_chain_id` that must fail within `ms` milliseconds: the error.
async fn chain_id_refused(client: &Client, ms: u64) -> Error {
    let within = Duration::from_millis(ms);
    let answer = client.call_within(Api::Database, "get_chain_id", json!([]), within);
    answer.await.unwrap_err()
}

#[tokio::test]
async fn first_url_dead_second_used() {
    let devnet = devnet("client").await;
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
    let err = chain_id_refused(&client, 400).await;
    assert!(
        matches!(err, Error::Timeout { .. } | Error::Unreachable { .. }),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn hung_first_node_answer_from_the_second() {
    let devnet = devnet("client-hung").await;
    let hung = hung::hung_node();
    let timeout = Duration::from_secs(1);
    let (o, mut events) = with_events(Options {
        timeout,
        ..options()
    });
    let started = Instant::now();
    let client = Client::new(vec![hung.url.clone(), devnet.url()], o).unwrap();
    let id = client.db("get_chain_id", json!([])).await.unwrap();
    let took = started.elapsed();
    assert_eq!(id.as_str().unwrap().len(), 64);
    assert_eq!(client.connected_url(), Some(devnet.url()));
    eprintln!(
        "hung first node -> answer from the second: {} ms (timeout {} ms)",
        took.as_millis(),
        timeout.as_millis()
    );
    // Within the timeout plus one block (3 s).
    assert!(took < timeout + Duration::from_secs(3), "{took:?}");
    let mut seen = Vec::new();
    let e = wait_event(&mut events, &mut seen, Duration::from_secs(1), |e| {
        e.name() == "node_down"
    })
    .await;
    assert_eq!(e.url(), hung.url);
    let e = wait_event(&mut events, &mut seen, Duration::from_secs(1), |e| {
        e.name() == "node_switch"
    })
    .await;
    assert_eq!(
        e,
        NodeEvent::NodeSwitch {
            from: hung.url.clone(),
            to: devnet.url(),
            reason: match &seen[0] {
                NodeEvent::NodeDown { reason, .. } => format!("{} is down: {reason}", hung.url),
                other => panic!("{other:?}"),
            },
        }
    );
    devnet.stop().await;
}

#[tokio::test]
async fn a_refused_node_is_reported_down_not_skipped_silently() {
    let devnet = devnet("client-refused").await;
    let dead = dead_url();
    let (o, mut events) = with_events(options());
    let client = Client::new(vec![dead.clone(), devnet.url()], o).unwrap();
    client.db("get_chain_id", json!([])).await.unwrap();
    let mut seen = Vec::new();
    let e = wait_event(&mut events, &mut seen, Duration::from_secs(1), |e| {
        e.name() == "node_down"
    })
    .await;
    assert_eq!(e.url(), dead);
    wait_event(
        &mut events,
        &mut seen,
        Duration::from_secs(1),
        |e| matches!(e, NodeEvent::NodeSwitch { to, .. } if *to == devnet.url()),
    )
    .await;
    devnet.stop().await;
}

#[tokio::test]
async fn a_node_hanging_mid_session_is_left_and_the_first_is_used_again_after_a_health_check() {
    let devnet = devnet("client-midhang").await;
    let proxy = hung::proxy(&devnet.url());
    let timeout = Duration::from_secs(1);
    let (o, mut events) = with_events(Options {
        timeout,
        recheck: Duration::from_millis(500),
        ..options()
    });
    let client = Client::new(vec![proxy.url.clone(), devnet.url()], o).unwrap();
    let ctl = Client::new(vec![devnet.url()], options()).unwrap();
    let produce = || async {
        ctl.call(Api::Named("devnet".into()), "produce_blocks", json!([1]))
            .await
            .unwrap()[0]["block_num"]
            .as_u64()
            .unwrap()
    };
    let mut sub = client.subscribe_blocks().await.unwrap();
    assert_eq!(client.connected_url(), Some(proxy.url.clone()));
    produce().await;
    assert!(sub.next_within(Duration::from_secs(2)).await.is_some());
    // The first node hangs: the next call is answered by the second.
    proxy.hang();
    let started = Instant::now();
    client.db("get_chain_id", json!([])).await.unwrap();
    let took = started.elapsed();
    eprintln!(
        "first node hangs mid-session -> answer from the second: {} ms (timeout {} ms)",
        took.as_millis(),
        timeout.as_millis()
    );
    assert!(took < timeout + Duration::from_secs(3), "{took:?}");
    assert_eq!(client.connected_url(), Some(devnet.url()));
    let mut seen = Vec::new();
    wait_event(
        &mut events,
        &mut seen,
        Duration::from_secs(1),
        is_down(&proxy.url),
    )
    .await;
    wait_event(&mut events, &mut seen, Duration::from_secs(1), |e| {
        matches!(e, NodeEvent::NodeSwitch { from, to, .. } if *from == proxy.url && *to == devnet.url())
    })
    .await;
    // The block subscription was restored on the second node.
    while sub.next_within(Duration::from_millis(50)).await.is_some() {}
    let n = produce().await;
    let notice = sub
        .next_within(Duration::from_secs(2))
        .await
        .expect("subscription restored on the second node");
    assert!(
        notice[0].as_str().unwrap().starts_with(&format!("{n:08x}")),
        "{notice}"
    );
    // While the first still hangs, health checks fail and the client stays.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(client.connected_url(), Some(devnet.url()));
    assert!(
        !seen
            .iter()
            .chain(
                std::iter::from_fn(|| events.try_recv().ok())
                    .collect::<Vec<_>>()
                    .iter()
            )
            .any(|e| matches!(e, NodeEvent::NodeSwitch { to, .. } if *to == proxy.url)),
        "{seen:?}"
    );
    // Once it answers again, a health check passes and the client goes back.
    proxy.resume();
    wait_event(
        &mut events,
        &mut seen,
        Duration::from_secs(5),
        |e| matches!(e, NodeEvent::NodeSwitch { to, .. } if *to == proxy.url),
    )
    .await;
    assert!(seen
        .iter()
        .any(|e| matches!(e, NodeEvent::NodeUp { url } if *url == proxy.url)));
    assert_eq!(client.connected_url(), Some(proxy.url.clone()));
    // Subscriptions work there too.
    while sub.next_within(Duration::from_millis(50)).await.is_some() {}
    let n = produce().await;
    let notice = sub.next_within(Duration::from_secs(2)).await.unwrap();
    assert!(notice[0].as_str().unwrap().starts_with(&format!("{n:08x}")));
    client.db("get_chain_id", json!([])).await.unwrap();
    devnet.stop().await;
}

#[tokio::test]
async fn a_node_that_goes_stale_is_left_for_a_fresh_one() {
    // A: manual clock, one block, then nothing: stale after max_lag. B: real clock.
    let a = devnet("client-stale").await;
    let b = Devnet::start(Config {
        clock: ClockMode::Real,
        genesis: bos::devnet::Genesis {
            block_interval: 1,
            ..Config::for_tests("client-fresh", 3).genesis
        },
        ..Config::for_tests("client-fresh", 3)
    })
    .await
    .unwrap();
    let ctl = Client::new(vec![a.url()], options()).unwrap();
    ctl.call(Api::Named("devnet".into()), "produce_blocks", json!([1]))
        .await
        .unwrap();
    let (o, mut events) = with_events(Options {
        timeout: Duration::from_millis(500),
        max_lag: Some(Duration::from_secs(2)),
        ..options()
    });
    let client = Client::new(vec![a.url(), b.url()], o).unwrap();
    client.db("get_chain_id", json!([])).await.unwrap();
    assert_eq!(client.connected_url(), Some(a.url()));
    let mut seen = Vec::new();
    wait_event(&mut events, &mut seen, Duration::from_secs(15), |e| {
        matches!(e, NodeEvent::NodeSwitch { from, to, .. } if *from == a.url() && *to == b.url())
    })
    .await;
    assert!(
        seen.iter().any(|e| matches!(e, NodeEvent::NodeDown { url, reason, in_use: true } if *url == a.url() && reason.contains("stale"))),
        "{seen:?}"
    );
    assert_eq!(client.connected_url(), Some(b.url()));
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn a_lagging_node_is_reported_and_left() {
    // Two nodes of the same chain (same seed and genesis), one 8 blocks behind.
    let config = Config::for_tests("client-lag", 3);
    let ahead = Devnet::start(config.clone()).await.unwrap();
    let behind = Devnet::start(config).await.unwrap();
    for (d, n) in [(&ahead, 10), (&behind, 2)] {
        Client::new(vec![d.url()], options())
            .unwrap()
            .call(Api::Named("devnet".into()), "produce_blocks", json!([n]))
            .await
            .unwrap();
    }
    let (o, mut events) = with_events(Options {
        lag_check: Some(Duration::from_millis(200)),
        max_block_lag: 3,
        ..options()
    });
    let client = Client::new(vec![behind.url(), ahead.url()], o).unwrap();
    client.db("get_chain_id", json!([])).await.unwrap();
    let mut seen = Vec::new();
    let lag = wait_event(&mut events, &mut seen, Duration::from_secs(5), |e| {
        e.name() == "node_lag"
    })
    .await;
    match lag {
        NodeEvent::NodeLag {
            url,
            head_block_number,
            best_head_block_number,
            behind: b,
            ..
        } => {
            assert_eq!(url, behind.url());
            assert_eq!((head_block_number, best_head_block_number, b), (2, 10, 8));
        }
        other => panic!("{other:?}"),
    }
    wait_event(
        &mut events,
        &mut seen,
        Duration::from_secs(5),
        |e| matches!(e, NodeEvent::NodeSwitch { to, .. } if *to == ahead.url()),
    )
    .await;
    assert_eq!(client.connected_url(), Some(ahead.url()));
    // It catches up: reported once.
    Client::new(vec![behind.url()], options())
        .unwrap()
        .call(Api::Named("devnet".into()), "produce_blocks", json!([8]))
        .await
        .unwrap();
    wait_event(&mut events, &mut seen, Duration::from_secs(5), |e| {
        e.name() == "node_caught_up"
    })
    .await;
    assert_eq!(seen.iter().filter(|e| e.name() == "node_lag").count(), 1);
    ahead.stop().await;
    behind.stop().await;
}

#[tokio::test]
async fn a_shorter_limit_of_the_caller_is_kept_and_the_node_judged_at_the_timeout() {
    let devnet = devnet("client-short").await;
    let proxy = hung::proxy(&devnet.url());
    let (o, mut events) = with_events(Options {
        timeout: Duration::from_secs(1),
        ..options()
    });
    let client = Client::new(vec![proxy.url.clone(), devnet.url()], o).unwrap();
    client.db("get_chain_id", json!([])).await.unwrap();
    proxy.hang();
    let started = Instant::now();
    let err = chain_id_refused(&client, 300).await;
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    assert!(started.elapsed() < Duration::from_millis(900));
    // The node still owes that answer: at the per-request timeout it is down.
    let mut seen = Vec::new();
    wait_event(
        &mut events,
        &mut seen,
        Duration::from_secs(3),
        is_down(&proxy.url),
    )
    .await;
    client.db("get_chain_id", json!([])).await.unwrap();
    assert_eq!(client.connected_url(), Some(devnet.url()));
    devnet.stop().await;
}
