"""Production: the design's values (the construct defaults carry the spec numbers)."""

from tripgen_constructs import EnvironmentConfig, RemoteBackendProps

PROD = EnvironmentConfig(
    name="prod",
    production=True,
    zone_redundant=True,
    tags={"owner": "platform", "cost-center": "tripgen"},
    backend=RemoteBackendProps(
        resource_group_name="rg-tripgen-tfstate",
        storage_account_name="sttripgentfstate",
        container_name="tfstate",
        key="tripgen-prod.tfstate",
    ),
)
