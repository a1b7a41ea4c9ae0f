# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make `ansible-test --venv` work where only the package registries are reachable.

ansible-test bootstraps pip in each virtual environment with a script it
downloads from its CI file host. When that host cannot be reached, this puts
a stand-in in ansible-test's cache: it bootstraps pip with the standard
library's ensurepip and then installs the pinned pip from the package index.
On a networked machine the real script downloads and nothing is replaced.
"""

import os
import re
import sys
import urllib.request

STAND_IN = '''\
# Stand-in for the get-pip bootstrap script, written by secops.executions scripts/ansible_test_bootstrap.py
# because the ansible-test CI file host was not reachable.
import ensurepip, os, subprocess, sys
ensurepip.bootstrap(upgrade=True)
# ensurepip sets PIP_CONFIG_FILE=/dev/null, which would hide the machine's index and certificate settings.
os.environ.pop("PIP_CONFIG_FILE", None)
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
sys.exit(subprocess.call([sys.executable, "-m", "pip", "install"] + args))
'''


def pip_version():
    import ansible_test

    source = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(source) as handle:
        match = re.search(r"default_packages = dict\(\s*pip='([0-9.]+)'", handle.read())
    if not match:
        sys.exit("cannot find the pip version ansible-test pins in " + source)
    return match.group(1)


def main():
    version = pip_version()
    cache = os.path.expanduser("~/.ansible/test/cache/get_pip_{0}.py".format(version.replace(".", "_")))
    if os.path.exists(cache):
        return
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    url = "https://ci-files.testing.ansible.com/ansible-test/get-pip-{0}.py".format(version)
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            content = answer.read().decode("utf-8")
        print("ansible-test pip bootstrap: downloaded " + url)
    except Exception as exc:  # pylint: disable=broad-except
        content = STAND_IN
        print("ansible-test pip bootstrap: {0} unreachable ({1}); using the ensurepip stand-in".format(url, exc))
    with open(cache, "w") as handle:
        handle.write(content)


if __name__ == "__main__":
    main()
