//! File names for imported projects: ASCII from the name's pinyin, one
//! hyphen-separated syllable at a time, `[a-z0-9-]` as the loader demands.

use pinyin::ToPinyin as _;

use super::amount::halfwidth;

/// The longest slug, cut at a syllable boundary, so URLs stay usable.
const MAX_LEN: usize = 60;

/// `残疾人康复工作经费` → `can-ji-ren-kang-fu-gong-zuo-jing-fei`.
pub(crate) fn slug(name: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut ascii = String::new();
    for ch in halfwidth(name).chars() {
        // Full-width Latin letters (Ａ) as typed with a Chinese IME.
        let ch = match ch {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            ch => ch,
        };
        if ch.is_ascii_alphanumeric() {
            ascii.push(ch.to_ascii_lowercase());
            continue;
        }
        if !ascii.is_empty() {
            parts.push(std::mem::take(&mut ascii));
        }
        if let Some(p) = ch.to_pinyin() {
            parts.push(p.plain().to_owned());
        }
    }
    if !ascii.is_empty() {
        parts.push(ascii);
    }
    let mut out = String::new();
    for part in parts {
        if out.len() + part.len() + 1 > MAX_LEN && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&part);
    }
    if out.is_empty() {
        out.push_str("xiangmu");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_pinyin() {
        assert_eq!(slug("两节慰问金"), "liang-jie-wei-wen-jin");
        assert_eq!(
            slug("发放2021年补助（Ａ类）"),
            "fa-fang-2021-nian-bu-zhu-a-lei"
        );
        assert_eq!(slug("（）"), "xiangmu");
        let long = slug(&"残疾人康复工作经费".repeat(5));
        assert!(long.len() <= MAX_LEN && !long.ends_with('-'));
    }
}
