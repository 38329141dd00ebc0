//! The timers every wait of the console runs on. Once a tab has been hidden for a while
//! (five minutes; a minute in recent Chromium), Chromium wakes the page's chained timers about
//! once a minute (intensive wake-up throttling), which would cut Altegio's 5 a second to a few a
//! minute. A dedicated worker's timers are not throttled, and the message each one posts wakes
//! the page at once. So each wait is set on the worker (`timer-worker.js`, served beside the
//! console) and, as a backstop, on the page's own `setTimeout`: whichever fires first ends the
//! wait and clears the other. Where no worker can be started (a console mounted by script from
//! another origin: a worker must come from the page's own origin), the page's timers alone
//! keep the time, throttled while hidden.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The worker's file, beside `index.html` (public/ is copied into the root of dist/) or, under a
/// script mount, beside `unplug.js`.
pub const WORKER_FILE: &str = "timer-worker.js";

/// The Trusted Types policy that makes exactly the worker's URL a script URL: the console's
/// policy requires Trusted Types, and `new Worker(url)` is one of their sinks.
const POLICY_NAME: &str = "unplug-timer";

#[derive(Default)]
struct Timers {
    /// Looked for the worker once already (it may have failed to start).
    started: bool,
    worker: Option<web_sys::Worker>,
    /// The worker has ended a wait: it runs.
    answered: bool,
    /// The URL the Trusted Types policy lets through.
    allowed_url: String,
    policy: Option<JsValue>,
    last_id: u32,
    /// Waits not over yet: their id, the promise's resolve, and the page timer's handle.
    pending: Vec<(u32, js_sys::Function, i32)>,
}

thread_local! {
    static TIMERS: RefCell<Timers> = RefCell::new(Timers::default());
}

/// A promise that resolves after about `ms` milliseconds, on the worker's clock where there is
/// one, with the page's own timer as a backstop.
pub fn wait(ms: f64) -> js_sys::Promise {
    // Beyond i32 milliseconds is 24 days; nothing here waits that long.
    let ms = ms.clamp(0.0, 2e9);
    js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else { return };
        if !TIMERS.with_borrow(|timers| timers.started) {
            start(worker_url());
        }
        let id = TIMERS.with_borrow_mut(|timers| {
            timers.last_id = timers.last_id.wrapping_add(1);
            timers.last_id
        });
        let backstop = Closure::once_into_js(move || wake(id));
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(backstop.unchecked_ref(), ms as i32)
            .unwrap_or(0);
        TIMERS.with_borrow_mut(|timers| {
            timers.pending.push((id, resolve, handle));
            if let Some(worker) = &timers.worker {
                let _ = worker.post_message(&js_sys::Array::of2(&id.into(), &ms.into()));
            }
        });
    })
}

/// Starts the timer worker from `url` (`None`: none), in place of any running one.
pub fn start(url: Option<String>) {
    let worker = url.and_then(|url| new_worker(&url));
    let old = TIMERS.with_borrow_mut(|timers| {
        timers.started = true;
        timers.answered = false;
        std::mem::replace(&mut timers.worker, worker)
    });
    if let Some(old) = old {
        old.terminate();
    }
}

/// Whether the worker has ended a wait since it started.
pub fn worker_runs() -> bool {
    TIMERS.with_borrow(|timers| timers.answered)
}

/// Ends wait `id` if it is not over yet, and clears its page timer.
fn wake(id: u32) {
    let found = TIMERS.with_borrow_mut(|timers| {
        let index = timers.pending.iter().position(|(each, ..)| *each == id)?;
        Some(timers.pending.swap_remove(index))
    });
    if let Some((_, resolve, handle)) = found {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(handle);
        }
        let _ = resolve.call0(&JsValue::NULL);
    }
}

/// `timer-worker.js` beside the console's files, when it is on the page's own origin.
fn worker_url() -> Option<String> {
    let location = web_sys::window()?.location();
    let base = match crate::host::script_base() {
        Some(base) => base,
        None if crate::host::is_hosted() => return None,
        None => location.href().ok()?,
    };
    let url = web_sys::Url::new_with_base(WORKER_FILE, &base).ok()?;
    (url.origin() == location.origin().ok()?).then(|| url.href())
}

/// A worker running `url`, posting the ids of the waits it ends; `None` where the page may not
/// start it. One that fails to load is dropped, and the page's timers keep the time.
fn new_worker(url: &str) -> Option<web_sys::Worker> {
    let script_url = trusted_script_url(url)?;
    let window = web_sys::window()?;
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &"Worker".into()).ok()?.dyn_into().ok()?;
    let worker: web_sys::Worker =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&script_url)).ok()?.unchecked_into();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
        if let Some(id) = event.data().as_f64() {
            TIMERS.with_borrow_mut(|timers| timers.answered = true);
            wake(id as u32);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let failed = worker.clone();
    let on_error = Closure::<dyn Fn()>::new(move || {
        let dropped = TIMERS.with_borrow_mut(|timers| {
            let current = timers.worker.as_ref().is_some_and(|worker| *worker == failed);
            if current { timers.worker.take() } else { None }
        });
        if let Some(worker) = dropped {
            worker.terminate();
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Some(worker)
}

/// `url` as the `Worker` constructor takes it: through the console's one Trusted Types policy
/// where the browser has Trusted Types (it lets this URL through and no other), else as is.
fn trusted_script_url(url: &str) -> Option<JsValue> {
    TIMERS.with_borrow_mut(|timers| timers.allowed_url = url.to_owned());
    let window = web_sys::window()?;
    let factory = js_sys::Reflect::get(&window, &"trustedTypes".into()).ok()?;
    if factory.is_undefined() || factory.is_null() {
        return Some(url.into());
    }
    let policy = match TIMERS.with_borrow(|timers| timers.policy.clone()) {
        Some(policy) => policy,
        None => {
            let create_script_url = Closure::<dyn Fn(String) -> JsValue>::new(|asked: String| {
                let allowed = TIMERS.with_borrow(|timers| timers.allowed_url == asked);
                if allowed { asked.into() } else { JsValue::NULL }
            });
            let rules = js_sys::Object::new();
            js_sys::Reflect::set(&rules, &"createScriptURL".into(), &create_script_url.into_js_value()).ok()?;
            let create: js_sys::Function =
                js_sys::Reflect::get(&factory, &"createPolicy".into()).ok()?.dyn_into().ok()?;
            // Refused where a host's policy names the policies it allows and not this one.
            let policy = create.call2(&factory, &POLICY_NAME.into(), &rules).ok()?;
            TIMERS.with_borrow_mut(|timers| timers.policy = Some(policy.clone()));
            policy
        }
    };
    let make: js_sys::Function = js_sys::Reflect::get(&policy, &"createScriptURL".into()).ok()?.dyn_into().ok()?;
    make.call1(&policy, &url.into()).ok()
}
