//! The schema at a place of a map: its keys, their descriptions, the
//! values an enum allows. Read from the shipped schema, so the editor
//! offers exactly what `check` accepts.

use serde_json::Value;

use crate::map::schema::schema_value;

/// Follows `$ref`s (`#/$defs/name`) until a schema that is not one.
fn resolve(mut schema: &'static Value) -> &'static Value {
    let root = match schema_value() {
        Ok(root) => root,
        Err(_) => return schema,
    };
    for _ in 0..16 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => match reference.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => schema = target,
                None => break,
            },
            None => break,
        }
    }
    schema
}

/// The schema of the node at `path` (keys and list indexes; any index
/// stands for every item), or `None` where the schema has nothing.
pub fn at(path: &[&str]) -> Option<&'static Value> {
    let mut schema = resolve(schema_value().ok()?);
    for segment in path {
        let next = if segment.parse::<usize>().is_ok() || segment.is_empty() {
            schema.get("items")
        } else {
            schema.get("properties").and_then(|p| p.get(*segment))
        };
        schema = resolve(next?);
    }
    Some(schema)
}

/// The path of a JSON pointer's segments.
pub fn path(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The description of the key `key` in the object at `object` (a property's
/// own description, else its definition's).
pub fn description(object: &[&str], key: &str) -> Option<&'static str> {
    let properties = at(object)?.get("properties")?;
    let property = properties.get(key)?;
    property
        .get("description")
        .or_else(|| resolve(property).get("description"))
        .and_then(Value::as_str)
}

/// A key the schema allows in an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub required: bool,
    pub description: Option<&'static str>,
}

/// The keys the object at `object` may have, in schema order.
pub fn keys(object: &[&str]) -> Vec<Key> {
    let Some(schema) = at(object) else {
        return Vec::new();
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, _)| Key {
            name,
            required: required.contains(&name.as_str()),
            description: description(object, name),
        })
        .collect()
}

/// The values an enum at `path` allows (`status`, a rule id in `x-ignore`).
pub fn enum_values(path: &[&str]) -> Vec<&'static str> {
    at(path)
        .and_then(|schema| schema.get("enum"))
        .and_then(Value::as_array)
        .map(|values| values.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_the_schema() {
        let stage_keys: Vec<&str> = keys(&["stages", "0"]).iter().map(|k| k.name).collect();
        assert!(stage_keys.contains(&"touchpoints") && stage_keys.contains(&"emotion"));
        assert!(
            keys(&["stages", "0"])
                .iter()
                .any(|k| k.name == "id" && k.required)
        );
        assert_eq!(
            enum_values(&["action_plan", "pilots", "0", "status"]),
            ["planned", "in-progress", "done", "dropped"]
        );
        assert!(enum_values(&["x-ignore", "0"]).contains(&"stale-map"));
        assert!(description(&["persona"], "channels").is_some());
        assert_eq!(at(&["nope"]), None);
        assert_eq!(path("/a/0/x~1y"), ["a", "0", "x/y"]);
    }
}
