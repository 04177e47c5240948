//! An incident: the JSON as received, with its validated fields alongside.

use serde_json::{Map, Value};

/// The `call` of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Call {
    Create,
    InProgress,
    Finish,
    Result,
    Unknown,
    Canceled,
    DynamicBmgs,
}

impl Call {
    /// Every call, in schema order.
    pub const ALL: [Call; 7] = [
        Call::Create,
        Call::InProgress,
        Call::Finish,
        Call::Result,
        Call::Unknown,
        Call::Canceled,
        Call::DynamicBmgs,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Call::Create => "create",
            Call::InProgress => "in_progress",
            Call::Finish => "finish",
            Call::Result => "result",
            Call::Unknown => "unknown",
            Call::Canceled => "canceled",
            Call::DynamicBmgs => "dynamic_bmgs",
        }
    }

    pub fn parse(s: &str) -> Option<Call> {
        Call::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The five fields that name an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventId {
    /// RFC 3339; `None` when the incident has `null` (the schema allows it, storage does not).
    pub start_time: Option<String>,
    pub sport: String,
    pub event_group_name: String,
    pub home: String,
    pub away: String,
}

/// A schema-valid incident. `doc` is the JSON object as it will be stored; the typed fields
/// mirror it and every change goes through methods that keep both in step.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub id: EventId,
    pub call: Call,
    pub unique_string: Option<String>,
    pub id_string: Option<String>,
    /// `provider_info.name`, if any.
    pub provider: Option<String>,
    /// `timestamp`, if any.
    pub timestamp: Option<String>,
    pub doc: Map<String, Value>,
}

/// Which field of `id` to change.
#[derive(Debug, Clone, Copy)]
pub enum IdField {
    StartTime,
    Sport,
    EventGroupName,
    Home,
    Away,
}

impl IdField {
    fn key(&self) -> &'static str {
        match self {
            IdField::StartTime => "start_time",
            IdField::Sport => "sport",
            IdField::EventGroupName => "event_group_name",
            IdField::Home => "home",
            IdField::Away => "away",
        }
    }
}

impl Incident {
    /// The `arguments` object (validation guarantees it exists).
    pub fn arguments(&self) -> &Map<String, Value> {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        match self.doc.get("arguments") {
            Some(Value::Object(m)) => m,
            _ => EMPTY.get_or_init(Map::new),
        }
    }

    /// Sets one field of `id`, in the typed view and in `doc`.
    pub fn set_id(&mut self, field: IdField, value: String) {
        if let Some(Value::Object(id)) = self.doc.get_mut("id") {
            id.insert(field.key().to_string(), Value::String(value.clone()));
        }
        match field {
            IdField::StartTime => self.id.start_time = Some(value),
            IdField::Sport => self.id.sport = value,
            IdField::EventGroupName => self.id.event_group_name = value,
            IdField::Home => self.id.home = value,
            IdField::Away => self.id.away = value,
        }
    }

    /// Sets `unique_string`.
    pub fn set_unique_string(&mut self, s: String) {
        self.doc
            .insert("unique_string".into(), Value::String(s.clone()));
        self.unique_string = Some(s);
    }

    /// Sets `id_string`.
    pub fn set_id_string(&mut self, s: String) {
        self.doc
            .insert("id_string".into(), Value::String(s.clone()));
        self.id_string = Some(s);
    }

    /// The incident as JSON.
    pub fn to_json(&self) -> Value {
        Value::Object(self.doc.clone())
    }
}
