//! One stable sort for every list the rules put in order (vouchers by balance or expiry, usage
//! records by time, packages by expiry, keys of a JSON object). The standard library's sort is
//! generic: each element type and key compiled its own copy into the wasm module (about 40 KB in
//! all). Here the sort runs once, on positions, with the comparison passed as a trait object, and
//! it is a plain bottom-up merge sort (stable, n log n comparisons): the standard one, even on
//! positions alone, brings ~7 KB of tuned small-sort and pivot code a list of vouchers never needs.

use std::cmp::Ordering;

/// The positions `0..n` in the stable order given by `compare` on positions.
pub fn positions_by(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..n).collect();
    let mut merged: Vec<usize> = Vec::with_capacity(n);
    let mut width = 1usize;
    while width < n {
        let pair = width.saturating_mul(2);
        merged.clear();
        for runs in positions.chunks(pair) {
            let (left, right) = runs.split_at(width.min(runs.len()));
            merge(left, right, &mut merged, compare);
        }
        std::mem::swap(&mut positions, &mut merged);
        width = pair;
    }
    positions
}

/// Merge two sorted runs into `out`, the left one first among equals (what keeps the sort stable).
fn merge(
    left: &[usize],
    right: &[usize],
    out: &mut Vec<usize>,
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) {
    let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
    loop {
        match (left.peek(), right.peek()) {
            (Some(&&a), Some(&&b)) => {
                if compare(b, a) == Ordering::Less {
                    out.push(b);
                    right.next();
                } else {
                    out.push(a);
                    left.next();
                }
            }
            (Some(_), None) => {
                out.extend(left);
                return;
            }
            (None, _) => {
                out.extend(right);
                return;
            }
        }
    }
}

/// Sort `items` stably by `compare`.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = positions_by(
        items.len(),
        &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        },
    );
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|i| taken.get_mut(i).and_then(Option::take)),
    );
}

/// Sort `items` stably by the key `key` gives.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut w = vec![2, 9, 4];
        sort_by(&mut w, |a, b| b.cmp(a));
        assert_eq!(w, [9, 4, 2]);
        assert_eq!(positions_by(3, &mut |a, b| b.cmp(&a)), [2, 1, 0]);
        assert_eq!(positions_by(0, &mut |a, b| a.cmp(&b)), Vec::<usize>::new());
    }

    /// Agrees with the standard library's stable sort on lists of every length up to 300, with
    /// many equal keys (a linear congruential sequence; deterministic).
    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for n in 0..300 {
            let keys: Vec<u64> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 33) % (1 + n as u64 / 3)
                })
                .collect();
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by_key(|&i| keys[i]);
            assert_eq!(positions_by(n, &mut |a, b| keys[a].cmp(&keys[b])), expected);
        }
    }
}
