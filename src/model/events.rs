//! Events: the types of messages that flow through topics and queues, with
//! their payload, key, producers and consumers.

use serde::{Deserialize, Serialize};

use super::{Accepted, Field, Id};

/// One type of event or message, carried by a topic or queue container.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventType {
    pub id: Id,
    /// The event's name as it appears on the wire, e.g. `OrderPlaced`.
    pub name: String,
    /// The topic or queue container that carries it.
    pub channel: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The payload field used as the partition / message key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payload: Vec<Field>,
    /// Containers or components that publish it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub producers: Vec<Id>,
    /// Containers or components that consume it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consumers: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
}

impl EventType {
    pub fn new(id: impl Into<Id>, channel: impl Into<Id>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            channel: channel.into(),
            description: String::new(),
            key: None,
            payload: Vec::new(),
            producers: Vec::new(),
            consumers: Vec::new(),
            accepted: Vec::new(),
        }
    }
}
