"""Workload manifests of both real environments, synthesized once per session (cdk8s only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

CLIENT_ID = "11111111-2222-3333-4444-555555555555"


@dataclass(frozen=True)
class Manifests:
    """One environment's ``cdktf.out/k8s/<env>/`` directory."""

    root: Path

    @property
    def objects(self) -> list[dict[str, Any]]:
        return [doc for f in sorted(self.root.glob("*.k8s.yaml")) for doc in yaml.safe_load_all(f.read_text()) if doc]

    def get(self, kind: str, name: str) -> dict[str, Any]:
        found = [o for o in self.objects if o["kind"] == kind and o["metadata"]["name"] == name]
        assert len(found) == 1, f"{len(found)} {kind} named {name!r}"
        return found[0]

    def values(self, service: str) -> dict[str, Any]:
        env = self.root.name
        return yaml.safe_load((self.root / "helm" / f"{service}-service" / f"values-{env}.yaml").read_text())


@pytest.fixture(scope="session")
def k8s_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Prod with a client id from a ``terraform output -json`` file, the others without (placeholder)."""
    from tripgen_constructs.workloads import synth_manifests

    from apps import ENVIRONMENTS

    outdir = tmp_path_factory.mktemp("cdktf.out")
    for config in ENVIRONMENTS:
        synth_manifests(config, outdir, CLIENT_ID if config.name == "prod" else None)
    return outdir / "k8s"


@pytest.fixture(scope="session")
def prod_k8s(k8s_out: Path) -> Manifests:
    return Manifests(k8s_out / "prod")


@pytest.fixture(scope="session")
def dev_k8s(k8s_out: Path) -> Manifests:
    return Manifests(k8s_out / "dev")
