//! What a project says, as search sees it: its fields folded into one
//! comparable form, and the character pairs (bigrams) the index keys on.
//!
//! Chinese has no spaces between words, and readers type substrings of
//! longer words (维权 in 残疾人维权工作经费), so the index does not try to
//! segment words: every pair of adjacent characters is a key, and a query
//! matches a project that has all of the query's pairs. `search.js` folds
//! and pairs text with the same rules; `tests/audit/search.mjs` checks the
//! two sides agree by searching the real pages.

use crate::model::Project;

/// Which part of a project a pair is in; ranking prefers the name, then
/// the department, then the rest. Bits, so one posting carries them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Name = 1,
    Department = 2,
    Other = 4,
    /// The name's first pair: with [`Field::NameEnd`], a query that
    /// starts and ends the name is (almost surely) the whole name, which
    /// ranks first.
    NameStart = 8,
    /// The name's last pair.
    NameEnd = 16,
}

/// Folds the forms a reader may type interchangeably: full-width Latin
/// letters, digits and signs (Ａ１％) to half-width, the ideographic space
/// to a space, and Latin capitals to small letters. One character in,
/// one character out, so positions in the folded text are positions in
/// the original, which the excerpt highlighting relies on.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |h| h.to_ascii_lowercase())
        }
        '\u{3000}' => ' ',
        c => c.to_ascii_lowercase(),
    }
}

/// The bigram keys of `text`: every two adjacent folded characters,
/// neither of them white space, each packed into a [`Pair`].
pub(crate) fn bigrams(text: &str, mut each: impl FnMut(Pair)) {
    let mut previous: Option<char> = None;
    for c in text.chars().map(fold) {
        if c.is_whitespace() {
            previous = None;
            continue;
        }
        if let Some(p) = previous {
            each(Pair::new(p, c));
        }
        previous = Some(c);
    }
}

/// Two characters in one integer: the index holds millions of pairs, and
/// a string each would cost an allocation apiece.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Pair(u64);

impl Pair {
    fn new(a: char, b: char) -> Pair {
        Pair((u64::from(a as u32) << 32) | u64::from(b as u32))
    }

    fn chars(self) -> [char; 2] {
        let get = |v: u64| char::from_u32(v as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
        [get(self.0 >> 32), get(self.0 & 0xffff_ffff)]
    }

    /// The pair as the two-character key the browser looks up.
    pub(crate) fn text(self) -> String {
        self.chars().iter().collect()
    }

    /// Which shard file holds this pair: see [`shard_of`].
    pub(crate) fn shard(self, shards: u32) -> u32 {
        let mut buf = [0u8; 8];
        let [a, b] = self.chars();
        let n = a.encode_utf8(&mut buf).len();
        let m = b.encode_utf8(&mut buf[n..]).len();
        fnv(&buf[..n + m]) % shards
    }
}

/// The searchable text of a project beyond its name and department, one
/// segment per goal, indicator and detail, in page order. Excerpts are cut
/// from these segments.
pub(crate) fn segments(project: &Project) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    out.extend(project.goals.iter().map(String::as_str));
    out.extend(project.indicators.iter().map(|i| i.name.as_str()));
    out.extend(project.long_term_goals.iter().map(String::as_str));
    out.extend(project.long_term_indicators.iter().map(|i| i.name.as_str()));
    out.extend(project.details.0.iter().map(|(_, text)| text.as_str()));
    out.extend(project.implementer.as_deref());
    out.extend(project.code.as_deref());
    // 单位编码: readers who know a department by its code type it.
    out.push(project.department.as_str());
    // A YAML `|` block ends in a newline nobody sees; trimmed, a text
    // file does not change when a workbook round trip drops it.
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// FNV-1a over the key's UTF-8 bytes: which shard file holds a key. The
/// browser computes the same hash to know which file to load.
#[cfg(test)]
fn shard_of(key: &str, shards: u32) -> u32 {
    fnv(key.as_bytes()) % shards
}

fn fnv(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in bytes {
        hash ^= u32::from(*byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_capitals_fold_one_to_one() {
        let folded: String = "２０２３年ＡＢ％　Ｘy".chars().map(fold).collect();
        assert_eq!(folded, "2023年ab% xy");
        assert_eq!(
            "２０２３年ＡＢ％　Ｘy".chars().count(),
            folded.chars().count()
        );
    }

    #[test]
    fn bigrams_skip_white_space() {
        let mut keys = Vec::new();
        bigrams("残疾人 维权Ａ", |k| keys.push(k.text()));
        assert_eq!(keys, ["残疾", "疾人", "维权", "权a"]);
        let mut pair = None;
        bigrams("康复", |k| pair = Some(k));
        assert_eq!(pair.unwrap().shard(97), shard_of("康复", 97));
    }

    #[test]
    fn the_hash_is_fnv_1a() {
        // Reference values of 32-bit FNV-1a, which search.js must match.
        assert_eq!(shard_of("", u32::MAX), 0x811c_9dc5);
        assert_eq!(shard_of("a", u32::MAX), 0xe40c_292c);
        assert_eq!(shard_of("康复", 7), shard_of("康复", 7));
    }
}
