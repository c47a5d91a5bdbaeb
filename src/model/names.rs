//! Names reduced to what tells them apart, so that two spellings of one
//! name compare equal: `similar-name` compares item names this way and the
//! registers look up materials, laws and charges this way.

/// A name reduced to what tells names apart: whitespace, punctuation and
/// symbols removed (（）() 、·/ …), full-width letters and digits made
/// half-width, Latin letters lower-cased.
pub fn normalize(name: &str) -> String {
    name.chars().filter_map(normal_char).collect()
}

fn normal_char(c: char) -> Option<char> {
    let c = match c {
        // Full-width ASCII (！ to ～) to its half-width form.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)?,
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_alphanumeric() {
        Some(c.to_ascii_lowercase())
    } else {
        None
    }
}
