//! The OpenAPI export, checked by tools that are not ours: every API of
//! every sample, of the shop sample with generated CRUD endpoints, and of a
//! generated model full of hostile names and descriptions, in YAML and JSON,
//! must pass
//! - `openapi-spec-validator` (PyPI): "OK" for each document, and
//! - `redocly lint` (@redocly/cli, its built-in recommended rules): 0 errors
//!   (warnings such as a missing licence or tag descriptions are fine: the
//!   model has no place for them);
//!
//! and PyYAML, a YAML 1.1 reader like many OpenAPI tools, must read each
//! YAML document as the same value as its JSON twin.
//!
//! The tools come from `ARCHDESK_OPENAPI_SPEC_VALIDATOR` and
//! `ARCHDESK_REDOCLY` (set by `scripts/test`, which installs them under
//! `target/tools/openapi`), else from that folder, else from PATH. When
//! `ARCHDESK_REQUIRE_ENGINES=1` a missing tool fails the test; otherwise the
//! test says what it skipped and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use archdesk::check;
use archdesk::export::{self, Format, Options};
use archdesk::model::{
    Api, Body, Contact, Container, ContainerKind, DefaultValue, Document, Endpoint, Entity,
    EnumType, Field, FieldType, KeyLocation, Method, ParamLocation, Parameter, Requirement,
    Response, SchemeKind, Scope, SecurityScheme, Sensitivity, Shape, SoftwareSystem,
    crud_endpoints,
};

mod common;
use common::{load_sample, load_samples, on_path, require_engines, root, temp_dir};

#[allow(clippy::print_stderr)]
fn note(message: &str) {
    eprintln!("note: {message}");
}

/// A tool: from its variable, else the scripts/test install, else PATH.
fn find_tool(var: &str, installed: &str, name: &str) -> Option<PathBuf> {
    if let Some(v) = std::env::var_os(var).filter(|v| !v.is_empty()) {
        let p = PathBuf::from(v);
        if p.is_file() {
            return Some(p);
        }
        assert!(
            !require_engines(),
            "{var} names {}, which does not exist",
            p.display()
        );
        return None;
    }
    let local = root().join("target/tools/openapi").join(installed);
    if local.is_file() {
        return Some(local);
    }
    on_path(name)
}

/// The tool, or `None` after a note; a failure when tools are required.
fn tool(var: &str, installed: &str, name: &str) -> Option<PathBuf> {
    let found = find_tool(var, installed, name);
    if found.is_none() {
        assert!(
            !require_engines(),
            "{name} is required (ARCHDESK_REQUIRE_ENGINES=1) but was not found: set {var} or run scripts/test"
        );
        note(&format!(
            "{name} not found (set {var} or run scripts/test); its checks are skipped"
        ));
    }
    found
}

// ---- The documents ---------------------------------------------------------

/// Writes both encodings of every API of the model; returns the YAML/JSON
/// path pairs.
fn write_documents(doc: &Document, prefix: &str, dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let yaml = export::export(doc, Format::Openapi, &Options::default())
        .unwrap_or_else(|e| panic!("{prefix}: {e}"));
    let json = export::export(doc, Format::OpenapiJson, &Options::default())
        .unwrap_or_else(|e| panic!("{prefix}: {e}"));
    assert_eq!(yaml.len(), json.len());
    yaml.iter()
        .zip(&json)
        .map(|(y, j)| {
            let yp = dir.join(format!("{prefix}--{}", y.file_name));
            let jp = dir.join(format!("{prefix}--{}", j.file_name));
            std::fs::write(&yp, &y.text).expect("write yaml");
            std::fs::write(&jp, &j.text).expect("write json");
            (yp, jp)
        })
        .collect()
}

fn assert_no_errors(doc: &Document, what: &str) {
    let findings = check::check(doc);
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f.severity == check::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// The shop sample with CRUD endpoints generated for entities its APIs do
/// not fully expose, one with a composite primary key among them.
fn shop_with_crud() -> Document {
    let mut doc = load_sample("shop");
    for (api, entity) in [
        ("catalog-api", "categories"),
        ("order-api", "order-items"),
        ("order-api", "cart-items"),
        ("user-api", "users"),
    ] {
        let edit = crud_endpoints(&doc, api, entity).unwrap_or_else(|e| panic!("{e}"));
        edit.apply(&mut doc).unwrap_or_else(|e| panic!("{e}"));
    }
    assert_no_errors(&doc, "shop with CRUD endpoints");
    doc
}

/// Strings that break naive writers of YAML, JSON, HTML and SQL.
const HOSTILE: &[&str] = &[
    "yes",
    "No",
    "off",
    "null",
    "~",
    "true",
    "2024-01-01",
    "1.0",
    "0x1F",
    "1_000",
    "1:30",
    ".inf",
    "<<",
    "=",
    ": ",
    "a: b",
    "- ",
    "- item",
    "#",
    "# comment",
    "*star",
    "&anchor",
    "!bang",
    "%percent",
    "@at",
    "`tick",
    "|pipe",
    ">fold",
    "? key",
    "[flow, seq]",
    "{flow: map}",
    "it's \"quoted\"",
    "back\\slash",
    "</text><script>alert(1)</script>",
    "'; DROP TABLE users; --",
    "emoji 🦀🚀 ünïcödé",
    "---",
    "...",
    "tab\tinside",
    "bell\u{7}",
    "c1\u{80}control",
    "line\u{2028}separator",
    "\u{feff}bom",
    " padded ",
];

/// A long name, over 300 bytes, of multi-byte characters.
fn long_name() -> String {
    format!("{} {}", "ß".repeat(120), "x".repeat(80))
}

/// A model whose every name, description and value that may hold text
/// holds something hostile, and which the checker passes.
fn hostile_model() -> Document {
    let multi_line = format!(
        "First line: yes\n- not a list\n# not a comment\n{}\n\ttabbed\nlast line with trailing spaces   \n",
        HOSTILE.join(" | ")
    );
    let mut doc = Document::new(long_name());
    doc.description = multi_line.clone();
    doc.systems.push(SoftwareSystem::new("sys", "yes"));
    let mut svc = Container::new("svc", "sys", "null", ContainerKind::Service);
    svc.description = "</text><script>alert(1)</script>".into();
    svc.technology = "'; DROP TABLE users; --".into();
    doc.containers.push(svc);
    let mut db = Container::new("db", "sys", "~", ContainerKind::Database);
    db.technology = "PostgreSQL".into();
    doc.containers.push(db);

    let mut values: Vec<String> = HOSTILE.iter().map(|s| (*s).to_owned()).collect();
    values.push(long_name());
    doc.enums.push(EnumType {
        id: "mood".into(),
        name: "mood".into(),
        values,
        comment: multi_line.clone(),
    });

    let mut e = Entity::new("things", "db", "'; DROP TABLE things; --");
    e.comment = multi_line.clone();
    e.retention = "yes".into();
    e.fields.push(Field {
        identity: true,
        comment: "# id".into(),
        ..Field::new("id", FieldType::BigInt)
    });
    let hostile_types = [
        FieldType::Text,
        FieldType::Varchar(300),
        FieldType::Decimal(12, 2),
        FieldType::TimestampTz,
        FieldType::Timestamp,
        FieldType::Time,
        FieldType::Date,
        FieldType::Bool,
        FieldType::Json,
        FieldType::Bytes,
        FieldType::Double,
        FieldType::SmallInt,
        FieldType::Uuid,
        FieldType::Enum("mood".into()),
        FieldType::Array(Box::new(FieldType::Enum("mood".into()))),
    ];
    for (i, name) in HOSTILE.iter().enumerate() {
        let ty = hostile_types[i % hostile_types.len()].clone();
        let sensitivity = match i % 3 {
            0 => Sensitivity::None,
            1 => Sensitivity::Personal,
            _ => Sensitivity::Secret,
        };
        e.fields.push(Field {
            nullable: i % 2 == 0,
            comment: HOSTILE[(i + 7) % HOSTILE.len()].to_owned(),
            sensitivity,
            ..Field::new(*name, ty)
        });
    }
    e.fields.push(Field {
        default: Some(DefaultValue::Value("yes".into())),
        ..Field::new(long_name(), FieldType::Enum("mood".into()))
    });
    e.fields.push(Field {
        default: Some(DefaultValue::Value("2024-01-01".into())),
        ..Field::new("on", FieldType::Text)
    });
    e.fields.push(Field {
        default: Some(DefaultValue::Value("1.5".into())),
        ..Field::new("ratio", FieldType::Double)
    });
    e.primary_key.push("id".into());
    doc.entities.push(e);

    let mut api = Api::new("hostile-api", "svc", long_name());
    api.version = "2024-01-01".into();
    api.base_path = "/v1/".into();
    api.servers = vec!["https://api.example.com/".into()];
    api.description = multi_line.clone();
    api.contact = Some(Contact {
        name: "'; DROP TABLE contacts; --".into(),
        email: "team@example.com".into(),
        url: "https://example.com/team".into(),
    });
    api.security_schemes = vec![
        SecurityScheme {
            name: "o auth: yes".into(),
            kind: SchemeKind::OAuth2 {
                authorization_url: "https://auth.example.com/authorize".into(),
                token_url: "https://auth.example.com/token".into(),
                scopes: HOSTILE
                    .iter()
                    .take(12)
                    .map(|s| Scope {
                        name: format!("scope {s}"),
                        description: (*s).to_owned(),
                    })
                    .collect(),
            },
            description: "</text><script>".into(),
        },
        SecurityScheme {
            name: "null".into(),
            kind: SchemeKind::ApiKey {
                location: KeyLocation::Header,
                name: "X-Api-Key".into(),
            },
            description: "yes".into(),
        },
        SecurityScheme {
            name: "#".into(),
            kind: SchemeKind::BearerJwt,
            description: String::new(),
        },
    ];
    let tags: Vec<String> = ["yes", "- dash", "🦀", "</text><script>"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let query: Vec<Parameter> = ["yes", "null", "- x", "#q", "2024-01-01"]
        .iter()
        .enumerate()
        .map(|(i, name)| Parameter {
            name: (*name).to_owned(),
            location: ParamLocation::Query,
            ty: hostile_types[i].clone(),
            required: i == 0,
            description: HOSTILE[i + 10].to_owned(),
        })
        .collect();
    let thing = |shape| {
        Some(Body::Entity {
            entity: "things".into(),
            shape,
        })
    };

    let mut list = Endpoint::new(Method::Get, "/things", "listThings");
    list.summary = "yes".into();
    list.description = multi_line.clone();
    list.tags = tags.clone();
    list.parameters = query;
    list.paginated = true;
    list.public = true;
    list.responses = vec![Response {
        status: 200,
        description: "null".into(),
        body: Some(Body::List {
            entity: "things".into(),
        }),
    }];
    api.endpoints.push(list);

    let mut create = Endpoint::new(Method::Post, "/things", "createThing");
    create.summary = "'; DROP TABLE things; --".into();
    create.tags = tags.clone();
    create.parameters = vec![Parameter {
        name: "Idempotency-Key: yes".into(),
        location: ParamLocation::Header,
        ty: FieldType::Uuid,
        required: true,
        description: "#".into(),
    }];
    create.request = thing(Shape::Create);
    create.responses = vec![
        Response {
            status: 201,
            description: "</text><script>alert(1)</script>".into(),
            body: thing(Shape::Read),
        },
        Response {
            status: 409,
            description: "- already there".into(),
            body: None,
        },
    ];
    create.security = vec![Requirement {
        scheme: "o auth: yes".into(),
        scopes: vec!["scope yes".into(), "scope 1:30".into()],
    }];
    create.roles = vec!["yes".into(), "</text><script>".into()];
    api.endpoints.push(create);

    let id_param = Parameter {
        name: "thing_id".into(),
        location: ParamLocation::Path,
        ty: FieldType::BigInt,
        required: true,
        description: "~".into(),
    };
    let mut update = Endpoint::new(Method::Patch, "/things/{thing_id}", "updateThing");
    update.summary = long_name();
    update.parameters = vec![id_param.clone()];
    update.request = thing(Shape::Update);
    update.responses = vec![Response {
        status: 200,
        description: String::new(),
        body: thing(Shape::Read),
    }];
    update.security = vec![
        Requirement {
            scheme: "null".into(),
            scopes: Vec::new(),
        },
        Requirement {
            scheme: "#".into(),
            scopes: Vec::new(),
        },
    ];
    api.endpoints.push(update);

    let mut action = Endpoint::new(Method::Post, "/things/{thing_id}/yes", "yes");
    action.summary = "2024-01-01".into();
    action.parameters = vec![id_param];
    action.request = Some(Body::Fields(
        HOSTILE
            .iter()
            .take(20)
            .enumerate()
            .map(|(i, name)| Field {
                nullable: i % 3 == 0,
                sensitivity: if i % 4 == 0 {
                    Sensitivity::Secret
                } else {
                    Sensitivity::None
                },
                comment: HOSTILE[HOSTILE.len() - 1 - i].to_owned(),
                ..Field::new(*name, hostile_types[i % hostile_types.len()].clone())
            })
            .collect(),
    ));
    action.responses = vec![Response {
        status: 202,
        description: "off".into(),
        body: Some(Body::Fields(vec![
            Field::new("on", FieldType::Enum("mood".into())),
            Field {
                sensitivity: Sensitivity::Secret,
                ..Field::new("secret: yes", FieldType::Text)
            },
        ])),
    }];
    api.endpoints.push(action);
    doc.apis.push(api);
    assert_no_errors(&doc, "the hostile model");
    doc
}

// ---- The test --------------------------------------------------------------

fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn exported_documents_pass_independent_validators() {
    let spec_validator = tool(
        "ARCHDESK_OPENAPI_SPEC_VALIDATOR",
        "venv/bin/openapi-spec-validator",
        "openapi-spec-validator",
    );
    let redocly = tool("ARCHDESK_REDOCLY", "node_modules/.bin/redocly", "redocly");

    // ARCHDESK_KEEP_OPENAPI=DIR keeps the documents there for a look.
    let temp = temp_dir();
    let kept = std::env::var_os("ARCHDESK_KEEP_OPENAPI").map(PathBuf::from);
    if let Some(k) = &kept {
        std::fs::create_dir_all(k).expect("create ARCHDESK_KEEP_OPENAPI");
    }
    let dir = kept.as_deref().unwrap_or(temp.path());
    let mut pairs = Vec::new();
    for (path, doc) in load_samples() {
        if doc.apis.is_empty() {
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        pairs.extend(write_documents(&doc, &stem, dir));
    }
    assert!(pairs.len() >= 3, "the shop sample alone has three APIs");
    pairs.extend(write_documents(&shop_with_crud(), "shop-crud", dir));
    pairs.extend(write_documents(&hostile_model(), "hostile", dir));
    let files: Vec<&PathBuf> = pairs.iter().flat_map(|(y, j)| [y, j]).collect();

    if let Some(validator) = &spec_validator {
        let (ok, out) = run(Command::new(validator).args(&files));
        for f in &files {
            assert!(
                out.contains(&format!("{}: OK", f.display())),
                "openapi-spec-validator did not report OK for {}:\n{out}",
                f.display()
            );
        }
        assert!(ok, "openapi-spec-validator failed:\n{out}");

        // PyYAML (YAML 1.1) reads each YAML document as its JSON twin.
        let python = validator.with_file_name("python");
        let python = if python.is_file() {
            python
        } else {
            PathBuf::from("python3")
        };
        let script = r#"
import json, sys, yaml
bad = 0
args = sys.argv[1:]
for y, j in zip(args[0::2], args[1::2]):
    with open(y, encoding="utf-8") as a, open(j, encoding="utf-8") as b:
        if yaml.safe_load(a) != json.load(b):
            print(f"{y}: PyYAML reads a different value than the JSON")
            bad += 1
print(f"{len(args) // 2} YAML documents compared")
sys.exit(1 if bad else 0)
"#;
        let mut cmd = Command::new(&python);
        cmd.arg("-c").arg(script);
        for (y, j) in &pairs {
            cmd.arg(y).arg(j);
        }
        let (ok, out) = run(&mut cmd);
        assert!(ok, "YAML and JSON differ for PyYAML:\n{out}");
    }

    if let Some(redocly) = &redocly {
        let (ok, out) = run(Command::new(redocly)
            .current_dir(dir)
            .env("REDOCLY_TELEMETRY", "off")
            .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
            .env("NO_COLOR", "1")
            .args(["lint", "--format=summary"])
            .args(&files));
        assert!(ok, "redocly lint reported errors:\n{out}");
        assert_eq!(
            out.matches("validated in").count(),
            files.len(),
            "redocly did not lint every file:\n{out}"
        );
        assert!(
            !out.lines().any(|l| l.trim_start().starts_with("error")),
            "redocly lint reported errors:\n{out}"
        );
    }
}

/// Every string of a parsed document: keys and values, at any depth.
fn strings(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                strings(v, out);
            }
        }
        _ => {}
    }
}

#[test]
fn hostile_names_and_texts_come_back_exactly_from_yaml_and_json() {
    let doc = hostile_model();
    let read = |format: Format| -> std::collections::BTreeSet<String> {
        let files = export::export(&doc, format, &Options::default()).expect("export");
        let mut out = std::collections::BTreeSet::new();
        for a in files {
            let value: serde_json::Value = match format {
                Format::OpenapiJson => serde_json::from_str(&a.text).expect("JSON"),
                _ => serde_norway::from_str(&a.text).expect("YAML"),
            };
            strings(&value, &mut out);
        }
        out
    };
    let entity = doc.entity("things").expect("entity");
    // Field names are property names, comments their descriptions, the
    // enum's values its values, the entity's comment its description.
    let mut wanted: Vec<&str> = entity.fields.iter().map(|f| f.name.as_str()).collect();
    wanted.extend(
        entity
            .fields
            .iter()
            .map(|f| f.comment.as_str())
            .filter(|c| !c.is_empty()),
    );
    wanted.extend(doc.enums[0].values.iter().map(String::as_str));
    wanted.push(&entity.comment);
    for format in [Format::Openapi, Format::OpenapiJson] {
        let found = read(format);
        let missing: Vec<&&str> = wanted.iter().filter(|s| !found.contains(**s)).collect();
        assert!(
            missing.is_empty(),
            "{format}: not found exactly: {missing:?}"
        );
    }
}

#[test]
fn the_hostile_model_goes_through_every_output_and_the_terminal() {
    // The same hostile model as above, through the other formats: SQL runs
    // on SQLite with every table and column name as the model has it, the
    // SVG of each view is XML whose title is the scene's, and the check
    // report is printable.
    let mut doc = hostile_model();
    doc.views.push(archdesk::model::View::new(
        "containers",
        archdesk::model::ViewKind::Containers {
            system: "sys".into(),
        },
    ));
    let [sql] = export::export(&doc, Format::Sqlite, &Options::default())
        .expect("SQLite DDL")
        .try_into()
        .expect("one database");
    let conn = rusqlite::Connection::open_in_memory().expect("SQLite");
    conn.execute_batch(&sql.text).expect("the DDL runs");
    let entity = doc.entity("things").expect("entity");
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info(?1)")
        .expect("table info")
        .query_map([&entity.name], |r| r.get(0))
        .expect("columns")
        .collect::<Result<_, _>>()
        .expect("names");
    let fields: Vec<&str> = entity.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(columns, fields, "the table and its columns, named exactly");
    for svg in export::export(&doc, Format::Svg, &Options::default()).expect("SVG") {
        let xml = roxmltree::Document::parse(&svg.text).expect("well-formed XML");
        let title = xml
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(title.contains("yes"), "{}: {title}", svg.file_name);
    }
    let report =
        archdesk::cli::human_report(std::path::Path::new("hostile.ron"), &check::check(&doc));
    assert!(
        !report.chars().any(|c| c.is_control() && c != '\n'),
        "the report is printable: {report:?}"
    );
}
