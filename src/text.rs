//! Small text measures shared by rules.

use std::collections::HashSet;

/// The character bigrams of a text, white space left out; a one-character
/// text is its own "bigram".
pub fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    match chars.len() {
        0 => HashSet::new(),
        1 => HashSet::from([(chars[0], '\0')]),
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    }
}

/// Jaccard similarity of two texts' character bigrams, 0.0 to 1.0.
pub fn bigram_jaccard(a: &str, b: &str) -> f64 {
    let (a, b) = (bigrams(a), bigrams(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard() {
        assert_eq!(bigram_jaccard("生育登记", "生育登记"), 1.0);
        assert_eq!(bigram_jaccard("生育登记", "结婚证补办"), 0.0);
        // 生育 育登 登记 vs 生育 育登 登记 记服 服务: 3 of 5.
        assert!((bigram_jaccard("生育登记", "生育登记服务") - 0.6).abs() < 1e-9);
        assert_eq!(bigram_jaccard("", ""), 1.0);
    }
}
