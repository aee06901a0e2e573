//! A finding's identity that survives edits elsewhere in the file: what
//! SARIF's `partialFingerprints` and baselines match findings by.
//!
//! Line numbers and list positions change whenever something is added above;
//! ids do not. So the fingerprint hashes the rule, the finding's pointer with
//! every list index replaced by what the item is called (its `id`, a
//! milestone's `name`, a resource's `action`, a string item's text), and the
//! message with its digits removed ("181 days ago" tomorrow is "182 days ago";
//! "the first is on line 12" moves with the lines).

use serde_json::Value;

/// The pointer with list indexes replaced by item names where the items have them:
/// `/stages/1/touchpoints/0/channel` → `/stages/@decision/touchpoints/@checkout/channel`.
pub fn stable_path(document: Option<&Value>, pointer: &str) -> String {
    let Some(mut node) = document else {
        return pointer.to_owned();
    };
    let mut out = String::with_capacity(pointer.len());
    for segment in pointer.split('/').skip(1) {
        out.push('/');
        let item = match node {
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            Value::Object(entries) => {
                let key = segment.replace("~1", "/").replace("~0", "~");
                out.push_str(segment);
                match entries.get(&key) {
                    Some(child) => {
                        node = child;
                        continue;
                    }
                    None => break,
                }
            }
            _ => None,
        };
        let Some(item) = item else {
            out.push_str(segment);
            break;
        };
        match item_name(item) {
            Some(name) => {
                out.push('@');
                out.push_str(name);
            }
            None => out.push_str(segment),
        }
        node = item;
    }
    out
}

/// What a list item is called, when it has a name that does not depend on its position.
fn item_name(item: &Value) -> Option<&str> {
    match item {
        Value::String(text) => Some(text),
        Value::Object(entries) => ["id", "name", "action"]
            .iter()
            .find_map(|key| entries.get(*key).and_then(Value::as_str)),
        _ => None,
    }
}

/// 16 hex digits identifying a finding by rule, stable path and message (digits removed).
pub fn fingerprint(rule: &str, stable_path: &str, message: &str) -> String {
    let message: String = message.chars().filter(|c| !c.is_ascii_digit()).collect();
    let mut hash = Fnv1a::default();
    for part in [rule, stable_path, &message] {
        hash.write(part.as_bytes());
        hash.write(&[0]);
    }
    format!("{:016x}", hash.0)
}

/// FNV-1a, 64 bits: tiny, and fixed forever (std's hasher may change between Rust releases).
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn indexes_become_names() {
        let map = json!({
            "persona": { "channels": ["email", "phone"] },
            "stages": [
                { "id": "awareness", "touchpoints": [] },
                { "id": "decision", "touchpoints": [{ "id": "checkout", "channel": "web" }] }
            ],
            "action_plan": { "milestones": [{ "name": "Pilot live" }], "resources": [{ "action": "pilot" }, {}] }
        });
        let cases = [
            (
                "/stages/1/touchpoints/0/channel",
                "/stages/@decision/touchpoints/@checkout/channel",
            ),
            ("/persona/channels/1", "/persona/channels/@phone"),
            (
                "/action_plan/milestones/0/date",
                "/action_plan/milestones/@Pilot live/date",
            ),
            ("/action_plan/resources/1", "/action_plan/resources/1"),
            ("", ""),
            ("/stages/7/id", "/stages/7"),
        ];
        for (pointer, stable) in cases {
            assert_eq!(stable_path(Some(&map), pointer), stable, "{pointer}");
        }
        assert_eq!(stable_path(None, "/stages/1"), "/stages/1");
    }

    #[test]
    fn digits_do_not_count_but_words_do() {
        let a = fingerprint("stale-map", "/updated", "reviewed 181 days ago");
        assert_eq!(
            a,
            fingerprint("stale-map", "/updated", "reviewed 182 days ago")
        );
        assert_ne!(
            a,
            fingerprint("stale-map", "/updated", "reviewed 181 weeks ago")
        );
        assert_ne!(
            a,
            fingerprint("missing-owner", "/updated", "reviewed 181 days ago")
        );
        assert_eq!(a.len(), 16);
        // Fixed forever: a baseline written today must match tomorrow's build.
        assert_eq!(fingerprint("", "", ""), "d94d12186c0f2fb7");
    }
}
