"""One real Elasticsearch node through org.codelibs:elasticsearch-cluster-runner."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from claimwire.stack.jvm import (
    Service,
    StackError,
    port_in_use,
    resolve_classpath,
    running_pid,
    start_jvm,
    wait_until,
)
from claimwire.stack.settings import StackSettings

RUNNER = "org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner"


def cluster_health(port: int) -> str | None:
    """``green``/``yellow``/``red``, or None when the node does not answer."""
    url = f"http://127.0.0.1:{port}/_cluster/health"
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            status: str = json.load(response)["status"]
            return status
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        return None


def start_elasticsearch(settings: StackSettings) -> str:
    """Start one node unless it runs; wait for cluster health yellow or green. Idempotent."""
    service = Service("elasticsearch", settings)
    if running_pid(service) is None:
        # The runner silently moves to the next free port when one is taken; a node on
        # 9201 would look like success, so a taken port is an error here.
        if port_in_use(settings.es_port):
            raise StackError(
                f"Port {settings.es_port} is taken by another process, so Elasticsearch "
                f"cannot start. Stop it, or set CLAIMWIRE_STACK_ES_PORT."
            )
        classpath = resolve_classpath(settings, "elasticsearch")
        args = [
            "-cp",
            classpath,
            RUNNER,
            "-basePath",
            str(service.home / "cluster"),
            "-numOfNode",
            "1",
            "-baseHttpPort",
            str(settings.es_port - 1),  # node i listens on base + i
            "-clusterName",
            "claimwire-local",
        ]
        start_jvm(service, args, settings.es_heap)
    wait_until(
        lambda: cluster_health(settings.es_port) in {"yellow", "green"},
        service,
        "healthy (cluster health yellow or green)",
    )
    return (
        f"elasticsearch running on http://localhost:{settings.es_port} (pid {running_pid(service)})"
    )
