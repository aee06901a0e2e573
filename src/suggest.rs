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
        .filter(|(score, _)| *score >= CLOSE)
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

/// Candidates prepared once for many look-ups (every broken reference of a
/// map against its ids): each once, in first-seen order, lowercased once.
pub struct Candidates<'a> {
    items: Vec<(&'a str, String)>,
}

/// What [`Candidates::rank`] found for one input.
pub struct Ranked<'a> {
    /// The candidate close enough to be a likely typo (as [`did_you_mean`]).
    pub close: Option<&'a str>,
    /// The `n` most alike, most alike first (ties in first-seen order).
    pub closest: Vec<&'a str>,
}

impl<'a> Candidates<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut seen = std::collections::HashSet::new();
        let items = candidates
            .into_iter()
            .filter(|candidate| seen.insert(*candidate))
            .map(|candidate| (candidate, candidate.to_lowercase()))
            .collect();
        Candidates { items }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every candidate, in first-seen order.
    pub fn all(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.items.iter().map(|(candidate, _)| *candidate)
    }

    /// One pass over the candidates: the close one and the `n` closest.
    pub fn rank(&self, input: &str, n: usize) -> Ranked<'a> {
        let input_lower = input.to_lowercase();
        // The best n so far, best first; a later candidate must beat one to get in.
        // (At least one is kept: the close one is the best.)
        let keep = n.max(1);
        let mut best: Vec<(f64, &'a str)> = Vec::with_capacity(keep + 1);
        for (candidate, lower) in &self.items {
            let score = strsim::jaro_winkler(&input_lower, lower);
            let at = best.partition_point(|(kept, _)| *kept >= score);
            if at < keep {
                best.insert(at, (score, candidate));
                best.truncate(keep);
            }
        }
        Ranked {
            close: best
                .first()
                .filter(|(score, _)| *score >= CLOSE)
                .map(|(_, candidate)| *candidate),
            closest: best
                .into_iter()
                .take(n)
                .map(|(_, candidate)| candidate)
                .collect(),
        }
    }
}

/// How alike a likely typo is.
const CLOSE: f64 = 0.8;

#[cfg(test)]
mod tests {
    use super::{Candidates, did_you_mean};

    #[test]
    fn ranked_closest_first_each_once() {
        let ids = Candidates::new([
            "awareness",
            "decision",
            "decisions",
            "retention",
            "decision",
        ]);
        assert_eq!(ids.len(), 4);
        let ranked = ids.rank("decison", 2);
        assert_eq!(ranked.close, Some("decision"));
        assert_eq!(ranked.closest, ["decision", "decisions"]);
        let far = ids.rank("zzz", 10);
        assert_eq!(far.close, None);
        assert_eq!(far.closest.len(), 4);
        // The close one is did_you_mean's.
        for input in ["decison", "retnetion", "Awareness", "zzz"] {
            assert_eq!(
                ids.rank(input, 1).close,
                did_you_mean(input, ids.all()),
                "{input}"
            );
        }
    }

    #[test]
    fn close_and_far() {
        let keys = ["id", "name", "touchpoints", "metrics"];
        assert_eq!(did_you_mean("touchpoint", keys), Some("touchpoints"));
        assert_eq!(did_you_mean("Metrics", keys), Some("metrics"));
        assert_eq!(did_you_mean("zebra", keys), None);
    }
}
