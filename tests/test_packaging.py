"""tally as others install it: the wheel in a fresh virtual environment, the pre-commit hook
from a user's `.pre-commit-config.yaml`, and the GitHub Action's steps run as the shell would
run them.

These install packages (from the registry or pip's cache), so they are marked `package`; they
run in CI with the rest. Everything runs outside the checkout, so nothing is imported from the
source tree by accident.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from checks.meta import DISTRIBUTION

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "tally-gold.json"
BROKEN = ROOT / "tests" / "golden" / "faulty.jsonl"

pytestmark = pytest.mark.package


def _run(cmd: list[str], cwd: Path, env: dict | None = None, timeout: int = 900):
    return subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _clean_env(**extra: str) -> dict:
    """The environment of a new shell: no PYTHONPATH pointing back into the checkout. pip
    skips compiling bytecode (PIP_NO_COMPILE), which is most of an install's time here."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_NO_COMPILE"] = "1"
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """`python -m build`: a wheel and an sdist, as a release would make them."""
    out = tmp_path_factory.mktemp("dist")
    proc = _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=out)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Path:
    """The wheel installed into a fresh virtual environment; returns its bin folder."""
    home = tmp_path_factory.mktemp("fresh")
    venv.create(home / "venv", with_pip=True)
    bin_dir = home / "venv" / "bin"
    (wheel,) = dist.glob("*.whl")
    python = str(bin_dir / "python")
    proc = _run([python, "-m", "pip", "install", "-q", str(wheel)], cwd=home, env=_clean_env())
    assert proc.returncode == 0, proc.stderr[-3000:]
    return bin_dir


def test_build_makes_a_wheel_and_an_sdist_named_after_the_free_distribution(dist):
    stem = DISTRIBUTION.replace("-", "_")
    assert len(list(dist.glob(f"{stem}-*-py3-none-any.whl"))) == 1
    assert len(list(dist.glob(f"{stem}-*.tar.gz"))) == 1


def test_installed_tally_says_its_version_from_the_metadata(installed, tmp_path):
    proc = _run([str(installed / "tally"), "--version"], cwd=tmp_path, env=_clean_env())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"tally {version(DISTRIBUTION)} ({DISTRIBUTION})"


def test_installed_tally_checks_a_sample_with_its_shipped_templates_and_assets(installed, tmp_path):
    """The HTML template and the Great Expectations assets come from inside the wheel."""
    sample = shutil.copy(GOLD, tmp_path / "sample.json")
    tally, env = str(installed / "tally"), _clean_env()
    proc = _run([tally, "check", sample], cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.rstrip().endswith("OK")

    html = tmp_path / "report.html"
    docs = tmp_path / "docs"
    proc = _run(
        [tally, "check", sample, "--format", "html", "--out", html, "--data-docs", docs],
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "<html" in html.read_text(encoding="utf-8").lower()
    assert list(docs.rglob("index.html")), "Data Docs were not written"
    assert list(docs.rglob("bootstrap.min.js")), "the offline Data Docs assets are missing"

    broken = shutil.copy(BROKEN, tmp_path / "broken.jsonl")
    assert _run([tally, "check", broken], cwd=tmp_path, env=env).returncode == 1


def test_installed_tally_annotate_help_and_labeling_config(installed, tmp_path):
    proc = _run([str(installed / "tally"), "annotate", "--help"], cwd=tmp_path, env=_clean_env())
    assert proc.returncode == 0, proc.stderr
    for command in ("serve", "push", "pull", "review"):
        assert command in proc.stdout
    code = "from annotate.config import labeling_config; print(labeling_config())"
    proc = _run([str(installed / "python"), "-c", code], cwd=tmp_path, env=_clean_env())
    assert proc.returncode == 0, proc.stderr
    assert '<Labels name="label"' in proc.stdout and 'name="unit"' in proc.stdout


def _out(cmd: list[str], cwd: Path) -> str:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def _git(repo: Path, *args: str) -> None:
    env = _clean_env(
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@t",
    )  # fmt: skip
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory) -> tuple[str, str]:
    """This checkout as a repository a user's config can name: (path, commit). Uncommitted
    changes to tracked files are committed in a clone, as `pre-commit try-repo` does."""
    head = _out(["git", "rev-parse", "HEAD"], ROOT)
    if subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=ROOT).returncode == 0:
        return str(ROOT), head
    shadow = tmp_path_factory.mktemp("hook-source") / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(shadow)], check=True)
    _git(shadow, "checkout", "-q", head, "-b", "_pc_tmp")
    git_dir = Path(_out(["git", "rev-parse", "--absolute-git-dir"], shadow))
    index = {
        "GIT_INDEX_FILE": str(git_dir / "index"),
        "GIT_OBJECT_DIRECTORY": str(git_dir / "objects"),
    }
    staged = _out(["git", "diff", "--cached", "--name-only", "-z"], ROOT).split("\0")
    for args in (["--", *filter(None, staged)], ["-u"]):
        subprocess.run(["git", "add", *args], cwd=ROOT, env={**os.environ, **index}, check=True)
    _git(shadow, "commit", "-q", "--no-verify", "-m", "uncommitted changes")
    return str(shadow), _out(["git", "rev-parse", "HEAD"], shadow)


def test_pre_commit_hook_passes_good_facts_and_fails_broken_ones(hook_source, tmp_path):
    """A user's .pre-commit-config.yaml naming this repository and commit: pre-commit installs
    the hook in its own environment once, and the next run (the failing one) reuses it."""
    pre_commit = Path(sys.executable).with_name("pre-commit")
    repo = tmp_path / "user-repo"
    (repo / "gold").mkdir(parents=True)
    shutil.copy(GOLD, repo / "gold" / "tally-gold.json")
    shutil.copy(BROKEN, repo / "extractor-output.jsonl")
    source, rev = hook_source
    config = {"repos": [{"repo": source, "rev": rev, "hooks": [{"id": "tally-check"}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    env = _clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))

    def hook(*files: str):
        return _run([str(pre_commit), "run", "tally-check", "--files", *files], cwd=repo, env=env)

    good = hook("gold/tally-gold.json")
    assert good.returncode == 0, good.stdout[-3000:] + good.stderr[-3000:]
    assert re.search(r"tally check.*Passed", good.stdout)
    bad = hook("gold/tally-gold.json", "extractor-output.jsonl")
    assert bad.returncode == 1, bad.stdout[-3000:]
    assert re.search(r"tally check.*Failed", bad.stdout)
    assert "part_whole.sum" in bad.stdout
    assert "Installing environment" in good.stderr + good.stdout
    assert "Installing environment" not in bad.stderr + bad.stdout  # the same environment


def _action_steps() -> list[dict]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    return action["runs"]["steps"]


def _run_action(inputs: dict, bin_dir: Path, cwd: Path):
    """Each `run:` step of the action as GitHub runs it: `${{ inputs.x }}` in `env:` and `if:`
    filled in, `bash -e` on the script. Steps that `uses:` another action (setup-python) are
    what the fresh virtual environment stands for."""
    declared = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]
    values = {name: inputs.get(name, spec.get("default", "")) for name, spec in declared.items()}

    def fill(text: str) -> str:
        return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], text)

    results = []
    for step in _action_steps():
        if "uses" in step:
            continue
        condition = step.get("if")
        if condition and not _truthy(condition, values):
            continue
        env = _clean_env(PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
        env.update({k: fill(str(v)) for k, v in step.get("env", {}).items()})
        assert "${{" not in step["run"], "inputs must reach the script through env only"
        results.append(_run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env))
    return results


def _truthy(condition: str, values: dict) -> bool:
    """The one form of condition the action uses: `${{ inputs.x != '' }}`."""
    m = re.fullmatch(r"\$\{\{\s*inputs\.([\w-]+)\s*!=\s*''\s*\}\}", condition.strip())
    assert m, f"unsupported condition {condition!r}"
    return values[m.group(1)] != ""


def test_action_steps_check_and_score_with_github_annotations(installed, dist, tmp_path):
    """With defaults the action checks gold/ and skips scoring; given a broken facts file and
    an extractor's predictions, `check` fails with ::error annotations and `score` reports."""
    (wheel,) = dist.glob("*.whl")
    shutil.copytree(ROOT / "gold", tmp_path / "gold")
    shutil.copy(BROKEN, tmp_path / "broken.jsonl")
    extract = [str(installed / "tally"), "extract", "gold", "--out", "pred.jsonl"]
    assert _run(extract, cwd=tmp_path, env=_clean_env()).returncode == 0
    good = _run_action({"package": str(wheel)}, installed, tmp_path)
    assert [r.returncode for r in good] == [0, 0], [r.stderr for r in good]

    inputs = {"package": str(wheel), "paths": "broken.jsonl", "pred": "pred.jsonl"}
    install, check, score = _run_action(inputs, installed, tmp_path)
    assert install.returncode == 0
    assert check.returncode == 1
    assert "::error" in check.stdout and "part_whole.sum" in check.stdout
    assert score.returncode == 0, score.stderr
    assert all(line.startswith("::") for line in score.stdout.splitlines() if line)
