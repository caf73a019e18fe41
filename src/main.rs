/// mimalloc: reckon allocates many small, short-lived values per mention, and
/// glibc's allocator spent a measurable share of extraction on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    #[cfg(not(target_os = "linux"))]
    allocator::return_freed_memory_at_once();
    reckon::cli::main()
}

/// How mimalloc gives memory back to the system.
///
/// By default mimalloc keeps freed pages for a second before it returns them,
/// and commits whole arenas up front. A run over one long file frees its
/// extraction scratch and its mentions while it builds the next stage, so those
/// pages stayed resident: a 10 MB file peaked at 116 MiB. Returning freed pages
/// at once and committing on demand brought it to 81 MiB, with no loss of speed
/// measured on `benches/compare.sh` (see ARCHITECTURE.md, "Memory").
///
/// The first arena is reserved by the first allocation, which the Rust runtime
/// makes before `main`; so on Linux the options are set from an ELF
/// constructor, which runs before the runtime starts.
mod allocator {
    use std::ffi::{c_int, c_long};

    #[cfg(target_os = "linux")]
    #[used]
    #[link_section = ".init_array"]
    static SET_BEFORE_THE_FIRST_ALLOCATION: extern "C" fn() = {
        extern "C" fn set() {
            return_freed_memory_at_once();
        }
        set
    };

    /// `mi_option_arena_eager_commit` in mimalloc v3's `mi_option_t`.
    pub(crate) const ARENA_EAGER_COMMIT: c_int = 4;
    /// `mi_option_purge_delay` in mimalloc v3's `mi_option_t`, in milliseconds.
    pub(crate) const PURGE_DELAY: c_int = 15;

    pub(crate) fn return_freed_memory_at_once() {
        // SAFETY: plain setters of mimalloc's option table, called on the main
        // thread before any other thread exists.
        unsafe {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0 as c_long);
            libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0 as c_long);
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The option numbers are positions in a C enum that a new mimalloc
        /// could reorder. The constructor has run in this test binary too: the
        /// two options read 0, and their neighbours still hold mimalloc v3's
        /// documented defaults, so the numbers name the options meant.
        /// (tests/hostile_inputs.rs measures what the options are for.)
        #[test]
        fn option_numbers_name_the_options_we_mean() {
            if std::env::vars().any(|(k, _)| k.starts_with("MIMALLOC_")) {
                panic!("run without MIMALLOC_* variables: they change the defaults read here");
            }
            // SAFETY: a getter of mimalloc's option table.
            let get = |option: c_int| unsafe { libmimalloc_sys::mi_option_get(option) };
            assert_eq!((get(PURGE_DELAY), get(ARENA_EAGER_COMMIT)), (0, 0));
            // deprecated_eager_commit (1), purge_decommits (1),
            // deprecated_eager_commit_delay (1), use_numa_nodes (0).
            let neighbours = [
                ARENA_EAGER_COMMIT - 1,
                ARENA_EAGER_COMMIT + 1,
                PURGE_DELAY - 1,
                PURGE_DELAY + 1,
            ];
            assert_eq!(neighbours.map(get), [1, 1, 1, 0]);
        }
    }
}
