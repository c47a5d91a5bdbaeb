//! Spreading independent work (one file each) over the machine's cores,
//! results kept in input order so that output stays deterministic.

/// Threads to use: the machine's cores, or `QINGDAN_THREADS`.
pub fn threads() -> usize {
    std::env::var("QINGDAN_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 16)
}

/// Threads for work that waits on the disk rather than the processor
/// (creating, renaming and removing many files): a virtual disk answers
/// many requests at once, so more threads than cores. `QINGDAN_IO_THREADS`
/// overrides it.
pub fn io_threads() -> usize {
    std::env::var("QINGDAN_IO_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(IO_THREADS)
        .clamp(1, 64)
}

const IO_THREADS: usize = 16;

/// `f` over `inputs` on up to `threads` threads; results in input order.
pub fn map<I: Sync, O: Send>(inputs: &[I], threads: usize, f: impl Fn(&I) -> O + Sync) -> Vec<O> {
    map_owned(inputs.iter().collect(), threads, f)
}

/// [`map`] for work that consumes its inputs.
pub fn map_owned<I: Send, O: Send>(
    inputs: Vec<I>,
    threads: usize,
    f: impl Fn(I) -> O + Sync,
) -> Vec<O> {
    if threads <= 1 || inputs.len() < 2 {
        return inputs.into_iter().map(&f).collect();
    }
    let size = inputs.len().div_ceil(threads);
    let mut chunks: Vec<Vec<I>> = Vec::with_capacity(threads);
    let mut rest = inputs.into_iter();
    loop {
        let chunk: Vec<I> = rest.by_ref().take(size).collect();
        if chunk.is_empty() {
            break;
        }
        chunks.push(chunk);
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(|| chunk.into_iter().map(&f).collect::<Vec<O>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker thread panicked"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_input_order() {
        let inputs: Vec<u32> = (0..1000).collect();
        for threads in [1, 2, 3, 16] {
            assert_eq!(
                map(&inputs, threads, |n| n * 2),
                inputs.iter().map(|n| n * 2).collect::<Vec<_>>()
            );
        }
        assert!(map(&Vec::<u32>::new(), 4, |n| *n).is_empty());
        for threads in [1, 2, 3, 16] {
            let owned: Vec<String> = inputs.iter().map(|n| n.to_string()).collect();
            assert_eq!(
                map_owned(owned.clone(), threads, |s| s + "!"),
                owned.iter().map(|s| format!("{s}!")).collect::<Vec<_>>()
            );
        }
    }
}
