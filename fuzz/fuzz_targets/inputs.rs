//! Every input a browser can send, decoded as the portal decodes it: the
//! server functions' arguments (`serde_qs`, as `server_fn` reads a
//! url-encoded body) and the `/auth` forms and the OpenID callback's query
//! (`serde_urlencoded`, as axum's `Form` and `Query` do). The first byte
//! chooses the decoder. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn qs<T: serde::de::DeserializeOwned>(s: &str) {
    let _ = serde_qs::Config::new(5, false).deserialize_str::<T>(s);
}

fn form<T: serde::de::DeserializeOwned>(s: &str) {
    let _ = serde_urlencoded::from_str::<T>(s);
}

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    match first % 9 {
        0 => qs::<app::api::GetTaskPage>(s),
        1 => qs::<app::api::GetDocument>(s),
        2 => qs::<app::api::GetTestPersons>(s),
        3 => qs::<app::api::GetUseLog>(s),
        4 => qs::<app::api::GetSignIn>(s),
        5 => form::<portal_server::web::auth::LoginForm>(s),
        6 => form::<portal_server::web::auth::SubjectForm>(s),
        7 => form::<portal_server::web::auth::TokenForm>(s),
        _ => form::<portal_server::web::auth::Callback>(s),
    }
});
