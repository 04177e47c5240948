//! Normalization (bookiesports `normalize.py`): rewrite an incident's sport, event group and
//! participants to their bookiesports identifiers.
//!
//! A name matches when, trimmed and lowercased, it equals an alias, any language of `name`,
//! or `identifier` (also trimmed and lowercased). The first sport (folder order) wins; the
//! event group must also have a date window containing the start time; participants are
//! searched in every participant file of the sport. Lookups are prebuilt hash maps.

use std::collections::HashMap;

use crate::sports::{Chain, Sport};

use super::error::{Error, Unmatched};
use super::incident::{IdField, Incident};
use super::time::{parse_rfc3339, to_string};

/// The match key of a name.
fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

struct SportIndex {
    /// Event-group indexes by match key, in the sport's listed order.
    event_groups: HashMap<String, Vec<usize>>,
    /// Participant normalized names by match key (first match wins).
    participants: HashMap<String, String>,
}

/// A game's bookiesports identifiers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identified {
    pub sport: String,
    pub event_group: String,
    pub home: String,
    pub away: String,
}

/// Normalizes incidents against one loaded bookiesports chain.
pub struct Normalizer {
    chain: Chain,
    sports: HashMap<String, usize>,
    index: Vec<SportIndex>,
}

fn names_of<'a>(
    identifier: Option<&'a str>,
    name: &'a [(String, String)],
    aliases: &'a [String],
) -> impl Iterator<Item = &'a str> {
    aliases
        .iter()
        .map(String::as_str)
        .chain(name.iter().map(|(_, v)| v.as_str()))
        .chain(identifier)
}

fn index_sport(s: &Sport) -> SportIndex {
    let mut event_groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, eg) in s.event_groups.iter().enumerate() {
        for n in names_of(Some(&eg.identifier), &eg.name, &eg.aliases) {
            let v = event_groups.entry(key(n)).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
    }
    let mut participants = HashMap::new();
    for list in s.participants.values() {
        for p in list {
            let Some(normalized) = p.normalized() else {
                continue;
            };
            for n in names_of(p.identifier.as_deref(), &p.name, &p.aliases) {
                participants
                    .entry(key(n))
                    .or_insert_with(|| normalized.to_string());
            }
        }
    }
    SportIndex {
        event_groups,
        participants,
    }
}

impl Normalizer {
    /// Builds the lookup tables for `chain`.
    pub fn new(chain: Chain) -> Normalizer {
        let mut sports = HashMap::new();
        for (i, s) in chain.sports.iter().enumerate() {
            for n in names_of(Some(&s.identifier), &s.name, &s.aliases) {
                sports.entry(key(n)).or_insert(i);
            }
        }
        let index = chain.sports.iter().map(index_sport).collect();
        Normalizer {
            chain,
            sports,
            index,
        }
    }

    /// The chain this normalizer reads.
    pub fn chain(&self) -> &Chain {
        &self.chain
    }

    /// Rewrites `id.sport`, `id.event_group_name`, `id.home` and `id.away` to identifiers,
    /// or fails naming what did not match, or [`Error::SameTeam`] when home and away are
    /// one team. On failure the incident is unchanged.
    pub fn normalize(&self, inc: &mut Incident) -> Result<(), Error> {
        let n = self.identify(
            &inc.id.sport,
            &inc.id.event_group_name,
            inc.id.start_time.as_deref(),
            &inc.id.home,
            &inc.id.away,
        )?;
        // One team on both sides: by name, abbreviation or alias (`propose create-event`
        // checks the same on what `identify` returns).
        if n.home == n.away {
            return Err(Error::SameTeam {
                home: inc.id.home.clone(),
                away: inc.id.away.clone(),
                team: n.home,
            });
        }
        inc.set_id(IdField::Sport, n.sport);
        inc.set_id(IdField::EventGroupName, n.event_group);
        inc.set_id(IdField::Home, n.home);
        inc.set_id(IdField::Away, n.away);
        Ok(())
    }

    /// The bookiesports identifiers of a game named by any name or alias: its sport,
    /// the event group whose date window holds `start` (RFC 3339), and the teams.
    pub fn identify(
        &self,
        sport_name: &str,
        event_group_name: &str,
        start: Option<&str>,
        home: &str,
        away: &str,
    ) -> Result<Identified, Error> {
        let chain = &self.chain.name;
        let not = |what, key: String, reason: String| Error::NotNormalizable { what, key, reason };
        let si = *self.sports.get(&key(sport_name)).ok_or_else(|| {
            not(
                Unmatched::Sport,
                format!("{chain}/{sport_name}"),
                "no sport has this name, alias or identifier".into(),
            )
        })?;
        let sport = &self.chain.sports[si];
        let idx = &self.index[si];
        let eg_key = format!("{chain}/{}/{event_group_name}", sport.identifier);
        let candidates = idx
            .event_groups
            .get(&key(event_group_name))
            .ok_or_else(|| {
                not(
                    Unmatched::EventGroup,
                    eg_key.clone(),
                    format!(
                        "no event group of {} has this name, alias or identifier",
                        sport.identifier
                    ),
                )
            })?;
        let raw_start = start.ok_or_else(|| {
            not(
                Unmatched::EventGroup,
                eg_key.clone(),
                "id.start_time is null; the date window cannot be checked".into(),
            )
        })?;
        let start = parse_rfc3339(raw_start).ok_or_else(|| {
            not(
                Unmatched::EventGroup,
                eg_key.clone(),
                format!("id.start_time {raw_start:?} is not RFC 3339"),
            )
        })?;
        let eg = candidates
            .iter()
            .map(|&i| &sport.event_groups[i])
            .find(|eg| eg.window_contains(start))
            .ok_or_else(|| {
                let windows: Vec<String> = candidates
                    .iter()
                    .map(|&i| {
                        let eg = &sport.event_groups[i];
                        let d = |t: Option<chrono::DateTime<chrono::Utc>>| {
                            t.map(to_string).unwrap_or_else(|| "open".into())
                        };
                        format!("{} {}..{}", eg.identifier, d(eg.start_date), d(eg.finish_date))
                    })
                    .collect();
                not(
                    Unmatched::EventGroup,
                    eg_key.clone(),
                    format!(
                        "start time {} is outside the date window of every matching event group ({})",
                        to_string(start),
                        windows.join(", ")
                    ),
                )
            })?;
        let team = |name: &str| {
            idx.participants.get(&key(name)).cloned().ok_or_else(|| {
                not(
                    Unmatched::Participant,
                    format!("{chain}/{}/{}/{name}", sport.identifier, eg.identifier),
                    format!(
                        "no participant of {} has this name or alias",
                        sport.identifier
                    ),
                )
            })
        };
        Ok(Identified {
            sport: sport.identifier.clone(),
            event_group: eg.identifier.clone(),
            home: team(home)?,
            away: team(away)?,
        })
    }

    /// Like [`Normalizer::normalize`], but each part that does not match keeps its raw
    /// string (bookiesports' `errorIfNotFound=False`, used by the reverse parser).
    pub fn normalize_lenient(&self, inc: &mut Incident) {
        if self.normalize(inc).is_ok() {
            return;
        }
        let Some(&si) = self.sports.get(&key(&inc.id.sport)) else {
            return;
        };
        let sport = &self.chain.sports[si];
        let idx = &self.index[si];
        inc.set_id(IdField::Sport, sport.identifier.clone());
        let start = inc.id.start_time.as_deref().and_then(parse_rfc3339);
        if let (Some(c), Some(start)) =
            (idx.event_groups.get(&key(&inc.id.event_group_name)), start)
        {
            if let Some(eg) = c
                .iter()
                .map(|&i| &sport.event_groups[i])
                .find(|eg| eg.window_contains(start))
            {
                inc.set_id(IdField::EventGroupName, eg.identifier.clone());
            }
        }
        if let Some(h) = idx.participants.get(&key(&inc.id.home)).cloned() {
            inc.set_id(IdField::Home, h);
        }
        if let Some(a) = idx.participants.get(&key(&inc.id.away)).cloned() {
            inc.set_id(IdField::Away, a);
        }
    }
}
