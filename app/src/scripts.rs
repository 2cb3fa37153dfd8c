//! The script that loads the WebAssembly and hydrates the page, started
//! only after the browser has painted the server-rendered page.
//!
//! Leptos's `HydrationScripts` preloads the script and the WebAssembly from
//! the `<head>`, so on a slow phone connection half a megabyte competes with
//! the stylesheet for the first paint, although the page is complete and
//! usable without them (every form works without JavaScript). Here nothing
//! is fetched before the first frame: two animation frames after the module
//! runs, the first paint is behind us. It also leaves out the preload links'
//! `crossorigin="<nonce>"` (leptos-rs/leptos#4843).

use leptos::prelude::*;

/// The script and WebAssembly file names, with cargo-leptos's content hash
/// when `hash-files` is on (the hash file beside the server binary, as
/// Leptos reads it).
fn file_names(options: &LeptosOptions) -> (String, String) {
    let mut js = options.output_name.to_string();
    let mut wasm = js.clone();
    if !options.hash_files {
        // cargo-leptos names the WebAssembly `<name>_bg.wasm` unless it sets
        // LEPTOS_OUTPUT_NAME at build time.
        if std::option_env!("LEPTOS_OUTPUT_NAME").is_none() {
            wasm.push_str("_bg");
        }
        return (js, wasm);
    }
    let hashes = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
        .and_then(|path| std::fs::read_to_string(path).ok());
    let Some(hashes) = hashes else {
        leptos::logging::error!("hash-files is on but no hash file is beside the server");
        return (js, wasm);
    };
    for (file, hash) in hashes.lines().filter_map(|l| l.trim().split_once(':')) {
        match file {
            "js" => js = format!("{js}.{}", hash.trim()),
            "wasm" => wasm = format!("{wasm}.{}", hash.trim()),
            _ => {}
        }
    }
    (js, wasm)
}

/// Loads `pkg/<js>` and `pkg/<wasm>` after the first paint, then hydrates.
#[component]
pub fn HydrateAfterPaint(options: LeptosOptions) -> impl IntoView {
    static NAMES: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    let (js, wasm) = NAMES.get_or_init(|| file_names(&options));
    let pkg = &options.site_pkg_dir;
    let nonce = leptos::nonce::use_nonce();
    // requestAnimationFrame runs just before a frame is drawn; one asked
    // for inside it runs before the next, after the first has been painted.
    // A tab opened in the background hydrates when it is first shown.
    let script = format!(
        "const hydrate = () => import('/{pkg}/{js}.js').then((m) => \
         m.default({{ module_or_path: '/{pkg}/{wasm}.wasm' }}).then(() => m.hydrate())); \
         requestAnimationFrame(() => requestAnimationFrame(hydrate));"
    );
    view! { <script type="module" nonce=nonce>{script}</script> }
}
