"""Grouping unit vectors (sentence embeddings) by cosine, in numpy, fast enough for 5,000.

Suggesting themes cuts one tree: average linkage over the notes after the mean vector is
taken away (what every note shares says nothing about which theme it is in). Measured on the
labelled set (bench/themes.py), that agreed with the human grouping about half as well again
as spherical k-means. Over 600 notes the tree starts from a few hundred small k-means groups
instead of single notes: average linkage between groups of notes only needs each group's
sum of vectors (the mean cosine over all pairs is the dot product of the two means), so the
tree above them is the same as over their notes, and 5,000 notes cost a tenth of a second.

numpy is imported when first used, so the app starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Matrix = NDArray[np.float32]

# Above this many notes, the tree starts from this many small groups, not from single notes.
LEAVES = 600
# Silhouettes are measured on at most this many notes.
SAMPLE = 600


def unit(vectors: Matrix) -> Matrix:
    import numpy as np

    out: Matrix = vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-9)
    return out


def centred(vectors: Matrix) -> Matrix:
    """The vectors less their mean, back at unit length."""
    return unit(vectors - vectors.mean(0))


class Tree:
    """Average-linkage (cosine) tree over unit vectors; cut it at any count of groups."""

    def __init__(self, vectors: Matrix) -> None:
        import numpy as np

        n = len(vectors)
        if n > LEAVES:
            self.leaf_of, _ = kmeans(vectors, LEAVES // 2, rounds=8, restarts=1)
        else:
            self.leaf_of = np.arange(n)
        leaves = int(self.leaf_of.max()) + 1
        sums = group_sums(vectors, self.leaf_of, leaves).astype(np.float64)
        sizes = np.bincount(self.leaf_of, minlength=leaves).astype(np.float64)
        self.merges = _average_linkage(sums, sizes)
        self.leaves = leaves

    def cut(self, count: int) -> Any:
        """Each vector's group (0 to count - 1), the groups numbered as they first appear."""
        import numpy as np

        parent = np.arange(self.leaves)
        for kept, gone in self.merges[: max(0, self.leaves - count)]:
            parent[gone] = kept
        while True:  # every leaf to its root
            up = parent[parent]
            if (up == parent).all():
                break
            parent = up
        _, labels = np.unique(parent[self.leaf_of], return_inverse=True)
        return labels


def _average_linkage(sums: Any, sizes: Any) -> list[tuple[int, int]]:
    """The merges, closest pair first, each (kept, merged into it). Each group's nearest
    is kept up to date: after a merge only the groups whose nearest was one of the two need
    looking at again (the merged group is no nearer to the others than both halves were)."""
    import numpy as np

    n = len(sums)
    if n < 2:
        return []
    means = sums / sizes[:, None]
    distance = 1 - means @ means.T
    np.fill_diagonal(distance, np.inf)
    nearest = distance.argmin(1)
    nearest_d = distance[np.arange(n), nearest]
    alive = np.ones(n, bool)
    merges: list[tuple[int, int]] = []
    for _ in range(n - 1):
        a = int(nearest_d.argmin())
        b = int(nearest[a])
        a, b = min(a, b), max(a, b)
        merges.append((a, b))
        sums[a] += sums[b]
        sizes[a] += sizes[b]
        means[a] = sums[a] / sizes[a]
        alive[b] = False
        row = 1 - means @ means[a]
        row[~alive] = np.inf
        row[a] = np.inf
        distance[a, :] = row
        distance[:, a] = row
        distance[b, :] = np.inf
        distance[:, b] = np.inf
        nearest_d[b] = np.inf
        stale = np.flatnonzero(alive & ((nearest == a) | (nearest == b)))
        stale = np.union1d(stale, [a])
        nearest[stale] = distance[stale].argmin(1)
        nearest_d[stale] = distance[stale, nearest[stale]]
        closer = np.flatnonzero(alive & (row < nearest_d))
        nearest[closer] = a
        nearest_d[closer] = row[closer]
    return merges


def choose_count(tree: Tree, vectors: Matrix, fewest: int, most: int) -> int:
    """The count of groups whose cut has the best silhouette (on at most SAMPLE vectors)."""
    import numpy as np

    n = len(vectors)
    most = max(1, min(most, n // 3, tree.leaves))
    if most <= fewest:
        return max(1, min(most, n))
    rows = np.arange(n)
    if n > SAMPLE:
        rows = np.sort(np.random.default_rng(3).choice(n, SAMPLE, replace=False))
    sample = vectors[rows]
    distance = 1 - sample @ sample.T
    best, best_count = -2.0, fewest
    for count in range(fewest, most + 1):
        score = silhouette(distance, tree.cut(count)[rows])
        if score > best:
            best, best_count = score, count
    return best_count


def silhouette(distance: Matrix, labels: Any) -> float:
    import numpy as np

    groups, own = np.unique(labels, return_inverse=True)
    if len(groups) < 2:
        return -1.0
    n = len(labels)
    sizes = np.bincount(own).astype(np.float32)
    mean_to = group_sums(distance, own, len(groups)).T  # each row's total distance to each group
    own_size = sizes[own]
    a = mean_to[np.arange(n), own] / np.maximum(own_size - 1, 1)
    mean_to = mean_to / sizes
    mean_to[np.arange(n), own] = np.inf
    b = mean_to.min(1)
    s = np.where(own_size > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-9), 0.0)
    return float(s.mean())


def kmeans(
    vectors: Matrix, count: int, rounds: int = 30, seed: int = 7, restarts: int | None = None
) -> tuple[Any, Matrix]:
    """Spherical k-means (cosine), k-means++ seeding; the same vectors give the same groups."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = len(vectors)
    best: tuple[float, Any, Matrix] | None = None
    for _ in range(restarts or (3 if n <= 2000 else 1)):
        centres = _seed_centres(vectors, count, rng)
        labels = np.zeros(n, np.int64)
        for r in range(rounds):
            sims = vectors @ centres.T
            new = sims.argmax(1)
            if r and (new == labels).all():
                break
            labels = new
            sums = group_sums(vectors, labels, count)
            for c in np.flatnonzero(np.bincount(labels, minlength=count) == 0):
                # An empty group takes the vector that fits its own group worst.
                worst = int(sims[np.arange(n), labels].argmin())
                sums[c] = vectors[worst]
                labels[worst] = c
            centres = unit(sums)
        score = float(np.einsum("ij,ij->", vectors, centres[labels]))
        if best is None or score > best[0]:
            best = (score, labels.copy(), centres.copy())
    assert best is not None
    return best[1], best[2]


def group_sums(vectors: Matrix, labels: Any, count: int) -> Matrix:
    """Each group's sum of vectors, as one matrix product (np.add.at is ten times slower)."""
    import numpy as np

    onehot = np.zeros((count, len(labels)), vectors.dtype)
    onehot[labels, np.arange(len(labels))] = 1
    out: Matrix = onehot @ vectors
    return out


def _seed_centres(vectors: Matrix, count: int, rng: Any) -> Matrix:
    import numpy as np

    n = len(vectors)
    chosen = [int(rng.integers(n))]
    closest = 1 - vectors @ vectors[chosen[0]]
    for _ in range(1, count):
        weights = np.maximum(closest, 0) ** 2
        total = float(weights.sum())
        pick = int(rng.choice(n, p=weights / total)) if total > 0 else int(rng.integers(n))
        chosen.append(pick)
        closest = np.minimum(closest, 1 - vectors @ vectors[pick])
    return np.array(vectors[chosen], np.float32)
