//! The timers every wait of the console runs on (`public/timer-worker.js` is their worker: it
//! takes `[id, milliseconds]` and posts the id back when they have passed). Once a tab has been hidden for a while
//! (five minutes; a minute in recent Chromium), Chromium wakes the page's chained timers about
//! once a minute (intensive wake-up throttling), which would cut Altegio's 5 a second to a few a
//! minute. A dedicated worker's timers are not throttled, and the message each one posts wakes
//! the page at once. So each wait is set on the worker (`timer-worker.js`, served beside the
//! console) and, as a backstop, on the page's own `setTimeout`: the worker's answer ends the wait
//! and clears the page's timer; should the page's fire first, it ends the wait, and the worker's
//! answer then changes nothing. Where no worker can be started (a console mounted by script from
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
    /// The `Worker`, driven through `Reflect` (its methods as web-sys bindings would each add
    /// to the JavaScript glue the size budget counts).
    worker: Option<JsValue>,
    /// The worker has ended a wait: it runs.
    answered: bool,
    /// The URL the Trusted Types policy lets through.
    allowed_url: String,
    policy: Option<JsValue>,
    last_id: u32,
    /// Waits set on the worker and not woken by it yet: their id, the promise's resolve, and
    /// the page timer's handle. (The page's timer resolves the promise itself; resolving it
    /// again is nothing.)
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
        prepare();
        let handle = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32).unwrap_or(0);
        let set_on_worker = TIMERS.with_borrow_mut(|timers| {
            let worker = timers.worker.clone()?;
            timers.last_id = timers.last_id.wrapping_add(1);
            timers.pending.push((timers.last_id, resolve, handle));
            Some((worker, timers.last_id))
        });
        if let Some((worker, id)) = set_on_worker {
            let message = js_sys::Array::of2(&id.into(), &ms.into());
            let _ = call(&worker, "postMessage", &js_sys::Array::of1(&message));
        }
    })
}

/// Starts the timer worker, if it has not been looked for yet: a run calls this as it starts, so
/// its first wait finds the worker loaded. (Otherwise the first wait starts it: the console does
/// nothing that can wait before its first cards.)
pub fn prepare() {
    if !TIMERS.with_borrow(|timers| timers.started) {
        start(worker_url());
    }
}

/// Starts the timer worker from `url` (`None`: none), in place of any running one.
pub fn start(url: Option<String>) {
    let worker = url.and_then(|url| new_worker(&url));
    let old = TIMERS.with_borrow_mut(|timers| {
        timers.started = true;
        timers.answered = false;
        // The old worker's waits end on their page timers.
        timers.pending.clear();
        std::mem::replace(&mut timers.worker, worker)
    });
    if let Some(old) = old {
        let _ = call(&old, "terminate", &js_sys::Array::new());
    }
}

/// Whether the worker has ended a wait since it started.
pub fn worker_runs() -> bool {
    TIMERS.with_borrow(|timers| timers.answered)
}

/// Ends wait `id`, the worker's answer, and clears its page timer.
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

/// `timer-worker.js` beside the console's files, when it is on the page's own origin: beside
/// the page (resolved by the browser against it), or under a script mount the URL `unplug.js`
/// gives when the worker beside it is on the page's origin.
fn worker_url() -> Option<String> {
    if !crate::host::is_hosted() {
        return Some(WORKER_FILE.to_owned());
    }
    let window: JsValue = web_sys::window()?.into();
    js_sys::Reflect::get(&window, &"__unplugTimerWorker".into()).ok()?.as_string()
}

/// Calls `target.name(...arguments)`: `arguments` is the argument list.
fn call(target: &JsValue, name: &str, arguments: &js_sys::Array) -> Result<JsValue, JsValue> {
    let method: js_sys::Function = js_sys::Reflect::get(target, &name.into())?.dyn_into()?;
    method.apply(target, arguments)
}

/// A worker running `url`, posting the ids of the waits it ends; `None` where the page may not
/// start it. One that fails to load is dropped, and the page's timers keep the time.
fn new_worker(url: &str) -> Option<JsValue> {
    let script_url = trusted_script_url(url)?;
    let window = web_sys::window()?;
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &"Worker".into()).ok()?.dyn_into().ok()?;
    let worker = js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&script_url)).ok()?;
    // Every closure here has the one signature the console already uses elsewhere (each new
    // one adds to the JavaScript glue the size budget counts).
    let on_message = Closure::<dyn FnMut(JsValue) -> JsValue>::new(|event: JsValue| {
        let id = js_sys::Reflect::get(&event, &"data".into()).ok().and_then(|data| data.as_f64());
        if let Some(id) = id {
            TIMERS.with_borrow_mut(|timers| timers.answered = true);
            wake(id as u32);
        }
        JsValue::UNDEFINED
    });
    js_sys::Reflect::set(&worker, &"onmessage".into(), &on_message.into_js_value()).ok()?;
    let failed = worker.clone();
    let on_error = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |_| {
        // Its waits' page timers end them; nothing is set on it any more.
        let dropped = TIMERS.with_borrow_mut(|timers| {
            let current = timers.worker.as_ref().is_some_and(|worker| *worker == failed);
            if !current {
                return None;
            }
            timers.pending.clear();
            timers.worker.take()
        });
        if let Some(worker) = dropped {
            let _ = call(&worker, "terminate", &js_sys::Array::new());
        }
        JsValue::UNDEFINED
    });
    js_sys::Reflect::set(&worker, &"onerror".into(), &on_error.into_js_value()).ok()?;
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
            let create_script_url = Closure::<dyn FnMut(JsValue) -> JsValue>::new(|asked: JsValue| {
                let allowed =
                    TIMERS.with_borrow(|timers| asked.as_string().is_some_and(|asked| asked == timers.allowed_url));
                if allowed { asked } else { JsValue::NULL }
            });
            let rules = js_sys::Object::new();
            js_sys::Reflect::set(&rules, &"createScriptURL".into(), &create_script_url.into_js_value()).ok()?;
            // Refused where a host's policy names the policies it allows and not this one.
            let policy = call(&factory, "createPolicy", &js_sys::Array::of2(&POLICY_NAME.into(), &rules)).ok()?;
            TIMERS.with_borrow_mut(|timers| timers.policy = Some(policy.clone()));
            policy
        }
    };
    call(&policy, "createScriptURL", &js_sys::Array::of1(&url.into())).ok()
}
