"""The fast dialect verdict is the one csv.Sniffer().sniff gives, as frictionless calls it.

read_as_written looks up the sniffer's fallback by a profile of the sample (the candidate
delimiters' counts per line); whatever the sample, its verdict must be what the plain
sniff gives (frictionless: `csv.Sniffer().sniff(sample, ",\\t;|")`, excel on csv.Error).
"""

from __future__ import annotations

import csv

import pytest

from juesuan.package import csv_dialect
from juesuan.package.files import package_files


def sniffed_verdict(sample: str) -> bool:
    """The verdict straight from the stdlib sniffer (what read_as_written must equal)."""
    try:
        dialect = csv.Sniffer().sniff(sample, ",\t;|")
    except csv.Error:
        return True
    return (
        dialect.delimiter == ","
        and dialect.quotechar in {'"', "'"}
        and not dialect.skipinitialspace
        and dialect.escapechar is None
    )


SAMPLES = {
    "plain": "a,b,c\n1,2,3\n4,5,6\n",
    "space after comma": "a, b, c\n1, 2, 3\n4, 5, 6\n",
    "semicolons": "a;b;c\n1;2;3\n",
    "tabs": "a\tb\tc\n1\t2\t3\n",
    "pipes": "a|b|c\n1|2|3\n",
    "one column": "a\n1\n2\n",
    "empty": "",
    "blank lines": "\n\n\n",
    "quoted commas": 'a,b\n"x,y",2\n"z,w",3\n',
    "quoted semicolons": 'a;b\n"x;y";2\n',
    "single quotes": "a,b\n'x,y',2\n",
    "commas and semicolons mixed": "a,b;c\n1,2;3\n4;5,6\n7,8,9\n",
    "ragged": "a,b,c\n1,2\n3,4,5,6\n" * 5,
    "more than a chunk": "".join(f"{i},{i}{';' * (i % 3)}\n" for i in range(35)),
    "Chinese commas only": "名称，金额\n收入，1\n",
    "an apostrophe, no quoted field": "name,note\nx,it's\ny,ok\n",
    "a quote inside a field": 'a,b\n1,say "x"\n2,y\n',
}


@pytest.mark.parametrize("name", SAMPLES)
def test_a_sample_gets_the_sniffers_verdict(name):
    sample = SAMPLES[name]
    csv_dialect._guessed.clear()
    assert csv_dialect.read_as_written.__wrapped__(sample) == sniffed_verdict(sample)
    # and again when its profile's answer is looked up, not computed
    assert csv_dialect.read_as_written.__wrapped__(sample) == sniffed_verdict(sample)


def test_every_file_of_the_seed_packages_gets_the_sniffers_verdict(seed_disclosures):
    """Our own files, and each with the delimiters swapped, read one after another so that
    profiles computed for one file answer for the next."""
    csv_dialect._guessed.clear()
    for d in seed_disclosures.values():
        for name, text in package_files(d).items():
            if not name.endswith(".csv"):
                continue
            sample = "".join(text.splitlines(keepends=True)[:100])
            for variant in (sample, sample.replace(",", ";"), sample.replace(",", "\t")):
                assert csv_dialect.read_as_written.__wrapped__(variant) == sniffed_verdict(
                    variant
                ), name
