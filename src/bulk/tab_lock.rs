//! One tab at a time per connection's queue, where the browser has Web Locks: two tabs removing
//! one connection's integrations at once would each keep the platform's pace, and together
//! break it.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A lock this tab holds; dropping it releases it.
pub struct TabLock {
    release: Option<js_sys::Function>,
}

impl Drop for TabLock {
    fn drop(&mut self) {
        if let Some(release) = self.release.take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

/// Takes the lock `name`, telling `waits(true)` when another tab holds it and this one waits,
/// and `waits(false)` once it is this tab's. Without Web Locks it is taken at once.
pub async fn acquire(name: &str, waits: impl Fn(bool)) -> TabLock {
    let Some(locks) = lock_manager() else { return TabLock { release: None } };
    if let Some(lock) = request(&locks, name, true).await {
        return lock;
    }
    waits(true);
    let lock = request(&locks, name, false).await.unwrap_or(TabLock { release: None });
    waits(false);
    lock
}

fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

/// One `navigator.locks.request(name, {ifAvailable}, callback)`: the lock is held until the
/// promise the callback returns resolves, which dropping the [`TabLock`] does. `None` when
/// `if_available` and another tab holds it.
async fn request(locks: &JsValue, name: &str, if_available: bool) -> Option<TabLock> {
    let mut resolve_granted = None;
    let granted = js_sys::Promise::new(&mut |resolve, _| resolve_granted = Some(resolve));
    let mut resolve_release = None;
    let release = js_sys::Promise::new(&mut |resolve, _| resolve_release = Some(resolve));
    let (resolve_granted, resolve_release): (js_sys::Function, js_sys::Function) = (resolve_granted?, resolve_release?);
    let on_grant = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let _ = resolve_granted.call1(&JsValue::NULL, &JsValue::from_bool(!lock.is_null()));
        // Not granted (`null`): nothing to hold.
        if lock.is_null() { JsValue::UNDEFINED } else { release.into() }
    });
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::from_bool(if_available)).ok()?;
    let request: js_sys::Function = js_sys::Reflect::get(locks, &"request".into()).ok()?.dyn_into().ok()?;
    request.call3(locks, &name.into(), &options, &on_grant).ok()?;
    let held = JsFuture::from(granted).await.ok()?.as_bool().unwrap_or(false);
    held.then_some(TabLock { release: Some(resolve_release) })
}
