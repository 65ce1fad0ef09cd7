#!/bin/sh
# One-shot setup for docker compose, after Kafka and Elasticsearch are healthy. Every
# step is idempotent, so a rerun is harmless:
#   1. Kafka: the four topics, each service's SCRAM user and its (literal) ACLs;
#   2. Elasticsearch: the Hunspell dictionary, the roles, kibana_system's password, the
#      analyst user, and the API keys of the index service and `claimwire search`;
#   3. the index templates and aliases (as elastic; the index service may not).
set -eu
claimwire stack kafka-setup
python /app/deploy/compose/es_setup.py
claimwire index setup
