"""The region table: lookups, suggestions and its own consistency."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tripgen_constructs.config.regions import REGIONS, display_name, nearest, region


def test_a_known_region_carries_its_zones_pair_and_geography() -> None:
    westeurope = region("westeurope")
    assert (westeurope.display_name, westeurope.zones, westeurope.paired, westeurope.geography) == (
        "West Europe",
        ("1", "2", "3"),
        "northeurope",
        "Europe",
    )


def test_a_region_without_availability_zones_has_none() -> None:
    assert region("koreasouth").zones == ()
    assert not region("koreasouth").has_zones


def test_a_region_without_a_pair_says_so() -> None:
    assert region("italynorth").paired is None


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("westeurop", "westeurope"), ("West Europe", "westeurope"), ("korea-central", "koreacentral")],
)
def test_an_unknown_region_is_refused_with_the_nearest_match(typed: str, suggested: str) -> None:
    with pytest.raises(ValueError) as refused:
        region(typed)
    assert str(refused.value) == (
        f"{typed!r} is not an Azure region (programmatic names, e.g. 'westeurope'); did you mean {suggested!r}?"
    )
    assert nearest(typed) == suggested


def test_a_name_far_from_every_region_gets_no_suggestion() -> None:
    with pytest.raises(ValueError, match=r"^'xyzzy' is not an Azure region \(programmatic names, e.g. 'westeurope'\)$"):
        region("xyzzy")


def test_every_pair_names_a_region_of_the_table() -> None:
    assert sorted(r.name for r in REGIONS.values() if r.paired and r.paired not in REGIONS) == []


def test_display_names_come_from_the_table_and_unknown_names_pass_through() -> None:
    assert display_name("koreacentral") == "Korea Central"
    assert display_name("${var.location}") == "${var.location}"


def test_the_table_imports_no_cdk_runtime() -> None:
    code = "import sys, tripgen_constructs.config.regions; print(sorted(m for m in ('cdktf', 'jsii', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
