"""The index service: enriched articles and claims from Kafka into Elasticsearch.

``documents`` is the pure core (event in, bulk action out); ``service`` is the
Kafka/Elasticsearch adapter; ``templates`` holds the index mappings;
``search`` backs ``claimwire search``; ``kibana`` renders the saved objects.
"""
