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
