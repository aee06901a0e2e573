//! The JSON Schema of the format, and its errors in words people understand.

use std::collections::HashSet;
use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError, Validator};
use serde_json::Value;

use crate::diagnostic::{Finding, FixIntent};
use crate::suggest::did_you_mean;

/// The schema text, as shipped and printed by `journeymap schema`.
pub const SCHEMA_TEXT: &str = include_str!("../../schema/journey-map.schema.json");

const RULE: &str = "schema";

mod fast;

/// `nonEmptyString`'s pattern: "a character that is not a space", written
/// anchored at the start (`\S` alone means the same) because jsonschema
/// then matches it without a regex engine.
const NON_EMPTY_PATTERN: &str = "^\\s*\\S";

/// The schema as shipped, parsed once per process. It is part of the
/// binary and covered by tests, so failing to parse or compile it is a bug,
/// reported as an error.
static SCHEMA: LazyLock<Result<Value, String>> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).map_err(|e| e.to_string()));

/// Asked of every map: see [`fast`].
static FAST: LazyLock<Result<Validator, String>> = LazyLock::new(|| fast::compile(schema_value()?));

/// The schema as shipped, asked only about the maps `FAST` rejects: the
/// errors that findings are made of.
static EXACT: LazyLock<Result<Validator, String>> = LazyLock::new(|| {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema_value()?)
        .map_err(|e| e.to_string())
});

fn compiled(
    validator: &'static LazyLock<Result<Validator, String>>,
) -> Result<&'static Validator, String> {
    validator.as_ref().map_err(Clone::clone)
}

/// Compiles both validators now, each as its own task on `spawn`'s
/// threads, rather than at the first map that needs it: while the files are
/// being found, and so that no worker stops in the middle of the maps to
/// compile the second one (about 2.5 ms each).
pub fn prepare(spawn: impl Fn(fn())) {
    spawn(|| {
        LazyLock::force(&FAST);
    });
    spawn(|| {
        LazyLock::force(&EXACT);
    });
}

/// Whether the validator every map is asked (see [`fast`]) and the schema
/// as shipped agree that `value` is valid or not; for the tests.
#[doc(hidden)]
pub fn validators_agree(value: &Value) -> Result<bool, String> {
    Ok(compiled(&FAST)?.is_valid(value) == compiled(&EXACT)?.is_valid(value))
}

/// The schema as a JSON value.
pub fn schema_value() -> Result<&'static Value, String> {
    SCHEMA.as_ref().map_err(Clone::clone)
}

/// Validates a document's value; one finding per distinct mistake.
/// `skip` holds pointers already reported (a YAML tag, say) whose schema errors would repeat them.
pub fn validate(value: &Value, skip: &HashSet<String>) -> Result<Vec<Finding>, String> {
    let schema = schema_value()?;
    // Most maps are valid: a yes/no pass is several times cheaper than
    // collecting errors, and finds none exactly when `iter_errors` would.
    if compiled(&FAST)?.is_valid(value) {
        return Ok(Vec::new());
    }
    let validator = compiled(&EXACT)?;
    let mut findings: Vec<Finding> = Vec::new();
    let mut missing: Vec<(String, String, Finding)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();

    for error in validator.iter_errors(value) {
        let pointer = error.instance_path().as_str().to_owned();
        if skip
            .iter()
            .any(|s| pointer == *s || pointer.starts_with(&format!("{s}/")))
        {
            continue;
        }
        let context = Context {
            root: value,
            schema,
            error: &error,
            pointer: &pointer,
        };
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    let key_pointer = format!(
                        "{pointer}/{}",
                        crate::diagnostic::escape_pointer_segment(key)
                    );
                    if seen.insert(format!("key:{key_pointer}")) {
                        findings.push(context.unknown_key(key, key_pointer));
                    }
                }
            }
            ValidationErrorKind::Required { property } => {
                let property = property.as_str().unwrap_or_default().to_owned();
                missing.push((
                    pointer.clone(),
                    property.clone(),
                    context.missing_key(&property),
                ));
            }
            _ => {
                if seen.insert(pointer.clone()) {
                    findings.push(context.wrong_value());
                }
            }
        }
    }

    // A misspelt required key gives "missing" and "unknown" for one mistake:
    // keep the unknown key, whose help already names the missing one.
    // (Indexed first: a file can have tens of thousands of each.)
    let suggested: HashSet<(String, String)> = findings
        .iter()
        .filter_map(|f| {
            let (parent, _) = f.pointer().rsplit_once('/')?;
            Some((parent.to_owned(), f.help.clone()))
        })
        .collect();
    for (object, property, finding) in missing {
        let help = format!("did you mean \"{property}\"?");
        if !suggested.contains(&(object, help)) {
            findings.push(finding);
        }
    }
    Ok(findings)
}

struct Context<'a> {
    root: &'a Value,
    schema: &'a Value,
    error: &'a ValidationError<'a>,
    pointer: &'a str,
}

impl Context<'_> {
    /// The subschema holding the failing keyword (`/$defs/stage/required` → the stage def).
    fn subschema(&self) -> Option<&Value> {
        let path = self.error.schema_path().as_str();
        let (parent, _keyword) = path.rsplit_once('/')?;
        self.schema.pointer(parent)
    }

    fn unknown_key(&self, key: &str, key_pointer: String) -> Finding {
        let allowed: Vec<&str> = self
            .subschema()
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let rename = |to: String| FixIntent::RenameKey {
            pointer: key_pointer.clone(),
            to,
        };
        let mut fix = None;
        let help = if let Some(rest) = key.strip_prefix("X-") {
            fix = Some(rename(format!("x-{rest}")));
            format!("extension keys start with a lowercase `x-`: write \"x-{rest}\"")
        } else if let Some(close) = did_you_mean(key, allowed.iter().copied()) {
            fix = Some(rename(close.to_owned()));
            format!("did you mean \"{close}\"?")
        } else {
            format!(
                "allowed keys here: {}; extension keys must start with `x-`",
                allowed
                    .iter()
                    .filter(|k| !k.starts_with("x-"))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let finding = Finding::at_key(
            RULE,
            key_pointer,
            format!(
                "unknown key \"{key}\" in {}",
                describe(self.root, self.pointer)
            ),
            help,
        );
        match fix {
            Some(fix) => finding.with_fix(fix),
            None => finding,
        }
    }

    fn missing_key(&self, property: &str) -> Finding {
        let meaning = self
            .subschema()
            .and_then(|s| s.pointer(&format!("/properties/{property}/description")))
            .and_then(Value::as_str)
            .map(|d| format!(" ({})", d.trim_end_matches('.').to_lowercase_first()))
            .unwrap_or_default();
        let finding = Finding::at_value(
            RULE,
            self.pointer,
            format!(
                "{} is missing required key \"{property}\"",
                describe(self.root, self.pointer)
            ),
            format!("add \"{property}\"{meaning}"),
        );
        // Text a person must write: a `TODO` placeholder, which
        // `todo-placeholder` then reports until it is replaced.
        let is_text = self
            .subschema()
            .and_then(|s| s.pointer(&format!("/properties/{property}/$ref")))
            .and_then(Value::as_str)
            == Some("#/$defs/nonEmptyString");
        if is_text {
            finding.with_fix(FixIntent::AddKey {
                object: self.pointer.to_owned(),
                key: property.to_owned(),
                value: "TODO".to_owned(),
            })
        } else {
            finding
        }
    }

    /// Every error about a value itself: type, range, format, pattern, enum…
    fn wrong_value(&self) -> Finding {
        let instance = self.error.instance();
        let field = field_name(self.pointer);
        let sub = self.subschema();
        let (message, help) = match self.error.kind() {
            ValidationErrorKind::Type { kind } if instance.is_null() => (
                format!("{field} has no value"),
                "give it a value, or remove the key: null is not a value in a journey map"
                    .to_owned(),
            ),
            ValidationErrorKind::Type { kind } => (
                format!(
                    "{field} must be {}, found {}",
                    expected(kind, sub),
                    found(instance)
                ),
                type_help(kind, instance),
            ),
            ValidationErrorKind::Minimum { limit } | ValidationErrorKind::Maximum { limit } => (
                format!(
                    "{field} must be {}, found {}",
                    expected_number(sub),
                    found_plain(instance)
                ),
                range_help(
                    sub,
                    matches!(self.error.kind(), ValidationErrorKind::Minimum { .. }),
                    limit,
                ),
            ),
            ValidationErrorKind::Format { format } if format == "date" => {
                let text = instance.as_str().unwrap_or_default();
                if looks_like_date(text) {
                    (
                        format!("{field} is not a real date: {text}"),
                        "use a date that exists in the calendar, as YYYY-MM-DD".to_owned(),
                    )
                } else {
                    (
                        format!(
                            "{field} must be a date like 2026-03-01, found {}",
                            found_plain(instance)
                        ),
                        "write the date as YYYY-MM-DD".to_owned(),
                    )
                }
            }
            ValidationErrorKind::Pattern { pattern } => {
                self.pattern_mismatch(&field, pattern, instance)
            }
            ValidationErrorKind::MaxLength { limit } => (
                format!("{field} is longer than {limit} characters"),
                format!("shorten it to at most {limit} characters"),
            ),
            ValidationErrorKind::MinItems { limit } => (
                format!(
                    "{field} must have at least {limit} item{}",
                    if *limit == 1 { "" } else { "s" }
                ),
                if self.pointer == "/stages" {
                    "add the stages of the journey, in order (awareness, consideration, decision…)"
                        .to_owned()
                } else {
                    "add an item, or remove the key".to_owned()
                },
            ),
            ValidationErrorKind::Enum { options } => self.not_in_enum(&field, options, instance),
            ValidationErrorKind::Constant { expected_value } => (
                format!(
                    "{field} must be {expected_value}, found {}",
                    found_plain(instance)
                ),
                format!("write {expected_value}"),
            ),
            _ => (
                format!("{field}: {}", self.error.masked()),
                "see `journeymap schema` for what is allowed here".to_owned(),
            ),
        };
        let replacement = match self.error.kind() {
            ValidationErrorKind::Type { kind } => number_in_quotes(kind, instance),
            ValidationErrorKind::Enum { options } => closest_option(options, instance),
            _ => None,
        };
        // A null has no text of its own (`owner:`): point at its key.
        let finding = if instance.is_null() {
            Finding::at_key(RULE, self.pointer, message, help)
        } else {
            Finding::at_value(RULE, self.pointer, message, help)
        };
        match replacement {
            Some(text) => finding.with_fix(FixIntent::ReplaceValue {
                pointer: self.pointer.to_owned(),
                text,
            }),
            None => finding,
        }
    }

    fn pattern_mismatch(&self, field: &str, pattern: &str, instance: &Value) -> (String, String) {
        let text = instance.as_str().unwrap_or_default();
        if pattern == NON_EMPTY_PATTERN {
            return (
                format!("{field} must not be empty"),
                "write some text, or remove the key".to_owned(),
            );
        }
        if pattern.starts_with("^[A-Z]{3}") {
            let upper = text.trim().to_uppercase();
            let help = if upper.len() == 3 && upper.chars().all(|c| c.is_ascii_uppercase()) {
                format!("write \"{upper}\"")
            } else {
                "use a three-letter ISO 4217 code such as EUR, GBP or USD".to_owned()
            };
            return (
                format!(
                    "{field} must be a three-letter currency code like \"EUR\", found \"{text}\""
                ),
                help,
            );
        }
        if pattern.starts_with("^[a-z0-9]") {
            let slug = slugify(text);
            let example = if slug.is_empty() {
                "check-out".to_owned()
            } else {
                slug.clone()
            };
            let message = if field == "\"id\"" {
                format!("id \"{text}\" must be a lowercase slug like \"{example}\"")
            } else {
                format!(
                    "{field} must be an id (a lowercase slug like \"{example}\"), found \"{text}\""
                )
            };
            let help = if slug.is_empty() {
                "ids use lowercase letters, digits, `-` and `_`, starting with a letter or digit"
                    .to_owned()
            } else {
                format!("write \"{slug}\" (lowercase letters, digits, `-` and `_`)")
            };
            return (message, help);
        }
        (
            format!("{field} does not match the pattern {pattern}, found \"{text}\""),
            "see `journeymap schema` for what is allowed here".to_owned(),
        )
    }

    fn not_in_enum(&self, field: &str, options: &Value, instance: &Value) -> (String, String) {
        let options: Vec<&str> = options
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let text = instance.as_str().unwrap_or_default();
        let in_ignore_list = self
            .pointer
            .rsplit_once('/')
            .is_some_and(|(parent, _)| parent.ends_with("/x-ignore"));
        if in_ignore_list {
            if text == "schema" || text == "yaml-syntax" {
                return (
                    format!("x-ignore cannot silence \"{text}\""),
                    format!(
                        "fix the {text} finding instead; only the gap and plan rules can be silenced"
                    ),
                );
            }
            let help = did_you_mean(text, options.iter().copied())
                .map(|close| format!("did you mean \"{close}\"?"))
                .unwrap_or_else(|| "`journeymap rules` lists the rule ids".to_owned());
            return (
                format!("unknown rule id {} in x-ignore", found_plain(instance)),
                help,
            );
        }
        let help = did_you_mean(text, options.iter().copied())
            .map(|close| format!("did you mean \"{close}\"?"))
            .unwrap_or_else(|| format!("use one of: {}", options.join(", ")));
        (
            format!(
                "{field} must be one of {}, found {}",
                options.join(", "),
                found_plain(instance)
            ),
            help,
        )
    }
}

trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for str {
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// The thing at `pointer`, in words: `stage "decision"`, `persona`, `the journey map`.
pub fn describe(root: &Value, pointer: &str) -> String {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let kind = match segments.as_slice() {
        [] => return "the journey map".to_owned(),
        ["persona"] => return "persona".to_owned(),
        ["persona", "demographics"] => return "persona demographics".to_owned(),
        ["stages", _] => "stage",
        ["stages", _, "touchpoints", _] => "touchpoint",
        ["stages", _, "metrics", _] => "metric",
        ["opportunities"] => return "opportunities".to_owned(),
        ["opportunities", "feedback"] => return "feedback".to_owned(),
        ["opportunities", "pain_points", _] => "pain point",
        ["opportunities", "unmet_needs", _] => "unmet need",
        ["opportunities", "innovations" | "efficiencies", _] => "idea",
        ["action_plan"] => return "action plan".to_owned(),
        ["action_plan", "initiatives" | "improvements", _] => "action",
        ["action_plan", "pilots", _] => "pilot",
        ["action_plan", "milestones", _] => "milestone",
        ["action_plan", "resources", _] => "resource",
        _ => return format!("\"{pointer}\""),
    };
    let item = root.pointer(pointer);
    let label = ["id", "name", "title", "action"]
        .iter()
        .find_map(|key| item.and_then(|i| i.get(key)).and_then(Value::as_str))
        .filter(|s| !s.trim().is_empty());
    match label {
        Some(label) => format!("{kind} \"{label}\""),
        None => {
            let index = segments
                .last()
                .and_then(|s| s.parse::<usize>().ok())
                .unwrap_or(0);
            format!("{kind} #{}", index + 1)
        }
    }
}

/// The key or list item at `pointer`, quoted: `"emotion"`, `item 2 of "needs"`.
fn field_name(pointer: &str) -> String {
    let mut segments = pointer.rsplit('/');
    let last = segments.next().unwrap_or_default();
    match last.parse::<usize>() {
        Ok(index) => match segments.next() {
            Some(parent) if !parent.is_empty() => format!("item {} of \"{parent}\"", index + 1),
            _ => format!("item {}", index + 1),
        },
        Err(_) if pointer.is_empty() => "the journey map".to_owned(),
        Err(_) => format!("\"{}\"", last.replace("~1", "/").replace("~0", "~")),
    }
}

fn type_name(t: JsonType) -> &'static str {
    match t {
        JsonType::Array => "a list",
        JsonType::Boolean => "a boolean",
        JsonType::Integer => "an integer",
        JsonType::Null => "null",
        JsonType::Number => "a number",
        JsonType::Object => "a mapping",
        JsonType::String => "a string",
    }
}

fn expected(kind: &TypeKind, sub: Option<&Value>) -> String {
    match kind {
        TypeKind::Single(JsonType::Integer | JsonType::Number) => expected_number(sub),
        TypeKind::Single(t) => type_name(*t).to_owned(),
        TypeKind::Multiple(set) => {
            let names: Vec<&str> = set.iter().map(type_name).collect();
            names.join(" or ")
        }
    }
}

/// "an integer from 1 to 5", "a number of at least 0", from the subschema's bounds.
fn expected_number(sub: Option<&Value>) -> String {
    let integer = sub.and_then(|s| s.get("type")).and_then(Value::as_str) == Some("integer");
    let noun = if integer { "an integer" } else { "a number" };
    let min = sub.and_then(|s| s.get("minimum"));
    let max = sub.and_then(|s| s.get("maximum"));
    match (min, max) {
        (Some(min), Some(max)) => format!("{noun} from {min} to {max}"),
        (Some(min), None) => format!("{noun} of at least {min}"),
        (None, Some(max)) => format!("{noun} of at most {max}"),
        (None, None) => noun.to_owned(),
    }
}

/// What to write instead of a number out of range: the bounds, and the one
/// it crossed when there are two ("use an integer from 1 to 5: 5 is the highest").
fn range_help(sub: Option<&Value>, below: bool, limit: &Value) -> String {
    let bounded = ["minimum", "maximum"]
        .iter()
        .all(|bound| sub.and_then(|s| s.get(*bound)).is_some());
    let expected = expected_number(sub);
    match (bounded, below) {
        (true, true) => format!("use {expected}: {limit} is the lowest"),
        (true, false) => format!("use {expected}: {limit} is the highest"),
        (false, _) => format!("use {expected}"),
    }
}

/// `"4" (a string)`, `2.5 (a number)`, `a list`.
fn found(instance: &Value) -> String {
    match instance {
        Value::String(s) => format!("\"{s}\" (a string)"),
        Value::Number(n) => format!("{n} (a number)"),
        Value::Bool(b) => format!("{b} (a boolean)"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
        Value::Null => "nothing (null)".to_owned(),
    }
}

/// The value as it reads in the file, without a type note.
fn found_plain(instance: &Value) -> String {
    match instance {
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) | Value::Object(_) | Value::Bool(_) => found(instance),
        other => other.to_string(),
    }
}

/// A number written as a string where a number is wanted (`"4"`): the number.
fn number_in_quotes(kind: &TypeKind, instance: &Value) -> Option<String> {
    let wants_number = match kind {
        TypeKind::Single(single) => matches!(single, JsonType::Integer | JsonType::Number),
        TypeKind::Multiple(set) => {
            set.contains(JsonType::Integer) || set.contains(JsonType::Number)
        }
    };
    let text = instance.as_str()?.trim();
    (wants_number && text.parse::<f64>().is_ok()).then(|| text.to_owned())
}

/// The enum value close enough to the one written to be what was meant.
fn closest_option(options: &Value, instance: &Value) -> Option<String> {
    let text = instance.as_str()?;
    // `x-ignore: [schema]` is not a misspelt rule id: it cannot be silenced.
    if matches!(text, "schema" | "yaml-syntax") {
        return None;
    }
    let options = options.as_array()?.iter().filter_map(Value::as_str);
    did_you_mean(text, options).map(str::to_owned)
}

fn type_help(kind: &TypeKind, instance: &Value) -> String {
    let wants = |t: JsonType| match kind {
        TypeKind::Single(single) => *single == t,
        TypeKind::Multiple(set) => set.contains(t),
    };
    match instance {
        Value::String(s)
            if (wants(JsonType::Integer) || wants(JsonType::Number))
                && s.trim().parse::<f64>().is_ok() =>
        {
            format!("remove the quotes: {}", s.trim())
        }
        Value::Number(n) if wants(JsonType::String) => format!("quote it if it is text: \"{n}\""),
        Value::Bool(b) if wants(JsonType::String) => format!("quote it if it is text: \"{b}\""),
        _ if wants(JsonType::Array) => "write a list: `[a, b]` or one `- item` per line".to_owned(),
        _ if wants(JsonType::Object) => {
            "write a mapping: `key: value` lines indented under this key".to_owned()
        }
        Value::Number(_) if wants(JsonType::Integer) => "use a whole number".to_owned(),
        _ if wants(JsonType::Integer) || wants(JsonType::Number) => {
            "write a number, without quotes".to_owned()
        }
        _ if wants(JsonType::String) => {
            "write the text, quoted if YAML would read it otherwise".to_owned()
        }
        _ => "change the value to the expected type".to_owned(),
    }
}

fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// "Check Out" → "check-out": what an id probably meant.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug.chars()
        .take(64)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schema_compiles() {
        assert!(compiled(&FAST).is_ok(), "{:?}", compiled(&FAST).err());
        assert!(compiled(&EXACT).is_ok(), "{:?}", compiled(&EXACT).err());
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Check Out"), "check-out");
        assert_eq!(slugify("  Ünïcode—Stage 2 "), "n-code-stage-2");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("/stages/0/emotion"), "\"emotion\"");
        assert_eq!(field_name("/persona/needs/1"), "item 2 of \"needs\"");
        assert_eq!(field_name("/a~1b"), "\"a/b\"");
    }
}
