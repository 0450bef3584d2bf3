"""CI files: valid against the published schemas, and they keep the properties that matter.

The GitHub workflows and .gitlab-ci.yml are validated with check-jsonschema's vendored copies
of the SchemaStore schemas (offline). Then the YAML is loaded and checked for what a schema
cannot know: actions pinned, least-privilege permissions, deploy only after a good build, one
deployment at a time. Last, the steps that call qingdan are run as written, in a real git
repository, so a renamed option or a wrong file name fails here and not on the first pull request.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.test_diff import commit, edit, git

try:
    import check_jsonschema  # noqa: F401
except ImportError as exc:  # pragma: no cover - the failure is the point
    raise ImportError("check-jsonschema is missing: pip install -e '.[test]'") from exc

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "publishing"
WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
GUIDE = "content/guides/scjgj/food.yaml"
CACHE = ".cache/qingdan-build"

# owner/repo[/path]@<40-hex sha> or @vN[.N[.N]]: never a branch.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@([0-9a-f]{40}|v\d+(\.\d+){0,2})$")
# GitLab's own check of artifacts:expose_as (Ruby's \w is ASCII only).
EXPOSE_AS = re.compile(r"^[A-Za-z0-9_][-A-Za-z0-9_ ]*$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def all_jobs() -> list[tuple[str, str, dict]]:
    return [(path.name, name, job) for path in sorted(WORKFLOWS.glob("*.yml"))
            for name, job in load(path)["jobs"].items()]


def step_running(job: dict, command: str) -> tuple[int, dict]:
    found = [(n, s) for n, s in enumerate(steps(job)) if command in s.get("run", "")]
    assert len(found) == 1, f"expected one step running {command!r}"
    return found[0]


# --- schema validation ------------------------------------------------------------------


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess:
    # --builtin-schema: the vendored copy, so no network; the files' own $schema is not fetched.
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)


def test_there_is_a_workflow_for_pull_requests_and_one_for_publishing():
    assert sorted(p.name for p in WORKFLOWS.glob("*.y*ml")) == ["publish.yml", "pull-request.yml"]


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(path):
    result = validate("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_gitlab_ci_matches_the_gitlab_schema():
    result = validate("vendor.gitlab-ci", GITLAB)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_schema_validation_rejects_a_broken_file(tmp_path):
    workflow = tmp_path / "publish.yml"
    workflow.write_text(PUBLISH.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    result = validate("vendor.github-workflows", workflow)
    assert result.returncode == 1
    assert str(workflow) in result.stdout
    gitlab = tmp_path / ".gitlab-ci.yml"
    gitlab.write_text(GITLAB.read_text(encoding="utf-8").replace("resource_group: pages", "resource_group: [pages]"),
                      encoding="utf-8")
    assert validate("vendor.gitlab-ci", gitlab).returncode == 1


# --- GitHub: what the schema cannot know ---------------------------------------------------


def test_every_action_is_pinned_to_a_commit_or_version_tag():
    refs: dict[str, set[str]] = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if (match := re.match(r"^\s*(- )?uses: (\S+)(\s+# (v\d+(\.\d+)*))?$", line)) is None:
                continue
            action = match.group(2)
            assert PINNED.match(action), f"{path.name}: {action} is not pinned"
            if "@" in action and len(action.rsplit("@", 1)[1]) == 40:
                assert match.group(4), f"{path.name}: say which version {action} is, in a comment"
            refs.setdefault(action.rsplit("@", 1)[0], set()).add(action)
    assert {"actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/configure-pages",
            "actions/upload-pages-artifact", "actions/deploy-pages", "actions/cache/restore",
            "actions/cache/save"} <= refs.keys()
    assert all(len(versions) == 1 for versions in refs.values()), f"one version of each action: {refs}"


def test_permissions_are_declared_and_minimal():
    for path in (PULL_REQUEST, PUBLISH):
        assert "permissions" in load(path), f"{path.name}: no top-level permissions"
    # A pull request's code must not be able to write anything, even from this repository.
    pr = load(PULL_REQUEST)
    assert pr["permissions"] == {"contents": "read"}
    # Publishing: nothing by default, read to build, and only the deploy job may write, to Pages.
    publish = load(PUBLISH)
    assert publish["permissions"] == {}
    assert publish["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for file, name, job in all_jobs():
        assert isinstance(job.get("permissions"), dict), f"{file} {name}: job without its own permissions"
        writes = {scope for scope, level in job["permissions"].items() if level == "write"}
        assert writes <= ({"pages", "id-token"} if (file, name) == ("publish.yml", "deploy") else set())


def test_pull_requests_run_without_secrets_and_nothing_bypasses_a_failure():
    triggers = load(PULL_REQUEST)["on"]
    assert list(triggers) == ["pull_request"]  # never pull_request_target: that runs the PR's code with secrets
    for file, name, job in all_jobs():
        assert "continue-on-error" not in job, f"{file} {name}"
        for step in steps(job):
            assert "continue-on-error" not in step, f"{file} {name}: {step}"
            # Expressions go through env:, never pasted into a shell script.
            assert "${{" not in step.get("run", ""), f"{file} {name}: expression inside run"
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False


def test_pull_request_checks_builds_uploads_and_summarises():
    job = load(PULL_REQUEST)["jobs"]["check"]
    checkout = steps(job)[0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0  # `qingdan diff` needs the base revision
    check_at, check = step_running(job, "qingdan check")
    assert check["run"].split() == ["qingdan", "check", "--format", "github"]
    build_at, build = step_running(job, "qingdan build")
    assert build["run"].split() == ["qingdan", "build", "--cache", CACHE, "--out", "site"]
    assert_build_cache_kept(job, build_at, full_on_schedule=False)
    upload_at, upload = next((n, s) for n, s in enumerate(steps(job)) if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    assert check_at < build_at < upload_at
    summary_at, summary = step_running(job, "qingdan diff")
    assert 'qingdan diff "$BASE_SHA" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    assert summary["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert summary["if"] == "${{ !cancelled() }}"  # a failed check still gets its summary
    assert summary_at > upload_at
    assert load(PULL_REQUEST)["concurrency"]["cancel-in-progress"] is True


def test_codeowners_drift_is_its_own_step_not_part_of_the_content_check():
    job = load(PULL_REQUEST)["jobs"]["check"]
    owners_at, owners = step_running(job, "qingdan codeowners")
    assert owners["run"].split() == ["qingdan", "codeowners", "--check", "--format", "github"]
    assert "CODEOWNERS" in owners["name"]
    assert owners_at != step_running(job, "qingdan check")[0]
    gitlab_job = gitlab()["codeowners"]
    assert gitlab_job["script"] == ["qingdan codeowners --check"]
    assert gitlab_job["stage"] == gitlab()["check"]["stage"]
    assert not any("codeowners" in line for line in gitlab()["check"]["script"])


def test_publishing_deploys_only_a_good_build_one_at_a_time():
    workflow = load(PUBLISH)
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" or deploy["needs"] == ["build"]
    assert "if" not in deploy  # no always(): a failed build skips the deployment
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in steps(deploy)] == ["actions/deploy-pages"]
    check_at, check = step_running(build, "qingdan check")
    assert check["run"].split() == ["qingdan", "check", "--format", "github"]
    build_at, build_step = step_running(build, "qingdan build")
    assert build_step["run"].split()[:4] == ["qingdan", "build", "--cache", CACHE]
    assert_build_cache_kept(build, build_at, full_on_schedule=True)
    out = build_step["run"].split()[-1]
    uses = [s.get("uses", "").split("@")[0] for s in steps(build)]
    upload_at = uses.index("actions/upload-pages-artifact")
    assert check_at < build_at < uses.index("actions/configure-pages") < upload_at
    assert steps(build)[upload_at]["with"]["path"].rstrip("/") == out


def assert_build_cache_kept(job: dict, build_at: int, full_on_schedule: bool) -> None:
    """actions/cache restores the build cache before the build and saves it after; its key
    changes with the generator's code (a full build then), and on the schedule it is skipped."""
    uses = [s.get("uses", "").split("@")[0] for s in steps(job)]
    restore, save = steps(job)[uses.index("actions/cache/restore")], steps(job)[uses.index("actions/cache/save")]
    assert uses.index("actions/cache/restore") < build_at < uses.index("actions/cache/save")
    assert restore["with"]["path"] == save["with"]["path"] == CACHE
    assert restore["with"]["key"] == save["with"]["key"]
    assert "hashFiles('generator/**'" in restore["with"]["key"] and "github.run_id" in restore["with"]["key"]
    assert restore["with"]["restore-keys"] == restore["with"]["key"].removesuffix("${{ github.run_id }}")
    if full_on_schedule:
        assert restore["if"] == "github.event_name != 'schedule'"


# --- GitLab ------------------------------------------------------------------------------


def gitlab() -> dict:
    return load(GITLAB)


def test_gitlab_check_reports_code_quality():
    job = gitlab()["check"]
    assert job["script"][0].startswith("qingdan check --format gitlab > gl-code-quality-report.json ")
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"  # the report is wanted most when the check failed
    assert "allow_failure" not in job


def test_gitlab_pages_publishes_public_from_the_default_branch_only():
    config = gitlab()
    pages = config["pages"]
    assert pages["rules"] == [
        {"if": '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "schedule"',
         "variables": {"QINGDAN_FULL_BUILD": "1"}},
        {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", "changes": ["generator/**/*", "mkdocs.yml", "pyproject.toml"],
         "variables": {"QINGDAN_FULL_BUILD": "1"}},
        {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["needs"] == ["check"]
    assert pages["script"] == ['if [ -n "${QINGDAN_FULL_BUILD:-}" ]; then rm -rf .cache/qingdan-build; fi',
                               f"qingdan build --cache {CACHE} --out public"]
    assert {"key": "qingdan-build-$CI_DEFAULT_BRANCH", "paths": [CACHE]} in pages["cache"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["resource_group"] == "pages" and pages["interruptible"] is False
    assert config["stages"].index(pages["stage"]) > config["stages"].index(config["check"]["stage"])
    assert "latest" not in config["default"]["image"] and ":" in config["default"]["image"]


def test_gitlab_merge_requests_get_a_preview_and_the_content_changes():
    config = gitlab()
    mr_only = [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    preview, changes = config["preview"], config["changes"]
    assert preview["rules"] == changes["rules"] == mr_only
    assert preview["script"] == [f"qingdan build --cache {CACHE} --out public"] and preview["needs"] == ["check"]
    assert {"key": "qingdan-build-mr-$CI_MERGE_REQUEST_IID", "paths": [CACHE]} in preview["cache"]
    assert {"key": "pip", "paths": [".cache/pip"]} in preview["cache"]  # a job's cache: replaces the default
    assert changes["variables"]["GIT_DEPTH"] == "0"
    assert changes["script"][0] == ('qingdan diff "$CI_MERGE_REQUEST_DIFF_BASE_SHA" HEAD --format markdown '
                                    "> content-changes.md")
    for job in (preview, changes):
        assert EXPOSE_AS.match(job["artifacts"]["expose_as"]), job["artifacts"]["expose_as"]


# --- the qingdan steps, run as written -------------------------------------------------------


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory) -> tuple[Path, str, str, str]:
    """A repository with a base commit, a good change of the guide on top, and a broken one."""
    repo = tmp_path_factory.mktemp("pr")
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE / "content", repo / "content")
    shutil.copytree(FIXTURE / "site_config", repo / "site_config")
    base = commit(repo, "base")
    edit(repo / GUIDE, "visits: 1", "visits: 0")
    good = commit(repo, "fewer visits")
    edit(repo / GUIDE, "case_type: 承诺件", "case_type: 承若件")
    broken = commit(repo, "typo")
    return repo, base, good, broken


def run(repo: Path, script: str, head: str, **env: str) -> subprocess.CompletedProcess:
    git(repo, "checkout", "-q", head)
    path = f"{Path(sys.executable).parent}{os.pathsep}/usr/bin{os.pathsep}/bin"
    # A PYTHONPATH that points at the tree under test (a worktree beside an editable install) stays.
    inherited = {"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=repo, capture_output=True, text=True,
                          env={"PATH": path, "HOME": str(repo), "QINGDAN_DATE": "2025-11-20", **inherited, **env})


def test_github_steps_run_as_written(pull_request, tmp_path):
    repo, base, good, broken = pull_request
    job = load(PULL_REQUEST)["jobs"]["check"]
    check, summary = step_running(job, "qingdan check")[1]["run"], step_running(job, "qingdan diff")[1]["run"]

    assert run(repo, check, good).returncode == 0
    failed = run(repo, check, broken)
    assert failed.returncode == 1
    assert failed.stdout.splitlines()[0].startswith(f"::error file={GUIDE},line=4,col=12,title=case_type::")

    owners = step_running(job, "qingdan codeowners")[1]["run"]
    missing = run(repo, owners, good)  # the fixture repository has no CODEOWNERS
    assert missing.returncode == 1
    assert missing.stdout.startswith("::error file=.github/CODEOWNERS::没有 CODEOWNERS 文件")
    assert run(repo, "qingdan codeowners", good).returncode == 0
    assert run(repo, owners, good).returncode == 0
    (repo / ".github" / "CODEOWNERS").unlink()

    written = tmp_path / "summary.md"
    env = {"BASE_SHA": base, "GITHUB_STEP_SUMMARY": str(written), "PREVIEW_URL": "https://example.test/artifact/1"}
    assert run(repo, summary, good, **env).returncode == 0
    text = written.read_text(encoding="utf-8")
    assert text.startswith(f"## 内容变更 / Content changes: `{base}` → `HEAD`")
    assert "| 修改 | 441723001000 | 食品经营许可 | visits（到办事现场次数） |" in text
    assert "](https://example.test/artifact/1)" in text

    written.unlink()
    env["PREVIEW_URL"] = ""  # a failed check: no preview, but the summary names the broken file
    assert run(repo, summary, broken, **env).returncode == 0
    text = written.read_text(encoding="utf-8")
    assert "### 未通过检查的文件 / files that did not load" in text and "content/guides/scjgj/food\\.yaml" in text
    assert "site-preview" not in text


def test_gitlab_scripts_run_as_written(pull_request):
    repo, base, good, broken = pull_request
    config = gitlab()
    check, changes = config["check"]["script"][0], config["changes"]["script"][0]
    report = repo / "gl-code-quality-report.json"

    assert run(repo, check, good).returncode == 0
    assert {r["severity"] for r in json.loads(report.read_text(encoding="utf-8"))} == {"minor"}  # warnings only

    failed = run(repo, check, broken)
    assert failed.returncode == 1
    issues = json.loads(report.read_text(encoding="utf-8"))
    assert [(i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues if i["severity"] == "major"] \
        == [(GUIDE, 4)]
    assert failed.stdout.splitlines()[0].startswith(f"{GUIDE}:4:12: case_type: ")  # and in the job log

    assert run(repo, changes, good, CI_MERGE_REQUEST_DIFF_BASE_SHA=base).returncode == 0
    assert "| 修改 | 441723001000 | 食品经营许可 | visits（到办事现场次数） |" in (
        repo / "content-changes.md").read_text(encoding="utf-8")
