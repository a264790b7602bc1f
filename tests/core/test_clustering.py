"""The tree that suggesting cuts: groups found whole, from single notes and from the small
k-means groups it starts from above 600 notes."""

from __future__ import annotations

import numpy as np
import pytest
from labelled_themes import adjusted_rand

from summit_app.core import clustering


def _blobs(count: int, per: int, seed: int = 1) -> tuple[np.ndarray, list[int]]:
    rng = np.random.default_rng(seed)
    centres = clustering.unit(rng.normal(size=(count, 384)).astype(np.float32))
    truth = [g for g in range(count) for _ in range(per)]
    noise = rng.normal(scale=0.03, size=(count * per, 384)).astype(np.float32)
    return clustering.unit(centres[truth] + noise), truth


@pytest.mark.parametrize("per", [30, 300])  # 150 notes, one leaf each; 1,500 from 300 leaves
def test_the_tree_finds_separate_groups_whole_and_chooses_their_count(per) -> None:
    vectors, truth = _blobs(5, per)
    shifted = clustering.centred(vectors)
    tree = clustering.Tree(shifted)
    assert tree.leaves == (len(vectors) if len(vectors) <= clustering.LEAVES else 300)
    assert adjusted_rand(truth, tree.cut(5).tolist()) == 1.0
    assert clustering.choose_count(tree, shifted, 3, 12) == 5
    assert len(set(tree.cut(9).tolist())) == 9  # more themes: one group more each time


def test_a_silhouette_is_high_for_separate_groups_and_low_for_a_random_split() -> None:
    vectors, truth = _blobs(4, 20)
    distance = 1 - vectors @ vectors.T
    # Within a group notes are about 0.26 apart, between groups about 1: (1 - 0.26) / 1.
    assert clustering.silhouette(distance, np.array(truth)) == pytest.approx(0.74, abs=0.03)
    shuffled = np.random.default_rng(2).permutation(truth)
    assert clustering.silhouette(distance, shuffled) < 0.05
