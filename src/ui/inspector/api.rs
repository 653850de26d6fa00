//! APIs: their servers and security schemes, endpoints, parameters,
//! request and response bodies.

use super::data::type_picker_ui;
use super::{Inspector, choice_ui, named, pick_ui, row_ui, split_list, was_ui};
use crate::model::{
    Api, Body, Contact, Endpoint, FieldType, Id, KeyLocation, Method, ParamLocation, Parameter,
    Requirement, Response, SchemeKind, Scope, SecurityScheme, Shape,
};

impl Inspector<'_> {
    pub(super) fn api_ui(&mut self, ui: &mut egui::Ui, x: &mut Api) {
        let services: Vec<(Id, String)> = self.containers(|c| c.kind.runs_code());
        egui::Grid::new("api").num_columns(2).show(ui, |ui| {
            self.text_row_ui(ui, "Name", &mut x.name, false);
            self.text_row_ui(ui, "Version", &mut x.version, false);
            self.text_row_ui(ui, "Base path", &mut x.base_path, false);
            let mut servers = x.servers.join(", ");
            self.text_row_ui(ui, "Servers", &mut servers, false);
            x.servers = split_list(&servers);
            self.text_row_ui(ui, "Description", &mut x.description, true);
            row_ui(ui, "Service", |ui, row| {
                pick_ui(ui, row, "service", &mut x.service, &services);
            });
        });
        contact_ui(self, ui, &mut x.contact);
        ui.separator();
        self.schemes_ui(ui, x);
        ui.separator();
        ui.strong(format!("Endpoints ({})", x.endpoints.len()));
        let schemes = x.security_schemes.clone();
        let api = x.id.clone();
        let mut remove = None;
        for (i, ep) in x.endpoints.iter_mut().enumerate() {
            let header = format!("{} {}", ep.method.as_str(), ep.path);
            egui::CollapsingHeader::new(header)
                .id_salt(("ep", i))
                .show(ui, |ui| {
                    self.endpoint_ui(ui, i, &api, ep, &schemes);
                    if ui.small_button("Remove endpoint").clicked() {
                        remove = Some(i);
                    }
                });
        }
        if let Some(i) = remove {
            x.endpoints.remove(i);
        }
        if ui.button("+ Endpoint").clicked() {
            let mut n = x.endpoints.len() + 1;
            let mut op = format!("operation{n}");
            while x.endpoints.iter().any(|e| e.operation_id == op) {
                n += 1;
                op = format!("operation{n}");
            }
            let mut ep = Endpoint::new(Method::Get, format!("/resource{n}"), op);
            ep.responses.push(Response {
                status: 200,
                description: "OK".into(),
                body: None,
            });
            if let Some(s) = schemes.first().map(|s| &s.name) {
                ep.security.push(Requirement {
                    scheme: s.clone(),
                    scopes: Vec::new(),
                });
            }
            x.endpoints.push(ep);
        }
    }

    pub(super) fn endpoint_ui(
        &mut self,
        ui: &mut egui::Ui,
        i: usize,
        api: &str,
        ep: &mut Endpoint,
        schemes: &[SecurityScheme],
    ) {
        let entities: Vec<(Id, String)> = self
            .doc
            .entities
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect();
        egui::Grid::new(("endpoint", i))
            .num_columns(2)
            .show(ui, |ui| {
                row_ui(ui, "Method", |ui, row| {
                    let salt = ("method", i);
                    let r = choice_ui(ui, salt, None, &mut ep.method, &Method::ALL, |m| {
                        m.as_str().into()
                    });
                    named(r, row, "choice");
                });
                self.text_row_ui(ui, "Path", &mut ep.path, false);
                let before = ep.operation_id.clone();
                self.text_row_ui(ui, "Operation id", &mut ep.operation_id, false);
                self.record_rename(api, &before, &ep.operation_id, &mut ep.was);
                if ep.was.is_some() {
                    row_ui(ui, "", |ui, _| was_ui(ui, &mut ep.was));
                }
                self.text_row_ui(ui, "Summary", &mut ep.summary, false);
                row_ui(ui, "Options", |ui, _| {
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut ep.paginated, "paginated");
                        ui.checkbox(&mut ep.public, "public");
                    });
                });
                let mut roles = ep.roles.join(", ");
                self.text_row_ui(ui, "Roles", &mut roles, false);
                ep.roles = split_list(&roles);
                row_ui(ui, "Request", |ui, row| {
                    body_picker_ui(ui, row, &format!("req-{i}"), &mut ep.request, &entities);
                });
            });
        requirements_ui(ui, i, ep, schemes);
        ui.label("Parameters");
        let mut remove = None;
        for (j, p) in ep.parameters.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let r = ui
                    .add(egui::TextEdit::singleline(&mut p.name).desired_width(110.0))
                    .accessible_name("Parameter name");
                if r.lost_focus() {
                    self.focus_lost = true;
                }
                let places = [
                    ParamLocation::Path,
                    ParamLocation::Query,
                    ParamLocation::Header,
                ];
                let salt = ("param-in", i, j);
                choice_ui(ui, salt, Some(70.0), &mut p.location, &places, |l| {
                    format!("{l:?}")
                })
                .accessible_name("choice");
                type_picker_ui(ui, &format!("param-ty-{i}-{j}"), &mut p.ty, self.doc);
                ui.checkbox(&mut p.required, "req.");
                if ui.small_button("×").clicked() {
                    remove = Some(j);
                }
            });
        }
        if let Some(j) = remove {
            ep.parameters.remove(j);
        }
        if ui.small_button("+ Parameter").clicked() {
            ep.parameters.push(Parameter {
                name: format!("param{}", ep.parameters.len() + 1),
                location: ParamLocation::Query,
                ty: FieldType::Text,
                required: false,
                description: String::new(),
            });
        }
        ui.label("Responses");
        let mut remove = None;
        for (j, r) in ep.responses.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.add(egui::DragValue::new(&mut r.status).range(100..=599))
                    .accessible_name("Status");
                let t = ui
                    .add(egui::TextEdit::singleline(&mut r.description).desired_width(120.0))
                    .accessible_name("Response description");
                if t.lost_focus() {
                    self.focus_lost = true;
                }
                body_picker_ui(ui, "", &format!("resp-{i}-{j}"), &mut r.body, &entities);
                if ui.small_button("×").clicked() {
                    remove = Some(j);
                }
            });
        }
        if let Some(j) = remove {
            ep.responses.remove(j);
        }
        if ui.small_button("+ Response").clicked() {
            ep.responses.push(Response {
                status: 400,
                description: "Bad request".into(),
                body: None,
            });
        }
    }
}

pub(super) fn body_picker_ui(
    ui: &mut egui::Ui,
    name: &str,
    salt: &str,
    body: &mut Option<Body>,
    entities: &[(Id, String)],
) {
    let text = match body {
        None => "no body".to_owned(),
        Some(Body::Entity { entity, shape }) => format!("{entity} ({shape:?})"),
        Some(Body::List { entity }) => format!("list of {entity}"),
        Some(Body::Fields(f)) => format!("{} fields", f.len()),
    };
    named(
        egui::ComboBox::from_id_salt(salt)
            .selected_text(text)
            .width(160.0)
            .show_ui(ui, |ui| {
                if ui.selectable_label(body.is_none(), "no body").clicked() {
                    *body = None;
                }
                for (id, name) in entities {
                    for shape in [Shape::Read, Shape::Create, Shape::Update] {
                        let b = Body::Entity {
                            entity: id.clone(),
                            shape,
                        };
                        if ui
                            .selectable_label(
                                body.as_ref() == Some(&b),
                                format!("{name} ({shape:?})"),
                            )
                            .clicked()
                        {
                            *body = Some(b);
                        }
                    }
                    let b = Body::List { entity: id.clone() };
                    if ui
                        .selectable_label(body.as_ref() == Some(&b), format!("list of {name}"))
                        .clicked()
                    {
                        *body = Some(b);
                    }
                }
            })
            .response,
        name,
        "choice",
    );
}

impl Inspector<'_> {
    /// The API's security schemes: each editable, removable (with the
    /// requirements that name it), and "+ Scheme".
    fn schemes_ui(&mut self, ui: &mut egui::Ui, x: &mut Api) {
        ui.strong(format!("Security schemes ({})", x.security_schemes.len()));
        let mut remove = None;
        let mut renamed = None;
        for (i, s) in x.security_schemes.iter_mut().enumerate() {
            let header = format!("{} — {}", s.name, scheme_kind_text(&s.kind));
            egui::CollapsingHeader::new(header)
                .id_salt(("scheme", i))
                .show(ui, |ui| {
                    let before = s.name.clone();
                    self.scheme_ui(ui, i, s);
                    if s.name != before {
                        renamed = Some((before, s.name.clone()));
                    }
                    if ui
                        .small_button("Remove scheme")
                        .on_hover_text("Remove it, and the endpoint requirements that name it")
                        .clicked()
                    {
                        remove = Some(i);
                    }
                });
        }
        // Requirements refer to a scheme by name: they follow it.
        if let Some((from, to)) = renamed {
            for r in x.endpoints.iter_mut().flat_map(|e| e.security.iter_mut()) {
                if r.scheme == from {
                    r.scheme.clone_from(&to);
                }
            }
        }
        if let Some(i) = remove {
            let gone = x.security_schemes.remove(i).name;
            for e in &mut x.endpoints {
                e.security.retain(|r| r.scheme != gone);
            }
        }
        if ui
            .button("+ Scheme")
            .on_hover_text("Add a security scheme (bearer JWT; change its kind below)")
            .clicked()
        {
            let mut name = "bearer".to_owned();
            let mut n = 1;
            while x.scheme(&name).is_some() {
                n += 1;
                name = format!("bearer{n}");
            }
            x.security_schemes.push(SecurityScheme {
                name,
                kind: SchemeKind::BearerJwt,
                description: String::new(),
            });
        }
    }

    fn scheme_ui(&mut self, ui: &mut egui::Ui, i: usize, s: &mut SecurityScheme) {
        egui::Grid::new(("scheme-grid", i))
            .num_columns(2)
            .show(ui, |ui| {
                self.text_row_ui(ui, "Scheme name", &mut s.name, false);
                row_ui(ui, "Scheme kind", |ui, row| {
                    let kinds = [
                        SchemeKind::BearerJwt,
                        SchemeKind::OAuth2 {
                            authorization_url: String::new(),
                            token_url: String::new(),
                            scopes: Vec::new(),
                        },
                        SchemeKind::ApiKey {
                            location: KeyLocation::Header,
                            name: "X-API-Key".into(),
                        },
                    ];
                    let mut kind = kinds
                        .iter()
                        .position(|k| std::mem::discriminant(k) == std::mem::discriminant(&s.kind))
                        .unwrap_or(0);
                    let r = choice_ui(ui, ("scheme-kind", i), None, &mut kind, &[0, 1, 2], |k| {
                        scheme_kind_name(&kinds[*k]).into()
                    });
                    named(r, row, "scheme kind");
                    if std::mem::discriminant(&kinds[kind]) != std::mem::discriminant(&s.kind) {
                        s.kind = kinds[kind].clone();
                    }
                });
                self.text_row_ui(ui, "Scheme description", &mut s.description, false);
                match &mut s.kind {
                    SchemeKind::BearerJwt => {}
                    SchemeKind::OAuth2 {
                        authorization_url,
                        token_url,
                        ..
                    } => {
                        self.text_row_ui(ui, "Authorization URL", authorization_url, false);
                        self.text_row_ui(ui, "Token URL", token_url, false);
                    }
                    SchemeKind::ApiKey { location, name } => {
                        row_ui(ui, "Key in", |ui, row| {
                            let places =
                                [KeyLocation::Header, KeyLocation::Query, KeyLocation::Cookie];
                            let r = choice_ui(ui, ("key-in", i), None, location, &places, |l| {
                                format!("{l:?}").to_lowercase()
                            });
                            named(r, row, "key in");
                        });
                        self.text_row_ui(ui, "Key name", name, false);
                    }
                }
            });
        if let SchemeKind::OAuth2 { scopes, .. } = &mut s.kind {
            ui.label("Scopes");
            let mut remove = None;
            for (j, scope) in scopes.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    for (text, name, width) in [
                        (&mut scope.name, "Scope name", 110.0),
                        (&mut scope.description, "Scope description", 160.0),
                    ] {
                        let r = ui
                            .add(egui::TextEdit::singleline(text).desired_width(width))
                            .accessible_name(name);
                        if r.lost_focus() {
                            self.focus_lost = true;
                        }
                    }
                    if ui.small_button("×").on_hover_text("Remove scope").clicked() {
                        remove = Some(j);
                    }
                });
            }
            if let Some(j) = remove {
                scopes.remove(j);
            }
            if ui.small_button("+ Scope").clicked() {
                let mut n = scopes.len() + 1;
                while scopes.iter().any(|s| s.name == format!("scope{n}")) {
                    n += 1;
                }
                scopes.push(Scope {
                    name: format!("scope{n}"),
                    description: String::new(),
                });
            }
        }
    }
}

/// Who to ask about the API: name, email, address; no contact when all
/// three are empty.
fn contact_ui(ins: &mut Inspector<'_>, ui: &mut egui::Ui, contact: &mut Option<Contact>) {
    let mut c = contact.clone().unwrap_or_default();
    egui::Grid::new("api-contact")
        .num_columns(2)
        .show(ui, |ui| {
            ins.text_row_ui(ui, "Contact name", &mut c.name, false);
            ins.text_row_ui(ui, "Contact email", &mut c.email, false);
            ins.text_row_ui(ui, "Contact URL", &mut c.url, false);
        });
    *contact = (c != Contact::default()).then_some(c);
}

/// The endpoint's security: any one requirement grants access; each names
/// a scheme of the API and, for OAuth2, the scopes it needs.
fn requirements_ui(ui: &mut egui::Ui, i: usize, ep: &mut Endpoint, schemes: &[SecurityScheme]) {
    ui.label(if ep.security.is_empty() {
        "Security: none required"
    } else {
        "Security (any one of these grants access)"
    });
    let mut remove = None;
    for (j, req) in ep.security.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let names: Vec<String> = schemes.iter().map(|s| s.name.clone()).collect();
            let r = choice_ui(
                ui,
                ("req-scheme", i, j),
                Some(110.0),
                &mut req.scheme,
                &names,
                String::clone,
            );
            named(r, "Requirement scheme", "choice");
            let scheme = schemes.iter().find(|s| s.name == req.scheme);
            match scheme.map(|s| &s.kind) {
                Some(SchemeKind::OAuth2 { scopes, .. }) => {
                    for scope in scopes {
                        let mut on = req.scopes.contains(&scope.name);
                        if ui
                            .checkbox(&mut on, &scope.name)
                            .on_hover_text(&scope.description)
                            .changed()
                        {
                            if on {
                                req.scopes.push(scope.name.clone());
                            } else {
                                req.scopes.retain(|s| *s != scope.name);
                            }
                        }
                    }
                }
                Some(_) => {}
                None => {
                    ui.colored_label(ui.visuals().warn_fg_color, "no such scheme");
                }
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove requirement")
                .clicked()
            {
                remove = Some(j);
            }
        });
    }
    if let Some(j) = remove {
        ep.security.remove(j);
    }
    let unused = schemes
        .iter()
        .find(|s| !ep.security.iter().any(|r| r.scheme == s.name));
    let r = ui
        .add_enabled(unused.is_some(), egui::Button::new("+ Requirement").small())
        .on_hover_text("Require one more scheme (add schemes to the API first)");
    if r.clicked()
        && let Some(s) = unused
    {
        ep.security.push(Requirement {
            scheme: s.name.clone(),
            scopes: Vec::new(),
        });
    }
}

/// The kind of a scheme in words, for its header.
fn scheme_kind_text(kind: &SchemeKind) -> String {
    match kind {
        SchemeKind::BearerJwt => "bearer JWT".to_owned(),
        SchemeKind::OAuth2 { scopes, .. } => {
            format!("OAuth2, {}", crate::text::plural(scopes.len(), "scope"))
        }
        SchemeKind::ApiKey { location, name } => {
            format!(
                "API key {name} in {}",
                format!("{location:?}").to_lowercase()
            )
        }
    }
}

fn scheme_kind_name(kind: &SchemeKind) -> &'static str {
    match kind {
        SchemeKind::BearerJwt => "Bearer JWT",
        SchemeKind::OAuth2 { .. } => "OAuth2",
        SchemeKind::ApiKey { .. } => "API key",
    }
}
