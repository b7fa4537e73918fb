//! `datapackage.json`: a Frictionless Data Package (v2) describing a set's
//! CSV files (and `evaluation.csv` where there is one): their typed
//! fields, the codes a coded field may hold (`enum`), the money unit, the
//! primary keys, the foreign keys to projects, and the licence and
//! source from `site.toml`, so that any validator can check the CSV files
//! against it. Each text field's description says how the CSV guards
//! formula triggers ([`crate::formula`]), so that a reader of the data
//! knows to drop the `'` the guard adds.

use serde_json::{Value, json};

use crate::error::Result;
use crate::model::Site;
use crate::render::plan::{Scope, SetFormat};

use super::fields::{self, Field, FieldType, PROJECT_KEY};
use super::{scope_title, writer_error};

pub(crate) const PACKAGE_PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";
const SCHEMA_PROFILE: &str = "https://datapackage.org/profiles/2.0/tableschema.json";
const DIALECT_PROFILE: &str = "https://datapackage.org/profiles/2.0/tabledialect.json";

/// The package name: lower-case, as the standard asks.
fn package_name(scope: &Scope) -> String {
    match scope {
        Scope::Year(y) => format!("gongkai-{y}"),
        Scope::DepartmentYear(code, y) => format!("gongkai-{y}-{code}"),
    }
}

/// Said of every text field: the CSV files guard formula triggers.
const FORMULA_GUARD: &str = "CSV 文件中，以 =、+、-、@、制表符或回车开头且不是数字的文本，\
     前面加了一个英文单引号 '，以免电子表格软件把它当作公式执行（CSV 注入防护）；\
     数据本身不含这个单引号，读取时请去掉";

fn schema_fields(fields: &[Field], unit: &str) -> Vec<Value> {
    fields
        .iter()
        .map(|f| {
            let mut description = f.describe(unit);
            if f.kind == FieldType::String {
                description.push('。');
                description.push_str(FORMULA_GUARD);
            }
            let mut field = json!({
                "name": f.name,
                "title": f.title,
                "type": f.kind,
                "description": description,
            });
            if f.enumerated {
                let codes: Vec<&str> = f.labels.codes().collect();
                field["constraints"] = json!({ "enum": codes });
            }
            field
        })
        .collect()
}

/// The size and SHA-256 of one CSV file the package describes, which its
/// resource states (`bytes`, `hash`), so that a reader can check the file
/// against the package.
#[derive(Debug, Clone)]
pub(crate) struct FileHash {
    pub bytes: u64,
    pub sha256: String,
}

impl FileHash {
    /// Of the file made of `header` followed by `bodies`, as written.
    pub(crate) fn of(header: &[u8], bodies: &[&[u8]]) -> FileHash {
        use sha2::{Digest as _, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(header);
        for body in bodies {
            hasher.update(body);
        }
        FileHash {
            bytes: (header.len() + bodies.iter().map(|b| b.len()).sum::<usize>()) as u64,
            sha256: crate::integrity::hex(&hasher.finalize()),
        }
    }
}

/// The package describing the CSV files of `scope`: `projects` and
/// `indicators` are the files' sizes and hashes, and `evaluation` those of
/// `evaluation.csv` when the scope has one.
pub(crate) fn describe(
    site: &Site,
    scope: &Scope,
    [projects, indicators]: [&FileHash; 2],
    evaluation: Option<&FileHash>,
) -> Result<Vec<u8>> {
    let config = &site.config;
    let unit = config.amount_unit.label();
    let open = &config.open_data;
    let dialect = json!({
        "$schema": DIALECT_PROFILE,
        "header": true,
        "delimiter": ",",
        "lineTerminator": "\r\n",
        "quoteChar": "\"",
    });
    let resource = |name: &str,
                    format: SetFormat,
                    title: &str,
                    fields: &[Field],
                    schema_extra: Value,
                    file: &FileHash| {
        let mut schema = json!({
            "$schema": SCHEMA_PROFILE,
            "fields": schema_fields(fields, unit),
        });
        if let (Some(schema), Value::Object(extra)) = (schema.as_object_mut(), schema_extra) {
            schema.extend(extra);
        }
        json!({
            "name": name,
            "type": "table",
            "path": format.file_name(),
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": if open.csv_bom { "utf-8-sig" } else { "utf-8" },
            "bytes": file.bytes,
            "hash": format!("sha256:{}", file.sha256),
            "title": title,
            "description": format!("{title}；金额单位：{unit}"),
            "dialect": dialect,
            "schema": schema,
        })
    };
    let key: Vec<&str> = PROJECT_KEY.to_vec();
    let mut indicator_key = key.clone();
    indicator_key.extend(["table", "row"]);
    let mut resources = vec![
        resource(
            "projects",
            SetFormat::ProjectsCsv,
            "项目清单：每个项目一行",
            fields::PROJECT_FIELDS,
            json!({ "primaryKey": key }),
            projects,
        ),
        resource(
            "indicators",
            SetFormat::IndicatorsCsv,
            "绩效指标：每个指标一行，以年度、单位编码和项目标识对应项目",
            &fields::indicator_fields(),
            json!({
                "primaryKey": indicator_key,
                "foreignKeys": [{
                    "fields": key,
                    "reference": { "resource": "projects", "fields": key },
                }],
            }),
            indicators,
        ),
    ];
    if let Some(file) = evaluation {
        resources.push(resource(
            "evaluation",
            SetFormat::EvaluationCsv,
            "绩效自评：每个有绩效自评表的项目一行，以年度、单位编码和项目标识对应项目；\
             执行率、总分（自评表未填时）、等级（自评表未填时）和达成情况计数为计算值",
            fields::EVALUATION_FIELDS,
            json!({
                "primaryKey": key,
                "foreignKeys": [{
                    "fields": key,
                    "reference": { "resource": "projects", "fields": key },
                }],
            }),
            file,
        ));
    }
    let source = match &open.source {
        Some(s) => serde_json::to_value(s),
        None => Ok(json!({ "title": config.title })),
    }
    .map_err(|e| writer_error("datapackage.json", e))?;
    let mut package = json!({
        "$schema": PACKAGE_PROFILE,
        "name": package_name(scope),
        "title": format!("{} {}", config.title, scope_title(site, scope)),
        "description": format!(
            "{} 项目支出绩效目标公开数据。金额单位：{unit}，金额为精确小数，未经四舍五入。",
            scope_title(site, scope)
        ),
        "sources": [without_nulls(source)],
        "resources": resources,
    });
    if let Some(license) = &open.license {
        let license =
            serde_json::to_value(license).map_err(|e| writer_error("datapackage.json", e))?;
        package["licenses"] = json!([without_nulls(license)]);
    }
    let mut bytes =
        serde_json::to_vec_pretty(&package).map_err(|e| writer_error("datapackage.json", e))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The standard forbids `null` where a property is optional: drop them.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).collect())
        }
        other => other,
    }
}
