"""The build keys validation on the digests it has just computed; they must be the keys
validate_all would compute by reading each package again."""

from __future__ import annotations

from juesuan.infra.cache import entry_key
from juesuan.package.validate import find_packages, package_key, validator_version
from juesuan.pipeline.build import write_packages


def test_digests_of_written_and_reused_packages_are_the_validation_keys(seed_disclosures, tmp_path):
    ds = [seed_disclosures[s] for s in ("002", "004")]
    for _ in range(2):  # laid out afresh, then found unchanged and linked
        digests = write_packages(ds, tmp_path / "dp", tmp_path / "markers")
        packages = find_packages(tmp_path / "dp")
        assert {p.parent.name for p in packages} == set(digests)
        for p in packages:
            assert entry_key(validator_version(), digests[p.parent.name]) == package_key(p)
