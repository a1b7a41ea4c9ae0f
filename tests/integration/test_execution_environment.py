# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where users outgrow one machine: an execution environment build context, and the demo run by
ansible-runner (the engine AWX and AAP run jobs with) from the built tarball."""

import glob
import os
import shutil
import subprocess
import sys

import ansible_runner

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.dirname(sys.executable)


def build_tarball(dest):
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--force", "--output-path", str(dest), ROOT],
                   check=True, stdout=subprocess.DEVNULL)
    return glob.glob(os.path.join(str(dest), "secops-executions-*.tar.gz"))[0]


def test_ansible_builder_creates_a_build_context(tmp_path):
    shutil.copy(os.path.join(ROOT, "execution-environment.yml"), str(tmp_path))
    build_tarball(tmp_path)
    subprocess.run([os.path.join(BIN, "ansible-builder"), "create", "--file", "execution-environment.yml",
                    "--context", "context", "--output-filename", "Containerfile"], cwd=str(tmp_path), check=True)
    context = tmp_path / "context"
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy collection install" in containerfile or "install-from-bindep" in containerfile
    assert (context / "_build" / "collections" / "secops-executions-0.2.0.tar.gz").exists()
    # ansible-builder reads the collection's own dependency files when it installs it in the image.
    assert "requests" in open(os.path.join(ROOT, "requirements.txt")).read()


def test_demo_runs_under_ansible_runner_from_the_tarball(emulator, tmp_path, monkeypatch):
    private = tmp_path / "runner"
    project = private / "project"
    (private / "inventory").mkdir(parents=True)
    project.mkdir()
    tarball = build_tarball(tmp_path)
    # --force: without it ansible-galaxy skips the install when a copy exists in the configured paths.
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--force", "-p", str(project / "collections"), tarball],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.copytree(os.path.join(ROOT, "playbooks"), str(project), dirs_exist_ok=True)
    (private / "inventory" / "hosts").write_text("localhost ansible_connection=local ansible_python_interpreter={0}\n".format(sys.executable))
    emulator.control.reset()
    # Only the collection installed next to the playbook may be found, as in an AWX project: the
    # runner inherits this process's environment, where make exports another collections path.
    monkeypatch.setenv("ANSIBLE_COLLECTIONS_PATH", str(project / "collections"))
    monkeypatch.setenv("PATH", BIN + os.pathsep + os.environ["PATH"])
    result = ansible_runner.run(private_data_dir=str(private), playbook="demo.yml", extravars={"emulator_url": emulator.url},
                                quiet=True)
    assert result.status == "successful", result.stdout.read()
    assert result.stats["failures"] == {} and result.stats["ok"]["localhost"] > 5
