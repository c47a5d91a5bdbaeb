//! A YAML reader that keeps positions. It turns one YAML document into a
//! JSON value (YAML 1.2 core schema) plus a tree of spans, so that any
//! finding can point at the exact value in the file.
//!
//! Built on `saphyr-parser`'s event stream with an explicit stack: deep
//! nesting cannot overflow the call stack, nesting beyond [`MAX_DEPTH`] is
//! refused, and alias expansion is bounded by [`MAX_NODES`] (billion laughs).

mod path;
mod scalar;
mod within;
pub mod write;

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as ParserSpan};
use serde_json::{Map, Value};

pub use path::{PathSeg, format_path, parse_path, pointer_to_path};
pub use within::{CharText, IndexedText, byte_at, checkpoints, span_within};

/// Deeper than any record needs; refusing more keeps every later walk safe.
pub const MAX_DEPTH: usize = 64;
/// Nodes a document may hold after aliases are expanded.
pub const MAX_NODES: usize = 200_000;

/// A position in the text: 1-based line, 1-based column in characters, and
/// the 0-based character offset from the start of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// A range of characters in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: Pos,
    /// Length in characters.
    pub len: u32,
}

impl Span {
    fn from_parser(span: &ParserSpan) -> Span {
        Span::between(&span.start, &span.end)
    }
    fn between(start: &saphyr_parser::Marker, end: &saphyr_parser::Marker) -> Span {
        Span {
            start: pos(start),
            len: end.index().saturating_sub(start.index()) as u32,
        }
    }
}

fn pos(marker: &saphyr_parser::Marker) -> Pos {
    Pos {
        line: marker.line() as u32,
        column: marker.col() as u32 + 1,
        offset: marker.index() as u32,
    }
}

/// Where each value of the document is.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanNode {
    pub span: Span,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Scalar(ScalarStyle),
    Seq(Vec<SpanNode>),
    /// Entries in file order: key text, span of the key, the value.
    Map(Vec<(String, Span, SpanNode)>),
}

impl SpanNode {
    /// The node at a path, if the document has it.
    pub fn find(&self, path: &[PathSeg]) -> Option<&SpanNode> {
        let mut node = self;
        for seg in path {
            node = match (seg, &node.shape) {
                (PathSeg::Key(k), Shape::Map(entries)) => {
                    &entries.iter().find(|(key, _, _)| key == k)?.2
                }
                (PathSeg::Index(i), Shape::Seq(items)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The span of the key that holds the value at `path` (its last segment).
    pub fn key_span(&self, path: &[PathSeg]) -> Option<Span> {
        let (last, parent) = path.split_last()?;
        let PathSeg::Key(k) = last else { return None };
        match &self.find(parent)?.shape {
            Shape::Map(entries) => entries.iter().find(|(key, _, _)| key == k).map(|e| e.1),
            _ => None,
        }
    }

    /// A copy holding only the listed top-level keys, their values' spans
    /// and no deeper structure.
    pub fn keep_top_level(&self, keys: &[&str]) -> SpanNode {
        let shape = match &self.shape {
            Shape::Map(entries) => Shape::Map(
                entries
                    .iter()
                    .filter(|(k, _, _)| keys.contains(&k.as_str()))
                    .map(|(k, key_span, value)| {
                        let leaf = match value.shape {
                            Shape::Scalar(style) => Shape::Scalar(style),
                            _ => Shape::Seq(Vec::new()),
                        };
                        (
                            k.clone(),
                            *key_span,
                            SpanNode {
                                span: value.span,
                                shape: leaf,
                            },
                        )
                    })
                    .collect(),
            ),
            _ => Shape::Seq(Vec::new()),
        };
        SpanNode {
            span: self.span,
            shape,
        }
    }

    /// The best span for a path: the value, else the nearest parent that exists.
    pub fn locate(&self, path: &[PathSeg]) -> Span {
        for len in (0..=path.len()).rev() {
            if let Some(node) = self.find(&path[..len]) {
                return node.span;
            }
        }
        self.span
    }
}

/// One parsed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The value; mapping entries whose value is empty (`key:`) are left out.
    pub value: Value,
    pub spans: SpanNode,
    /// Keys given twice in one mapping (the first value is kept).
    pub duplicate_keys: Vec<(Vec<PathSeg>, Span)>,
}

/// Why a text could not be read as one YAML document.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum YamlErrorKind {
    /// The parser's own description.
    Syntax(String),
    TooDeep,
    TooManyNodes,
    /// More than [`MAX_NODES`] values written out, no alias involved.
    TooManyValues,
    MultipleDocuments,
    UnknownAnchor,
    ComplexKey,
}

/// Parses a text that holds at most one YAML document. `Ok(None)` when the
/// text holds no document (empty, only comments).
pub fn parse(text: &str) -> Result<Option<Document>, YamlError> {
    Builder::default().run(text)
}

/// A value as built, with its spans and its size in nodes (for the alias
/// budget).
#[derive(Debug, Clone)]
struct Built {
    value: Value,
    spans: SpanNode,
    size: usize,
}

/// What an anchor names: the value, and for a scalar its text as written
/// (an alias used as a mapping key is that text).
#[derive(Debug)]
struct Anchored {
    built: Built,
    text: Option<String>,
}

/// A collection being built.
struct Frame {
    start: Span,
    anchor: usize,
    size: usize,
    kind: FrameKind,
}

enum FrameKind {
    Seq {
        values: Vec<Value>,
        spans: Vec<SpanNode>,
    },
    Map {
        values: Map<String, Value>,
        spans: Vec<(String, Span, SpanNode)>,
        key: Option<(String, Span)>,
        /// Every key so far (empty values too) once the mapping has
        /// [`SCANNED_KEYS`]: a duplicate is then found without a scan.
        names: std::collections::HashSet<String>,
    },
}

/// Mappings up to this many keys find a duplicate by a scan; larger ones
/// keep a set of their keys.
const SCANNED_KEYS: usize = 16;

/// Turns the event stream into the value and its spans in one pass, with an
/// explicit stack (no recursion), expanding aliases within budget.
#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    nodes: usize,
    /// Whether an alias was expanded.
    aliased: bool,
    duplicate_keys: Vec<(Vec<PathSeg>, Span)>,
}

impl Builder {
    fn run(mut self, text: &str) -> Result<Option<Document>, YamlError> {
        let mut parser = Parser::new_from_str(text);
        let mut root: Option<Built> = None;
        let mut documents = 0;
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| YamlError {
                // The scanner stops runaway flow nesting (`[[[[…`) itself.
                kind: if e.info() == "recursion limit exceeded" {
                    YamlErrorKind::TooDeep
                } else {
                    YamlErrorKind::Syntax(e.info().to_string())
                },
                pos: pos(e.marker()),
            })?;
            let here = Span::from_parser(&span);
            let fail = |kind| {
                Err(YamlError {
                    kind,
                    pos: here.start,
                })
            };
            let complete = match event {
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return fail(YamlErrorKind::MultipleDocuments);
                    }
                    None
                }
                Event::Scalar(text, style, anchor, tag) => {
                    self.nodes += 1;
                    let as_text =
                        style != ScalarStyle::Plain || tag.is_some_and(|t| t.suffix == "str");
                    self.scalar(
                        text,
                        as_text,
                        SpanNode {
                            span: here,
                            shape: Shape::Scalar(style),
                        },
                        anchor,
                    )
                }
                Event::Alias(id) => self.alias(id, here)?,
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    if self.stack.len() >= MAX_DEPTH {
                        return fail(YamlErrorKind::TooDeep);
                    }
                    if self.expects_key() {
                        return fail(YamlErrorKind::ComplexKey);
                    }
                    self.nodes += 1;
                    let kind = if matches!(event, Event::SequenceStart(..)) {
                        FrameKind::Seq {
                            values: Vec::new(),
                            spans: Vec::new(),
                        }
                    } else {
                        FrameKind::Map {
                            values: Map::new(),
                            spans: Vec::new(),
                            key: None,
                            names: Default::default(),
                        }
                    };
                    self.stack.push(Frame {
                        start: here,
                        anchor,
                        size: 1,
                        kind,
                    });
                    None
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let frame = self.stack.pop().expect("the parser balances collections");
                    let end = here.start.offset + here.len;
                    let span = Span {
                        start: frame.start.start,
                        len: end.saturating_sub(frame.start.start.offset),
                    };
                    let (value, shape) = match frame.kind {
                        FrameKind::Seq { values, spans } => {
                            (Value::Array(values), Shape::Seq(spans))
                        }
                        FrameKind::Map { values, spans, .. } => {
                            (Value::Object(values), Shape::Map(spans))
                        }
                    };
                    let built = Built {
                        value,
                        spans: SpanNode { span, shape },
                        size: frame.size,
                    };
                    self.remember(frame.anchor, &built);
                    Some(built)
                }
            };
            if self.nodes > MAX_NODES {
                // Only aliases make a small text large; a long list is
                // just long.
                return fail(if self.aliased {
                    YamlErrorKind::TooManyNodes
                } else {
                    YamlErrorKind::TooManyValues
                });
            }
            if let Some(built) = complete {
                match self.stack.is_empty() {
                    true => root = Some(built),
                    false => self.add_to_parent(built),
                }
            }
        }
        Ok(root.map(|built| Document {
            value: built.value,
            spans: built.spans,
            duplicate_keys: self.duplicate_keys,
        }))
    }

    /// A scalar: a mapping key needs only its text, anything else only its
    /// value (so the text saphyr hands over is moved, never copied).
    fn scalar(
        &mut self,
        text: Cow<'_, str>,
        as_text: bool,
        spans: SpanNode,
        anchor: usize,
    ) -> Option<Built> {
        if anchor > 0 {
            let built = Built {
                value: scalar_value(text.to_string(), as_text),
                spans: spans.clone(),
                size: 1,
            };
            self.anchors.insert(
                anchor,
                Anchored {
                    built,
                    text: Some(text.to_string()),
                },
            );
        }
        if self.expects_key() {
            self.set_key(text.into_owned(), spans.span, 1);
            return None;
        }
        Some(Built {
            value: scalar_value(text.into_owned(), as_text),
            spans,
            size: 1,
        })
    }

    /// An alias: a copy of its anchor's value, or in a key's place the
    /// anchored scalar's text (with the anchor's span, as before).
    fn alias(&mut self, id: usize, here: Span) -> Result<Option<Built>, YamlError> {
        let fail = |kind, pos| Err(YamlError { kind, pos });
        let Some(target) = self.anchors.get(&id) else {
            return fail(YamlErrorKind::UnknownAnchor, here.start);
        };
        self.nodes += target.built.size;
        self.aliased = true;
        if self.nodes > MAX_NODES {
            return fail(YamlErrorKind::TooManyNodes, here.start);
        }
        if !self.expects_key() {
            return Ok(Some(target.built.clone()));
        }
        let (span, size) = (target.built.spans.span, target.built.size);
        let Some(text) = target.text.clone() else {
            return fail(YamlErrorKind::ComplexKey, span.start);
        };
        self.set_key(text, span, size);
        Ok(None)
    }

    /// Keeps an anchored collection for its aliases.
    fn remember(&mut self, anchor: usize, built: &Built) {
        if anchor > 0 {
            self.anchors.insert(
                anchor,
                Anchored {
                    built: built.clone(),
                    text: None,
                },
            );
        }
    }

    /// Whether the next node is a key of the mapping being built.
    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                kind: FrameKind::Map { key: None, .. },
                ..
            })
        )
    }

    /// Takes the key of the mapping being built; it counts `size` nodes.
    fn set_key(&mut self, name: String, span: Span, size: usize) {
        let frame = self.stack.last_mut().expect("a mapping is being built");
        frame.size += size;
        if let FrameKind::Map { key, .. } = &mut frame.kind {
            *key = Some((name, span));
        }
    }

    /// Puts a finished value into the collection being built. A mapping
    /// has its key by now: a node arriving in a key's place is taken by
    /// [`Builder::set_key`] or refused.
    fn add_to_parent(&mut self, built: Built) {
        if self.completes_duplicate_key() {
            let mut path = self.path();
            let frame = self.stack.last_mut().expect("a parent exists");
            if let FrameKind::Map { key, .. } = &mut frame.kind
                && let Some((name, key_span)) = key.take()
            {
                path.push(PathSeg::Key(name));
                self.duplicate_keys.push((path, key_span));
            }
            return;
        }
        let frame = self.stack.last_mut().expect("a parent exists");
        frame.size += built.size;
        match &mut frame.kind {
            FrameKind::Seq { values, spans } => {
                values.push(built.value);
                spans.push(built.spans);
            }
            FrameKind::Map {
                values,
                spans,
                key,
                names,
            } => {
                let (name, key_span) = key.take().expect("the key came first");
                // Small mappings are scanned; a large one keeps a set.
                if spans.len() == SCANNED_KEYS {
                    names.extend(spans.iter().map(|(k, _, _)| k.clone()));
                }
                if spans.len() >= SCANNED_KEYS {
                    names.insert(name.clone());
                }
                // An empty value (`key:`) is read as an absent key.
                if !built.value.is_null() {
                    values.insert(name.clone(), built.value);
                }
                spans.push((name, key_span, built.spans));
            }
        }
    }

    /// Whether the value now arriving belongs to a key its mapping already has.
    fn completes_duplicate_key(&self) -> bool {
        match self.stack.last() {
            Some(Frame {
                kind:
                    FrameKind::Map {
                        spans,
                        key: Some((name, _)),
                        ..
                    },
                ..
            }) if spans.len() < SCANNED_KEYS => spans.iter().any(|(k, _, _)| k == name),
            Some(Frame {
                kind:
                    FrameKind::Map {
                        names,
                        key: Some((name, _)),
                        ..
                    },
                ..
            }) => names.contains(name),
            _ => false,
        }
    }

    /// The path of the collection on top of the stack.
    fn path(&self) -> Vec<PathSeg> {
        let depth = self.stack.len().saturating_sub(1);
        self.stack[..depth]
            .iter()
            .map(|frame| match &frame.kind {
                FrameKind::Seq { values, .. } => PathSeg::Index(values.len()),
                FrameKind::Map { key, .. } => {
                    PathSeg::Key(key.as_ref().map(|(k, _)| k.clone()).unwrap_or_default())
                }
            })
            .collect()
    }
}

/// A scalar's value: text when quoted or tagged `!!str`, else resolved.
/// Text keeps the spare capacity of saphyr's buffer, as keys always did:
/// documents are mostly read and dropped, and shrinking every string cost
/// time and (by fragmenting the heap) peak memory in `validate`.
fn scalar_value(text: String, as_text: bool) -> Value {
    if as_text {
        Value::String(text)
    } else {
        scalar::resolve_plain(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(text: &str) -> Document {
        parse(text).unwrap().unwrap()
    }

    #[test]
    fn core_schema_scalars() {
        let d =
            doc("a: 003\nb: \"003\"\nc: true\nd: ~\ne: 2017-02-28\nf: 1.5\ng: 是\nh: !!str 12\n");
        assert_eq!(
            d.value,
            json!({"a": 3, "b": "003", "c": true, "e": "2017-02-28", "f": 1.5, "g": "是", "h": "12"})
        );
    }

    #[test]
    fn spans_point_at_values_in_characters() {
        let text = "name: 临时救助\nmaterials:\n  - name: 其他材料\n";
        let d = doc(text);
        let path = parse_path("materials[0].name");
        let span = d.spans.find(&path).unwrap().span;
        assert_eq!((span.start.line, span.start.column, span.len), (3, 11, 4));
        let chars: String = text
            .chars()
            .skip(span.start.offset as usize)
            .take(4)
            .collect();
        assert_eq!(chars, "其他材料");
        assert_eq!(d.spans.key_span(&path).unwrap().start.column, 5);
    }

    #[test]
    fn empty_values_are_absent() {
        assert_eq!(doc("a:\nb: x\n").value, json!({"b": "x"}));
    }

    #[test]
    fn empty_text_is_no_document() {
        assert!(parse("").unwrap().is_none());
        assert!(parse("# only a comment\n").unwrap().is_none());
    }

    #[test]
    fn duplicate_keys_keep_the_first() {
        let d = doc("a: 1\na: 2\n");
        assert_eq!(d.value, json!({"a": 1}));
        assert_eq!(d.duplicate_keys.len(), 1);
        assert_eq!(d.duplicate_keys[0].1.start.line, 2);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        let err = parse(&text).unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::TooManyNodes);
    }

    #[test]
    fn small_aliases_expand() {
        assert_eq!(doc("a: &x [1]\nb: *x\n").value, json!({"a": [1], "b": [1]}));
    }

    #[test]
    fn an_alias_as_key_is_the_anchored_text() {
        // The key is the scalar as written (not its value 3), placed where
        // the anchored node starts (its `&x`).
        let d = doc("a: &x 003\n*x : v\n&k b: 1\nc: *k\n");
        assert_eq!(d.value, json!({"a": 3, "003": "v", "b": 1, "c": "b"}));
        let key = d.spans.key_span(&parse_path("003")).unwrap();
        assert_eq!((key.start.line, key.start.column), (1, 4));
    }

    #[test]
    fn collections_as_keys_are_refused() {
        assert_eq!(
            parse("? [1]\n: 2\n").unwrap_err().kind,
            YamlErrorKind::ComplexKey
        );
        let err = parse("a: &s [1]\n? *s\n: 2\n").unwrap_err();
        assert_eq!(
            (err.kind, err.pos.line, err.pos.column),
            (YamlErrorKind::ComplexKey, 1, 4)
        );
    }

    #[test]
    fn nested_duplicate_keys_have_paths() {
        let d = doc("a:\n  - b: 1\n    b: 2\n");
        assert_eq!(d.value, json!({"a": [{"b": 1}]}));
        assert_eq!(d.duplicate_keys[0].0, parse_path("a[0].b"));
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(&text).unwrap_err().kind, YamlErrorKind::TooDeep);
        let mut block = String::new();
        for depth in 0..10_000 {
            block.push_str(&" ".repeat(depth));
            block.push_str("- \n");
        }
        assert!(parse(&block).is_err());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(matches!(err.kind, YamlErrorKind::Syntax(_)));
        assert!(err.pos.line >= 1);
    }

    #[test]
    fn two_documents_are_refused() {
        assert_eq!(
            parse("a: 1\n---\nb: 2\n").unwrap_err().kind,
            YamlErrorKind::MultipleDocuments
        );
    }
}
