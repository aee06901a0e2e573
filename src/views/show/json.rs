//! `show --format json`: the map as one JSON document (see the module
//! documentation of [`super`]).

use jiff::civil::Date;
use serde_json::{Map as JsonMap, Value, json};

use crate::analysis;
use crate::check::{FileReport, ValidMap};
use crate::map::model::Map;

use super::{SECTIONS, plan::status};

/// The map as `show --format json` prints it (one section, or all).
pub fn json(map: &ValidMap, _report: &FileReport, today: Date, section: Option<&str>) -> String {
    let m = &map.map();
    let mut out = JsonMap::new();
    out.insert("version".into(), json!(1));
    out.insert("title".into(), json!(m.title));
    for id in SECTIONS {
        if section.is_some_and(|s| s != id) {
            continue;
        }
        let value = match id {
            "persona" => json_persona(m),
            "stages" => json_stages(m),
            "touchpoints" => json_touchpoints(m),
            "opportunities" => json_opportunities(m),
            "plan" => json_plan(m, today),
            _ => json_emotions(m),
        };
        out.insert(id.into(), value);
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(out))
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    text.push('\n');
    text
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

fn json_opportunities(map: &Map) -> Value {
    let o = &map.opportunities;
    let pain_points: Vec<Value> = analysis::pain_points_by_severity(map)
        .into_iter()
        .map(|p| {
            json!({
                "id": p.id,
                "description": p.description,
                "stage": p.stage,
                "touchpoint": p.touchpoint,
                "severity": p.severity,
                "evidence": p.evidence,
                "addressed_by": analysis::addressed_by(map, p.id),
            })
        })
        .collect();
    let unmet_needs: Vec<Value> = o
        .unmet_needs
        .iter()
        .map(|n| {
            json!({
                "id": n.id,
                "description": n.description,
                "stage": n.stage,
                "evidence": n.evidence,
                "addressed_by": analysis::addressed_by(map, n.id),
            })
        })
        .collect();
    let ideas: Vec<Value> = analysis::ranked_ideas(map)
        .into_iter()
        .map(|r| {
            let taken: Vec<&str> = analysis::actions_addressing(map, r.idea.id)
                .iter()
                .map(|a| a.id)
                .collect();
            json!({
                "rank": r.rank,
                "id": r.idea.id,
                "kind": r.kind,
                "description": r.idea.description,
                "impact": r.idea.impact,
                "effort": r.idea.effort,
                "priority": r.priority,
                "addresses": r.idea.addresses,
                "taken_up_by": taken,
            })
        })
        .collect();
    let feedback = o.feedback.as_ref().map(|f| {
        json!({
            "methods": f.methods,
            "cadence": f.cadence,
            "owner": f.owner,
        })
    });
    json!({
        "pain_points": pain_points,
        "unmet_needs": unmet_needs,
        "ideas": ideas,
        "feedback": feedback,
    })
}

fn json_plan(map: &Map, today: Date) -> Value {
    let plan = &map.action_plan;
    let actions: Vec<Value> = analysis::actions(map)
        .map(|(kind, a)| {
            json!({
                "id": a.id,
                "kind": kind,
                "title": a.title,
                "owner": a.owner,
                "start": a.start,
                "due": a.due,
                "status": a.status.map(status),
                "overdue": analysis::is_overdue(a, today),
                "addresses": a.addresses,
                "scope": a.scope,
                "success_criteria": a.success_criteria,
            })
        })
        .collect();
    let milestones: Vec<Value> = analysis::milestones_by_date(map)
        .into_iter()
        .map(|m| json!({ "date": m.date, "name": m.name, "delivers": m.delivers }))
        .collect();
    let resources: Vec<Value> = plan
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
    let budgets: Vec<Value> = analysis::budget_totals(map)
        .into_iter()
        .map(|(currency, total)| json!({ "currency": currency, "amount": number(total) }))
        .collect();
    json!({
        "today": today.to_string(),
        "actions": actions,
        "milestones": milestones,
        "resources": resources,
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
