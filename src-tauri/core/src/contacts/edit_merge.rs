//! Two people editing one customer at once (two desks of the team's book, or the window and the
//! command line on one file): a save never silently undoes the other's change. Field by field,
//! against the contact as the editor first read it: what only they changed is kept, what only I
//! changed is saved, and a field both changed differently is asked about.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::{ContactDetail, ContactInput, LastChange};
use crate::error::{Error, Result};

/// An edit as the window saves it: the contact as the editor read it, and what they made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactEdit {
    /// The contact's fields as the form was opened with them.
    pub base: ContactInput,
    /// [`ContactDetail::version`] as read then.
    #[ts(type = "number")]
    pub base_version: i64,
    pub input: ContactInput,
}

/// How a save went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum ContactSave {
    /// Saved; `takenFromThem` names the fields someone else changed meanwhile, which were kept.
    Saved {
        detail: Box<ContactDetail>,
        #[serde(rename = "takenFromThem")]
        taken_from_them: Vec<String>,
    },
    /// Nothing saved: someone else changed a field this edit changed too.
    Conflict { conflict: Box<EditConflict> },
}

/// Fields two people changed at once, for the owner to settle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EditConflict {
    pub fields: Vec<FieldConflict>,
    /// The version the contact is at now: save again from it (`base` = `theirs`) with each
    /// field settled.
    #[ts(type = "number")]
    pub version: i64,
    /// The contact as it is now.
    pub theirs: ContactInput,
    /// This edit with what only they changed taken in; each conflicting field holds mine.
    pub merged: ContactInput,
    /// Who saved in between, and when (on the team's book).
    pub last_change: Option<LastChange>,
}

/// A field both people changed, each differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldConflict {
    /// The field's name in [`ContactInput`] ("talkingPoints").
    pub field: String,
    /// In the owner's words ("talking points").
    pub label: String,
    /// Their value and mine, as the owner reads them.
    pub theirs: String,
    pub mine: String,
}

/// The outcome of merging my edit with theirs.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreeWay {
    /// My edit with what only they changed taken in; a conflicting field holds mine.
    pub merged: ContactInput,
    /// The fields only they changed (kept), in the owner's words.
    pub taken_from_them: Vec<String>,
    pub conflicts: Vec<FieldConflict>,
}

/// Merges `mine` and `theirs`, both edited from `base`.
pub fn three_way(
    base: &ContactInput,
    mine: &ContactInput,
    theirs: &ContactInput,
) -> Result<ThreeWay> {
    let (base, mine, theirs) = (fields(base)?, fields(mine)?, fields(theirs)?);
    let mut merged = Map::new();
    let mut taken_from_them = Vec::new();
    let mut conflicts = Vec::new();
    for (field, my_value) in &mine {
        let base_value = base.get(field).unwrap_or(&Value::Null);
        let their_value = theirs.get(field).unwrap_or(&Value::Null);
        let keep = if my_value == base_value {
            if their_value != base_value {
                taken_from_them.push(label(field));
            }
            their_value
        } else if their_value == base_value || their_value == my_value {
            my_value
        } else {
            conflicts.push(FieldConflict {
                field: field.clone(),
                label: label(field),
                theirs: shown(their_value),
                mine: shown(my_value),
            });
            my_value
        };
        merged.insert(field.clone(), keep.clone());
    }
    let merged = serde_json::from_value(Value::Object(merged))
        .map_err(|e| Error::Conflict(format!("a merged contact could not be read back ({e})")))?;
    Ok(ThreeWay {
        merged,
        taken_from_them,
        conflicts,
    })
}

fn fields(input: &ContactInput) -> Result<Map<String, Value>> {
    match serde_json::to_value(input) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Error::Conflict("a contact is not a set of fields".into())),
        Err(e) => Err(Error::Conflict(format!(
            "a contact could not be compared ({e})"
        ))),
    }
}

/// A field's name as the owner knows it.
fn label(field: &str) -> String {
    match field {
        "givenName" => "first name",
        "familyName" => "last name",
        "prefix" => "title",
        "nickname" => "nickname",
        "company" => "company",
        "jobTitle" => "job title",
        "emails" => "email addresses",
        "phones" => "phone numbers",
        "addresses" => "postal addresses",
        "birthday" => "birthday",
        "customerSince" => "customer since",
        "family" => "family",
        "interests" => "interests",
        "talkingPoints" => "what we talked about",
        "notes" => "notes",
        "tags" => "tags",
        "keepInTouchDays" => "keep-in-touch time",
        other => other,
    }
    .to_string()
}

/// A value as the owner reads it: text as it is, lists joined, a date or number plain.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "(empty)".into(),
        Value::String(text) if text.is_empty() => "(empty)".into(),
        Value::String(text) => text.clone(),
        Value::Array(items) if items.is_empty() => "(none)".into(),
        Value::Array(items) => items.iter().map(shown_item).collect::<Vec<_>>().join(", "),
        Value::Object(_) => shown_item(value),
        other => other.to_string(),
    }
}

/// One item of a list (an email with its label, an address, a birthday): its values in order.
fn shown_item(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            // A labelled value reads "value (label)"; anything else its non-empty parts.
            if let (Some(Value::String(v)), Some(Value::String(l))) =
                (map.get("value"), map.get("label"))
            {
                return if l.is_empty() {
                    v.clone()
                } else {
                    format!("{v} ({l})")
                };
            }
            let number = |key: &str| map.get(key).and_then(Value::as_u64);
            if let (Some(month), Some(day)) = (number("month"), number("day")) {
                return match number("year") {
                    Some(year) => format!("{year}-{month:02}-{day:02}"),
                    None => format!("--{month:02}-{day:02}"),
                };
            }
            map.values()
                .filter_map(|v| match v {
                    Value::String(s) if !s.is_empty() => Some(s.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::LabeledValue;

    fn ann() -> ContactInput {
        ContactInput {
            given_name: "Ann".into(),
            family_name: "Lee".into(),
            talking_points: "her daughter's wedding".into(),
            ..ContactInput::default()
        }
    }

    #[test]
    fn what_only_one_side_changed_is_kept_and_a_field_both_changed_is_asked_about() {
        let base = ann();
        let mut mine = ann();
        mine.notes = "prefers mornings".into();
        mine.talking_points = "the wedding went well".into();
        let mut theirs = ann();
        theirs.emails = vec![LabeledValue {
            label: "home".into(),
            value: "ann@example.com".into(),
        }];
        theirs.talking_points = "asked about sourdough".into();

        let merge = three_way(&base, &mine, &theirs).unwrap();
        assert_eq!(merge.merged.notes, "prefers mornings", "only mine changed");
        assert_eq!(merge.merged.emails, theirs.emails, "only theirs changed");
        assert_eq!(merge.taken_from_them, vec!["email addresses".to_string()]);
        assert_eq!(
            merge.conflicts,
            vec![FieldConflict {
                field: "talkingPoints".into(),
                label: "what we talked about".into(),
                theirs: "asked about sourdough".into(),
                mine: "the wedding went well".into(),
            }]
        );
        assert_eq!(merge.merged.talking_points, "the wedding went well");
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let base = ann();
        let mut both = ann();
        both.family_name = "Lee-Park".into();
        let merge = three_way(&base, &both, &both).unwrap();
        assert!(merge.conflicts.is_empty());
        assert!(merge.taken_from_them.is_empty());
        assert_eq!(merge.merged, both);
    }

    #[test]
    fn values_read_as_the_owner_knows_them() {
        assert_eq!(shown(&Value::String(String::new())), "(empty)");
        assert_eq!(shown(&serde_json::json!([])), "(none)");
        assert_eq!(
            shown(
                &serde_json::json!([{"label": "work", "value": "a@b.c"}, {"label": "", "value": "d@e.f"}])
            ),
            "a@b.c (work), d@e.f"
        );
        assert_eq!(
            shown(&serde_json::json!({"month": 3, "day": 9, "year": 1980})),
            "1980-03-09"
        );
        assert_eq!(
            shown(&serde_json::json!({"month": 12, "day": 24, "year": null})),
            "--12-24"
        );
        assert_eq!(shown(&serde_json::json!(30)), "30");
    }
}
