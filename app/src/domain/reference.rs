//! The REST API's reference page (`/developers/api`): the OpenAPI document the server serves at
//! `/api/v1/openapi.json`, read into what the page lists: each operation with its parameters,
//! body and answers, and each type with its fields. The document's own texts are English.
use serde::{Deserialize, Serialize};

/// The whole reference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiReference {
    /// The API's version.
    pub version: String,
    /// Operations, grouped by tag in the document's order of tags.
    pub groups: Vec<OperationGroup>,
    /// The types answers and bodies use, by name.
    pub schemas: Vec<SchemaView>,
}

/// The operations of one tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationGroup {
    /// The tag.
    pub name: String,
    /// What it is about.
    pub description: String,
    /// Its operations, by path.
    pub operations: Vec<OperationView>,
}

/// One operation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationView {
    /// `GET`, `POST`...
    pub method: String,
    /// `/api/v1/cases/{number}`.
    pub path: String,
    /// Its first line.
    pub summary: String,
    /// The rest.
    pub description: String,
    /// Its parameters.
    pub parameters: Vec<ParameterView>,
    /// The body it takes: media type and type name.
    pub request: Option<(String, String)>,
    /// Its answers: status, what it means, and the type of its body (if any).
    pub responses: Vec<(String, String, String)>,
    /// Whether it needs a token.
    pub needs_token: bool,
}

/// One parameter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParameterView {
    /// Its name.
    pub name: String,
    /// `path` or `query`.
    pub location: String,
    /// Required.
    pub required: bool,
    /// Its type.
    pub kind: String,
    /// What it is.
    pub description: String,
}

/// One type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaView {
    /// Its name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Its fields.
    pub fields: Vec<ParameterView>,
}

#[cfg(feature = "ssr")]
mod read {
    use super::*;
    use serde_json::Value;

    fn text(v: &Value, key: &str) -> String {
        v.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }

    /// A schema's type as people read it: `string`, `integer`, `Case`, `[Comment]`, `string | null`.
    fn kind(schema: &Value) -> String {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            return r.rsplit('/').next().unwrap_or(r).to_string();
        }
        for combined in ["oneOf", "anyOf", "allOf"] {
            if let Some(list) = schema.get(combined).and_then(Value::as_array) {
                return list.iter().map(kind).collect::<Vec<_>>().join(" | ");
            }
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return values
                .iter()
                .map(|v| v.as_str().map(str::to_string).unwrap_or(v.to_string()))
                .collect::<Vec<_>>()
                .join(" | ");
        }
        match schema.get("type") {
            Some(Value::String(t)) if t == "array" => {
                format!("[{}]", schema.get("items").map(kind).unwrap_or_default())
            }
            Some(Value::String(t)) => match schema.get("format").and_then(Value::as_str) {
                Some(f) => format!("{t} ({f})"),
                None => t.clone(),
            },
            Some(Value::Array(types)) => types
                .iter()
                .filter_map(Value::as_str)
                .map(|t| {
                    if t == "array" {
                        format!("[{}]", schema.get("items").map(kind).unwrap_or_default())
                    } else {
                        t.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" | "),
            _ => String::new(),
        }
    }

    /// The body's media type and type, the first of its contents.
    fn content(v: &Value) -> Option<(String, String)> {
        let (media, c) = v.get("content")?.as_object()?.iter().next()?;
        Some((media.clone(), c.get("schema").map(kind).unwrap_or_default()))
    }

    impl ApiReference {
        /// The reference of an OpenAPI 3.1 document (JSON); an unreadable one gives an empty one.
        pub fn of_document(json: &str) -> Self {
            let Ok(doc) = serde_json::from_str::<Value>(json) else {
                return Self::default();
            };
            let mut groups: Vec<OperationGroup> = doc
                .get("tags")
                .and_then(Value::as_array)
                .map(|tags| {
                    tags.iter()
                        .map(|t| OperationGroup {
                            name: text(t, "name"),
                            description: text(t, "description"),
                            operations: Vec::new(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let global_security = doc.get("security").is_some();
            if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
                for (path, item) in paths {
                    let Some(item) = item.as_object() else {
                        continue;
                    };
                    for (method, op) in item {
                        if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                            continue;
                        }
                        let parameters = op
                            .get("parameters")
                            .and_then(Value::as_array)
                            .map(|ps| {
                                ps.iter()
                                    .map(|p| ParameterView {
                                        name: text(p, "name"),
                                        location: text(p, "in"),
                                        required: p
                                            .get("required")
                                            .and_then(Value::as_bool)
                                            .unwrap_or(false),
                                        kind: p.get("schema").map(kind).unwrap_or_default(),
                                        description: text(p, "description"),
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        let responses = op
                            .get("responses")
                            .and_then(Value::as_object)
                            .map(|rs| {
                                rs.iter()
                                    .map(|(status, r)| {
                                        (
                                            status.clone(),
                                            text(r, "description"),
                                            content(r).map(|(_, k)| k).unwrap_or_default(),
                                        )
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        let needs_token = op
                            .get("security")
                            .and_then(Value::as_array)
                            .map(|s| !s.is_empty())
                            .unwrap_or(global_security);
                        let operation = OperationView {
                            method: method.to_uppercase(),
                            path: path.clone(),
                            summary: text(op, "summary"),
                            description: text(op, "description"),
                            parameters,
                            request: op.get("requestBody").and_then(content),
                            responses,
                            needs_token,
                        };
                        let tag = op
                            .get("tags")
                            .and_then(Value::as_array)
                            .and_then(|t| t.first())
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string();
                        match groups.iter_mut().find(|g| g.name == tag) {
                            Some(g) => g.operations.push(operation),
                            None => groups.push(OperationGroup {
                                name: tag,
                                description: String::new(),
                                operations: vec![operation],
                            }),
                        }
                    }
                }
            }
            groups.retain(|g| !g.operations.is_empty());
            let schemas = doc
                .pointer("/components/schemas")
                .and_then(Value::as_object)
                .map(|all| {
                    all.iter()
                        .map(|(name, s)| {
                            let required: Vec<&str> = s
                                .get("required")
                                .and_then(Value::as_array)
                                .map(|r| r.iter().filter_map(Value::as_str).collect())
                                .unwrap_or_default();
                            let fields = s
                                .get("properties")
                                .and_then(Value::as_object)
                                .map(|props| {
                                    props
                                        .iter()
                                        .map(|(field, p)| ParameterView {
                                            name: field.clone(),
                                            location: String::new(),
                                            required: required.contains(&field.as_str()),
                                            kind: kind(p),
                                            description: text(p, "description"),
                                        })
                                        .collect()
                                })
                                .unwrap_or_default();
                            SchemaView {
                                name: name.clone(),
                                description: text(s, "description"),
                                fields,
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            Self {
                version: doc
                    .pointer("/info/version")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                groups,
                schemas,
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_document_reads_into_operations_and_types() {
            let doc = r##"{"openapi":"3.1.0","info":{"version":"1.0"},
              "tags":[{"name":"cases","description":"Support cases"}],
              "paths":{"/api/v1/cases/{number}":{"get":{"tags":["cases"],
                "summary":"One case","description":"More.",
                "parameters":[{"name":"number","in":"path","required":true,
                  "schema":{"type":"string"},"description":"Its number"}],
                "responses":{"200":{"description":"The case","content":{"application/json":
                  {"schema":{"$ref":"#/components/schemas/Case"}}}},
                  "404":{"description":"No such case"}},
                "security":[{"token":[]}]}}},
              "components":{"schemas":{"Case":{"type":"object","description":"A case",
                "required":["number"],"properties":{"number":{"type":"string"},
                "tags":{"type":["array","null"],"items":{"type":"string"}}}}}}}"##;
            let r = ApiReference::of_document(doc);
            assert_eq!(r.version, "1.0");
            assert_eq!(r.groups.len(), 1);
            let op = &r.groups[0].operations[0];
            assert_eq!(
                (op.method.as_str(), op.path.as_str()),
                ("GET", "/api/v1/cases/{number}")
            );
            assert!(op.needs_token);
            assert_eq!(op.parameters[0].name, "number");
            assert!(op.parameters[0].required);
            assert_eq!(
                op.responses,
                vec![
                    ("200".into(), "The case".into(), "Case".into()),
                    ("404".into(), "No such case".into(), String::new())
                ]
            );
            let case = &r.schemas[0];
            assert_eq!(case.name, "Case");
            assert!(case.fields.iter().any(|f| f.name == "number" && f.required));
            assert!(
                case.fields
                    .iter()
                    .any(|f| f.name == "tags" && f.kind == "[string] | null" && !f.required)
            );
            assert_eq!(
                ApiReference::of_document("not json"),
                ApiReference::default()
            );
        }
    }
}
