//! Check characters of ISO 7064: MOD 11-2 for all-digit codes (as in the
//! 18-digit ID number), MOD 37,36 for codes that hold letters.

const ALPHANUMERIC: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The check character over `body`: MOD 11-2 when it is all digits, MOD
/// 37,36 when it holds capital letters; `None` for any other character.
pub fn check_char(body: &str) -> Option<char> {
    if body.bytes().all(|b| b.is_ascii_digit()) {
        mod_11_2(body)
    } else {
        mod_37_36(body)
    }
}

/// ISO 7064 MOD 11-2 (pure system): `0`-`9` or `X`.
pub fn mod_11_2(digits: &str) -> Option<char> {
    let mut p = 0u32;
    for b in digits.bytes() {
        let d = (b as char).to_digit(10)?;
        p = ((p + d) * 2) % 11;
    }
    let check = (12 - p % 11) % 11;
    Some(if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10).expect("below 10")
    })
}

/// ISO 7064 MOD 37,36 (hybrid system): `0`-`9`, `A`-`Z`.
pub fn mod_37_36(text: &str) -> Option<char> {
    const M: u32 = 36;
    let mut p = M;
    for b in text.bytes() {
        let value = ALPHANUMERIC.iter().position(|c| *c == b)? as u32;
        let mut s = (p + value) % M;
        if s == 0 {
            s = M;
        }
        p = (s * 2) % (M + 1);
    }
    let check = (M + 1 - p) % M;
    Some(ALPHANUMERIC[check as usize] as char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers() {
        // The example of GB 11643 and published ID numbers: the last
        // character is the MOD 11-2 check over the first 17.
        for id in [
            "11010519491231002X",
            "440524188001010014",
            "11010119900307803X",
            "110101199003074477",
        ] {
            assert_eq!(mod_11_2(&id[..17]), id.chars().last(), "{id}");
        }
        assert_eq!(mod_11_2("079"), Some('X'));
        assert_eq!(mod_11_2("0794"), Some('0'));
    }

    #[test]
    fn mod_37_36_reference_values() {
        // The Global Release Identifier example and published test vectors.
        assert_eq!(mod_37_36("A12425GABC1234002"), Some('M'));
        assert_eq!(mod_37_36("RABD"), Some('A'));
        assert_eq!(mod_37_36("X0H"), Some('X'));
    }

    #[test]
    fn the_system_follows_the_characters() {
        assert_eq!(check_char("2033030000300012"), mod_11_2("2033030000300012"));
        assert_eq!(check_char("A12425GABC1234002"), Some('M'));
        assert_eq!(check_char("12-3"), None);
        assert_eq!(check_char("ab"), None);
    }

    #[test]
    fn coding_md_example() {
        // 20 330300 003 0012 + 3 = 2033030000300123.
        assert_eq!(check_char("203303000030012"), Some('3'));
    }
}
