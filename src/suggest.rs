//! "Did you mean …?" for misspelt keys, rule ids and values.

/// How alike two strings are, from 0 to 1, ignoring case.
fn similarity(input_lower: &str, candidate: &str) -> f64 {
    strsim::jaro_winkler(input_lower, &candidate.to_lowercase())
}

/// The candidate closest to `input`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (similarity(&input_lower, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        // Highest score first; ties keep the earlier candidate (schema order).
        .fold(
            None,
            |best: Option<(f64, &str)>, (score, candidate)| match best {
                Some((best_score, _)) if best_score >= score => best,
                _ => Some((score, candidate)),
            },
        )
        .map(|(_, candidate)| candidate)
}

/// The `n` candidates most like `input`, most alike first (ties in the
/// candidates' order), each once, however far they are.
pub fn closest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let input_lower = input.to_lowercase();
    let mut seen = std::collections::HashSet::new();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter(|candidate| seen.insert(*candidate))
        .map(|candidate| (similarity(&input_lower, candidate), candidate))
        .collect();
    // A stable sort keeps the candidates' order among equals.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::{closest, did_you_mean};

    #[test]
    fn closest_first_each_once() {
        let ids = [
            "awareness",
            "decision",
            "decisions",
            "retention",
            "decision",
        ];
        assert_eq!(closest("decison", ids, 2), ["decision", "decisions"]);
        assert_eq!(closest("zzz", ids, 10).len(), 4);
    }

    #[test]
    fn close_and_far() {
        let keys = ["id", "name", "touchpoints", "metrics"];
        assert_eq!(did_you_mean("touchpoint", keys), Some("touchpoints"));
        assert_eq!(did_you_mean("Metrics", keys), Some("metrics"));
        assert_eq!(did_you_mean("zebra", keys), None);
    }
}
