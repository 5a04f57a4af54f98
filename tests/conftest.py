"""Session fixtures: our stacks, the example, then the foreign corpus, synthesized once per session
(one jsii load).

``python3 -m pytest`` runs on two xdist workers (``addopts`` in pyproject.toml; ``-p no:xdist`` runs
in one process as before). Every test that loads the azurerm bindings or cdk8s in its own process
goes to ONE worker (the ``jsii`` xdist group), which also synthesizes the shared outputs
(``SHARED``: our stacks, the example, the corpus, the main job's ``cdktf.out``, the review's variant
stacks) once, first thing, into the run's common temporary folder; the tests that only read JSON
(``JSII_FREE``), one module per group, run on the other worker and read those files, waiting for
each one's ``.done`` marker. A test outside the jsii group that loads the bindings anyway
fails, naming this file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

import pytest
from tripgen_constructs.reader import read_stack

from tests.runtimes import in_cdktf_terms
from tests.synth import Stack

WORKER = os.environ.get("PYTEST_XDIST_WORKER")
"""This process's xdist worker id (``gw0``), None without xdist."""
JSII_GROUP = "jsii"
JSII_FREE = (
    "tests/config/",
    "tests/design/",
    "tests/diagrams/",
    "tests/pipeline/",
    "tests/review/",
    "tests/rules/test_aprl_rules.py",
    "tests/rules/test_checkov_runner.py",
    "tests/rules/test_engine.py",
    "tests/rules/test_resiliency_rules.py",
    "tests/rules/test_security_rules.py",
    *(  # the guardrails that read the session's synth (checkov the longest), not those that synthesize
        f"tests/rules/test_synth_guardrails.py::{name}"
        for name in (
            "test_both_stacks_pass_every_rule_of_both_packs",
            "test_prod_suppresses_only_the_accepted_aprl_findings_and_the_backup_account",
            "test_dev_report_lists_each_suppression_with_its_reason",
            "test_no_secret_looking_literal_in_any_synthesized_file",
            "test_checkov_passes_both_stacks_with_generated_skips",
        )
    ),
    "tests/rules/test_fuzz_configs.py::test_fuzz_bases_round_trip_through_json",
    "tests/rules/test_fuzz_configs.py::test_fuzzed_config_validates_or_is_refused_naming_a_field",
    "tests/test_cdktn.py",
    "tests/test_docs.py",
    "tests/test_example.py",
    "tests/test_layering.py",
    "tests/test_lazy_exports.py",
    "tests/test_lint.py",
    "tests/test_nothing_tripgen_in_lib.py",
    "tests/test_reader.py",
    "tests/test_stack_snapshots.py",
)
"""Tests (node id prefixes) that never load the azurerm bindings or cdk8s in their own process: they
read synthesized JSON (``SHARED``) or run subprocesses. Every other test is in the jsii group."""
SHARED = ("synth_dir", "main_job_outdir", "variants_dir", "example_dir", "corpus_dir")
"""Session fixtures made by the jsii worker, in this order, before its first test, and read as files
by the other (the main job's outdir first: the most reader tests wait for it)."""
_JSII_GROUP_NEEDS: set[str] = set()
"""The shared outputs the selected tests use: the jsii worker makes them, the other waits for them."""


def _jsii_loaded() -> bool:
    return any(name.endswith("provider_azurerm._jsii") or name == "cdk8s" for name in sys.modules)


LONGEST = (
    "tests/test_cdktn.py",
    "tests/diagrams/test_explorer.py",
    "tests/pipeline/test_main_job.py",
    "tests/diagrams/test_mermaid_browser.py",
    "tests/test_lint.py",
)
"""The modules that take longest outside the jsii group (10-30 s each, ``--durations``): handed out
before the short ones, which then fill both workers' ends. The cdktn one first: its first 10 s are
the cdktn main job, a subprocess that needs no shared output, while the jsii worker makes them."""

WORKERS = 2
"""The jsii worker and one more: the suite's two cores."""


@pytest.hookimpl(tryfirst=True)  # before xdist's, which turns -n into its workers
def pytest_cmdline_main(config: pytest.Config) -> None:
    """``python3 -m pytest`` means ``-n 2 --dist loadgroup`` when xdist is installed and enabled, not
    asked otherwise (``-n``), and not incompatible (``--pdb``, ``--collect-only``)."""
    option = config.option
    wanted = WORKER is None and config.pluginmanager.hasplugin("xdist") and option.numprocesses is None
    if wanted and not (option.usepdb or option.collectonly):
        option.numprocesses = WORKERS
        option.dist = "loadgroup" if option.dist == "no" else option.dist
        # groups in collection order (the jsii group, then the readers that wait for no shared
        # output), not xdist's largest-group-first
        option.loadscopereorder = False


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: object) -> None:
    """Workers parse the command line, not the options set above: tell them to group."""
    node.workerinput["loadgroup"] = node.config.option.dist == "loadgroup"  # type: ignore[attr-defined]


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist: the jsii group, one group per module for the rest (a module's fixtures are made
    once), and the order: the jsii group, then the tests that need no shared output, then those that
    do (which wait for the jsii worker's synth).

    The jsii worker makes every shared output a selected test needs before its first test, whether or
    not a jsii test uses it, so its readers stay on the other worker. Only when no jsii test is
    selected (``-k design``) do its readers join a jsii group to make it."""
    if WORKER is None:
        return
    if getattr(config, "workerinput", {}).get("loadgroup"):
        config.option.loadgroup = True  # what xdist's hook (after this one) reads
    jsii = {item.nodeid for item in items if not item.nodeid.startswith(JSII_FREE)}
    needed = {name for item in items for name in item.fixturenames if name in SHARED}
    if not jsii:  # nobody else to make them: their readers load jsii, in the jsii group
        jsii = {item.nodeid for item in items if needed & set(item.fixturenames)}
    _JSII_GROUP_NEEDS.update(needed)
    group = {item.nodeid: JSII_GROUP if item.nodeid in jsii else item.nodeid.split("::")[0] for item in items}
    waits = {group[item.nodeid] for item in items if any(name in item.fixturenames for name in SHARED)}
    for item in items:
        item.add_marker(pytest.mark.xdist_group(group[item.nodeid]))

    # whole groups move, so a module's tests stay together and its module fixtures are made once;
    # the longest first after the jsii group, so that no long one starts last and leaves a core idle
    def order(item: pytest.Item) -> tuple[int, int]:
        name = group[item.nodeid]
        if item.nodeid in jsii:
            return (0, 0)
        if name in LONGEST:
            return (1, LONGEST.index(name))
        return (2 + (name in waits), 0)

    items.sort(key=order)


_LOADED_BEFORE = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.stash[_LOADED_BEFORE] = _jsii_loaded()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Under xdist, a test outside the jsii group must not load the bindings in its process."""
    loaded_here = not item.stash.get(_LOADED_BEFORE, True) and _jsii_loaded()
    if WORKER is not None and loaded_here and not _in_jsii_group(item):
        pytest.fail(
            f"{item.nodeid} loaded the azurerm bindings or cdk8s outside the jsii xdist group:"
            " take it out of JSII_FREE in tests/conftest.py"
        )


_MADE_FIRST: list[bool] = []


@pytest.fixture(autouse=True)
def _shared_outputs_first(request: pytest.FixtureRequest) -> None:
    """The jsii worker's first test makes every shared output the run needs (``_JSII_GROUP_NEEDS``).
    A failure or skip here is the fixture's, cached: each test using it reports it, not this one."""
    if WORKER is None or _MADE_FIRST or not _in_jsii_group(request.node):
        return
    _MADE_FIRST.append(True)
    for name in SHARED:
        if name in _JSII_GROUP_NEEDS:
            with contextlib.suppress(Exception, pytest.skip.Exception, pytest.fail.Exception):
                request.getfixturevalue(name)


def _in_jsii_group(item: pytest.Item) -> bool:
    mark = item.get_closest_marker("xdist_group")
    return mark is not None and mark.args[:1] == (JSII_GROUP,)


def _shared(
    request: pytest.FixtureRequest, factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """``build`` the output of the fixture requested, in folder ``name``, once: here without xdist, or by the jsii worker into the run's
    common folder while the other worker waits for it (``name.done``, or ``name.failed``)."""
    if WORKER is None:
        target = factory.mktemp(name)
        build(target)
        return target
    root = factory.getbasetemp().parent / "shared"  # every worker's basetemp is a child of the run's
    root.mkdir(exist_ok=True)
    target, done, failed = root / name, root / f"{name}.done", root / f"{name}.failed"
    if _in_jsii_group(request._pyfuncitem) or request.fixturename not in _JSII_GROUP_NEEDS:
        with (root / f"{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not done.exists():
                try:
                    build(target)
                except BaseException as error:
                    failed.write_text(f"{type(error).__name__}: {error}")
                    raise
                done.touch()
        return target
    deadline = time.monotonic() + 1200
    while not done.exists():
        if failed.exists():
            pytest.fail(f"the jsii worker failed to make {name}: {failed.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"the jsii worker did not make {name} in 20 minutes")
        time.sleep(0.1)
    return target


@pytest.fixture(scope="session")
def synth_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Full synth (keeps the ``//`` construct paths, runs validations) of every environment."""

    def build(outdir: Path) -> None:
        from tripgen_constructs import build_app
        from tripgen_constructs._cdk import AZURERM_PACKAGE

        from apps import ENVIRONMENTS

        build_app(ENVIRONMENTS, outdir).synth()
        _BINDINGS_OF_OUR_STACKS.update(name for name in sys.modules if name.startswith(f"{AZURERM_PACKAGE}."))

    return _shared(request, tmp_path_factory, "cdktf.out", build)


ROOT = Path(__file__).resolve().parent.parent
CDKTN_PYTHON = ROOT / ".venv-cdktn" / "bin" / "python"


@pytest.fixture(scope="session")
def cdktn_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """``TRIPGEN_CDK=cdktn python -m apps`` (cdktn has its own environment, ``.venv-cdktn``) into a
    folder of the run: (outdir, diagrams, stdout). Skipped without that environment, except under
    ``.ci/run`` (``TRIPGEN_REQUIRE_CDKTN=1``), where that is a failure."""
    if not CDKTN_PYTHON.exists():
        if os.environ.get("TRIPGEN_REQUIRE_CDKTN") == "1":
            pytest.fail(f"{CDKTN_PYTHON} is missing: ./scripts/bootstrap --cdktn")
        pytest.skip(f"no {CDKTN_PYTHON}: ./scripts/bootstrap --cdktn makes it")

    def build(work: Path) -> None:
        import subprocess

        done = subprocess.run(
            [
                *(str(CDKTN_PYTHON), "-m", "apps", "--outdir", str(work / "cdktf.out")),
                *("--diagrams", str(work / "diagrams"), "--environments", str(work / "environments.md")),
                *("--docs", str(work / "docs"), "--no-cache"),
            ],
            cwd=ROOT,
            env={**os.environ, "TRIPGEN_CDK": "cdktn"},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        (work / "stdout.txt").write_text(done.stdout)

    work = _shared(request, tmp_path_factory, "cdktn", build)
    return work / "cdktf.out", work / "diagrams", (work / "stdout.txt").read_text()


@pytest.fixture(scope="session")
def checkov_results(request: pytest.FixtureRequest, synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """checkov (``rules.checkov.run_each``) on the session's synth and, when this run compares the
    runtimes (``tests/test_cdktn.py`` selected, on cdktf), on the cdktn main job's output, in ONE
    checkov process made once for the run: a process costs 6-7 s, most of it checkov's start-up.
    By runtime name; the skip files land beside each folder's stacks."""
    import dataclasses
    import json

    from tripgen_constructs.rules.checkov import StackResult, run_each

    from tests.runtimes import CDKTF, RUNTIME

    outdirs = {RUNTIME.name: synth_dir}
    if RUNTIME is CDKTF and any(item.nodeid.startswith("tests/test_cdktn.py") for item in request.session.items):
        with contextlib.suppress(Exception, pytest.skip.Exception, pytest.fail.Exception):
            outdirs["cdktn"] = request.getfixturevalue("cdktn_run")[0]  # its tests report why it is missing

    def build(target: Path) -> None:
        target.mkdir(exist_ok=True)
        found = run_each(list(outdirs.values()))
        named = {name: [dataclasses.asdict(r) for r in results] for name, results in zip(outdirs, found, strict=True)}
        (target / "results.json").write_text(json.dumps(named))

    found = json.loads((_shared(request, tmp_path_factory, "checkov", build) / "results.json").read_text())
    return {name: [StackResult(**r) for r in results] for name, results in found.items()}


EXAMPLE = ROOT / "examples" / "contoso-westeurope" / "main.py"
"""The example outside TripGen (README "use a construct"), built from the public API only."""


@pytest.fixture(scope="session")
def example_dir(request: pytest.FixtureRequest, synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example synthesized in this same process (one jsii runtime), in its own App and outdir;
    on cdktn with the imports docs/cdktn.md tells a cdktn user to change."""

    def build(outdir: Path) -> None:
        from tripgen_constructs._cdk import cdk

        from tests.runtimes import example_for_runtime

        module = types.ModuleType("contoso_westeurope")
        module.__file__ = str(EXAMPLE)
        exec(compile(example_for_runtime(EXAMPLE.read_text()), str(EXAMPLE), "exec"), module.__dict__)
        app = cdk.App(outdir=str(outdir))
        module.build(app)
        app.synth()

    return _shared(request, tmp_path_factory, "example.out", build)


_BINDINGS_OF_OUR_STACKS: set[str] = set()


@pytest.fixture(scope="session")
def our_bindings(synth_dir: Path) -> frozenset[str]:
    """The azurerm binding modules loaded once our stacks are built (before the corpus loads more)."""
    return frozenset(_BINDINGS_OF_OUR_STACKS)


@pytest.fixture(scope="session")
def corpus_dir(request: pytest.FixtureRequest, synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The foreign stacks of ``tests/diagrams/corpus`` synthesized in the same jsii runtime, after ours.

    Skipped on cdktn: the corpus is other teams' code, written against the azurerm 4.55 bindings
    (cdktf); the diagram code it tests reads JSON and does not depend on the runtime."""
    from tests.runtimes import RUNTIME

    if RUNTIME.name != "cdktf":
        pytest.skip("the corpus apps are written for the cdktf azurerm 4.55 bindings")

    def build(outdir: Path) -> None:
        from tripgen_constructs._cdk import cdk

        from tests.diagrams.corpus import add_all

        app = cdk.App(outdir=str(outdir))
        add_all(app)
        app.synth()

    return _shared(request, tmp_path_factory, "corpus.out", build)


@pytest.fixture(scope="session")
def main_job_outdir(request: pytest.FixtureRequest, synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """As the main job leaves ``cdktf.out``: the stacks, rule reports and each environment's ``k8s/<env>/``."""

    def build(where: Path) -> None:
        import shutil

        from tripgen_constructs.workloads import synth_manifests

        from apps import ENVIRONMENTS

        outdir = where / "cdktf.out"
        shutil.copytree(synth_dir / "stacks", outdir / "stacks")
        for report in synth_dir.glob("*-rules.json"):  # the rule reports the explorer lays over nodes
            shutil.copy(report, outdir / report.name)
        for config in ENVIRONMENTS:
            synth_manifests(config, outdir)

    return _shared(request, tmp_path_factory, "with-workloads", build) / "cdktf.out"


@pytest.fixture(scope="session")
def variants_dir(request: pytest.FixtureRequest, synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review's variant stacks (``tests/review/variants.py``), synthesized after (and in the same
    process as) the session's stacks."""

    def build(outdir: Path) -> None:
        from tripgen_constructs import EnvironmentStack
        from tripgen_constructs._cdk import cdk

        from tests.review.variants import VARIANTS

        app = cdk.App(outdir=str(outdir))
        for name, (config, change) in VARIANTS.items():
            stack = EnvironmentStack(app, name, config=config)
            if change is not None:
                change(stack)
        app.synth()

    return _shared(request, tmp_path_factory, "variants.out", build)


def _load(synth_dir: Path, env: str) -> Stack:
    path = synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json"
    return Stack(in_cdktf_terms(dict(read_stack(path).document)))  # the same assertions on both runtimes


@pytest.fixture(scope="session")
def stacks(synth_dir: Path) -> dict[str, Stack]:
    """Every environment discovered in ``apps/`` (``apps.ENVIRONMENT_NAMES``), by folder name."""
    from apps import ENVIRONMENT_NAMES

    return {env: _load(synth_dir, env) for env in ENVIRONMENT_NAMES}


@pytest.fixture(scope="session")
def prod(synth_dir: Path) -> Stack:
    return _load(synth_dir, "prod")


@pytest.fixture(scope="session")
def dev(synth_dir: Path) -> Stack:
    return _load(synth_dir, "dev")
