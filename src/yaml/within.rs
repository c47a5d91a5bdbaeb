//! Positions inside one scalar: which characters of the file hold which
//! characters of the value, so a rule can underline `其他材料` inside a long
//! condition instead of the whole value.
//!
//! The scalar's source text is decoded again (quotes, escapes, line folding,
//! block indentation) keeping each character's place in the file. When the
//! decoded text is not the value the reader produced, the mapping is not
//! trusted and the whole scalar is used.

use saphyr_parser::ScalarStyle;

use super::{Pos, Shape, Span, SpanNode};

/// A text that can find the byte where a character offset is.
pub trait CharText {
    fn as_text(&self) -> &str;
    /// The byte offset of character `chars` (the text's length past its end).
    fn byte_of(&self, chars: usize) -> usize;
}

impl CharText for str {
    fn as_text(&self) -> &str {
        self
    }
    fn byte_of(&self, chars: usize) -> usize {
        self.char_indices()
            .nth(chars)
            .map_or(self.len(), |(i, _)| i)
    }
}

/// Characters between two checkpoints of an [`IndexedText`].
const CHECKPOINT: usize = 1024;

/// A file's text with an index of character offsets, built on first use:
/// a character offset is found in at most [`CHECKPOINT`] steps, so many
/// findings in one large file do not each walk the file from its start.
pub struct IndexedText<'a> {
    text: &'a str,
    checkpoints: std::sync::OnceLock<Vec<usize>>,
}

impl<'a> IndexedText<'a> {
    pub fn new(text: &'a str) -> Self {
        IndexedText {
            text,
            checkpoints: std::sync::OnceLock::new(),
        }
    }
}

impl std::ops::Deref for IndexedText<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.text
    }
}

impl CharText for IndexedText<'_> {
    fn as_text(&self) -> &str {
        self.text
    }
    fn byte_of(&self, chars: usize) -> usize {
        let checkpoints = self.checkpoints.get_or_init(|| checkpoints(self.text));
        byte_at(self.text, checkpoints, chars)
    }
}

/// The byte offset of every [`CHECKPOINT`]-th character of `text`.
pub fn checkpoints(text: &str) -> Vec<usize> {
    text.char_indices()
        .step_by(CHECKPOINT)
        .map(|(i, _)| i)
        .collect()
}

/// The byte offset of character `chars` of `text`, from its [`checkpoints`].
pub fn byte_at(text: &str, checkpoints: &[usize], chars: usize) -> usize {
    let Some(&base) = checkpoints.get(chars / CHECKPOINT) else {
        return text.len();
    };
    base + text[base..].byte_of(chars % CHECKPOINT)
}

/// The file span of `len` characters of a scalar's value starting at
/// character `start`; the whole scalar when that cannot be known for sure.
pub fn span_within(
    text: &(impl CharText + ?Sized),
    node: &SpanNode,
    value: &str,
    start: usize,
    len: usize,
) -> Span {
    let Shape::Scalar(style) = node.shape else {
        return node.span;
    };
    let from = text.byte_of(node.span.start.offset as usize);
    let raw: Vec<char> = text.as_text()[from..]
        .chars()
        .take(node.span.len as usize)
        .collect();
    let indent = node.span.start.column.saturating_sub(1) as usize;
    let Some(decoded) = decode(&raw, style, indent) else {
        return node.span;
    };
    let value: Vec<char> = value.chars().collect();
    let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
    if !same_text(&decoded, &value, block) || len == 0 || start + len > decoded.len() {
        return node.span;
    }
    let first = decoded[start].at;
    let last = decoded[start + len - 1].at;
    Span {
        start: advance(node.span.start, &raw[..first]),
        len: (last + 1 - first) as u32,
    }
}

/// One character of the value and where it is in the scalar's source text.
#[derive(Debug, Clone, Copy)]
struct Unit {
    ch: char,
    /// Index into the source characters of the scalar.
    at: usize,
    /// Written as an escape (or `''`): never trimmed or folded.
    escaped: bool,
}

fn unit(ch: char, at: usize) -> Unit {
    Unit {
        ch,
        at,
        escaped: false,
    }
}

/// Block scalars may differ in their trailing line breaks (chomping).
fn same_text(decoded: &[Unit], value: &[char], block: bool) -> bool {
    let trim = |n: usize, at: &dyn Fn(usize) -> char| {
        let mut n = n;
        while block && n > 0 && at(n - 1) == '\n' {
            n -= 1;
        }
        n
    };
    let d = trim(decoded.len(), &|i| decoded[i].ch);
    let v = trim(value.len(), &|i| value[i]);
    d == v
        && decoded[..d]
            .iter()
            .zip(&value[..v])
            .all(|(u, c)| u.ch == *c)
}

/// The position reached after `passed` characters from `start`.
fn advance(start: Pos, passed: &[char]) -> Pos {
    let mut pos = start;
    for c in passed {
        pos.offset += 1;
        if *c == '\n' {
            pos.line += 1;
            pos.column = 1;
        } else {
            pos.column += 1;
        }
    }
    pos
}

fn decode(raw: &[char], style: ScalarStyle, indent: usize) -> Option<Vec<Unit>> {
    match style {
        ScalarStyle::Plain => Some(fold_flow(
            raw.iter().enumerate().map(|(i, c)| unit(*c, i)).collect(),
        )),
        ScalarStyle::SingleQuoted => single_quoted(raw).map(fold_flow),
        ScalarStyle::DoubleQuoted => double_quoted(raw).map(fold_flow),
        ScalarStyle::Literal => Some(
            block_lines(raw, indent)
                .into_iter()
                .flat_map(|(line, brk)| line.into_iter().chain(brk))
                .collect(),
        ),
        ScalarStyle::Folded => Some(fold_block(block_lines(raw, indent))),
    }
}

/// The inside of `'…'`, with `''` read as one quote.
fn single_quoted(raw: &[char]) -> Option<Vec<Unit>> {
    let inner = quoted_inner(raw, '\'')?;
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 1;
    while i <= inner.len() {
        let c = raw[i];
        if c == '\'' && raw.get(i + 1) == Some(&'\'') {
            out.push(Unit {
                ch: '\'',
                at: i,
                escaped: true,
            });
            i += 2;
        } else {
            out.push(unit(c, i));
            i += 1;
        }
    }
    Some(out)
}

/// A line break escaped with `\` in a double-quoted scalar: joins lines
/// without a space.
const JOIN: char = '\u{0}';

/// The inside of `"…"`, escapes decoded.
fn double_quoted(raw: &[char]) -> Option<Vec<Unit>> {
    let inner_len = quoted_inner(raw, '"')?.len();
    let end = inner_len + 1;
    let mut out = Vec::with_capacity(inner_len);
    let mut i = 1;
    while i < end {
        if raw[i] != '\\' {
            out.push(unit(raw[i], i));
            i += 1;
            continue;
        }
        let next = *raw.get(i + 1).filter(|_| i + 1 < end)?;
        let (ch, used) = match next {
            '\n' => (JOIN, 2),
            '\r' if raw.get(i + 2) == Some(&'\n') => (JOIN, 3),
            'x' => (hex(&raw[i + 2..end], 2)?, 4),
            'u' => (hex(&raw[i + 2..end], 4)?, 6),
            'U' => (hex(&raw[i + 2..end], 8)?, 10),
            other => (simple_escape(other)?, 2),
        };
        out.push(Unit {
            ch,
            at: i,
            escaped: ch != JOIN,
        });
        i += used;
    }
    Some(out)
}

fn quoted_inner(raw: &[char], quote: char) -> Option<&[char]> {
    if raw.len() < 2 || raw[0] != quote || raw[raw.len() - 1] != quote {
        return None;
    }
    Some(&raw[1..raw.len() - 1])
}

fn hex(digits: &[char], n: usize) -> Option<char> {
    if digits.len() < n {
        return None;
    }
    let text: String = digits[..n].iter().collect();
    char::from_u32(u32::from_str_radix(&text, 16).ok()?)
}

fn simple_escape(c: char) -> Option<char> {
    Some(match c {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        ' ' => ' ',
        '"' => '"',
        '/' => '/',
        '\\' => '\\',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        _ => return None,
    })
}

fn is_blank(u: &Unit) -> bool {
    !u.escaped && (u.ch == ' ' || u.ch == '\t')
}

fn is_break(u: &Unit) -> bool {
    !u.escaped && (u.ch == '\n' || u.ch == '\r')
}

/// Line folding of flow scalars: spaces around a line break go, one break
/// becomes a space, `n` further empty lines become `n` line feeds.
fn fold_flow(units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if u.ch == JOIN {
            i = skip_blanks(&units, i + 1);
            continue;
        }
        if !is_break(&u) {
            out.push(u);
            i += 1;
            continue;
        }
        while out.last().is_some_and(is_blank) {
            out.pop();
        }
        let mut breaks = Vec::new();
        i = skip_line_break(&units, i);
        loop {
            i = skip_blanks(&units, i);
            match units.get(i) {
                Some(b) if is_break(b) => {
                    breaks.push(unit('\n', b.at));
                    i = skip_line_break(&units, i);
                }
                _ => break,
            }
        }
        if breaks.is_empty() {
            out.push(unit(' ', u.at));
        } else {
            out.extend(breaks);
        }
    }
    out
}

fn skip_blanks(units: &[Unit], mut i: usize) -> usize {
    while units.get(i).is_some_and(is_blank) {
        i += 1;
    }
    i
}

fn skip_line_break(units: &[Unit], i: usize) -> usize {
    match (units.get(i), units.get(i + 1)) {
        (Some(a), Some(b)) if a.ch == '\r' && b.ch == '\n' => i + 2,
        _ => i + 1,
    }
}

/// The lines of a block scalar's content, indentation removed, each with its
/// line break. The source text starts at the first content character.
fn block_lines(raw: &[char], indent: usize) -> Vec<(Vec<Unit>, Option<Unit>)> {
    let mut lines = Vec::new();
    let mut line = Vec::new();
    let mut at_line_start = false;
    let mut dropped = 0;
    for (i, c) in raw.iter().enumerate() {
        match c {
            '\n' => {
                lines.push((std::mem::take(&mut line), Some(unit('\n', i))));
                at_line_start = true;
                dropped = 0;
            }
            '\r' if raw.get(i + 1) == Some(&'\n') => {}
            ' ' if at_line_start && dropped < indent => dropped += 1,
            _ => {
                at_line_start = false;
                line.push(unit(*c, i));
            }
        }
    }
    if !line.is_empty() {
        lines.push((line, None));
    }
    lines
}

/// Folding of `>` block scalars: a break between two ordinary lines becomes a
/// space; empty lines between them become line feeds; breaks next to
/// more-indented lines stay.
fn fold_block(lines: Vec<(Vec<Unit>, Option<Unit>)>) -> Vec<Unit> {
    let ordinary = |line: &Vec<Unit>| line.first().is_some_and(|u| u.ch != ' ' && u.ch != '\t');
    let mut out = Vec::new();
    for (k, (line, brk)) in lines.iter().enumerate() {
        out.extend(line.iter().copied());
        let Some(brk) = brk else { continue };
        let Some(next_text) = lines[k + 1..]
            .iter()
            .position(|(l, _)| !l.is_empty())
            .map(|p| &lines[k + 1 + p].0)
        else {
            out.push(*brk);
            continue;
        };
        let folds = ordinary(line) && ordinary(next_text);
        if !folds || line.is_empty() {
            out.push(*brk);
        } else if lines[k + 1].0.is_empty() {
            // The first break before empty lines is dropped.
        } else {
            out.push(Unit { ch: ' ', ..*brk });
        }
    }
    out
}

#[cfg(test)]
mod index_tests {
    use super::*;

    #[test]
    fn the_index_finds_the_same_bytes_as_a_walk() {
        let text = "名称: 其他材料\nab\n".repeat(500);
        let indexed = IndexedText::new(&text);
        for chars in [0, 1, 5, 1023, 1024, 1025, 4000, 6999, 7000, 100_000] {
            assert_eq!(
                indexed.byte_of(chars),
                text.as_str().byte_of(chars),
                "{chars}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, parse_path};

    /// The underlined text of `phrase` inside the value at `path`.
    fn underline(text: &str, path: &str, phrase: &str) -> (String, Span) {
        let doc = parse(text).unwrap().unwrap();
        let path = parse_path(path);
        let node = doc.spans.find(&path).unwrap();
        let value = doc
            .value
            .pointer(&json_pointer(&path))
            .unwrap()
            .as_str()
            .unwrap()
            .to_string();
        let start = value
            .find(phrase)
            .map(|b| value[..b].chars().count())
            .expect("phrase in value");
        let span = span_within(text, node, &value, start, phrase.chars().count());
        let shown: String = text
            .chars()
            .skip(span.start.offset as usize)
            .take(span.len as usize)
            .collect();
        (shown, span)
    }

    fn json_pointer(path: &[crate::yaml::PathSeg]) -> String {
        path.iter()
            .map(|seg| match seg {
                crate::yaml::PathSeg::Key(k) => format!("/{k}"),
                crate::yaml::PathSeg::Index(i) => format!("/{i}"),
            })
            .collect()
    }

    #[test]
    fn plain() {
        let (shown, span) = underline("a:\n  - 提供户口簿、其他材料\n", "a[0]", "其他材料");
        assert_eq!(shown, "其他材料");
        assert_eq!((span.start.line, span.start.column, span.len), (2, 11, 4));
    }

    #[test]
    fn plain_over_two_lines() {
        let (shown, span) = underline("a: 第一行内容\n  第二行视情况而定\nb: 1\n", "a", "视情况");
        assert_eq!(shown, "视情况");
        assert_eq!((span.start.line, span.start.column), (2, 6));
    }

    #[test]
    fn single_quoted_with_doubled_quote() {
        let (shown, span) = underline("a: '他''人的其他证明'\n", "a", "其他证明");
        assert_eq!(shown, "其他证明");
        assert_eq!(span.start.column, 10);
    }

    #[test]
    fn double_quoted_with_escapes() {
        let text = "a: \"\\t甲\\u4e59 \\\"相关材料\\\"\"\n";
        let (shown, _) = underline(text, "a", "相关材料");
        assert_eq!(shown, "相关材料");
        // An escape inside the phrase: the file text differs but still maps.
        let (shown, _) = underline("a: \"甲\\u76f8关材料\"\n", "a", "相关材料");
        assert_eq!(shown, "\\u76f8关材料");
    }

    #[test]
    fn double_quoted_escaped_line_break() {
        let (shown, span) = underline("a: \"第一行\\\n   另行通知\"\n", "a", "另行通知");
        assert_eq!(shown, "另行通知");
        assert_eq!(span.start.line, 2);
    }

    #[test]
    fn literal_block() {
        let text = "a:\n  b: |\n    第一行\n      缩进的另行通知\n    末行等\nc: 1\n";
        let (shown, span) = underline(text, "a.b", "另行通知");
        assert_eq!(shown, "另行通知");
        assert_eq!((span.start.line, span.start.column), (4, 10));
        let (shown, span) = underline(text, "a.b", "等");
        assert_eq!(shown, "等");
        assert_eq!(span.start.line, 5);
    }

    #[test]
    fn folded_block() {
        let text = "a: >-\n  第一行\n  第二行相关证明\n\n  第三段\nb: 1\n";
        let (shown, span) = underline(text, "a", "相关证明");
        assert_eq!(shown, "相关证明");
        assert_eq!(span.start.line, 3);
    }

    #[test]
    fn windows_line_breaks() {
        let (shown, _) = underline("a: |\r\n  一\r\n  其他材料\r\nb: 1\r\n", "a", "其他材料");
        assert_eq!(shown, "其他材料");
    }

    #[test]
    fn unsure_means_the_whole_scalar() {
        let text = "a: 其他材料\n";
        let doc = parse(text).unwrap().unwrap();
        let node = doc.spans.find(&parse_path("a")).unwrap();
        // A value that is not what the file says, or a range past its end.
        assert_eq!(span_within(text, node, "别的", 0, 2), node.span);
        assert_eq!(span_within(text, node, "其他材料", 2, 5), node.span);
        assert_eq!(span_within(text, node, "其他材料", 0, 0), node.span);
    }
}
