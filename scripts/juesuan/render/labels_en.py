"""The English names of the fact vocabulary, published once for the pages to look up.

A disclosure page's all-figures table names each figure in Chinese with its key
(`staff.total`); the English name written under every row was ~1.7 KB a page (8 MB at
5,000 disclosures). The names are published once, as JSON, and tables.js writes each
row's English name from it; without scripts the key is there, and the data dictionary
lists every key in both languages.
"""

from __future__ import annotations

import json

from juesuan.domain.vocabulary import load_vocabulary

LABELS_PATH = "assets/data/labels-en.json"


def labels_json() -> str:
    """key → English name, keys sorted (the same bytes every build)."""
    labels = {key: concept.label_en for key, concept in load_vocabulary().items()}
    return json.dumps(labels, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
