//! "Did you mean …?": the one place that picks, among the names that would
//! be valid, the one closest to a misspelt name.
//!
//! Field names in YAML files, rule ids in `site.toml` and the 一级/二级
//! names of the indicator framework all go through [`closest`], so a typo
//! is answered the same way wherever it is made. Similarity is
//! Jaro–Winkler (from `strsim`): it rewards a shared beginning, which is
//! where both ASCII identifiers (`nmae` → `name`) and Chinese indicator
//! names (社会效应指标 → 社会效益指标) usually still agree.

/// How similar an identifier (a field name, a rule id) must be to be
/// offered. Identifiers are long and ASCII, so a real typo scores high, and
/// a low bar would suggest unrelated words.
pub(crate) const IDENTIFIER: f64 = 0.7;

/// How similar an indicator name must be to be offered. The names are four
/// to ten Chinese characters, so one wrong character costs much of the
/// score; and the candidates are a short fixed list, so even a loose match
/// points the author at the right part of the framework.
pub(crate) const INDICATOR_NAME: f64 = 0.5;

/// How similar two project names (years removed) must be to suggest that
/// a new project continues a vanished one. High, because the suggestion
/// is about two real projects: a loose match would ask a clerk to join
/// unrelated work.
pub(crate) const PROJECT_NAME: f64 = 0.85;

/// The candidate most similar to `word`, if any scores at least
/// `min_score` (0 to 1). Of equally similar candidates, the last wins.
pub(crate) fn closest<'a, S: AsRef<str>>(
    word: &str,
    candidates: &'a [S],
    min_score: f64,
) -> Option<&'a S> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c.as_ref()), c))
        .filter(|(score, _)| *score >= min_score)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The help text "did you mean `x`?" for a misspelt identifier, when one of
/// `candidates` is close enough.
pub(crate) fn did_you_mean<S: AsRef<str>>(word: &str, candidates: &[S]) -> Option<String> {
    closest(word, candidates, IDENTIFIER)
        .map(|best| crate::t!("did-you-mean", name = best.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        let fields = ["code".to_owned(), "name".to_owned(), "parent".to_owned()];
        assert_eq!(
            did_you_mean("nmae", &fields).as_deref(),
            Some("did you mean `name`?")
        );
        assert_eq!(did_you_mean("colour", &fields), None);
        let rules = ["value-missing", "year-mismatch"];
        assert_eq!(
            closest("value-mising", &rules, IDENTIFIER),
            Some(&"value-missing")
        );
    }

    #[test]
    fn indicator_names() {
        let names = ["经济效益指标", "社会效益指标", "生态效益指标"];
        assert_eq!(
            closest("社会效应指标", &names, INDICATOR_NAME),
            Some(&"社会效益指标")
        );
        assert_eq!(closest("x", &names, INDICATOR_NAME), None);
        assert_eq!(closest::<&str>("社会", &[], INDICATOR_NAME), None);
    }
}
