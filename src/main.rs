fn main() {
    // A panic's message in the console in debug builds; a release build leaves it out (it and
    // the formatting it pulls in cost about 2 KB of gzip) and a panic shows as a wasm trap.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    unplug::mount();
}
