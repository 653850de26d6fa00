//! APIs: their servers and security schemes, endpoints, parameters,
//! request and response bodies.

use super::data::type_picker_ui;
use super::{Inspector, choice_ui, named, pick_ui, row_ui, split_list};
use crate::model::{
    Api, Body, Endpoint, FieldType, Id, KeyLocation, Method, ParamLocation, Parameter, Requirement,
    Response, SchemeKind, Shape,
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
        ui.separator();
        ui.strong("Security schemes");
        for s in &x.security_schemes {
            let kind = match &s.kind {
                SchemeKind::BearerJwt => "bearer JWT".to_owned(),
                SchemeKind::OAuth2 { scopes, .. } => format!("OAuth2, {} scopes", scopes.len()),
                SchemeKind::ApiKey { location, name } => format!(
                    "API key {name} in {}",
                    match location {
                        KeyLocation::Header => "header",
                        KeyLocation::Query => "query",
                        KeyLocation::Cookie => "cookie",
                    }
                ),
            };
            ui.label(format!("{} — {kind}", s.name));
        }
        ui.separator();
        ui.strong(format!("Endpoints ({})", x.endpoints.len()));
        let schemes: Vec<String> = x.security_schemes.iter().map(|s| s.name.clone()).collect();
        let mut remove = None;
        for (i, ep) in x.endpoints.iter_mut().enumerate() {
            let header = format!("{} {}", ep.method.as_str(), ep.path);
            egui::CollapsingHeader::new(header)
                .id_salt(("ep", i))
                .show(ui, |ui| {
                    self.endpoint_ui(ui, i, ep, &schemes);
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
            if let Some(s) = schemes.first() {
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
        ep: &mut Endpoint,
        schemes: &[String],
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
                self.text_row_ui(ui, "Operation id", &mut ep.operation_id, false);
                self.text_row_ui(ui, "Summary", &mut ep.summary, false);
                row_ui(ui, "Options", |ui, _| {
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut ep.paginated, "paginated");
                        ui.checkbox(&mut ep.public, "public");
                    });
                });
                let mut scopes = ep
                    .security
                    .iter()
                    .map(|r| {
                        if r.scopes.is_empty() {
                            r.scheme.clone()
                        } else {
                            format!("{}: {}", r.scheme, r.scopes.join(" "))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                self.text_row_ui(ui, "Security", &mut scopes, false);
                ep.security = scopes
                    .split(';')
                    .filter_map(|alt| {
                        let alt = alt.trim();
                        if alt.is_empty() {
                            return None;
                        }
                        let (scheme, scopes) = alt.split_once(':').unwrap_or((alt, ""));
                        Some(Requirement {
                            scheme: scheme.trim().to_owned(),
                            scopes: scopes.split_whitespace().map(str::to_owned).collect(),
                        })
                    })
                    .collect();
                if !schemes.is_empty() {
                    row_ui(ui, "", |ui, _| {
                        ui.weak(format!(
                            "schemes: {} — write `scheme: scope scope; other`",
                            schemes.join(", ")
                        ));
                    });
                }
                let mut roles = ep.roles.join(", ");
                self.text_row_ui(ui, "Roles", &mut roles, false);
                ep.roles = split_list(&roles);
                row_ui(ui, "Request", |ui, row| {
                    body_picker_ui(ui, row, &format!("req-{i}"), &mut ep.request, &entities);
                });
            });
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
