//! JSON-RPC frames: requests, replies and `notice` callbacks.

use serde_json::{json, Value};

/// A request frame `{"method":"call","params":[api, method, args],"jsonrpc":"2.0","id":N}`.
pub fn call(id: u64, api: Value, method: &str, args: Value) -> String {
    json!({"method": "call", "params": [api, method, args], "jsonrpc": "2.0", "id": id}).to_string()
}

/// One incoming frame, classified.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// A reply to request `id`: its result, or the node's error (message, data).
    Reply {
        id: u64,
        result: Result<Value, (String, Option<Value>)>,
    },
    /// A notice for callback `callback`, with its payload (`params[1]`).
    Notice { callback: u64, payload: Value },
}

/// Parses an incoming text frame. `None` for frames that are neither a reply nor a notice.
pub fn parse(text: &str) -> Option<Incoming> {
    let v: Value = serde_json::from_str(text).ok()?;
    let obj = v.as_object()?;
    if obj.get("method").and_then(Value::as_str) == Some("notice") {
        let params = obj.get("params")?.as_array()?;
        let callback = number(params.first()?)?;
        let payload = params.get(1).cloned().unwrap_or(Value::Null);
        return Some(Incoming::Notice { callback, payload });
    }
    let id = number(obj.get("id")?)?;
    if let Some(err) = obj.get("error") {
        let message = err
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| err.to_string());
        return Some(Incoming::Reply {
            id,
            result: Err((message, err.get("data").cloned())),
        });
    }
    Some(Incoming::Reply {
        id,
        result: Ok(obj.get("result").cloned().unwrap_or(Value::Null)),
    })
}

/// An id or callback number given as a number or a decimal string (fc rule).
pub fn number(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_and_notices() {
        assert_eq!(
            parse(r#"{"id":3,"jsonrpc":"2.0","result":[1]}"#),
            Some(Incoming::Reply {
                id: 3,
                result: Ok(json!([1]))
            })
        );
        assert_eq!(
            parse(r#"{"id":"4","error":{"code":1,"message":"boom","data":{"code":10}}}"#),
            Some(Incoming::Reply {
                id: 4,
                result: Err(("boom".into(), Some(json!({"code":10}))))
            })
        );
        assert_eq!(
            parse(r#"{"method":"notice","params":[7,["00000001ab"]]}"#),
            Some(Incoming::Notice {
                callback: 7,
                payload: json!(["00000001ab"])
            })
        );
        assert_eq!(parse("not json"), None);
        assert_eq!(parse(r#"{"id":-1}"#), None);
        assert_eq!(parse("[]"), None);
    }
}
