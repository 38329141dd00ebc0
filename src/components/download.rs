//! Saving text as a file from the browser: a Blob, an object URL and a click on a temporary
//! link; nothing leaves the machine.

use wasm_bindgen::JsCast;

/// `unplug-<what>-YYYYMMDD-HHMMSS.<extension>` in the browser's local time.
pub fn file_name(what: &str, extension: &str) -> String {
    let now = js_sys::Date::new_0();
    format!(
        "unplug-{what}-{:04}{:02}{:02}-{:02}{:02}{:02}.{extension}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes(),
        now.get_seconds()
    )
}

/// Offers `text` as a download named `name`.
pub fn save_text(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(link) =
        document.create_element("a").ok().and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // The download reads the URL after this returns; let it go a little later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
}
