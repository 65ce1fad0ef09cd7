"""One real Elasticsearch 9 node from the distribution zip, with security and TLS on.

``start_elasticsearch`` lays out the node (``es_install``), generates the CA and
node certificate (``es_tls``) and the ``elastic`` password on the first start,
runs the node as a non-root process bound to 127.0.0.1, then, as the admin,
checks the service users of the file realm (``es_security``) and puts the index
templates.
"""

from __future__ import annotations

from claimwire_index.elastic import apply_setup, create_client
from claimwire_index.settings import IndexSettings
from elasticsearch import ApiError
from pydantic import SecretStr

from claimwire.stack.es_install import (
    NodeLayout,
    as_node_user,
    find_java_home,
    node_environment,
    prepare_config,
    set_bootstrap_password,
    unpack_distribution,
)
from claimwire.stack.es_security import (
    ADMIN_USER,
    basic,
    ca_path,
    ensure_admin_password,
    es_url,
    identities_work,
    load_credentials,
    request,
    write_file_realm,
)
from claimwire.stack.es_tls import ensure_certificates
from claimwire.stack.jvm import (
    Service,
    StackError,
    port_in_use,
    running_pid,
    start_background,
    wait_until,
)
from claimwire.stack.settings import StackSettings


def cluster_health(settings: StackSettings) -> str | None:
    """``green``/``yellow``/``red`` as the admin sees it, or None when the node does not answer.

    Raises StackError when the node answers but refuses the stored admin password.
    """
    password = load_credentials(settings).get("admin_password")
    if password is None:
        return None
    try:
        status, body = request(
            settings, "GET", "/_cluster/health", basic(ADMIN_USER, password), timeout_s=3
        )
    except (OSError, ValueError):
        return None
    if status == 401:
        raise StackError(
            "Elasticsearch refuses the stored elastic password (its data outlived "
            f"{settings.state_dir / 'elasticsearch' / 'credentials.json'}): stop the stack "
            "and delete .stack/elasticsearch to start afresh."
        )
    health = body.get("status") if status == 200 else None
    return health if isinstance(health, str) else None


def _apply_index_templates(settings: StackSettings) -> None:
    """As the admin, put the index templates of ``CLAIMWIRE_ES_INDEX_PREFIX``. Idempotent."""

    index_settings = IndexSettings(
        es_url=es_url(settings),
        es_ca_certs=str(ca_path(settings)),
        es_username=ADMIN_USER,
        es_password=SecretStr(ensure_admin_password(settings)),
        es_api_key=None,
    )
    client = create_client(index_settings)
    try:
        apply_setup(client, index_settings)
    except ApiError as exc:
        raise StackError(f"Applying the index templates failed: {exc}") from exc
    finally:
        client.close()


def start_elasticsearch(settings: StackSettings) -> str:
    """Start the node unless it runs, wait for health yellow/green, then set up identities.

    Idempotent. Returns a one-line status (no secret). Raises StackError with a clear reason.
    """
    service = Service("elasticsearch", settings)
    layout = NodeLayout(service.home)
    if running_pid(service) is None:
        if port_in_use(settings.es_port):
            raise StackError(
                f"Port {settings.es_port} is taken by another process, so Elasticsearch "
                f"cannot start. Stop it, or set CLAIMWIRE_STACK_ES_PORT."
            )
        java_home = find_java_home(settings)
        es_home = unpack_distribution(settings, layout)
        prepare_config(settings, layout, es_home)
        ensure_certificates(layout.certs)
        write_file_realm(settings, layout.config)
        env = node_environment(settings, layout, java_home)
        set_bootstrap_password(es_home, env, settings, ensure_admin_password(settings))
        command = as_node_user(settings, [str(es_home / "bin" / "elasticsearch")])
        start_background(service, command, env=env)
    wait_until(
        lambda: cluster_health(settings) in {"yellow", "green"},
        service,
        "healthy (cluster health yellow or green, as the admin over HTTPS)",
    )
    wait_until(
        lambda: identities_work(settings),
        service,
        "ready for the stack's users (file realm loaded)",
    )
    _apply_index_templates(settings)
    return (
        f"elasticsearch running on {es_url(settings)} (pid {running_pid(service)}; "
        f"TLS, CA {layout.certs / 'ca.crt'})"
    )
