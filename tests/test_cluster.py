from __future__ import annotations

from timeline.cluster import GroupOptions, group

STORIES = [
    [
        "Earthquake of magnitude 7 strikes central Chile, buildings collapse in Santiago",
        "Chile earthquake: rescuers search collapsed buildings in Santiago",
        "Santiago residents sleep outdoors after Chile earthquake aftershocks",
    ],
    [
        "Central bank raises interest rates to fight inflation",
        "Inflation pushes central bank to a third interest rate rise",
        "Mortgage holders face higher payments as central bank lifts rates",
    ],
    [
        "Striker scores twice as United beat City in Manchester derby",
        "Manchester derby: United striker's double sinks City",
        "City manager blames defending after derby defeat to United",
    ],
]


def _same_partition(found: list[int], gold: list[int]) -> bool:
    pairs = range(len(gold))
    return all((found[i] == found[j]) == (gold[i] == gold[j]) for i in pairs for j in pairs)


def test_obvious_stories_group_right() -> None:
    texts = [t for story in STORIES for t in story]
    gold = [k for k, story in enumerate(STORIES) for _ in story]
    assert _same_partition(group(texts), gold)


def test_interleaved_order_does_not_matter() -> None:
    texts = [STORIES[k][i] for i in range(3) for k in range(3)]
    gold = [k for _ in range(3) for k in range(3)]
    assert _same_partition(group(texts), gold)


def test_near_duplicate_joins_its_story() -> None:
    texts = [t for story in STORIES for t in story]
    texts.append("Chile earthquake - rescuers search collapsed buildings in Santiago (AFP)")
    labels = group(texts)
    assert labels[-1] == labels[0]
    assert labels[-1] != labels[3] and labels[-1] != labels[6]


def test_unrelated_item_stays_alone() -> None:
    texts = [t for story in STORIES for t in story]
    texts.append("Recipe: slow-roasted tomatoes with basil and garlic")
    labels = group(texts)
    assert labels.count(labels[-1]) == 1


def test_labels_numbered_by_first_appearance() -> None:
    texts = [t for story in STORIES for t in story]
    labels = group(texts)
    assert labels[0] == 0
    seen: list[int] = []
    for v in labels:
        if v not in seen:
            seen.append(v)
    assert seen == list(range(len(seen)))


def test_deterministic() -> None:
    texts = [t for story in STORIES for t in story] * 4
    assert group(texts) == group(list(texts))


def test_empty_and_single_inputs() -> None:
    assert group([]) == []
    assert group(["Only one headline here"]) == [0]
    assert group(["", ""]) == [0, 1]
    assert group(["", "Chile earthquake strikes Santiago"]) == [0, 1]


def test_refinement_gathers_a_large_story() -> None:
    # six rewrites of one story, one sharing few words with the others, join one group
    texts = [
        "Wildfire forces evacuation of thousands near Athens",
        "Athens wildfire: thousands evacuated as flames spread",
        "Greek firefighters battle wildfire outside Athens",
        "Thousands flee Athens wildfire, homes burned",
        "Wildfire near Athens burns homes, thousands evacuated",
        "Greek firefighters fight flames as homes burn",
    ]
    labels = group(texts, options=GroupOptions(min_story=3))
    assert len(set(labels)) == 1


def _naive_average_link(sim: list[list[float]], floor: float) -> list[int]:
    """Textbook average link: merge the closest pair of groups while they average >= floor."""
    groups = [[i] for i in range(len(sim))]

    def mean(g: list[int], h: list[int]) -> float:
        return sum(sim[i][j] for i in g for j in h) / (len(g) * len(h))

    while len(groups) > 1:
        score, a, b = max((mean(g, h), a, b) for a, g in enumerate(groups)
                          for b, h in enumerate(groups) if a < b)
        if score < floor:
            break
        groups[a] += groups.pop(b)
    labels = [0] * len(sim)
    for k, g in enumerate(groups):
        for i in g:
            labels[i] = k
    return labels


def test_average_link_by_components_matches_textbook_average_link() -> None:
    # Texts on three unrelated vocabularies (three components) plus words shared within
    # each: the condensed per-component chain must make the textbook's groups.
    import random

    from timeline import cluster

    rng = random.Random(7)
    vocabularies = [[f"{topic}{k}" for k in range(12)] for topic in ("alpha", "beta", "gamma")]
    texts = [" ".join(rng.sample(vocabularies[i % 3], 4)) for i in range(36)]
    x = cluster._top_terms(cluster._tfidf(texts, frozenset()), 40)
    sim = cluster._similarities(x, x).astype(float).tolist()
    for floor in (0.05, 0.125, 0.3):
        assert _same_partition(list(cluster._linked(x, floor)), _naive_average_link(sim, floor))
    components = cluster._components(x, 0.125)
    assert len(set(components.tolist())) >= 3
