//! An ordered JSON value: the OpenAPI document is built as a [`Node`] tree
//! whose maps keep the order their keys were inserted in, then written as
//! JSON (through serde_json) or YAML (through [`super::yaml`]).
//!
//! The order is part of the output's contract: the same model gives the same
//! bytes, and a one-field change to the model is a small diff. serde_json's
//! own `Value` sorts keys unless a crate-wide feature is switched on, which
//! would change every other user of serde_json in the crate; this small tree
//! keeps the choice local.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A JSON value whose objects keep their key order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    Bool(bool),
    Int(i64),
    /// Always finite: non-finite numbers have no JSON form and are never built.
    Float(f64),
    Str(String),
    List(Vec<Node>),
    Map(Map),
}

#[cfg(test)]
impl Node {
    /// The text of a string node.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The map of an object node.
    pub(crate) fn as_map(&self) -> Option<&Map> {
        match self {
            Self::Map(m) => Some(m),
            _ => None,
        }
    }
}

impl From<&str> for Node {
    fn from(s: &str) -> Self {
        Self::Str(s.to_owned())
    }
}

impl From<String> for Node {
    fn from(s: String) -> Self {
        Self::Str(s)
    }
}

impl From<&String> for Node {
    fn from(s: &String) -> Self {
        Self::Str(s.clone())
    }
}

impl From<bool> for Node {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}

impl From<i64> for Node {
    fn from(n: i64) -> Self {
        Self::Int(n)
    }
}

impl From<u32> for Node {
    fn from(n: u32) -> Self {
        Self::Int(i64::from(n))
    }
}

impl From<Map> for Node {
    fn from(m: Map) -> Self {
        Self::Map(m)
    }
}

impl From<Vec<Node>> for Node {
    fn from(v: Vec<Node>) -> Self {
        Self::List(v)
    }
}

/// A list of strings.
pub(crate) fn strings<I, S>(items: I) -> Node
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    Node::List(items.into_iter().map(|s| Node::Str(s.into())).collect())
}

/// An object whose keys keep their insertion order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Map(Vec<(String, Node)>);

impl Map {
    pub(crate) fn new() -> Self {
        Self(Vec::new())
    }

    /// Sets `key`: replaces the value in place when the key is there, else
    /// appends it.
    pub(crate) fn set(&mut self, key: impl Into<String>, value: impl Into<Node>) {
        let key = key.into();
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((key, value)),
        }
    }

    /// [`Map::set`], builder style.
    pub(crate) fn with(mut self, key: impl Into<String>, value: impl Into<Node>) -> Self {
        self.set(key, value);
        self
    }

    /// Sets `key` to `text` unless the text is empty.
    pub(crate) fn with_text(self, key: &str, text: &str) -> Self {
        if text.is_empty() {
            self
        } else {
            self.with(key, text)
        }
    }

    /// Sets `key` to the map unless it is empty.
    pub(crate) fn with_map(self, key: &str, map: Map) -> Self {
        if map.is_empty() {
            self
        } else {
            self.with(key, map)
        }
    }

    /// Sets `key` to the list unless it is empty.
    pub(crate) fn with_list(self, key: &str, list: Vec<Node>) -> Self {
        if list.is_empty() {
            self
        } else {
            self.with(key, list)
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Bool(b) => serializer.serialize_bool(*b),
            Self::Int(n) => serializer.serialize_i64(*n),
            Self::Float(x) => serializer.serialize_f64(*x),
            Self::Str(s) => serializer.serialize_str(s),
            Self::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Map(map) => map.serialize(serializer),
        }
    }
}

impl Serialize for Map {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            out.serialize_entry(k, v)?;
        }
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_insertion_order_and_set_replaces_in_place() {
        let mut m = Map::new().with("z", 1_i64).with("a", 2_i64);
        m.set("z", "again");
        let json = serde_json::to_string(&Node::Map(m)).expect("serializes");
        assert_eq!(json, r#"{"z":"again","a":2}"#);
    }

    #[test]
    fn empty_values_are_left_out_by_the_with_helpers() {
        let m = Map::new()
            .with_text("a", "")
            .with_map("b", Map::new())
            .with_list("c", Vec::new());
        assert!(m.is_empty());
    }
}
