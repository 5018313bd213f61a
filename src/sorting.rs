//! One stable sort for every list the rules put in order (vouchers by balance or expiry, usage
//! records by time, packages by expiry, keys of a JSON object). The standard library's sort is
//! generic: each element type and key compiled its own copy into the wasm module (about 40 KB in
//! all). Here the sort runs once, on positions, with the comparison passed as a trait object.

use std::cmp::Ordering;

/// The positions `0..n` in the stable order given by `compare` on positions.
pub fn positions_by(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..n).collect();
    positions.sort_by(|&a, &b| compare(a, b));
    positions
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
    }
}
