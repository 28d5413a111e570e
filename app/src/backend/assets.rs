//! The built front-end files under `/pkg`. A release built with hashed names (`hash-files` in
//! Cargo.toml) has `portico.HASH.js`, `.wasm` and `.css`, and cargo-leptos writes the hashes to
//! `hash.txt` beside the binary; Leptos' `HydrationScripts` reads the script names from there and
//! [`stylesheet_href`] the stylesheet's.
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The length of cargo-leptos' hashes: an MD5 in unpadded base64url.
const HASH_LEN: usize = 22;

/// The hash file beside the running binary, if the build wrote one.
pub fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    let path = std::env::current_exe()
        .ok()?
        .parent()?
        .join(options.hash_file.as_ref());
    path.is_file().then_some(path)
}

/// `/pkg/portico.css`, or `/pkg/portico.HASH.css` when the files carry hashed names.
pub fn stylesheet_href(options: &LeptosOptions) -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        let hash = options
            .hash_files
            .then(|| hash_file(options))
            .flatten()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .and_then(|text| {
                text.lines()
                    .find_map(|line| line.strip_prefix("css:").map(|h| h.trim().to_string()))
            });
        let (pkg, name) = (&options.site_pkg_dir, &options.output_name);
        match hash {
            Some(hash) => format!("/{pkg}/{name}.{hash}.css"),
            None => format!("/{pkg}/{name}.css"),
        }
    })
}

/// Whether a file name under `/pkg` carries its content's hash (`stem.HASH.ext`): such a file
/// never changes, so browsers may keep it for good.
pub fn is_hashed_name(file_name: &str) -> bool {
    let mut parts = file_name.rsplitn(3, '.');
    let (Some(_ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && hash.len() == HASH_LEN
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::is_hashed_name;

    #[test]
    fn only_names_with_a_content_hash_count_as_hashed() {
        assert!(is_hashed_name("portico.Xy3_-abcdefghijklmnopq.css"));
        assert!(is_hashed_name("portico.Xy3_-abcdefghijklmnopq.wasm"));
        assert!(!is_hashed_name("portico.css"));
        assert!(!is_hashed_name("portico_bg.wasm"));
        assert!(!is_hashed_name("portico.short.js"));
        assert!(!is_hashed_name(".Xy3_-abcdefghijklmnopq.js"));
        assert!(!is_hashed_name("portico.Xy3_-abcdefghijklmno/q.js"));
    }
}
