//! The import format (archive-format.md): types, validation, reading files.

pub mod format;
pub mod hetu;
pub mod validate;

use validate::Problem;

/// Parses a file's text; a syntax or type error names the JSON path.
pub fn parse(text: &str) -> Result<format::Archive, Problem> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        Problem {
            path: if path.is_empty() || path == "." {
                "(file)".into()
            } else {
                path
            },
            message: e.into_inner().to_string(),
        }
    })
}
