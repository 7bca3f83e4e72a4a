//! The Host URL check's JavaScript API (cargo feature `clone-url`): checkCloneUrl, the one export of the page's
//! small wasm part (www/pkg/keyfit_url_bg.wasm).

use super::{coded_error, or_null, problems_to_js, set};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

/// `checkCloneUrl(text)` -> `{ok, form, user, host, port, path, hostKind, hostName, hostGuessed, cleaned,
/// problems: [{code, severity, message, fix}], suggestion, guide: {accountKeys, accountKeysUrl, deployKeys,
/// deployKeysUrl, keyTypes, verify: {sh, powershell, cmd}, docs}}`; absent parts are `null`. Throws only for
/// misuse (a value that is not a string).
#[wasm_bindgen(js_name = checkCloneUrl)]
pub fn check_clone_url(text: JsValue) -> Result<JsValue, JsValue> {
    // The URL may hold a token: its text and every string made from it are wiped once JavaScript has its copy.
    let text = zeroize::Zeroizing::new(
        text.as_string()
            // The words of the key engine's `Error::InvalidOption`, which this part does not have.
            .ok_or_else(|| {
                coded_error(
                    "invalid-option",
                    "Invalid option: the clone URL must be a string.",
                )
            })?,
    );
    let mut r = crate::clone_url::check_clone_url(&text);
    let obj = Object::new();
    set(&obj, "ok", r.ok);
    set(&obj, "form", r.form.name());
    set(&obj, "user", or_null(r.user.as_deref()));
    set(&obj, "host", or_null(r.host.as_deref()));
    set(&obj, "port", or_null(r.port));
    set(&obj, "path", or_null(r.path.as_deref()));
    set(&obj, "hostKind", r.host_kind.name());
    set(&obj, "hostName", r.host_name);
    set(&obj, "hostGuessed", r.host_guessed);
    set(&obj, "cleaned", r.cleaned.as_str());
    set(&obj, "problems", problems_to_js(&r.problems));
    set(&obj, "suggestion", or_null(r.suggestion.as_deref()));
    let g = &r.guide;
    let guide = Object::new();
    set(&guide, "accountKeys", g.account_keys);
    set(
        &guide,
        "accountKeysUrl",
        or_null(g.account_keys_url.clone()),
    );
    set(&guide, "deployKeys", or_null(g.deploy_keys));
    set(&guide, "deployKeysUrl", or_null(g.deploy_keys_url.clone()));
    set(&guide, "keyTypes", g.key_types);
    let verify = Object::new();
    set(&verify, "sh", g.verify.sh.as_str());
    set(&verify, "powershell", g.verify.powershell.as_str());
    set(&verify, "cmd", g.verify.cmd.as_str());
    set(&guide, "verify", verify);
    set(
        &guide,
        "docs",
        g.docs.iter().map(|d| JsValue::from(*d)).collect::<Array>(),
    );
    set(&obj, "guide", guide);
    wipe_report(&mut r);
    Ok(obj.into())
}

/// Wipes every string of a clone URL report made from the pasted text.
fn wipe_report(r: &mut crate::clone_url::CloneUrlReport) {
    use zeroize::Zeroize;
    let g = &mut r.guide;
    for s in [&mut r.user, &mut r.host, &mut r.path, &mut r.suggestion]
        .into_iter()
        .chain([&mut g.account_keys_url, &mut g.deploy_keys_url])
        .flatten()
        .chain([
            &mut r.cleaned,
            &mut g.verify.sh,
            &mut g.verify.powershell,
            &mut g.verify.cmd,
        ])
    {
        s.zeroize();
    }
}
