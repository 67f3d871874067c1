from tests.factories import BoardItemFactory


def make_items(bureau, count, **kwargs):
    """`count` items with two talents each, so prefetches are exercised."""
    talents = list(bureau.talents.all()[:2])
    items = []
    for _ in range(count):
        item = BoardItemFactory(bureau=bureau, **kwargs)
        item.talents.set(talents)
        items.append(item)
    return items
