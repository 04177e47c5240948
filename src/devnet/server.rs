//! The websocket JSON-RPC server: one task per connection, calls answered in
//! order, block and object notices pushed after every applied block.

use std::sync::{Arc, Mutex};

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

use super::api::{self, Conn, Reply};
use super::chain::{BlockEvent, Chain};
use super::error::Error;
use crate::protocol::ObjectId;

/// Accepts connections until `stop` turns true.
pub async fn serve(listener: TcpListener, chain: Arc<Mutex<Chain>>, stop: watch::Receiver<bool>) {
    let mut stop_accept = stop.clone();
    loop {
        tokio::select! {
            _ = stop_accept.changed() => return,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let chain = chain.clone();
                let stop = stop.clone();
                tokio::spawn(async move {
                    // A plain HTTP POST carries one call; anything else is a websocket.
                    let mut head = [0u8; 5];
                    let is_post = matches!(stream.peek(&mut head).await, Ok(n) if n >= 5 && &head == b"POST ");
                    if is_post {
                        http_post(stream, chain).await;
                    } else if let Ok(ws) = tokio_tungstenite::accept_async(stream).await {
                        connection(ws, chain, stop).await;
                    }
                });
            }
        }
    }
}

/// The largest HTTP request body accepted.
const MAX_HTTP_BODY: usize = 4 << 20;

/// Answers one JSON-RPC call sent as a plain HTTP POST body, then closes.
async fn http_post(stream: tokio::net::TcpStream, chain: Arc<Mutex<Chain>>) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    // Headers and body together can never read more than this.
    let mut reader = BufReader::new(stream.take((MAX_HTTP_BODY + 65_536) as u64));
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        if line.len() > 8192 {
            return;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().ok();
            }
        }
    }
    let (status, body) = match length {
        Some(n) if n <= MAX_HTTP_BODY => {
            let mut buf = vec![0u8; n];
            if reader.read_exact(&mut buf).await.is_err() {
                return;
            }
            let text = String::from_utf8_lossy(&buf).into_owned();
            let mut conn = Conn::default();
            let reply = match handle(&chain, &mut conn, &text) {
                Some((id, Ok(Reply::Now(v)))) => result_reply(&id, v),
                Some((id, Ok(Reply::Later(wait)))) => match wait.await {
                    Ok(v) => result_reply(&id, v),
                    Err(_) => return,
                },
                Some((id, Ok(Reply::NowThenNotice { .. }))) => result_reply(&id, Value::Null),
                Some((id, Err(e))) => error_reply(&id, &e),
                None => return,
            };
            ("200 OK", reply)
        }
        Some(_) => ("413 Payload Too Large", String::new()),
        None => ("411 Length Required", String::new()),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = reader.into_inner().into_inner();
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

fn error_reply(id: &Value, e: &Error) -> String {
    json!({"id": id, "jsonrpc": "2.0", "error": {"code": 1, "message": e.to_string(), "data": e.fc_data()}}).to_string()
}

fn result_reply(id: &Value, v: Value) -> String {
    json!({"id": id, "jsonrpc": "2.0", "result": v}).to_string()
}

/// Handles one request frame. Returns the reply now or a future reply.
fn handle(
    chain: &Mutex<Chain>,
    conn: &mut Conn,
    text: &str,
) -> Option<(Value, Result<Reply, Error>)> {
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Some((
                Value::Null,
                Err(Error::BadParams {
                    method: "request".into(),
                    reason: e.to_string(),
                }),
            ));
        }
    };
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let method = v.get("method").and_then(Value::as_str).unwrap_or_default();
    let params = v.get("params").cloned().unwrap_or(json!([]));
    let (api, name, args) = if method == "call" {
        match params.as_array().map(Vec::as_slice) {
            Some([api, name, args]) => (
                api.clone(),
                name.as_str().unwrap_or_default().to_string(),
                args.as_array().cloned().unwrap_or_default(),
            ),
            Some([api, name]) => (
                api.clone(),
                name.as_str().unwrap_or_default().to_string(),
                Vec::new(),
            ),
            _ => {
                return Some((
                    id,
                    Err(Error::BadParams {
                        method: "call".into(),
                        reason: "params must be [api, method, [args]]".into(),
                    }),
                ))
            }
        }
    } else {
        (
            json!(0),
            method.to_string(),
            params.as_array().cloned().unwrap_or_default(),
        )
    };
    let kind = match conn.resolve(&api) {
        Ok(k) => k,
        Err(e) => return Some((id, Err(e))),
    };
    let Ok(mut guard) = chain.lock() else {
        return Some((
            id,
            Err(Error::Setup {
                reason: "chain state lock poisoned".into(),
            }),
        ));
    };
    Some((id, api::call(&mut guard, conn, kind, &name, &args)))
}

/// Whether an object belongs to an account the connection subscribed to
/// (balances, statistics, bets and positions name their account).
fn touches_subscribed_account(conn: &Conn, v: &Value) -> bool {
    ["owner", "bettor_id"].iter().any(|k| {
        v.get(*k)
            .and_then(Value::as_str)
            .and_then(|s| ObjectId::parse(s).ok())
            .is_some_and(|a| a.space == 1 && a.type_id == 2 && conn.subscribed.contains(&a))
    })
}

fn notices(conn: &mut Conn, ev: &BlockEvent) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((cb, notify_all)) = &conn.subscribe {
        let mut items: Vec<Value> = Vec::new();
        for (id, v) in &ev.changed {
            if *notify_all && ev.created.contains(id)
                || conn.subscribed.contains(id)
                || touches_subscribed_account(conn, v)
            {
                items.push(v.clone());
            }
        }
        for id in &ev.removed {
            if *notify_all || conn.subscribed.contains(id) {
                items.push(json!(id.to_string()));
            }
        }
        if !items.is_empty() {
            out.push(json!({"method": "notice", "params": [cb, [items]]}).to_string());
        }
    }
    if let Some(cb) = &conn.block_callback {
        out.push(json!({"method": "notice", "params": [cb, [ev.block_id]]}).to_string());
    }
    out
}

async fn connection(
    ws: tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>,
    chain: Arc<Mutex<Chain>>,
    mut stop: watch::Receiver<bool>,
) {
    let (mut tx, mut rx) = ws.split();
    let mut events = match chain.lock() {
        Ok(c) => c.events.subscribe(),
        Err(_) => return,
    };
    let mut pending = match chain.lock() {
        Ok(c) => c.pending_txs.subscribe(),
        Err(_) => return,
    };
    let mut conn = Conn::default();
    let (late_tx, mut late_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            Some(text) = late_rx.recv() => {
                if tx.send(Message::text(text)).await.is_err() { break; }
            }
            ev = events.recv() => match ev {
                Ok(ev) => {
                    for n in notices(&mut conn, &ev) {
                        if tx.send(Message::text(n)).await.is_err() { return; }
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(_) => break,
            },
            tx_json = pending.recv() => match tx_json {
                Ok(v) => {
                    if let Some(cb) = &conn.pending_callback {
                        let n = json!({"method": "notice", "params": [cb, [*v]]});
                        if tx.send(Message::text(n.to_string())).await.is_err() { return; }
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(_) => break,
            },
            msg = rx.next() => match msg {
                Some(Ok(Message::Text(t))) => {
                    let Some((id, r)) = handle(&chain, &mut conn, &t) else { continue };
                    let text = match r {
                        Ok(Reply::Now(v)) => result_reply(&id, v),
                        Ok(Reply::Later(wait)) => {
                            let late = late_tx.clone();
                            tokio::spawn(async move {
                                if let Ok(v) = wait.await {
                                    let _ = late.send(result_reply(&id, v));
                                }
                            });
                            continue;
                        }
                        Ok(Reply::NowThenNotice { callback, wait }) => {
                            let late = late_tx.clone();
                            tokio::spawn(async move {
                                if let Ok(v) = wait.await {
                                    let n = json!({"method": "notice", "params": [callback, [v]]});
                                    let _ = late.send(n.to_string());
                                }
                            });
                            result_reply(&id, Value::Null)
                        }
                        Err(e) => error_reply(&id, &e),
                    };
                    if tx.send(Message::text(text)).await.is_err() { break; }
                }
                Some(Ok(Message::Ping(p))) => { let _ = tx.send(Message::Pong(p)).await; }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
        }
    }
    let _ = tx.close().await;
}
