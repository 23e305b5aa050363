"""Holding thousands of disclosures in one process without the cyclic collector rescanning them.

A build keeps every disclosure in memory until it ends: millions of objects, none of them
garbage. Left alone, the cyclic collector scans the growing heap again and again while
they are unpickled (5,000 cached disclosures: 51.5 s with it, 16.6 s without) and on every
full collection afterwards (writing 2,500 packages: 26.9 s, 20.4 s frozen).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No cyclic collection while long-lived objects are being made."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def long_lived() -> Iterator[None]:
    """Everything alive now is moved out of the collector's sight (gc.freeze) until the block
    ends, then handed back, so a process that builds many times still frees it."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
