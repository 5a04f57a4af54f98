"""Any region, topology and time zone: the environment config alone, without jsii (issue 14)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from tripgen_constructs.config.discovery import discover_environments, environment_folders
from tripgen_constructs.config.environment import EnvironmentConfig
from tripgen_constructs.config.errors import ConfigError, problems_of
from tripgen_constructs.config.maintenance import MaintenanceSlot
from tripgen_constructs.config.network import (
    GATEWAY,
    NetworkProps,
    NsgRule,
    SubnetProps,
    VirtualNetworkProps,
    subnet_ref,
)

from apps.prod.config import PROD
from tests import plan

RECEIVERS = {"email_receivers": [{"name": "oncall", "address": "oncall@contoso.example"}]}


def _config(**fields: object) -> EnvironmentConfig:
    return EnvironmentConfig.model_validate(plan.environment(name="prod", production=True, alerts=RECEIVERS, **fields))


def test_the_dr_region_defaults_to_the_pair_of_the_primary():
    assert _config(location="westeurope").dr_location == "northeurope"
    assert PROD.dr_location == "koreasouth"


def test_library_defaults_follow_the_environment_regions():
    config = _config(location="westeurope")
    assert [r.location for r in config.data.postgres.replicas] == ["westeurope", "northeurope"]
    assert config.registry.replica_locations == ("northeurope",)
    assert config.network.dr_spoke is not None and config.network.dr_spoke.location == "northeurope"


def test_without_a_dr_region_the_dr_replicas_are_left_out():
    config = _config(
        location="westeurope", dr_location=None, network=plan.NETWORK_WITHOUT_DR, messaging={"geo_dr": False}
    )
    assert [r.location for r in config.data.postgres.replicas] == ["westeurope"]
    assert config.registry.replica_locations == ()


def test_an_unknown_region_is_refused_naming_the_nearest():
    with pytest.raises(
        ConfigError, match=r"'location' must be an Azure region.*did you mean 'westeurope'.*got 'west europ'"
    ):
        _config(location="west europ")


def test_a_dr_region_equal_to_the_primary_is_refused():
    with pytest.raises(
        ConfigError, match=r"'dr_location' must be a region other than location \(westeurope\), got 'westeurope'"
    ):
        _config(location="westeurope", dr_location="westeurope")


def test_zones_in_a_region_without_availability_zones_are_refused():
    # Korea South has no zones: every zonal default (AKS pools, gateway, PostgreSQL, Redis) is named.
    with pytest.raises(ConfigError) as raised:
        _config(location="koreasouth", dr_location=None, network=plan.NETWORK_WITHOUT_DR, messaging={"geo_dr": False})
    message = str(raised.value)
    assert "'zones' must be none in koreasouth (Korea South has no availability zones)" in message
    for field in ("aks.system_pool.zones", "perimeter.zones", "data.postgres.zone", "data.redis.zones"):
        assert field in message


def test_a_time_zone_that_is_not_an_iana_name_is_refused():
    with pytest.raises(
        ConfigError, match=r"'time_zone' must be an IANA time zone name such as 'Asia/Seoul'.*got 'KST'"
    ):
        _config(location="westeurope", time_zone="KST")


def test_maintenance_slots_take_the_environment_time_zone():
    assert PROD.aks.maintenance.time_zone == PROD.data.postgres.maintenance.time_zone == "Asia/Seoul"
    assert PROD.aks.maintenance.utc_offset == "+09:00"


def test_a_daylight_saving_zone_is_written_at_its_standard_offset():
    # Amsterdam: UTC+1 in winter, UTC+2 in summer. Azure takes one fixed offset (AKS) or UTC hours
    # (PostgreSQL, Redis): both the standard offset, so every resource patches at the same instant.
    slot = MaintenanceSlot(day="Sunday", start_hour=2, time_zone="Europe/Amsterdam")
    assert slot.utc_offset == "+01:00"
    assert slot.utc == (0, 1)
    new_york = MaintenanceSlot(day="Sunday", start_hour=22, time_zone="America/New_York")
    assert (new_york.utc_offset, new_york.utc, new_york.utc_day_name) == ("-05:00", (1, 3), "Monday")


def test_a_subnet_role_assigned_twice_is_refused():
    subnets = (*plan.SPOKE.subnets, SubnetProps(name="snet-extra", role="database", cidr="172.21.7.0/24"))
    with pytest.raises(
        ConfigError,
        match=r"'subnets.role' must be each role on one subnet of a VNet, got \['database \(snet-database, snet-extra\)'\]",
    ):
        VirtualNetworkProps(address_space=plan.SPOKE.address_space, subnets=subnets)


def test_an_nsg_rule_naming_a_subnet_role_absent_from_the_topology_is_refused():
    rule = NsgRule(
        name="from-dr",
        priority=300,
        direction="Inbound",
        source=subnet_ref("dr_spoke", "cache"),
        destination_ports=("443",),
    )
    gateway = SubnetProps(name="snet-gw", role=GATEWAY, cidr="172.20.1.0/24", nsg_rules=(rule,))
    with pytest.raises(
        ConfigError,
        match=r"'hub.subnets.snet-gw.nsg_rules.from-dr.source' must be a subnet role of the topology, one of \[.*'spoke.aks'.*\], got 'subnet:dr_spoke.cache'",
    ):
        NetworkProps(hub=VirtualNetworkProps(address_space=("172.20.0.0/16",), subnets=(gateway,)), spoke=plan.SPOKE)


def test_the_gateway_subnet_is_found_by_role_whatever_its_name():
    gateway = SubnetProps(name="gw", role=GATEWAY, cidr="172.20.1.0/24")
    network = NetworkProps(
        hub=VirtualNetworkProps(address_space=("172.20.0.0/16",), subnets=(gateway,)), spoke=plan.SPOKE
    )
    assert network.hub.by_role(GATEWAY) == gateway
    # the AKS rules name the gateway by role: its CIDR, whatever the subnet is called
    aks = network.spoke.by_role("aks")
    assert aks is not None
    assert {r.source for r in network.rules_of(aks, frozenset({"messaging"})) if r.direction == "Inbound"} == {
        "172.20.1.0/24"
    }


def test_default_rules_follow_the_topology():
    network = plan.NETWORK_WITHOUT_DR
    database = network.spoke.by_role("database")
    aks = network.spoke.by_role("aks")
    assert database is not None and aks is not None
    assert "allow-postgresql-from-dr-database" not in {r.name for r in network.rules_of(database, frozenset())}
    assert "allow-postgresql-from-dr-database" in {r.name for r in plan.NETWORK.rules_of(database, frozenset())}
    assert "allow-servicebus-outbound" not in {r.name for r in network.rules_of(aks, frozenset())}
    assert "allow-servicebus-outbound" in {r.name for r in network.rules_of(aks, frozenset({"messaging"}))}


def test_every_problem_of_a_config_is_reported_together_in_one_form():
    with pytest.raises(ConfigError) as raised:
        EnvironmentConfig.model_validate(
            plan.environment(workload="Shop!", name="p", location="westeurop", time_zone="Nowhere/City", hub=None)
        )
    lines = [str(p) for p in problems_of(raised.value)]
    assert lines == [
        "'workload' must be 2-8 lowercase letters or digits starting with a letter, got 'Shop!'",
        "'name' must be 2-8 lowercase letters or digits starting with a letter, got 'p'",
        "'location' must be an Azure region, a programmatic name such as 'westeurope' (did you mean 'westeurope'?), got 'westeurop'",
        "'time_zone' must be an IANA time zone name such as 'Asia/Seoul' or 'Europe/Amsterdam', got 'Nowhere/City'",
        "'hub' must be absent: not a field of this model (check the spelling), got None",
    ]


def test_a_direct_construction_reports_every_mistake_in_the_one_form():
    # Not pydantic's ValidationError: the constructor itself refuses with ConfigError (a ValueError).
    with pytest.raises(ConfigError) as raised:
        EnvironmentConfig(**plan.environment(name="Prod", aks={"service_cidr": plan.SERVICE_CIDR, "sku_tier": "Gold"}))
    assert isinstance(raised.value, ValueError)
    assert [str(p) for p in raised.value.problems] == [
        "'name' must be 2-8 lowercase letters or digits starting with a letter, got 'Prod'",
        "'aks.sku_tier' must be one of 'Free', 'Standard' or 'Premium', got 'Gold'",
    ]


def test_the_address_plan_namespace_and_services_have_no_default():
    with pytest.raises(ConfigError) as raised:
        EnvironmentConfig(workload="shop", name="dev", location="westeurope", production=False)
    assert [str(p) for p in raised.value.problems] == [
        f"'{field}' must be given (the field is required), got (nothing)"
        for field in ("network", "aks", "perimeter", "workloads")
    ]


def test_a_nested_model_given_none_is_refused_without_pydantic_wording():
    with pytest.raises(ConfigError) as raised:
        NetworkProps.model_validate({"hub": None, "spoke": plan.SPOKE})
    assert [str(p) for p in problems_of(raised.value)] == [
        "'hub' must be a VirtualNetworkProps (a mapping of its fields), got None"
    ]


# --- discovery -------------------------------------------------------------------------------------


@pytest.fixture
def apps_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A throwaway ``fakeapps`` package; ``write(folder, source)`` adds an environment."""
    root = tmp_path / "fakeapps"
    root.mkdir()
    (root / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield root
    for name in [m for m in sys.modules if m == "fakeapps" or m.startswith("fakeapps.")]:
        del sys.modules[name]


ENV = """
from tripgen_constructs.config.environment import EnvironmentConfig
from tests import plan
CONFIG = EnvironmentConfig(**plan.environment(workload={workload!r}, name={name!r}))
"""


def _env(root: Path, folder: str, **fields: str) -> None:
    (root / folder).mkdir()
    (root / folder / "__init__.py").write_text("")
    (root / folder / "config.py").write_text(textwrap.dedent(ENV.format(**fields)))


def test_environments_are_the_folders_of_the_package(apps_package):
    _env(apps_package, "test", workload="shop", name="test")
    _env(apps_package, "qa", workload="shop", name="qa")
    assert environment_folders("fakeapps") == ("qa", "test")
    assert [c.stack_name for c in discover_environments("fakeapps")] == ["shop-qa", "shop-test"]


def test_an_environment_folder_without_a_config_is_refused_with_the_others(apps_package):
    _env(apps_package, "qa", workload="shop", name="qa")
    (apps_package / "empty").mkdir()
    (apps_package / "empty" / "__init__.py").write_text("")
    (apps_package / "broken").mkdir()
    (apps_package / "broken" / "config.py").write_text(textwrap.dedent(ENV.format(workload="shop", name="X")))
    with pytest.raises(ConfigError) as raised:
        discover_environments("fakeapps")
    assert [str(p) for p in raised.value.problems] == [
        "'fakeapps/broken/config.py: name' must be 2-8 lowercase letters or digits starting with a letter, got 'X'",
        "'fakeapps/empty' must be a config.py defining CONFIG, got no config.py",
    ]


def test_two_environments_with_the_same_name_prefix_and_name_are_refused(apps_package):
    _env(apps_package, "qa", workload="shop", name="qa")
    _env(apps_package, "qa2", workload="shop", name="qa")
    with pytest.raises(
        ConfigError,
        match=r"'fakeapps/qa2/config.py' must be a name prefix and name no other environment uses \(also used by 'qa'\), got stack name 'shop-qa'",
    ):
        discover_environments("fakeapps")


def test_the_main_job_reports_every_config_problem_and_exits_2(monkeypatch, capsys):
    from tripgen_constructs.config.errors import Problem

    import apps.__main__ as main_job

    def broken() -> tuple[EnvironmentConfig, ...]:
        raise ConfigError(
            [
                Problem("apps/qa: location", "'westeurop'", "an Azure region"),
                Problem("apps/x", "no config.py", "a config.py defining CONFIG"),
            ]
        )

    monkeypatch.setattr(main_job, "environments", broken)
    assert main_job.main(["--outdir", "unused"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: 'apps/qa: location' must be an Azure region, got 'westeurop'",
        "error: 'apps/x' must be a config.py defining CONFIG, got no config.py",
    ]
