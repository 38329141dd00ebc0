//! Element ids, unique per mount: two consoles on one page must not share an id, or one's
//! labels would name the other's controls.

use std::cell::Cell;

use leptos::prelude::*;

/// Which mount on the page this is, counting from 0.
#[derive(Clone, Copy)]
struct MountNumber(u32);

thread_local! {
    // The browser runs the app on one thread; only the numbering is shared, no state.
    static MOUNTED: Cell<u32> = const { Cell::new(0) };
}

/// Numbers this mount; call once at its root.
pub fn provide_mount_number() {
    let number = MOUNTED.with(|mounted| mounted.replace(mounted.get() + 1));
    provide_context(MountNumber(number));
}

/// `unplug-{name}` in the first mount, `unplug{n}-{name}` in the nth after it; any character
/// an id should not hold becomes `-`.
pub fn element_id(name: &str) -> String {
    let name: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    match use_context::<MountNumber>().map_or(0, |mount| mount.0) {
        0 => format!("unplug-{name}"),
        number => format!("unplug{number}-{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_a_mount_ids_carry_the_plain_prefix_and_safe_characters() {
        assert_eq!(element_id("card-rc-sandbox:a b/c"), "unplug-card-rc-sandbox-a-b-c");
    }
}
