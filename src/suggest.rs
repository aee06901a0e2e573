//! "Did you mean …?" for misspelt keys, rule ids and values.

/// The candidate closest to `input`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::jaro_winkler(&input_lower, &candidate.to_lowercase()),
                candidate,
            )
        })
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

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn close_and_far() {
        let keys = ["id", "name", "touchpoints", "metrics"];
        assert_eq!(did_you_mean("touchpoint", keys), Some("touchpoints"));
        assert_eq!(did_you_mean("Metrics", keys), Some("metrics"));
        assert_eq!(did_you_mean("zebra", keys), None);
    }
}
