"""The review on pairs of real synthesized outputs, each with one change (issue 16): exact report
lines and the gates' exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tripgen_constructs.review.__main__ import main

from tests.diagrams.mermaid_check import mermaid_errors

from .conftest import read_json
from .variants import PUBLIC_CACHE_REASON

GATES = ("exposure", "zone-redundancy", "findings")


def run(tmp_path: Path, base: Path, head: Path, *gates: str, pictures: bool = False) -> tuple[int, str]:
    out = tmp_path / "review"
    args = [str(base), str(head), "-o", str(out), *(f"--fail-on={g}" for g in gates)]
    code = main(args + ([] if pictures else ["--no-pictures"]))
    return code, (out / "review.md").read_text()


def lines(md: str) -> list[str]:
    return md.splitlines()


def test_prod_pool_six_to_eight_nodes_and_the_cache_made_public(output, tmp_path, capsys):
    base, head = output(tripgen_prod="tripgen-prod"), output(tripgen_prod="tripgen-prod-example")
    code, md = run(tmp_path, base, head, "exposure", pictures=True)
    assert code == 1
    assert "| tripgen-prod | changed | 0 | 0 | 2 | 1 newly reachable from the Internet, 1 suppression added |" in md
    assert "- newly reachable from the Internet: `data/redis/cache`: public_network_access_enabled = on" in lines(md)
    assert f"- suppression added: `TG-PUBLIC-ACCESS on data/redis/cache`: {PUBLIC_CACHE_REASON}" in lines(md)
    assert "  - capacity: `min_count` 6 → 8" in lines(md)
    assert "  - capacity: `node_count` 6 → 8" in lines(md)
    assert "  - public access: `public_network_access_enabled` off → on" in lines(md)
    assert "gate exposure failed:" in capsys.readouterr().err
    out = tmp_path / "review"
    assert sorted(p.name for p in out.glob("*-diff.*")) == [
        f"{view}-tripgen-prod-diff.{fmt}"
        for view in ("network", "physical-architecture")
        for fmt in ("mmd", "png", "svg")
    ]
    physical = (out / "physical-architecture-tripgen-prod-diff.mmd").read_text()
    pools = ",".join(f"n_aks_application_pool_z{z}" for z in "123")
    assert f"  class legend_changed,{pools},n_aks_cluster,n_data_redis_cache changed" in physical.splitlines()
    assert physical.count("was 6–20 nodes") == 3
    network = (out / "network-tripgen-prod-diff.mmd").read_text()
    assert "  class legend_changed,n_aks_cluster,n_data_redis_cache changed" in network.splitlines()
    assert "public_network_access_enabled: off → on" in network
    assert mermaid_errors(sorted(out.glob("*.mmd"))) == []


def test_a_node_count_is_a_capacity_change_and_passes_every_gate(output, tmp_path):
    code, md = run(tmp_path, output(tripgen_prod="tripgen-prod"), output(tripgen_prod="tripgen-prod-pool8"), *GATES)
    assert code == 0
    assert "| tripgen-prod | changed | 0 | 0 | 1 | none |" in md
    assert "- `aks/application-pool` (node pool)" in lines(md)
    assert "  - capacity: `min_count` 6 → 8" in lines(md)
    assert "  - capacity: `node_count` 6 → 8" in lines(md)


def test_a_zone_list_gains_zone_redundancy_and_losing_it_fails_the_gate(output, tmp_path):
    single, three = output(tripgen_dev="tripgen-dev"), output(tripgen_dev="tripgen-dev-zones")
    code, md = run(tmp_path / "gain", single, three, "zone-redundancy")
    assert code == 0
    assert "- zone redundancy gained: `aks/application-pool`: zones 1, 2, 3" in lines(md)
    assert "  - zones: `zones` [1] → [1, 2, 3]" in lines(md)
    code, md = run(tmp_path / "loss", three, single, "zone-redundancy")
    assert code == 1
    assert "- zone redundancy lost: `aks/application-pool`: was: zones 1, 2, 3" in lines(md)
    assert "- tripgen-dev: zone redundancy lost: aks/application-pool (was: zones 1, 2, 3)" in lines(md)


def test_public_access_switched_on_fails_the_exposure_gate_but_not_findings(output, tmp_path):
    base, head = output(tripgen_prod="tripgen-prod"), output(tripgen_prod="tripgen-prod-public")
    code, md = run(tmp_path / "a", base, head, "exposure")
    assert code == 1
    assert (
        "- tripgen-prod: newly reachable from the Internet: data/redis/cache (public_network_access_enabled = on)"
        in lines(md)
    )
    code, _ = run(tmp_path / "b", base, head, "findings")
    assert code == 0  # the finding is suppressed, with its reason: a suppression added, no open finding
    code, md = run(tmp_path / "c", head, base, "exposure")
    assert code == 0
    assert "- newly private: `data/redis/cache`: was: public_network_access_enabled = on" in lines(md)


def test_an_nsg_rule_removed_closes_its_flow_and_its_subnet_is_drawn_changed(output, tmp_path):
    base, head = output(tripgen_prod="tripgen-prod"), output(tripgen_prod="tripgen-prod-nsg")
    code, md = run(tmp_path, base, head, *GATES)
    assert code == 0
    assert main([str(base), str(head), "-o", str(tmp_path / "mmd"), "--format", "mmd"]) == 0
    network = (tmp_path / "mmd" / "network-tripgen-prod-diff.mmd").read_text().splitlines()
    assert (
        "  style snet_network_spoke_subnet_snet_database fill:#fff3e0,stroke:#ef8f00,stroke-width:3px,font-size:12px"
        in network
    )
    assert mermaid_errors(sorted((tmp_path / "mmd").glob("*.mmd"))) == []
    assert "- traffic flow closed: `spoke/snet-aks-pods → spoke/snet-database TCP 5432`" in lines(md)
    assert (
        "  - NSG rules: `allow-postgresql-from-aks-pods` Inbound Allow TCP 5432 from 10.1.8.0/21 to * (priority 110) → none"
        in lines(md)
    )


def test_a_replica_added_is_a_dr_pair_gained(output, tmp_path):
    base, head = output(tripgen_prod="tripgen-prod-one-replica"), output(tripgen_prod="tripgen-prod")
    code, md = run(tmp_path, base, head, *GATES)
    assert code == 0
    assert "| tripgen-prod | changed | 3 | 0 | 0 | 1 DR pair gained |" in md
    assert (
        "- DR pair gained: `data/postgres/server (koreacentral) → data/postgres/replica-koreasouth (koreasouth) read replica`"
        in lines(md)
    )
    assert (
        "- `data/postgres/replica-koreasouth` (PostgreSQL): GP_Standard_D4s_v3 · 524288 MB · v16 · + 1 parameter"
        in lines(md)
    )


def test_a_role_assignment_added_says_who_gains_which_role_on_what(output, tmp_path):
    code, md = run(tmp_path, output(tripgen_prod="tripgen-prod"), output(tripgen_prod="tripgen-prod-grant"))
    assert code == 0
    assert (
        "- `services-identity/grant-key-vault-vault-key-vault-secrets-officer/assignment` (role grant): "
        "services-identity/identity gains Key Vault Secrets Officer on key-vault/vault"
    ) in lines(md)


def test_a_stack_added_is_added_whole(output, tmp_path):
    head = output(tripgen_prod="tripgen-prod", tripgen_dev="tripgen-dev")
    code, md = run(tmp_path, output(tripgen_prod="tripgen-prod"), head, *GATES)
    assert code == 0
    assert "| tripgen-dev | added | 131 | 0 | 0 | none |" in md
    assert "| tripgen-prod | unchanged | 0 | 0 | 0 | none |" in md
    assert "Stack added with 131 resources." in lines(md)


def test_a_renamed_stack_is_removed_and_added_with_a_hint(output, tmp_path):
    code, md = run(tmp_path, output(tripgen_prod="tripgen-prod"), output(tripgen_production="tripgen-prod"))
    assert code == 0
    hint = "> Hint: tripgen-prod → tripgen-production looks like a rename: 100% of their resources match by construct path."
    assert lines(md).count(hint) == 2


def test_base_equal_to_head_is_no_architectural_change(output, tmp_path):
    same = output(tripgen_prod="tripgen-prod", tripgen_dev="tripgen-dev")
    code, md = run(tmp_path, same, same, *GATES, pictures=True)
    assert code == 0
    assert lines(md)[2] == "No architectural change."
    assert not list((tmp_path / "review").glob("*-diff.*"))
    assert read_json(tmp_path / "review" / "review.json")["changed"] is False


def test_review_json_is_stable_and_sorted(output, tmp_path):
    base, head = output(tripgen_prod="tripgen-prod"), output(tripgen_prod="tripgen-prod-example")
    run(tmp_path / "a", base, head)
    run(tmp_path / "b", base, head)
    first = (tmp_path / "a" / "review" / "review.json").read_bytes()
    assert first == (tmp_path / "b" / "review" / "review.json").read_bytes()
    document = read_json(tmp_path / "a" / "review" / "review.json")
    assert document["gates"]["exposure"] == [
        "tripgen-prod: newly reachable from the Internet: data/redis/cache (public_network_access_enabled = on)"
    ]
    assert [r["key"] for r in document["stacks"][0]["resources"]] == ["aks/application-pool", "data/redis/cache"]


def test_a_long_report_is_capped_with_the_rest_in_a_file(output, tmp_path):
    from tripgen_constructs.review import load_output, write_review
    from tripgen_constructs.review.core import review

    base = load_output(output(tripgen_prod="tripgen-prod"))
    head = load_output(output(tripgen_prod="tripgen-prod", tripgen_dev="tripgen-dev"))
    write_review(review(base, head, "base", "head"), base, head, tmp_path, formats=(), limit=2000)
    short, full = (tmp_path / "review.md").read_text(), (tmp_path / "review-full.md").read_text()
    assert len(short) <= 2000 < len(full)
    assert short.count("<details>") == short.count("</details>")
    assert short.endswith(f"the whole report is in `review-full.md` ({len(full):,} characters).\n")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing", "no such directory"),
        (lambda p: p, "not a cdktf.out folder (no stacks/ directory)"),
        (lambda p: (p / "stacks").mkdir() or p, "no stacks (no */cdk.tf.json)"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(output, tmp_path, capsys, make, message):
    bad = make(_fresh(tmp_path))
    assert main([str(bad), str(output(tripgen_prod="tripgen-prod")), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err


def _fresh(tmp_path: Path) -> Path:
    path = tmp_path / "input"
    path.mkdir()
    return path


def test_the_review_never_loads_jsii(output, tmp_path):
    base, head = output(tripgen_prod="tripgen-prod"), output(tripgen_prod="tripgen-prod-example")
    code = (
        "import sys; from tripgen_constructs.review.__main__ import main; "
        f"main([{str(base)!r}, {str(head)!r}, '-o', {str(tmp_path)!r}, '--no-pictures']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsii', 'cdktf', 'constructs')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
