//! Comparing two versions of a plan: goals and actions added, removed or changed, and
//! for a change, each field with its old and new value.
use super::PlanDocument;
use serde::Serialize;
use std::collections::BTreeMap;

/// One difference between two versions.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Change {
    /// `added`, `removed` or `changed`.
    pub kind: String,
    /// `goal` or `action`.
    pub item: String,
    /// The goal's or action's id.
    pub id: i64,
    /// Its text or title (in the newer version when it exists).
    pub title: String,
    /// Changed fields.
    pub fields: Vec<FieldChange>,
    /// The change in Danish sentences, as staff read it (e.g. «Indsatsen "Sprogskole"
    /// fik tidspunkt mandag 9.00–12.00.»).
    pub sentences: Vec<String>,
}

/// One changed field: old and new value as JSON text.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FieldChange {
    /// Field name.
    pub field: String,
    /// Value before.
    pub old: String,
    /// Value after.
    pub new: String,
}

impl Change {
    /// Danish word for the kind.
    pub fn kind_label(&self) -> &'static str {
        match self.kind.as_str() {
            "added" => "Tilføjet",
            "removed" => "Fjernet",
            _ => "Ændret",
        }
    }

    /// Danish word for the item.
    pub fn item_label(&self) -> &'static str {
        if self.item == "goal" { "Mål" } else { "Indsats" }
    }
}

fn fields_of<T: Serialize>(value: &T, skip: &[&str]) -> BTreeMap<String, serde_json::Value> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Object(map)) => map.into_iter().filter(|(k, _)| !skip.contains(&k.as_str())).collect(),
        _ => BTreeMap::new(),
    }
}

fn field_changes(old: &BTreeMap<String, serde_json::Value>, new: &BTreeMap<String, serde_json::Value>) -> Vec<FieldChange> {
    let keys: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .map(|k| {
            let show = |v: Option<&serde_json::Value>| v.map_or_else(|| "–".to_string(), |v| v.to_string());
            FieldChange { field: k.clone(), old: show(old.get(k)), new: show(new.get(k)) }
        })
        .collect()
}

/// The differences from `old` to `new`, goals first, in the order of the newer version.
pub fn compare(old: &PlanDocument, new: &PlanDocument) -> Vec<Change> {
    let mut out = Vec::new();
    let change = |kind: &str, item: &str, id: i64, title: &str, fields| Change {
        kind: kind.into(),
        item: item.into(),
        id,
        title: title.into(),
        fields,
        sentences: Vec::new(),
    };
    for g in &new.goals {
        match old.goals.iter().find(|o| o.id == g.id) {
            None => out.push(change("added", "goal", g.id, &g.text, Vec::new())),
            Some(o) => {
                let f = field_changes(&fields_of(o, &["actions"]), &fields_of(g, &["actions"]));
                if !f.is_empty() {
                    out.push(change("changed", "goal", g.id, &g.text, f));
                }
            }
        }
    }
    for o in old.goals.iter().filter(|o| !new.goals.iter().any(|g| g.id == o.id)) {
        out.push(change("removed", "goal", o.id, &o.text, Vec::new()));
    }
    for (_, a) in new.actions() {
        match old.action(a.id) {
            None => out.push(change("added", "action", a.id, &a.title, Vec::new())),
            Some((_, o)) => {
                let f = field_changes(&fields_of(o, &[]), &fields_of(a, &[]));
                if !f.is_empty() {
                    out.push(change("changed", "action", a.id, &a.title, f));
                }
            }
        }
    }
    for (_, o) in old.actions().filter(|(_, o)| new.action(o.id).is_none()) {
        out.push(change("removed", "action", o.id, &o.title, Vec::new()));
    }
    out
}
