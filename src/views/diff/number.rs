//! Numbers from a map, compared by value (`40` = `40.0`), and the movement
//! between two of them written with as many decimals as the numbers have
//! (`0.41 → 0.55` moved `+0.14`, not `+0.14000000000000001`).

use std::cmp::Ordering;
use std::fmt;

use serde_json::Value;

/// A metric value or target, a number of people, a budget, a numeric demographic.
#[derive(Debug, Clone)]
pub(super) struct Number(serde_json::Number);

impl Number {
    pub(super) fn of(number: &serde_json::Number) -> Number {
        Number(number.clone())
    }

    /// A whole `f64` becomes an integer, so `people: 3` (read as `3.0`) prints `3`;
    /// none for infinities and NaN, which JSON cannot hold.
    pub(super) fn from_f64(x: f64) -> Option<Number> {
        if x == 0.0 {
            // Also -0.0, which would print as "-0".
            return Some(Number(0.into()));
        }
        // 2^53: beyond it an f64 is not an exact integer count any more.
        if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
            return Some(Number((x as i64).into()));
        }
        serde_json::Number::from_f64(x).map(Number)
    }

    pub(super) fn to_json(&self) -> Value {
        Value::Number(self.0.clone())
    }

    fn signum(&self) -> Ordering {
        self.0
            .as_f64()
            .and_then(|x| x.partial_cmp(&0.0))
            .unwrap_or(Ordering::Equal)
    }

    fn abs(&self) -> Number {
        if self.signum() != Ordering::Less {
            return self.clone();
        }
        match self.0.as_i64().and_then(i64::checked_neg) {
            Some(n) => Number(n.into()),
            None => self
                .0
                .as_f64()
                .and_then(|x| Number::from_f64(-x))
                .unwrap_or_else(|| self.clone()),
        }
    }

    /// With its sign: `+15`, `-0.14`.
    pub(super) fn signed(&self) -> String {
        if self.signum() == Ordering::Greater {
            format!("+{self}")
        } else {
            self.to_string()
        }
    }

    /// Digits after the decimal point as written (`0.41` → 2, `1e-7` → 7, `1200` → 0).
    fn decimals(&self) -> usize {
        let text = self.0.to_string();
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().unwrap_or(0)),
            None => (text.as_str(), 0),
        };
        let fraction = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i64;
        usize::try_from(fraction - exponent).unwrap_or(0)
    }
}

/// `new − old`: exact for integers, otherwise rounded to the decimals the
/// two numbers are written with; none when it cannot be written.
pub(super) fn difference(old: &Number, new: &Number) -> Option<Number> {
    if let (Some(a), Some(b)) = (old.0.as_i64(), new.0.as_i64())
        && let Some(d) = b.checked_sub(a)
    {
        return Some(Number(d.into()));
    }
    if let (Some(a), Some(b)) = (old.0.as_u64(), new.0.as_u64())
        && let Ok(d) = i64::try_from(i128::from(b) - i128::from(a))
    {
        return Some(Number(d.into()));
    }
    let (a, b) = (old.0.as_f64()?, new.0.as_f64()?);
    // f64 has 17 significant digits at most: more decimals only print noise.
    let places = old.decimals().max(new.decimals()).min(17);
    let rounded: f64 = format!("{:.*}", places, b - a).parse().ok()?;
    Number::from_f64(rounded)
}

/// `|new − old|`.
pub(super) fn distance(old: &Number, new: &Number) -> Option<Number> {
    difference(old, new).map(|d| d.abs())
}

/// The sign of `new − old`.
pub(super) fn direction(old: &Number, new: &Number) -> Option<Ordering> {
    difference(old, new).map(|d| d.signum())
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        let (a, b) = (&self.0, &other.0);
        if let (Some(a), Some(b)) = (a.as_u64(), b.as_u64()) {
            return a == b;
        }
        if let (Some(a), Some(b)) = (a.as_i64(), b.as_i64()) {
            return a == b;
        }
        a.as_f64() == b.as_f64()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        match serde_json::from_str(text) {
            Ok(Value::Number(number)) => Number(number),
            other => panic!("{text} is not a number: {other:?}"),
        }
    }

    fn moved(old: &str, new: &str) -> String {
        difference(&n(old), &n(new)).map_or("none".into(), |d| d.signed())
    }

    #[test]
    fn the_movement_has_the_decimals_of_the_numbers() {
        assert_eq!(moved("40", "55"), "+15");
        assert_eq!(moved("55", "40"), "-15");
        assert_eq!(moved("0.41", "0.55"), "+0.14");
        assert_eq!(moved("0.6", "0.45"), "-0.15");
        assert_eq!(moved("1200", "1150.5"), "-49.5");
        assert_eq!(moved("0.5", "1.5"), "+1");
        assert_eq!(moved("1e-7", "3e-7"), "+2e-7");
        assert_eq!(
            moved("-9223372036854775808", "9223372036854775807"),
            "+1.8446744073709552e+19"
        );
        assert_eq!(moved("18446744073709551615", "18446744073709551610"), "-5");
    }

    #[test]
    fn numbers_are_equal_by_value() {
        assert_eq!(n("40"), n("40.0"));
        assert_eq!(n("-3"), n("-3.0"));
        assert_ne!(n("40"), n("40.5"));
        assert_ne!(n("18446744073709551615"), n("18446744073709551614"));
        assert_eq!(
            distance(&n("0.6"), &n("0.55")).map(|d| d.to_string()),
            Some("0.05".into())
        );
        assert_eq!(
            Number::from_f64(3.0).map(|x| x.to_string()),
            Some("3".into())
        );
        assert_eq!(
            Number::from_f64(-0.0).map(|x| x.to_string()),
            Some("0".into())
        );
        assert!(Number::from_f64(f64::NAN).is_none());
    }
}
