"""Pages across disclosures, rendered once per content and on all cores.

A department's page or a year × province comparison depends only on its own disclosures
(by their conversion keys) and this package's code, yet the portal has thousands of
them: rendering each on every build made a one-disclosure update cost as much as a full
render. Each result is kept in the render cache under a key of those inputs; only the
missing ones are rendered, in the process pool, and stored by the worker itself.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from juesuan.disclosure import Disclosure
from juesuan.infra.cache import Cache, entry_key
from juesuan.infra.parallel import map_in_order, worker_count


def page_key(kind: str, label: object, disclosures: Sequence[Disclosure]) -> str:
    """The cache name of a page of `kind` about `label` listing `disclosures`."""
    return entry_key(kind, repr(label), *(d.conversion_key for d in disclosures))


def _decode(data: bytes) -> tuple[Any] | None:
    try:
        found = pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return found if isinstance(found, tuple) and len(found) == 1 else None


def _render_and_store(render: Callable[..., Any], args: tuple, store: Cache, name: str) -> Any:
    result = render(*args)
    store.store(name, pickle.dumps((result,), pickle.HIGHEST_PROTOCOL))
    return result


def rendered(
    render: Callable[..., Any],
    jobs: Sequence[tuple],
    names: Sequence[str],
    cache_dir: Path | None,
) -> list[Any]:
    """[render(*args) for args in jobs], from the cache where `names` has an entry."""
    if cache_dir is None:
        return [render(*args) for args in jobs]
    store = Cache(cache_dir)
    found = [store.load(name, _decode) for name in names]
    todo = [i for i, hit in enumerate(found) if hit is None]
    fresh = map_in_order(
        _render_and_store,
        [render] * len(todo),
        [jobs[i] for i in todo],
        [store] * len(todo),
        [names[i] for i in todo],
        workers=worker_count(len(todo)),
    )
    results = [hit[0] if hit is not None else None for hit in found]
    for i, result in zip(todo, fresh, strict=True):
        results[i] = result
    return results
