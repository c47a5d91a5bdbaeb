//! Reads a json export (`qingdan export --format json`) one item at a time:
//! a visitor over the document hands each item to a [`Sink`] as soon as it
//! is read, so an export of any size is read in the memory of one item.

use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::Record;

/// The summary part of an export that the measures need.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Head {
    pub region: Region,
    pub departments: Vec<Registered>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Region {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Registered {
    pub id: String,
    pub name: String,
}

/// Where the parts of an export go as they are read.
pub trait Sink {
    /// The summary (before the items in what qingdan writes).
    fn head(&mut self, head: Head);
    fn item(&mut self, record: Record);
}

/// Why an export could not be read: the message and, when the json itself
/// is at fault, its 1-based line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.line, self.column, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

/// Reads the export from `reader` into `sink`. The reader should be
/// buffered.
pub fn read(reader: impl Read, sink: &mut dyn Sink) -> Result<(), ReadError> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let result = Document { sink }
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    result.map_err(|e| ReadError {
        message: strip_position(&e.to_string()),
        line: e.line(),
        column: e.column(),
    })
}

/// serde_json appends " at line L column C"; the position is kept apart.
fn strip_position(text: &str) -> String {
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text.to_string(),
    }
}

struct Document<'s> {
    sink: &'s mut dyn Sink,
}

impl<'de> DeserializeSeed<'de> for Document<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a qingdan json export: {\"catalog\": {…}, \"items\": […]}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen_items = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "catalog" => self.sink.head(map.next_value()?),
                "items" => {
                    map.next_value_seed(Items {
                        sink: &mut *self.sink,
                    })?;
                    seen_items = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if seen_items {
            Ok(())
        } else {
            Err(de::Error::missing_field("items"))
        }
    }
}

struct Items<'s> {
    sink: &'s mut dyn Sink,
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(record) = seq.next_element::<Record>()? {
            self.sink.item(record);
        }
        Ok(())
    }
}
