//! `show --format json`: the map as one JSON document (see the module
//! documentation of [`super`]).

use jiff::civil::Date;
use serde::Serialize;
use serde_json::{Map as JsonMap, Value, json};

use crate::analysis::{self, addressing::Addressing};
use crate::check::{FileReport, ValidMap};
use crate::map::model::Map;

use super::{opportunities, plan};

/// The keys of the whole document, in order.
const WHOLE: [&str; 6] = [
    "persona",
    "stages",
    "touchpoints",
    "opportunities",
    "plan",
    "emotions",
];

/// The map as `show --format json` prints it: the whole document, or one
/// section or group (`section` is known to be one).
pub fn json(map: &ValidMap, _report: &FileReport, today: Date, section: Option<&str>) -> String {
    let m = &map.map();
    let addressing = Addressing::new(m);
    let mut out = JsonMap::new();
    out.insert("version".into(), json!(1));
    out.insert("title".into(), json!(m.title));
    let ids = match section {
        Some(id) => vec![id],
        None => WHOLE.to_vec(),
    };
    for id in ids {
        out.insert(id.replace('-', "_"), value(m, &addressing, today, id));
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(out))
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    text.push('\n');
    text
}

/// The JSON of one section or group.
fn value(map: &Map, addressing: &Addressing, today: Date, id: &str) -> Value {
    match id {
        "persona" => json_persona(map),
        "stages" => json_stages(map),
        "touchpoints" => json_touchpoints(map),
        "pain-points" => data(&opportunities::pain_points(map, addressing)),
        "needs" => data(&opportunities::needs(map, addressing)),
        "ideas" => data(&opportunities::ideas(map, addressing)),
        "feedback" => json_feedback(map),
        "actions" => data(&plan::actions(map, today)),
        "milestones" => json_milestones(map),
        "resources" => json_resources(map),
        "opportunities" => json!({
            "pain_points": value(map, addressing, today, "pain-points"),
            "unmet_needs": value(map, addressing, today, "needs"),
            "ideas": value(map, addressing, today, "ideas"),
            "feedback": value(map, addressing, today, "feedback"),
        }),
        "plan" => json_plan(map, addressing, today),
        _ => json_emotions(map),
    }
}

/// Rows as JSON (they always serialise: plain structs of strings and numbers).
pub(crate) fn data(rows: &impl Serialize) -> Value {
    serde_json::to_value(rows).unwrap_or_default()
}

/// A whole number as an integer (`3`, not `3.0`); otherwise as it is.
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn json_persona(map: &Map) -> Value {
    let p = &map.persona;
    let demographics: JsonMap<String, Value> = p
        .demographics
        .iter()
        .filter(|(key, _)| !key.starts_with("x-"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    json!({
        "name": p.name,
        "description": p.description,
        "demographics": demographics,
        "behaviors": p.behaviors,
        "needs": p.needs,
        "goals": p.goals,
        "challenges": p.challenges,
        "channels": p.channels,
    })
}

fn json_stages(map: &Map) -> Value {
    let pains = analysis::pain_points_by_severity(map);
    let stages: Vec<Value> = map
        .stages
        .iter()
        .map(|s| {
            let metrics: Vec<Value> = s
                .metrics
                .iter()
                .map(|m| {
                    json!({
                        "name": m.name,
                        "value": m.value,
                        "target": m.target,
                        "unit": m.unit,
                    })
                })
                .collect();
            let touchpoints: Vec<&str> = s.touchpoints.iter().map(|t| t.id).collect();
            let pain_points: Vec<&str> = pains
                .iter()
                .filter(|p| p.stage == s.id)
                .map(|p| p.id)
                .collect();
            json!({
                "id": s.id,
                "name": s.name,
                "description": s.description,
                "goals": s.goals,
                "actions": s.actions,
                "feelings": s.feelings,
                "emotion": s.emotion,
                "touchpoints": touchpoints,
                "pain_points": pain_points,
                "insights": s.insights,
                "metrics": metrics,
            })
        })
        .collect();
    Value::Array(stages)
}

fn json_touchpoints(map: &Map) -> Value {
    let touchpoints: Vec<Value> = map
        .stages
        .iter()
        .flat_map(|s| s.touchpoints.iter().map(move |t| (s, t)))
        .map(|(s, t)| {
            json!({
                "stage": s.id,
                "id": t.id,
                "name": t.name,
                "channel": t.channel,
                "device": t.device,
                "owner": t.owner,
                "description": t.description,
                "emotion": t.emotion,
            })
        })
        .collect();
    Value::Array(touchpoints)
}

fn json_feedback(map: &Map) -> Value {
    let feedback = map.opportunities.feedback.as_ref().map(|f| {
        json!({
            "methods": f.methods,
            "cadence": f.cadence,
            "owner": f.owner,
        })
    });
    json!(feedback)
}

fn json_milestones(map: &Map) -> Value {
    let milestones: Vec<Value> = analysis::milestones_by_date(map)
        .into_iter()
        .map(|m| json!({ "date": m.date, "name": m.name, "delivers": m.delivers }))
        .collect();
    Value::Array(milestones)
}

fn json_resources(map: &Map) -> Value {
    let resources: Vec<Value> = map
        .action_plan
        .resources
        .iter()
        .map(|r| {
            json!({
                "action": r.action,
                "people": r.people.map(number),
                "roles": r.roles,
                "budget": r.budget.map(number),
                "currency": r.currency,
            })
        })
        .collect();
    Value::Array(resources)
}

fn json_plan(map: &Map, addressing: &Addressing, today: Date) -> Value {
    let budgets: Vec<Value> = analysis::budget_totals(map)
        .into_iter()
        .map(|(currency, total)| json!({ "currency": currency, "amount": number(total) }))
        .collect();
    json!({
        "today": today.to_string(),
        "actions": value(map, addressing, today, "actions"),
        "milestones": json_milestones(map),
        "resources": json_resources(map),
        "totals": {
            "people": analysis::people_total(map).map(number),
            "budgets": budgets,
        },
    })
}

fn json_emotions(map: &Map) -> Value {
    let stages: Vec<Value> = map
        .stages
        .iter()
        .map(|s| {
            let touchpoints: Vec<Value> = s
                .touchpoints
                .iter()
                .map(|t| json!({ "id": t.id, "name": t.name, "emotion": t.emotion }))
                .collect();
            json!({
                "stage": s.id,
                "name": s.name,
                "emotion": s.emotion,
                "touchpoints": touchpoints,
            })
        })
        .collect();
    Value::Array(stages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_numbers() {
        assert_eq!(number(3.0), json!(3));
        assert_eq!(number(0.5), json!(0.5));
    }
}
