"""``.env.example`` written from the settings classes, so it lists every variable.

``python -m claimwire.envfile`` rewrites it; a unit test fails when it drifts.
"""

from __future__ import annotations

import json
from pathlib import Path

from claimwire_enrich.service.settings import EnrichSettings
from claimwire_index.settings import IndexSettings
from claimwire_ingest.settings import IngestSettings
from pydantic import SecretStr
from pydantic_settings import BaseSettings

from claimwire.stack.settings import ROOT, StackSettings
from claimwire_base.settings import ElasticsearchSettings, KafkaSettings

# The variables docker compose substitutes from .env (deploy/docker-compose.yml).
COMPOSE_SECRETS = (
    "ELASTIC_PASSWORD",
    "KIBANA_SYSTEM_PASSWORD",
    "KIBANA_ENCRYPTION_KEY",
    "ANALYST_PASSWORD",
    "KAFKA_BROKER_PASSWORD",
    "KAFKA_CONTROLLER_PASSWORD",
    "KAFKA_ADMIN_PASSWORD",
    "KAFKA_INGEST_PASSWORD",
    "KAFKA_ENRICH_PASSWORD",
    "KAFKA_INDEX_PASSWORD",
    "INGEST_HTTP_TOKEN",
)


def settings_classes() -> list[type[BaseSettings]]:
    """Every settings class of the project, the shared bases first."""

    return [
        KafkaSettings,
        ElasticsearchSettings,
        IngestSettings,
        EnrichSettings,
        IndexSettings,
        StackSettings,
    ]


def known_variables() -> set[str]:
    """Every ``CLAIMWIRE_*`` variable some settings class reads."""
    return {
        f"{cls.model_config.get('env_prefix', '')}{name}".upper()
        for cls in settings_classes()
        for name in cls.model_fields
    }


def _default(value: object) -> str:
    if value is None or isinstance(value, SecretStr):
        return ""
    if isinstance(value, Path):
        return "" if str(value).startswith(str(ROOT)) else str(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return str(value)


def render() -> str:
    lines = [
        "# Every Claimwire setting with its default (generated: python -m claimwire.envfile).",
        "# Copy to .env (git-ignored). Secrets belong only in .env or the environment.",
        "",
        "# docker compose only: every secret, none with a default. Give each its own value",
        "# of letters and digits (`openssl rand -hex 24`); the encryption key needs 32+ chars.",
        *(f"{name}=" for name in COMPOSE_SECRETS),
    ]
    seen: set[str] = set()
    for cls in settings_classes():
        prefix = str(cls.model_config.get("env_prefix", ""))
        own = [(n, f) for n, f in cls.model_fields.items() if f"{prefix}{n}".upper() not in seen]
        if not own:
            continue
        lines += ["", f"# {cls.__name__}: {(cls.__doc__ or '').strip().splitlines()[0]}"]
        for name, field in own:
            variable = f"{prefix}{name}".upper()
            seen.add(variable)
            if field.description:
                lines.append(f"# {field.description}")
            lines.append(f"{variable}={_default(field.get_default(call_default_factory=True))}")
    return "\n".join(lines) + "\n"


def main() -> None:
    (ROOT / ".env.example").write_text(render())
    print(f"wrote {ROOT / '.env.example'}")


if __name__ == "__main__":
    main()
