//! The C4 elements — people, software systems, containers, components — and
//! the relationships between them.

use serde::{Deserialize, Serialize};

use super::{Accepted, Id, Tags};

fn is_false(b: &bool) -> bool {
    !*b
}

/// A person who uses the software: a customer, an operator, an administrator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Outside the organisation that owns the model (drawn in grey).
    #[serde(default, skip_serializing_if = "is_false")]
    pub external: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
}

impl Person {
    pub fn new(id: impl Into<Id>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            external: false,
            tags: Tags::new(),
            accepted: Vec::new(),
        }
    }
}

/// A software system: the highest level of abstraction, something that
/// delivers value to its users, whether built here or bought in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoftwareSystem {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Not built by the team that owns the model (a payment provider, say).
    #[serde(default, skip_serializing_if = "is_false")]
    pub external: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
}

impl SoftwareSystem {
    pub fn new(id: impl Into<Id>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            external: false,
            tags: Tags::new(),
            accepted: Vec::new(),
        }
    }
}

/// What a container is; decides its shape on diagrams and which exports and
/// rules apply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ContainerKind {
    Service,
    WebApp,
    MobileApp,
    Database,
    Cache,
    Queue,
    Topic,
    Gateway,
    Storage,
    Function,
    Other,
}

impl ContainerKind {
    /// Every kind, in the order pickers list them.
    pub const ALL: [Self; 11] = [
        Self::Service,
        Self::WebApp,
        Self::MobileApp,
        Self::Database,
        Self::Cache,
        Self::Queue,
        Self::Topic,
        Self::Gateway,
        Self::Storage,
        Self::Function,
        Self::Other,
    ];

    /// A human label, e.g. "Web app".
    pub fn label(self) -> &'static str {
        match self {
            Self::Service => "Service",
            Self::WebApp => "Web app",
            Self::MobileApp => "Mobile app",
            Self::Database => "Database",
            Self::Cache => "Cache",
            Self::Queue => "Queue",
            Self::Topic => "Topic",
            Self::Gateway => "Gateway",
            Self::Storage => "Storage",
            Self::Function => "Function",
            Self::Other => "Other",
        }
    }

    /// Stores data (entities may live in it).
    pub fn is_data_store(self) -> bool {
        matches!(self, Self::Database)
    }

    /// Carries messages (event types may flow through it).
    pub fn is_channel(self) -> bool {
        matches!(self, Self::Queue | Self::Topic)
    }

    /// Runs code that can offer an API.
    pub fn runs_code(self) -> bool {
        matches!(
            self,
            Self::Service | Self::Gateway | Self::Function | Self::WebApp
        )
    }
}

/// A container: a separately deployable or runnable unit — a service, an
/// application, a database, a queue — inside a software system.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Container {
    pub id: Id,
    /// The software system this container belongs to.
    pub system: Id,
    pub name: String,
    pub kind: ContainerKind,
    /// E.g. "Rust, axum" or "PostgreSQL 16".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub technology: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
}

impl Container {
    pub fn new(
        id: impl Into<Id>,
        system: impl Into<Id>,
        name: impl Into<String>,
        kind: ContainerKind,
    ) -> Self {
        Self {
            id: id.into(),
            system: system.into(),
            name: name.into(),
            kind,
            technology: String::new(),
            description: String::new(),
            tags: Tags::new(),
            accepted: Vec::new(),
        }
    }
}

/// A component: a grouping of related functionality inside a container.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: Id,
    /// The container this component lives in.
    pub container: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub technology: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
}

impl Component {
    pub fn new(id: impl Into<Id>, container: impl Into<Id>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            container: container.into(),
            name: name.into(),
            technology: String::new(),
            description: String::new(),
            tags: Tags::new(),
            accepted: Vec::new(),
        }
    }
}

/// Whether the caller waits for the answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Interaction {
    /// Request/response: the caller waits (drawn solid).
    #[default]
    Sync,
    /// Fire and forget, messages, events (drawn dashed).
    Async,
}

/// One element uses another: "Places orders using", "Reads from and writes to".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    pub id: Id,
    /// The element that acts (a person, system, container or component).
    pub from: Id,
    /// The element acted upon.
    pub to: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// E.g. "HTTPS/JSON", "gRPC", "Kafka".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub technology: String,
    #[serde(default, skip_serializing_if = "is_sync")]
    pub interaction: Interaction,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
}

fn is_sync(i: &Interaction) -> bool {
    *i == Interaction::Sync
}

impl Relationship {
    pub fn new(id: impl Into<Id>, from: impl Into<Id>, to: impl Into<Id>) -> Self {
        Self {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            description: String::new(),
            technology: String::new(),
            interaction: Interaction::Sync,
            tags: Tags::new(),
            accepted: Vec::new(),
        }
    }
}
