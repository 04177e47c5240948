//! Pending proposals as a person reads them: operations with the names of the objects
//! they touch (never bare ids), updates as a diff against the object on chain, who
//! approved and how much approval is still missing. Shared by `bos proposals` and the
//! console of `bos serve`.

use serde_json::{json, Value};

use super::job::{relative_index, valid_real};
use super::view::{display_name, lang, Objects};
use crate::incidents::store::Store;
use crate::protocol::operations::OPERATION_NAMES;
use crate::rpc::Client;

/// An operation's name (`event_update_status`), from its `[tag, body]` form.
pub fn op_name(op: &Value) -> String {
    op[0]
        .as_u64()
        .and_then(|i| OPERATION_NAMES.get(i as usize))
        .map_or_else(
            || op[0].to_string(),
            |n| n.trim_end_matches('*').to_string(),
        )
}

/// The keys of an operation body that refer to other objects, in the order shown.
const REFS: [&str; 7] = [
    "event_id",
    "group_id",
    "event_group_id",
    "sport_id",
    "rules_id",
    "asset_id",
    "betting_market_group_id",
];

/// Names of chain objects, each read once.
pub struct Namer<'a> {
    objects: Objects<'a>,
}

impl<'a> Namer<'a> {
    pub fn new(c: &'a Client) -> Namer<'a> {
        Namer {
            objects: Objects::new(c),
        }
    }

    /// The object, when `id` names one on chain.
    pub async fn object(&mut self, id: &str) -> Option<Value> {
        if !valid_real(id) {
            return None;
        }
        self.objects.get(id).await.ok().flatten()
    }

    /// The object's display name, if it has one.
    pub async fn name(&mut self, id: &str) -> Option<String> {
        let o = self.object(id).await?;
        display_name(&o).map(str::to_string)
    }

    /// `text` with each object id in it (`1.22.0`, `1.25.3`) followed by the object's
    /// name, as [`Namer::label`] writes it: `event 1.22.0 (Boston Celtics @ Atlanta
    /// Hawks): upcoming -> finished`. Ids that name nothing on chain stay as they are.
    pub async fn named(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
            let (before, from) = rest.split_at(start);
            out.push_str(before);
            let len = from
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(from.len());
            let token = from[..len].trim_end_matches('.');
            let boundary = !before.ends_with(|c: char| c.is_alphanumeric() || c == '_');
            let is_id = token.split('.').count() == 3
                && token.split('.').all(|p| !p.is_empty())
                && crate::protocol::ObjectId::parse(token).is_ok();
            if boundary && is_id {
                out.push_str(&self.label(token).await);
            } else {
                out.push_str(token);
            }
            rest = &from[token.len()..];
        }
        out.push_str(rest);
        out
    }

    /// `id (Name)`, or the bare id when the object has no name or is not on chain.
    pub async fn label(&mut self, id: &str) -> String {
        match self.name(id).await {
            Some(n) => format!("{id} ({n})"),
            None => id.to_string(),
        }
    }

    /// What a person calls `id`: its name, or (a relative id) what the operation of
    /// the same proposal that creates it names.
    async fn words(&mut self, id: &str, ops: &[Value]) -> String {
        if let Some(k) = relative_index(id) {
            let created = ops.get(k).and_then(|o| en_of(&o[1]));
            return match created {
                Some(n) => format!("\u{201c}{n}\u{201d} (created by operation {k})"),
                None => format!("the object operation {k} creates"),
            };
        }
        match self.name(id).await {
            Some(n) => format!("\u{201c}{n}\u{201d}"),
            None => id.to_string(),
        }
    }
}

fn en_of(body: &Value) -> Option<&str> {
    ["name", "description", "new_name", "new_description"]
        .iter()
        .find_map(|k| lang(&body[*k], "en"))
}

/// The one-line form `bos proposals` prints: operation name, English names, the
/// objects referred to (`id (Name)`), status, scores, resolutions, start.
pub async fn render(n: &mut Namer<'_>, op: &Value) -> String {
    let body = &op[1];
    let mut parts = vec![op_name(op)];
    for k in ["name", "description", "new_name", "new_description"] {
        if let Some(en) = lang(&body[k], "en") {
            parts.push(format!("{en:?}"));
        }
    }
    for k in REFS {
        if let Some(id) = body[k].as_str() {
            parts.push(format!("{k}={}", n.label(id).await));
        }
    }
    if let Some(s) = body["status"].as_str() {
        parts.push(format!("status={s}"));
    }
    if let Some(s) = body["scores"].as_array().filter(|s| !s.is_empty()) {
        parts.push(format!("scores={}", Value::Array(s.clone())));
    }
    if let Some(r) = body["resolutions"].as_array() {
        for p in r {
            parts.push(format!(
                "{}={}",
                n.label(p[0].as_str().unwrap_or_default()).await,
                p[1].as_str().unwrap_or_default()
            ));
        }
    }
    if let Some(t) = body["start_time"].as_str() {
        parts.push(format!("start={t}"));
    }
    parts.join(" ")
}

/// The object an update operation changes, and its key.
fn target(body: &Value) -> Option<(&'static str, &str)> {
    [
        "event_id",
        "betting_market_group_id",
        "betting_market_id",
        "sport_id",
        "event_group_id",
        "betting_market_rules_id",
    ]
    .into_iter()
    .find_map(|k| body[k].as_str().map(|v| (k, v)))
}

/// A field value as a person reads it: an English text, a name for an id.
async fn shown(n: &mut Namer<'_>, v: &Value, ops: &[Value]) -> String {
    if let Some(en) = lang(v, "en") {
        return en.to_string();
    }
    match v {
        Value::Null => "(none)".into(),
        Value::String(s) if valid_real(s) || relative_index(s).is_some() => n.words(s, ops).await,
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "(none)".into(),
        other => other.to_string(),
    }
}

/// One operation in words, with a diff (`field`, `from`, `to`) for updates.
pub async fn words(n: &mut Namer<'_>, op: &Value, ops: &[Value]) -> Value {
    let b = &op[1];
    let s = |k: &str| b[k].as_str().unwrap_or_default().to_string();
    let mut diff = Vec::new();
    let text = match op[0].as_u64() {
        Some(52) => format!("create sport \u{201c}{}\u{201d}", en_of(b).unwrap_or("?")),
        Some(54) => format!(
            "create event group \u{201c}{}\u{201d} in {}",
            en_of(b).unwrap_or("?"),
            n.words(&s("sport_id"), ops).await
        ),
        Some(56) => format!(
            "create event \u{201c}{}\u{201d} in {}, starting {}",
            en_of(b).unwrap_or("?"),
            n.words(&s("event_group_id"), ops).await,
            s("start_time")
        ),
        Some(58) => format!("create rule \u{201c}{}\u{201d}", en_of(b).unwrap_or("?")),
        Some(60) => format!(
            "create betting market group \u{201c}{}\u{201d} for {} (rules {}, asset {})",
            en_of(b).unwrap_or("?"),
            n.words(&s("event_id"), ops).await,
            n.words(&s("rules_id"), ops).await,
            n.words(&s("asset_id"), ops).await
        ),
        Some(61) => format!(
            "create betting market \u{201c}{}\u{201d} in {}",
            en_of(b).unwrap_or("?"),
            n.words(&s("group_id"), ops).await
        ),
        Some(63) => {
            let mut parts = Vec::new();
            for p in b["resolutions"].as_array().into_iter().flatten() {
                parts.push(format!(
                    "{} {}",
                    n.words(p[0].as_str().unwrap_or_default(), ops).await,
                    match p[1].as_str().unwrap_or_default() {
                        "win" => "wins",
                        "not_win" => "does not win",
                        "cancel" => "is canceled",
                        other => other,
                    }
                ));
            }
            format!(
                "resolve {}: {}",
                n.words(&s("betting_market_group_id"), ops).await,
                parts.join(", ")
            )
        }
        Some(72) => {
            let scores: Vec<&str> = b["scores"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let ev = s("event_id");
            if let Some(o) = n.object(&ev).await {
                diff.push(json!({"field": "status", "from": o["status"], "to": b["status"]}));
            }
            format!(
                "set event {} to {}{}",
                n.words(&ev, ops).await,
                s("status"),
                if scores.is_empty() {
                    String::new()
                } else {
                    format!(" (scores {})", scores.join(":"))
                }
            )
        }
        _ => {
            let name = op_name(op);
            match target(b).filter(|_| name.ends_with("_update")) {
                Some((key, id)) => {
                    let current = n.object(id).await.unwrap_or(Value::Null);
                    let obj = b.as_object().cloned().unwrap_or_default();
                    for (k, v) in obj {
                        if k == "fee" || k == "extensions" || k == key {
                            continue;
                        }
                        let field = k.strip_prefix("new_").unwrap_or(&k).to_string();
                        let from = shown(n, &current[field.as_str()], ops).await;
                        let to = shown(n, &v, ops).await;
                        if from != to {
                            diff.push(json!({"field": field, "from": from, "to": to}));
                        }
                    }
                    format!("{} {}", name.replace('_', " "), n.words(id, ops).await)
                }
                None => render(n, op).await,
            }
        }
    };
    json!({"text": text, "diff": diff})
}

/// How far a proposal's required approvals are: for each required account, the
/// weight approved so far against its active threshold, and how many more of its
/// approvers are needed (the heaviest first).
async fn approval_state(n: &mut Namer<'_>, p: &Value) -> Value {
    let have: Vec<&str> = p["available_active_approvals"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut out = Vec::new();
    for r in p["required_active_approvals"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let Some(acc) = n.object(r).await else {
            continue;
        };
        let threshold = acc["active"]["weight_threshold"].as_u64().unwrap_or(0);
        let mut approved = 0;
        let mut others = Vec::new();
        let mut waiting = Vec::new();
        for a in acc["active"]["account_auths"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let w = a[1].as_u64().unwrap_or(0);
            let who = a[0].as_str().unwrap_or_default();
            if have.contains(&who) {
                approved += w;
            } else {
                others.push(w);
                waiting.push(n.label(who).await);
            }
        }
        others.sort_unstable_by(|a, b| b.cmp(a));
        let mut more = 0;
        let mut sum = approved;
        for w in others {
            if sum >= threshold {
                break;
            }
            sum += w;
            more += 1;
        }
        out.push(json!({
            "account": n.label(r).await,
            "threshold": threshold,
            "approved_weight": approved,
            "more_needed": if approved >= threshold { 0 } else { more },
            // Who could still approve (named, with their ids).
            "not_yet": if approved >= threshold { Vec::new() } else { waiting },
        }));
    }
    Value::Array(out)
}

/// A pending proposal described: `id`, `proposer`, `expiration_time`, `operations`
/// (one line each, as `bos proposals` prints them), `words` (`{text, diff}` each),
/// `approved_by`, `approvals` (per required account: threshold, weight so far, more
/// needed and who has not approved yet) and the node's `proposal` object.
pub async fn describe(c: &Client, p: &Value) -> Value {
    let mut n = Namer::new(c);
    let ops: Vec<Value> = p["proposed_transaction"]["operations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut lines = Vec::new();
    let mut said = Vec::new();
    for o in &ops {
        lines.push(render(&mut n, o).await);
        said.push(words(&mut n, o, &ops).await);
    }
    let mut approved = Vec::new();
    for a in p["available_active_approvals"]
        .as_array()
        .into_iter()
        .flatten()
    {
        approved.push(n.label(a.as_str().unwrap_or_default()).await);
    }
    json!({
        "id": p["id"],
        "proposer": n.label(p["proposer"].as_str().unwrap_or_default()).await,
        "expiration_time": p["expiration_time"],
        "operations": lines,
        "words": said,
        "approved_by": approved,
        "approvals": approval_state(&mut n, p).await,
        "proposal": p,
    })
}

/// Adds what this witness's store knows about a described proposal: the checkers'
/// verdicts (`checks`) and the hold mark (`held`, null when not held).
pub fn annotate(d: &mut Value, store: &Store) {
    let id = d["id"].as_str().unwrap_or_default().to_string();
    d["checks"] = json!(store.checks(&id).unwrap_or_default());
    d["held"] = json!(store.held(&id).ok().flatten());
}
